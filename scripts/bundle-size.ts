/**
 * `npm run size`: the browser bundle size of one function (with createClient, which any call needs) and of
 * all 25, minified and gzipped, as esbuild makes them.
 */
import { readFile } from 'node:fs/promises';
import { bundleOf } from './bundle.js';

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
