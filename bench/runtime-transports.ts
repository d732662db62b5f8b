/**
 * Which transport is faster in each runtime that matches the package's `node` export condition (Node, Bun and
 * Deno all do): this package over the runtime's own `fetch` and over `createNodeFetch` (node:http), side by side
 * against the loopback server (bench/server.ts, in a Node process of its own so every runtime calls the same
 * server). The result decides the order of the conditions in package.json: a runtime whose `fetch` wins gets
 * its own condition (`bun`, `deno`) ahead of `node`, pointing at the fetch entry.
 *
 * The measured module is bundled once by esbuild (ky inside, node:http left to the runtime) and run by each
 * runtime; it alternates the two transports for `rounds` rounds and prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { prefixDir } from '../runtimes/install.js';
import { CACHE, ROOT } from './package.js';
import { startServerProcess } from './server.js';

export interface RuntimeTransportFigures {
  runtime: string;
  version: string;
  /** Requests per second by transport and call. */
  rps: Record<'fetch' | 'node:http', Record<'createCustomer' | 'listCustomers', number>>;
}

export interface RuntimeTransportReport {
  options: { rounds: number; callsPerPhase: number; warmup: number };
  results: RuntimeTransportFigures[];
  notes: string[];
}

const OPTIONS = { rounds: 6, callsPerPhase: 400, warmup: 200 };

// Runs inside Bun, Deno or Node: imports the package's sources (bundled), measures, prints one line.
const MEASURE = `
import { createClient, createCustomer, listCustomers } from './src/index.ts';
import { createNodeFetch } from './src/node/node-fetch.ts';
const [url, json] = [globalThis.Deno ? Deno.args[0] : process.argv[2], globalThis.Deno ? Deno.args[1] : process.argv[3]];
const { rounds, callsPerPhase, warmup } = JSON.parse(json);
const apiKey = 'sk_test_bench0000000000000000';
const clients = { fetch: createClient({ apiKey, baseUrl: url }), 'node:http': createClient({ apiKey, baseUrl: url, fetch: createNodeFetch() }) };
const calls = {
  createCustomer: (client) => createCustomer(client, { name: 'Jane Doe', email: 'jane@example.com' }),
  listCustomers: (client) => listCustomers(client, { limit: 10 }),
};
const totals = {};
for (const transport of Object.keys(clients)) for (const call of Object.keys(calls)) for (let i = 0; i < warmup; i++) await calls[call](clients[transport]);
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? Object.keys(clients) : Object.keys(clients).reverse();
  for (const transport of order) for (const call of Object.keys(calls)) {
    const start = performance.now();
    for (let i = 0; i < callsPerPhase; i++) await calls[call](clients[transport]);
    const key = transport + ' ' + call;
    totals[key] = (totals[key] ?? 0) + performance.now() - start;
  }
}
const rps = {};
for (const [key, ms] of Object.entries(totals)) {
  const [transport, call] = key.split(' ');
  (rps[transport] ??= {})[call] = (rounds * callsPerPhase) / ms * 1000;
}
const version = globalThis.Bun ? 'Bun ' + Bun.version : globalThis.Deno ? 'Deno ' + Deno.version.deno : 'Node ' + process.versions.node;
console.log(JSON.stringify({ version, rps }));
if (globalThis.Deno) Deno.exit(0); else process.exit(0);
`;

// The conditions each runtime matches, in its own order of preference (as their resolvers document them).
const CONDITIONS: Record<string, readonly string[]> = { Node: ['node', 'import', 'default'], Bun: ['bun', 'node', 'import', 'default'], Deno: ['deno', 'node', 'import', 'default'] };
const NODE_ENTRY = './dist/index.node.js';

/** What package.json's "." export gives each runtime: the first condition written there that the runtime matches. */
export function intendedTransports(): Record<string, 'fetch' | 'node:http'> {
  const dot = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>> }).exports['.']!;
  return Object.fromEntries(
    Object.entries(CONDITIONS).map(([runtime, matches]) => {
      const first = Object.keys(dot).find((condition) => matches.includes(condition));
      return [runtime, first !== undefined && dot[first] === NODE_ENTRY ? 'node:http' : 'fetch'];
    }),
  );
}

async function bundleMeasure(): Promise<string> {
  const dir = join(CACHE, 'runtime-transports');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'measure.mjs');
  const result = await build({ stdin: { contents: MEASURE, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', target: 'es2022', write: false, logLevel: 'silent' });
  writeFileSync(file, result.outputFiles[0]!.text);
  return file;
}

function runUnder(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DENO_DIR: join(prefixDir('deno'), 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n').at(-1) ?? '') : reject(new Error(`${command} exited ${code}: ${err.slice(-500)}`))));
  });
}

export async function measureRuntimeTransports(): Promise<RuntimeTransportReport> {
  const file = await bundleMeasure();
  const runtimes: Array<[string, string, string[]]> = [
    ['Node', process.execPath, [file]],
    ['Bun', join(prefixDir('bun'), 'node_modules/.bin/bun'), ['run', file]],
    ['Deno', join(prefixDir('deno'), 'node_modules/.bin/deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', file]],
  ];
  const server = await startServerProcess();
  const results: RuntimeTransportFigures[] = [];
  const notes: string[] = [];
  try {
    for (const [runtime, command, args] of runtimes) {
      if (!existsSync(command)) {
        notes.push(`${runtime} is not installed in .cache/runtimes (run \`bash bench/install-runtimes.sh\`): its transports were not measured.`);
        continue;
      }
      const line = await runUnder(command, [...args, server.url, JSON.stringify(OPTIONS)]);
      const { version, rps } = JSON.parse(line) as Pick<RuntimeTransportFigures, 'version' | 'rps'>;
      results.push({ runtime, version, rps });
    }
  } finally {
    await server.close();
  }
  return { options: OPTIONS, results, notes };
}

if (process.argv[1]?.endsWith('runtime-transports.ts')) console.log(JSON.stringify(await measureRuntimeTransports(), null, 2));
