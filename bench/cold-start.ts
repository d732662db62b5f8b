/**
 * Cold start, in fresh child processes run from a consumer folder (`BuiltPackage.consumer`), so that
 * `import('@kosmokrator/stripe')` resolves through the package's export conditions as in a user's app (on Node:
 * the node:http entry). Three measures, the contenders alternating `runs` times each (the order rotated every round),
 * medians reported:
 *
 * - *process*: the wall time of `node -e "import('…')"` from spawn to exit, against `node -e 0` (bare node);
 * - *import*: the `await import()` alone, timed inside the child with `performance.now()`;
 * - *import + first request*: a child that imports, then makes one create_customer call against the loopback
 *   server (a separate process), timed inside the child, so that a cost moved from the import to the first call
 *   is still counted; stripe-node the same way. The child also says whether importing loaded Node's fetch
 *   implementation (undici), from `process.moduleLoadList`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltPackage } from './package.js';
import { median } from './stats.js';

export interface ColdStartFigures {
  /** Wall time of the whole `node -e` process, spawn to exit. */
  processMs: number;
  /** The `await import()` alone, measured inside the child; 0 for bare node. */
  importMs: number;
}

export interface FirstRequestFigures {
  importMs: number;
  /** From the end of the import to the first call's result: client, HTTP stack loading, the request. */
  firstCallMs: number;
  /** Whether undici (Node's fetch) had been loaded once the import was done. */
  fetchLoadedAtImport: boolean;
}

export interface ColdStartReport {
  runs: number;
  bare: ColdStartFigures;
  /** The floor of this way of measuring: `import()` of an empty ES module, i.e. Node's ESM loader starting up. */
  emptyModule: ColdStartFigures;
  ours: ColdStartFigures;
  /**
   * The floor for a package: an empty module imported by name from a package of its own with an "exports" map, as
   * ours is (Node resolves the bare name through node_modules and package.json first).
   */
  emptyPackage?: ColdStartFigures;
  stripe: ColdStartFigures;
  firstRequest: { ours: FirstRequestFigures; stripe: FirstRequestFigures };
}

const API_KEY = 'sk_test_bench0000000000000000';
const UNDICI_LOADED = `process.moduleLoadList.some((name) => name.includes('undici'))`;

function wallOf(cwd: string, args: readonly string[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  return elapsed;
}

function runScript<T>(cwd: string, script: string): T {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`a cold-start child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}

const importTimeOf = (cwd: string, specifier: string): number =>
  runScript<number>(cwd, `const start = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - start));`);

// Each child ends by exiting at once: a kept-alive socket must not add its idle time to the figure.
const FIRST_REQUEST: Record<'ours' | 'stripe', (url: string) => string> = {
  ours: (url) => `
    const start = performance.now();
    const { createClient, createCustomer } = await import('@kosmokrator/stripe');
    const imported = performance.now(); const fetchLoaded = ${UNDICI_LOADED};
    const customer = await createCustomer(createClient({ apiKey: '${API_KEY}', baseUrl: '${url}' }), { name: 'Jane Doe', email: 'jane@example.com' });
    if (typeof customer.id !== 'string') throw new Error('no customer');
    process.stdout.write(JSON.stringify({ importMs: imported - start, firstCallMs: performance.now() - imported, fetchLoadedAtImport: fetchLoaded }));
    process.exit(0);`,
  stripe: (url) => `
    const start = performance.now();
    const { default: Stripe } = await import('stripe');
    const imported = performance.now(); const fetchLoaded = ${UNDICI_LOADED};
    const { hostname, port } = new URL('${url}');
    const customer = await new Stripe('${API_KEY}', { host: hostname, port: Number(port), protocol: 'http' }).customers.create({ name: 'Jane Doe', email: 'jane@example.com' });
    if (typeof customer.id !== 'string') throw new Error('no customer');
    process.stdout.write(JSON.stringify({ importMs: imported - start, firstCallMs: performance.now() - imported, fetchLoadedAtImport: fetchLoaded }));
    process.exit(0);`,
};

const medianOf = (samples: FirstRequestFigures[]): FirstRequestFigures => ({
  importMs: median(samples.map((sample) => sample.importMs)),
  firstCallMs: median(samples.map((sample) => sample.firstCallMs)),
  fetchLoadedAtImport: samples.some((sample) => sample.fetchLoadedAtImport),
});

const EMPTY_PACKAGE = 'kosmo-bench-empty';

/** A package whose "." export is an empty module, installed in the consumer beside ours. */
function installEmptyPackage(consumer: string): string {
  const dir = join(consumer, 'node_modules', EMPTY_PACKAGE);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.js'), 'export {};\n');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: EMPTY_PACKAGE, private: true, type: 'module', exports: { '.': { node: './index.js', default: './index.js' } } }));
  return EMPTY_PACKAGE;
}

/** `serverUrl` is the loopback server the first requests go to, in a process of its own. */
export function measureColdStart(built: BuiltPackage, serverUrl: string, runs: number): ColdStartReport {
  const cwd = built.consumer;
  writeFileSync(join(cwd, 'empty.mjs'), 'export {};\n');
  const emptyPackage = installEmptyPackage(cwd);
  const samples = { bare: [] as number[], empty: [] as number[], ours: [] as number[], emptyPackage: [] as number[], stripe: [] as number[], oursImport: [] as number[], stripeImport: [] as number[], emptyPackageImport: [] as number[] };
  const first = { ours: [] as FirstRequestFigures[], stripe: [] as FirstRequestFigures[] };
  // Each round runs every child once, in an order rotated by one each round: in a fixed order a child's figure also
  // held what the one before it left behind (trial runs had the empty module 20 ms over bare node, then 5).
  const children: Array<() => void> = [
    () => samples.bare.push(wallOf(cwd, ['-e', '0'])),
    () => samples.empty.push(wallOf(cwd, ['-e', `import('./empty.mjs')`])),
    () => samples.ours.push(wallOf(cwd, ['-e', `import(${JSON.stringify(built.name)})`])),
    () => samples.emptyPackage.push(wallOf(cwd, ['-e', `import(${JSON.stringify(emptyPackage)})`])),
    () => samples.stripe.push(wallOf(cwd, ['-e', `import('stripe')`])),
    () => samples.oursImport.push(importTimeOf(cwd, built.name)),
    () => samples.stripeImport.push(importTimeOf(cwd, 'stripe')),
    () => samples.emptyPackageImport.push(importTimeOf(cwd, emptyPackage)),
    () => first.ours.push(runScript<FirstRequestFigures>(cwd, FIRST_REQUEST.ours(serverUrl))),
    () => first.stripe.push(runScript<FirstRequestFigures>(cwd, FIRST_REQUEST.stripe(serverUrl))),
  ];
  for (let run = 0; run < runs; run += 1) {
    for (let turn = 0; turn < children.length; turn += 1) children[(turn + run) % children.length]!();
  }
  return {
    runs,
    bare: { processMs: median(samples.bare), importMs: 0 },
    emptyModule: { processMs: median(samples.empty), importMs: 0 },
    ours: { processMs: median(samples.ours), importMs: median(samples.oursImport) },
    emptyPackage: { processMs: median(samples.emptyPackage), importMs: median(samples.emptyPackageImport) },
    stripe: { processMs: median(samples.stripe), importMs: median(samples.stripeImport) },
    firstRequest: { ours: medianOf(first.ours), stripe: medianOf(first.stripe) },
  };
}
