/**
 * The smoke entry for runtimes that run a file from the command line: Node, Bun and Deno.
 * Usage: `<runtime> smoke-cli.mjs <emulator origin> <tag> <transport>`; prints one report line (see protocol.ts).
 */
import { MARKER, type SmokeReport, type Transport, TRANSPORTS } from './protocol.js';
import { luaScript } from './lua.js';
import { runSmoke } from './suite.js';

interface RuntimeGlobals {
  Deno?: { version: { deno: string }; args: string[]; exit(code: number): never };
  Bun?: { version: string };
}
const runtime = globalThis as RuntimeGlobals;

// Deno has no process.argv of its own; Bun and Node do.
const [baseUrl, tag, transport] = runtime.Deno ? runtime.Deno.args : process.argv.slice(2);
if (baseUrl === undefined || tag === undefined || !TRANSPORTS.includes(transport as Transport)) throw new Error('usage: smoke-cli.mjs <emulator origin> <tag> <fetch|node:http>');

const checks = await runSmoke({ baseUrl, tag, browser: false, transport: transport as Transport, more: [['lua-script', luaScript]] });
const report: SmokeReport = { version: runtime.Deno?.version.deno ?? runtime.Bun?.version ?? process.versions.node, checks };
console.log(MARKER + JSON.stringify(report));
const code = checks.every((check) => check.ok) ? 0 : 1;
// Exit at once: the Lua host keeps its warm worker for the next run, and Deno and Bun would wait for it.
if (runtime.Deno) runtime.Deno.exit(code);
else process.exit(code);
