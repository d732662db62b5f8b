/**
 * The Lua host's start time, and the cost of a call made from Lua over the same call made from TypeScript, both
 * against the in-process emulator so that no network is measured. Run: `npx tsx bench/lua-overhead.ts`.
 *
 * Start: the first run (compiling the WebAssembly module, a fresh Lua state, the prelude) and the median of later
 * runs (a fresh state and the prelude). Per call: the median and p99 of 1,000 `get_customer` calls timed one by
 * one, from TypeScript with performance.now and from Lua with os.clock (the same high-resolution timer), after
 * 100 warm-up calls each.
 */
import { pathToFileURL } from 'node:url';
import { createEmulator } from '../src/emulator/index.js';
import { createClient, createCustomer, createStripe, getCustomer } from '../src/index.js';
import { createLuaHost } from '../src/lua/index.js';

const CALLS = 1_000;

// Nearest-rank percentile of samples, no interpolation.
const percentile = (samples: number[], fraction: number): number => [...samples].sort((a, b) => a - b)[Math.max(0, Math.ceil(fraction * samples.length) - 1)]!;
const median = (samples: number[]): number => percentile(samples, 0.5);
const WARMUP = 100;

export interface LuaOverhead {
  readonly firstRunMs: number;
  readonly laterRunMs: number;
  readonly tsMedianUs: number;
  readonly tsP99Us: number;
  readonly luaMedianUs: number;
  readonly luaP99Us: number;
}

export async function measureLuaOverhead(): Promise<LuaOverhead> {
  const emulator = createEmulator();
  const client = createClient({ apiKey: 'sk_test_bench', fetch: emulator.fetch });
  const stripe = createStripe({ apiKey: 'sk_test_bench', fetch: emulator.fetch });
  const { id } = await createCustomer(client, { name: 'Bench Customer', email: 'bench@example.com' });

  const host = createLuaHost({ stripe });
  let started = performance.now();
  await host.run('return 1');
  const firstRunMs = performance.now() - started;
  const later: number[] = [];
  for (let i = 0; i < 20; i++) {
    started = performance.now();
    await host.run('return 1');
    later.push(performance.now() - started);
  }

  const ts: number[] = [];
  for (let i = 0; i < CALLS + WARMUP; i++) {
    const t = performance.now();
    await getCustomer(client, { id });
    if (i >= WARMUP) ts.push((performance.now() - t) * 1000);
  }

  const { value } = await host.run(
    `local times = {}
     for i = 1, ${CALLS + WARMUP} do
       local t = os.clock()
       app.integrations.stripe.get_customer({ id = "${id}" })
       if i > ${WARMUP} then times[#times + 1] = (os.clock() - t) * 1e6 end
     end
     return times`,
    { timeoutMs: 300_000 },
  );
  const lua = value as number[];
  return {
    firstRunMs,
    laterRunMs: median(later),
    tsMedianUs: median(ts),
    tsP99Us: percentile(ts, 0.99),
    luaMedianUs: median(lua),
    luaP99Us: percentile(lua, 0.99),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await measureLuaOverhead();
  console.log(`Lua host start: first run ${r.firstRunMs.toFixed(1)} ms, later runs ${r.laterRunMs.toFixed(1)} ms (median of 20)`);
  console.log(`get_customer on the emulator, median of ${CALLS}: TypeScript ${r.tsMedianUs.toFixed(0)} µs (p99 ${r.tsP99Us.toFixed(0)}), Lua ${r.luaMedianUs.toFixed(0)} µs (p99 ${r.luaP99Us.toFixed(0)}), overhead ${(r.luaMedianUs - r.tsMedianUs).toFixed(0)} µs per call`);
}
