/**
 * `npm run test:runtimes`: the runtime matrix. Installs whatever runtime is missing (install.ts), builds, packs
 * and installs the package (build.ts), starts the emulator on 127.0.0.1 (server.ts), and runs the same smoke
 * suite (smoke/suite.ts) in Node 20, 22 and 24, Bun, Deno, workerd and Chromium, one after the other, each
 * within RUNTIME_TIMEOUT_MS. Prints a table and, last, `runtimes: N passed, M failed`; exits 1 on any failure.
 */
import { join } from 'node:path';
import { appDir, type Artifacts, buildArtifacts } from './build.js';
import { ensureChromium, ensurePrefix, type InstallOutcome, nodeBinary, prefixDir, type PrefixName } from './install.js';
import { excerpt, run } from './process.js';
import { startLoopback } from './server.js';
import { BROWSER_CHECKS, CHECKS, CLI_CHECKS, type Check, MARKER, type SmokeReport, type Transport } from './smoke/protocol.js';

const RUNTIME_TIMEOUT_MS = 120_000;

interface Runtime {
  readonly name: string;
  /** The prefixes it needs; `chromium` also needs Debian's browser. */
  readonly needs: readonly PrefixName[];
  readonly checks: readonly string[];
  /**
   * What a client made without `fetch` must send through here: node:http on Node (the package's `node` condition);
   * the runtime's own fetch in Bun and Deno (their `bun`/`deno` conditions come first: measured faster there),
   * workerd and browsers.
   */
  readonly transport: Transport;
  /** The command that prints the report line, given the built artifacts, the emulator's origin, a tag and the transport. */
  readonly command: (artifacts: Artifacts, origin: string, tag: string, transport: Transport) => [string, string[]];
}

const MATRIX: readonly Runtime[] = [
  { name: `node ${process.versions.node.split('.')[0]}`, needs: [], checks: CLI_CHECKS, transport: 'node:http', command: (a, origin, tag, t) => [process.execPath, [a.cli, origin, tag, t]] },
  { name: 'node 22', needs: ['node22'], checks: CLI_CHECKS, transport: 'node:http', command: (a, origin, tag, t) => [nodeBinary('node22'), [a.cli, origin, tag, t]] },
  { name: 'node 24', needs: ['node24'], checks: CLI_CHECKS, transport: 'node:http', command: (a, origin, tag, t) => [nodeBinary('node24'), [a.cli, origin, tag, t]] },
  { name: 'bun', needs: ['bun'], checks: CLI_CHECKS, transport: 'fetch', command: (a, origin, tag, t) => [`${prefixDir('bun')}/node_modules/.bin/bun`, ['run', a.cli, origin, tag, t]] },
  {
    name: 'deno',
    needs: ['deno'],
    checks: CLI_CHECKS,
    transport: 'fetch',
    // Network to the loopback only, and reading wasmoon's WebAssembly file, which the Lua VM loads (the README's
    // Lua section says so); no other read, no write, env or run permission, and no prompt for one.
    command: (a, origin, tag, t) => [
      `${prefixDir('deno')}/node_modules/.bin/deno`,
      ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${join(appDir, 'node_modules', 'wasmoon', 'dist', 'glue.wasm')}`, a.cli, origin, tag, t],
    ],
  },
  { name: 'workerd', needs: ['node22', 'miniflare'], checks: CHECKS, transport: 'fetch', command: (a, origin, tag, t) => [nodeBinary('node22'), [a.workerdHost, a.worker, origin, tag, t]] },
  { name: 'chromium', needs: ['playwright'], checks: BROWSER_CHECKS, transport: 'fetch', command: (a, origin, tag, t) => [process.execPath, [a.chromiumHost, a.pageDir, origin, tag, t]] },
];

interface Outcome {
  readonly runtime: string;
  readonly version: string;
  readonly checks: readonly Check[];
  readonly expected: readonly string[];
  readonly seconds: number;
  /** Why the runtime failed as a whole (no report, a timeout, a crash), beyond its failing checks. */
  readonly problem: string | null;
}

// A runtime passes when it reported exactly the expected checks (problem is null then) and every one passed.
const passed = (outcome: Outcome): boolean => outcome.problem === null && outcome.checks.every((check) => check.ok);

function reportOf(stdout: string): SmokeReport | null {
  const line = stdout.split('\n').reverse().find((candidate) => candidate.startsWith(MARKER));
  return line === undefined ? null : (JSON.parse(line.slice(MARKER.length)) as SmokeReport);
}

async function runOne(runtime: Runtime, artifacts: Artifacts, origin: string): Promise<Outcome> {
  const tag = `${runtime.name.replace(/\W+/g, '')}-${Date.now().toString(36)}`;
  const [command, args] = runtime.command(artifacts, origin, tag, runtime.transport);
  // DENO_DIR and NO_COLOR keep the runtimes from writing caches into $HOME or colours into the report.
  const env = { ...process.env, DENO_DIR: `${prefixDir('deno')}/deno-dir`, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const result = await run(command, args, { env, timeoutMs: RUNTIME_TIMEOUT_MS });
  const report = reportOf(result.stdout);
  const base = { runtime: runtime.name, expected: runtime.checks, seconds: result.seconds };
  if (report === null) {
    const why = result.timedOut ? `timed out after ${RUNTIME_TIMEOUT_MS / 1000} s` : `exited ${result.code} without a report`;
    return { ...base, version: '?', checks: [], problem: `${why}\n${excerpt(result.stderr || result.stdout)}` };
  }
  const names = report.checks.map((check) => check.name).join(',');
  // A runtime that reports and then hangs, or crashes on the way out, is broken too.
  const problem = names !== runtime.checks.join(',') ? `reported checks ${names}, expected ${runtime.checks.join(',')}`
    : result.timedOut ? `reported, then hung until killed after ${RUNTIME_TIMEOUT_MS / 1000} s`
    : result.code !== 0 && report.checks.every((check) => check.ok) ? `exited ${result.code} after passing every check\n${excerpt(result.stderr)}`
    : null;
  return { ...base, version: report.version, checks: report.checks, problem };
}

function printTable(outcomes: readonly Outcome[]): void {
  const rows = [
    ['runtime', 'version', 'checks passed', 'time'],
    ...outcomes.map((o) => [o.runtime, o.version, `${o.checks.filter((check) => check.ok).length}/${o.expected.length}`, `${o.seconds.toFixed(1)} s`]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ').trimEnd();
  console.log(line(rows[0]!));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows.slice(1)) console.log(line(row));
}

function printFailures(outcomes: readonly Outcome[]): void {
  for (const outcome of outcomes.filter((o) => !passed(o))) {
    console.log(`\n✗ ${outcome.runtime}`);
    if (outcome.problem !== null) console.log(`  ${outcome.problem.replaceAll('\n', '\n  ')}`);
    for (const check of outcome.checks.filter((c) => !c.ok)) console.log(`  ${check.name}: ${check.detail}`);
  }
}

/**
 * Installs what the matrix needs. A failed install fails only the runtimes that need it; the message is kept
 * for the failure list.
 */
async function install(): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  const attempt = async (name: string, ensure: () => Promise<InstallOutcome>) => {
    try {
      const o = await ensure();
      console.log(`install: ${o.name.padEnd(10)} ${o.version} (${o.installSeconds === null ? 'present' : `installed in ${o.installSeconds.toFixed(1)} s`})`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const runtimes = MATRIX.filter((runtime) => runtime.needs.includes(name as PrefixName) || (name === 'chromium' && runtime.name === 'chromium')).map((runtime) => runtime.name);
      console.log(`install: ${name.padEnd(10)} FAILED, so ${runtimes.join(', ')} cannot run: ${message.split('\n')[0]}`);
      failures.set(name, message);
    }
  };
  for (const name of new Set(MATRIX.flatMap((runtime) => runtime.needs))) await attempt(name, () => ensurePrefix(name));
  await attempt('chromium', ensureChromium);
  return failures;
}

const failedInstall = (runtime: Runtime, failures: Map<string, string>): string | undefined =>
  [...runtime.needs, ...(runtime.name === 'chromium' ? ['chromium'] : [])].map((name) => failures.get(name)).find((message) => message !== undefined);

async function runMatrix(): Promise<Outcome[]> {
  const failures = await install();
  const artifacts = await buildArtifacts();
  console.log(`build: packed and installed into ${appDir}${artifacts.hasEmulatorExport ? '' : ' (no ./emulator export: the round trip will fail)'}`);
  const loopback = await startLoopback();
  console.log(`emulator: ${loopback.url} (serveEmulator)\n`);
  const outcomes: Outcome[] = [];
  try {
    for (const runtime of MATRIX) {
      const installProblem = failedInstall(runtime, failures);
      const outcome = installProblem === undefined
        ? await runOne(runtime, artifacts, loopback.url)
        : { runtime: runtime.name, version: '?', checks: [], expected: runtime.checks, seconds: 0, problem: `not installed: ${installProblem}` };
      console.log(`${passed(outcome) ? '✓' : '✗'} ${runtime.name}`);
      outcomes.push(outcome);
    }
  } finally {
    await loopback.close();
  }
  return outcomes;
}

const started = performance.now();
let outcomes: Outcome[];
try {
  outcomes = await runMatrix();
} catch (error) {
  // The build or the emulator failed: no runtime can run, and CI must still read a closing line.
  console.error(error);
  outcomes = MATRIX.map((runtime) => ({ runtime: runtime.name, version: '?', checks: [], expected: runtime.checks, seconds: 0, problem: 'the stage failed before the runtimes ran (see above)' }));
}
console.log('');
printTable(outcomes);
printFailures(outcomes);
const good = outcomes.filter(passed).length;
console.log(`\nstage time ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`runtimes: ${good} passed, ${outcomes.length - good} failed`);
process.exitCode = good === outcomes.length ? 0 : 1;
