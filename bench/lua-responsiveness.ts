/**
 * How responsive the host's own event loop stays while a hostile script runs in the Lua host: a 10 ms interval
 * timer in the host records how late each tick fires during scripts that never return to Lua on their own (a bare
 * loop, a loop that swallows every error with pcall, a pattern that runs inside C), each under a 2 s limit.
 * Run: `npx tsx bench/lua-responsiveness.ts`. Prints one JSON line per script.
 */
import { createEmulator } from '../src/emulator/index.js';
import { createStripe } from '../src/index.js';
import { createLuaHost } from '../src/lua/index.js';

const TICK_MS = 10;
const LIMIT_MS = 2_000;

const SCRIPTS: Record<string, string> = {
  'busy loop': 'while true do end',
  'loop inside pcall, retried': 'while true do pcall(function() while true do end end) end',
  'pattern inside C': 'return string.find(string.rep("a", 40000), string.rep("a?", 20000) .. string.rep("a", 20000))',
};

async function main(): Promise<void> {
  const emulator = createEmulator();
  const host = createLuaHost({ stripe: createStripe({ apiKey: 'sk_test_bench', fetch: emulator.fetch }) });
  await host.run('return 1');
  for (const [name, script] of Object.entries(SCRIPTS)) {
    const lateness: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      lateness.push(now - last - TICK_MS);
      last = now;
    }, TICK_MS);
    const started = performance.now();
    const outcome = await host.run(script, { timeoutMs: LIMIT_MS }).then(
      () => 'finished',
      (error: { kind?: string }) => error.kind ?? 'error',
    );
    const settled = performance.now() - started;
    clearInterval(timer);
    const sorted = lateness.sort((a, b) => a - b);
    console.log(JSON.stringify({ script: name, outcome, settled_ms: Math.round(settled), ticks: sorted.length, p50_late_ms: +sorted[Math.floor(sorted.length / 2)]!.toFixed(1), worst_late_ms: +sorted.at(-1)!.toFixed(1) }));
  }
  process.exit(0);
}

await main();
