/**
 * `npm run size`: the browser bundle size of one function (with createClient, which any call needs) and of
 * all 25, minified and gzipped, as esbuild makes them. `npm run size -- --modules` adds what each module of the
 * one-function bundle contributes, to see where the bytes are.
 */
import { readFile } from 'node:fs/promises';
import { bundleOf, moduleShares } from './bundle.js';

const index = await readFile(new URL('../generated/index.ts', import.meta.url), 'utf8');
const allFunctions = [...index.matchAll(/^export \{ (\w+), type \w+Params/gm)].map((match) => match[1]!);

const rows: Array<[string, readonly string[]]> = [
  ['createCustomer (+ createClient)', ['createClient', 'createCustomer']],
  [`all ${allFunctions.length} functions (+ createClient)`, ['createClient', ...allFunctions]],
  ['createStripe (all functions, all accounts)', ['createStripe']],
];

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KiB`;
console.log('bundle (esbuild, browser ESM, minified)        minified     gzip');
for (const [label, names] of rows) {
  const { minified, gzip } = await bundleOf(names);
  console.log(`${label.padEnd(46)} ${kib(minified).padStart(10)} ${kib(gzip).padStart(10)}   (${minified} / ${gzip} bytes)`);
}

if (process.argv.includes('--modules')) {
  const [label, names] = rows[0]!;
  const shares = await moduleShares(names);
  const ky = shares.filter(({ module }) => module.startsWith('node_modules/ky/'));
  console.log(`\n${label}, by module                    minified    gzip (what leaving it out saves)`);
  const row = (name: string, minified: number, gzip: number): void => console.log(`  ${name.padEnd(44)} ${String(minified).padStart(7)} ${String(gzip).padStart(7)}`);
  for (const share of shares.filter((s) => !ky.includes(s))) row(share.module, share.minified, share.gzip);
  row(`ky (${ky.length} modules)`, ky.reduce((sum, s) => sum + s.minified, 0), ky.reduce((sum, s) => sum + s.gzip, 0));
}
