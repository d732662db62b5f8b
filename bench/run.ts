/**
 * `npm run bench`: every benchmark in one run, then BENCHMARKS.md. Bounded for a shared 2-core machine: each
 * load phase stops at a request count or a time limit, and the whole run takes about four to five minutes.
 *
 * Node 22 and 24, Bun and Deno (and undici, for the transport comparison) come from `bash bench/install-runtimes.sh`;
 * whatever is missing is skipped and said so in BENCHMARKS.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { measureBundles } from './bundle.js';
import { measureCodegen } from './codegen.js';
import { measureLuaOverhead } from './lua-overhead.js';
import { measureColdStart } from './cold-start.js';
import { buildPackage, CACHE, ROOT } from './package.js';
import { measurePaginate } from './paginate.js';
import { type BenchResults, renderReport } from './report.js';
import { intendedTransports, measureRuntimeTransports } from './runtime-transports.js';
import { findRuntimes, type Runtime } from './runtimes.js';
import { startServer, startServerProcess } from './server.js';
import type { ThroughputOptions, ThroughputReport } from './throughput.js';
import { measureTypecheck } from './typecheck.js';

const THROUGHPUT: Omit<ThroughputOptions, 'url'> = { rounds: 5, warmup: 300, maxRequests: 2_000, maxMs: 700, concurrency: 1 };
const COLD_START_RUNS = 31;
const TYPECHECK_RUNS = 3;
const PAGINATE_RUNS = 3;
const CODEGEN_RUNS = 3;

const versionOf = (name: string): string => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

function step<T>(label: string, work: () => T): T {
  const start = performance.now();
  process.stdout.write(`bench: ${label}…`);
  const result = work();
  const done = (): void => void process.stdout.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  if (result instanceof Promise) return result.then((value: unknown) => (done(), value)) as T;
  done();
  return result;
}

/** The throughput benchmark under one Node binary, in a child process of its own. */
function throughputUnder(runtime: Runtime): Promise<ThroughputReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(runtime.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'throughput.ts'), JSON.stringify(THROUGHPUT)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output) as ThroughputReport) : reject(new Error(`bench/throughput.ts under ${runtime.version} exited with ${code}`))));
  });
}

// `--render-only`: rewrite BENCHMARKS.md from the last run's figures, measuring nothing.
if (process.argv.includes('--render-only')) {
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(JSON.parse(readFileSync(join(CACHE, 'results.json'), 'utf8')) as BenchResults));
  console.log('bench: rewrote BENCHMARKS.md from .cache/bench/results.json.');
  process.exit(0);
}

const started = performance.now();
const loadBefore = loadavg();
mkdirSync(CACHE, { recursive: true });
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const { runtimes, notes } = findRuntimes();

const bundle = await step('bundle sizes', measureBundles);
const built = step('building the package into .cache/bench/package', buildPackage);
// The first requests of cold start go to a server in a process of its own: spawnSync blocks this one.
const coldServer = await startServerProcess();
const coldStart = step(`cold start (${COLD_START_RUNS} runs)`, () => measureColdStart(built, coldServer.url, COLD_START_RUNS));
await coldServer.close();
const typecheck = step(`type-check cost (${TYPECHECK_RUNS} runs)`, () => measureTypecheck(built, TYPECHECK_RUNS));
const server = await startServer();
const paginate = await step(`auto-pagination (${PAGINATE_RUNS} runs)`, () => measurePaginate(server.url, PAGINATE_RUNS));
await server.close();
const throughput: BenchResults['throughput'] = [];
for (const runtime of runtimes) {
  const report = await step(`per-call overhead under ${runtime.version}`, () => throughputUnder(runtime));
  throughput.push({ runtime, report });
}
const runtimeTransports = await step('transports in Node, Bun and Deno', measureRuntimeTransports);
const codegen = step(`codegen (${CODEGEN_RUNS} runs)`, () => measureCodegen(CODEGEN_RUNS));
const lua = await step('Lua bridge overhead and host start', measureLuaOverhead);

const undici = throughput.find(({ report }) => report.undici)?.report.undici;
const results: BenchResults = {
  date: new Date().toISOString().slice(0, 10),
  durationS: (performance.now() - started) / 1000,
  machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, memoryGb: totalmem() / 2 ** 30, os: `${osType()} ${release()}`, loadBefore, loadAfter: loadavg() },
  versions: {
    [name]: version,
    stripe: versionOf('stripe'),
    ky: versionOf('ky'),
    typescript: versionOf('typescript'),
    esbuild: versionOf('esbuild'),
    ...(undici && { undici }),
    Node: runtimes.map((runtime) => runtime.version).join(', '),
  },
  bundle,
  coldStart,
  typecheck,
  paginate,
  codegen,
  throughputOptions: THROUGHPUT,
  throughput,
  runtimeTransports,
  lua,
  intendedTransports: intendedTransports(),
  notes: [...notes, ...runtimeTransports.notes, ...new Set(throughput.flatMap(({ report }) => report.notes))],
};
writeFileSync(join(CACHE, 'results.json'), JSON.stringify(results, null, 2));
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(results));
console.log(`bench: wrote BENCHMARKS.md (raw figures in .cache/bench/results.json) in ${results.durationS.toFixed(0)} s.`);
