/**
 * Before/after in one run: this package as a git revision had it (default HEAD) against the working tree, with
 * default settings on Node (src/node/core.ts), stripe-node and raw fetch beside them, against the loopback server
 * in this process. Contenders alternate as in throughput.ts (each phase stops at 2,000 calls or `--ms`, the order
 * rotated every round), so drift on a shared machine falls on all of them alike. Prints one table on stdout.
 *
 *   npx tsx bench/ab.ts [rev] [--rounds 6] [--ms 500]
 *   .cache/runtimes/node22/node_modules/node/bin/node --import tsx bench/ab.ts HEAD~1
 *
 * The revision's src/, generated/, ky-loader/ and package.json are copied with `git archive` into a scratch
 * folder that shares this tree's node_modules, so both sides run the same ky, stripe and Node.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { API_KEY, type Calls, CUSTOMER, fetchCalls, LIST_LIMIT, stripeCalls } from './contenders.js';
import { startServer } from './server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CALLS = ['createCustomer', 'listCustomers'] as const;
const MAX_REQUESTS = 2_000;
const WARMUP = 300;
const PHASE_WARMUP = 20;

const USAGE = 'usage: npx tsx bench/ab.ts [rev] [--rounds N] [--ms M]\n  rev      the git revision to set against the working tree (default HEAD)\n  --rounds rounds of every contender (default 6)\n  --ms     milliseconds a phase may take at most (default 500)\n';

/** The package's two calls from a source tree, through the Node entry with default settings. */
async function oursFrom(root: string, baseUrl: string): Promise<Calls> {
  const { createClient } = (await import(join(root, 'src/node/core.ts'))) as typeof import('../src/node/core.js');
  const { createCustomer, listCustomers } = (await import(join(root, 'src/index.ts'))) as typeof import('../src/index.js');
  const client = createClient({ apiKey: API_KEY, baseUrl });
  return { createCustomer: () => createCustomer(client, CUSTOMER), listCustomers: () => listCustomers(client, { limit: LIST_LIMIT }) };
}

/** Copies the revision's sources into a scratch folder beside this tree's node_modules. */
function checkout(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stripe-ab-'));
  const archive = execFileSync('git', ['archive', rev, 'src', 'generated', 'ky-loader', 'package.json'], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

interface Total { calls: number; ms: number; cpuUs: number }

async function phase(call: () => Promise<unknown>, maxMs: number, warmup: number): Promise<Total> {
  for (let index = 0; index < warmup; index += 1) await call();
  let calls = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (calls < MAX_REQUESTS && performance.now() - start < maxMs) {
    await call();
    calls += 1;
  }
  const used = process.cpuUsage(cpu);
  return { calls, ms: performance.now() - start, cpuUs: used.user + used.system };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '6' }, ms: { type: 'string', default: '500' }, help: { type: 'boolean' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const rounds = Number(parsed.values.rounds);
  const maxMs = Number(parsed.values.ms);
  if (!Number.isInteger(rounds) || rounds < 1 || !(maxMs > 0) || parsed.positionals.length > 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  const rev = parsed.positionals[0] ?? 'HEAD';
  const dir = checkout(rev);
  const server = await startServer();
  try {
    const contenders: Array<[string, Calls]> = [
      [`ours @ ${rev}`, await oursFrom(dir, server.url)],
      ['ours (working tree)', await oursFrom(ROOT, server.url)],
      ['stripe-node', stripeCalls(server.url)],
      ['raw fetch', fetchCalls(server.url)],
    ];
    process.stderr.write(`ab: ${process.version}, ${rounds} rounds of ${maxMs} ms phases…\n`);
    for (const [, calls] of contenders) for (const call of CALLS) await phase(calls[call], 0, WARMUP);
    const totals = new Map<string, Total>();
    for (let round = 0; round < rounds; round += 1) {
      for (const call of CALLS) {
        for (let turn = 0; turn < contenders.length; turn += 1) {
          const [name, calls] = contenders[(turn + round) % contenders.length]!;
          const sample = await phase(calls[call], maxMs, PHASE_WARMUP);
          const total = totals.get(`${name}|${call}`) ?? { calls: 0, ms: 0, cpuUs: 0 };
          totals.set(`${name}|${call}`, { calls: total.calls + sample.calls, ms: total.ms + sample.ms, cpuUs: total.cpuUs + sample.cpuUs });
        }
      }
    }
    const rps = (name: string, call: string): number => {
      const total = totals.get(`${name}|${call}`)!;
      return (total.calls / total.ms) * 1000;
    };
    const lines = [`Node ${process.version}, ${rounds} rounds, phases of at most ${MAX_REQUESTS} calls or ${maxMs} ms`, '| contender | create req/s | CPU µs/call | ÷ stripe-node | ÷ raw fetch | list req/s | CPU µs/call | ÷ stripe-node | ÷ raw fetch |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
    for (const [name] of contenders) {
      const cells = CALLS.flatMap((call) => {
        const total = totals.get(`${name}|${call}`)!;
        return [rps(name, call).toFixed(0), (total.cpuUs / total.calls).toFixed(0), `${(rps(name, call) / rps('stripe-node', call)).toFixed(2)}×`, `${(rps(name, call) / rps('raw fetch', call)).toFixed(2)}×`];
      });
      lines.push(`| ${name} | ${cells.join(' | ')} |`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// stripe-node's keep-alive sockets would hold the process open.
process.exit(await main());
