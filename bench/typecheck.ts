/**
 * Type-check cost for a consumer: `tsc --noEmit` of a one-line consumer in its own folder under `.cache/bench`,
 * with this package (its built declarations, linked into node_modules), with stripe-node, and with bare fetch
 * (no package, the floor). Wall time and peak RSS of the tsc process, read by a preload that reports
 * `process.resourceUsage().maxRSS` as tsc exits. The three alternate, `runs` times each; medians are reported.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuiltPackage, CACHE, ROOT, TSC } from './package.js';
import { median } from './stats.js';

export interface TypecheckFigures { wallMs: number; peakRssMb: number }

export interface TypecheckReport {
  runs: number;
  tsconfig: Record<string, unknown>;
  ours: TypecheckFigures;
  stripe: TypecheckFigures;
  fetch: TypecheckFigures;
}

// A consumer's usual settings; skipLibCheck as `tsc --init` writes it, so packages' own .d.ts are not re-checked.
const CONSUMER_OPTIONS = { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: true, noEmit: true };

const CONSUMERS = {
  ours: `import { createClient, createCustomer } from '@kosmokrator/stripe';\nexport const customer = await createCustomer(createClient({ apiKey: 'sk_test_x' }), { name: 'Jane Doe' });\n`,
  stripe: `import Stripe from 'stripe';\nexport const customer = await new Stripe('sk_test_x').customers.create({ name: 'Jane Doe' });\n`,
  fetch: `export const customer: unknown = await (await fetch('https://api.stripe.com/v1/customers', { method: 'POST', body: new URLSearchParams({ name: 'Jane Doe' }) })).json();\n`,
} as const;

type Contender = keyof typeof CONSUMERS;

const RSS_MARK = 'BENCH_MAX_RSS_KB=';
const REPORTER = `process.on('exit', () => process.stderr.write('\\n${RSS_MARK}' + process.resourceUsage().maxRSS + '\\n'));\n`;

function makeConsumer(contender: Contender, links: Record<string, string>): string {
  const dir = join(CACHE, 'typecheck', contender);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(join(dir, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `bench-consumer-${contender}`, private: true, type: 'module' }));
  writeFileSync(join(dir, 'consumer.ts'), CONSUMERS[contender]);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: CONSUMER_OPTIONS, files: ['consumer.ts'] }, null, 2));
  return dir;
}

function typecheck(dir: string, reporter: string): TypecheckFigures {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--require', reporter, TSC, '-p', dir], { cwd: dir, encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (child.status !== 0) throw new Error(`tsc --noEmit in ${dir} failed:\n${child.stdout}${child.stderr}`);
  const kb = Number(child.stderr.split(RSS_MARK)[1]?.trim());
  return { wallMs, peakRssMb: kb / 1024 };
}

export function measureTypecheck(built: BuiltPackage, runs: number): TypecheckReport {
  const reporter = join(CACHE, 'typecheck', 'report-max-rss.cjs');
  const dirs: Record<Contender, string> = {
    ours: makeConsumer('ours', { [built.name]: built.dir }),
    stripe: makeConsumer('stripe', { stripe: join(ROOT, 'node_modules', 'stripe') }),
    fetch: makeConsumer('fetch', {}),
  };
  writeFileSync(reporter, REPORTER);
  const samples: Record<Contender, TypecheckFigures[]> = { ours: [], stripe: [], fetch: [] };
  for (let run = 0; run < runs; run += 1) {
    for (const contender of Object.keys(dirs) as Contender[]) samples[contender].push(typecheck(dirs[contender], reporter));
  }
  const summary = (figures: TypecheckFigures[]): TypecheckFigures => ({ wallMs: median(figures.map((f) => f.wallMs)), peakRssMb: median(figures.map((f) => f.peakRssMb)) });
  return { runs, tsconfig: CONSUMER_OPTIONS, ours: summary(samples.ours), stripe: summary(samples.stripe), fetch: summary(samples.fetch) };
}
