/**
 * Cold start, in fresh child processes: the wall time of `node -e "import('…')"` for this package and for
 * stripe-node against `node -e 0` (bare node), and the import alone timed inside the child with
 * `performance.now()`, and where this package's import time goes. The three alternate, `runs` times each;
 * medians are reported.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ROOT } from './package.js';
import { median } from './stats.js';

export interface ColdStartFigures {
  /** Wall time of the whole `node -e` process, spawn to exit. */
  processMs: number;
  /** The `await import()` alone, measured inside the child; 0 for bare node. */
  importMs: number;
}

/** Where this package's import time goes, each step timed in order inside one fresh process. */
export interface ImportBreakdown {
  /** The first touch of `globalThis.Request`, which makes Node load its bundled undici (fetch, streams). */
  fetchGlobalsMs: number;
  /** ky, once those globals are loaded. */
  kyMs: number;
  /** This package's own modules, once ky is loaded. */
  oursMs: number;
}

export interface ColdStartReport {
  runs: number;
  breakdown: ImportBreakdown;
  bare: ColdStartFigures;
  ours: ColdStartFigures;
  stripe: ColdStartFigures;
}

function wallOf(args: readonly string[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  return elapsed;
}

function importTimeOf(specifier: string): number {
  const script = `const start = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - start));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`importing ${specifier} failed: ${child.stderr}`);
  return Number(child.stdout);
}

function breakdownOf(oursSpecifier: string): ImportBreakdown {
  const script = [
    'const times = []; let start = performance.now();',
    'void globalThis.Request; times.push(performance.now() - start); start = performance.now();',
    `await import('ky'); times.push(performance.now() - start); start = performance.now();`,
    `await import(${JSON.stringify(oursSpecifier)}); times.push(performance.now() - start);`,
    'process.stdout.write(JSON.stringify(times));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the import breakdown failed: ${child.stderr}`);
  const [fetchGlobalsMs, kyMs, oursMs] = JSON.parse(child.stdout) as [number, number, number];
  return { fetchGlobalsMs, kyMs, oursMs };
}

export function measureColdStart(oursEntry: string, runs: number): ColdStartReport {
  const specifiers = { ours: pathToFileURL(oursEntry).href, stripe: 'stripe' };
  const samples = { bare: [] as number[], ours: [] as number[], stripe: [] as number[], oursImport: [] as number[], stripeImport: [] as number[] };
  const breakdowns: ImportBreakdown[] = [];
  for (let run = 0; run < runs; run += 1) {
    samples.bare.push(wallOf(['-e', '0']));
    samples.ours.push(wallOf(['-e', `import(${JSON.stringify(specifiers.ours)})`]));
    samples.stripe.push(wallOf(['-e', `import(${JSON.stringify(specifiers.stripe)})`]));
    samples.oursImport.push(importTimeOf(specifiers.ours));
    samples.stripeImport.push(importTimeOf(specifiers.stripe));
    breakdowns.push(breakdownOf(specifiers.ours));
  }
  const step = (key: keyof ImportBreakdown): number => median(breakdowns.map((breakdown) => breakdown[key]));
  return {
    runs,
    breakdown: { fetchGlobalsMs: step('fetchGlobalsMs'), kyMs: step('kyMs'), oursMs: step('oursMs') },
    bare: { processMs: median(samples.bare), importMs: 0 },
    ours: { processMs: median(samples.ours), importMs: median(samples.oursImport) },
    stripe: { processMs: median(samples.stripe), importMs: median(samples.stripeImport) },
  };
}
