/**
 * `npm run size:check`: fails (exit 1) when the browser bundle of one function or of all of them grows past the
 * budget in size-budget.json. The budgets are the measured sizes plus 10%: room for fixes, not for a dependency
 * or a module pulled in by accident, which is what this check is for.
 */
import { readFile } from 'node:fs/promises';
import { bundleOf } from './bundle.js';

interface Budget {
  readonly minified: number;
  readonly gzip: number;
}

const FUNCTION_COUNT = 25;

const budgets = JSON.parse(await readFile(new URL('../size-budget.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const index = await readFile(new URL('../generated/index.ts', import.meta.url), 'utf8');
const allFunctions = [...index.matchAll(/^export \{ (\w+), type \w+Params/gm)].map((match) => match[1]!);

function fail(message: string): never {
  console.error(`size: ${message}`);
  process.exit(1);
}

// Measuring fewer functions than the package has would pass against any budget.
if (allFunctions.length !== FUNCTION_COUNT) fail(`found ${allFunctions.length} functions in generated/index.ts, expected ${FUNCTION_COUNT}; update this script and the budgets together.`);

function budgetOf(key: string): Budget {
  const budget = budgets[key] as Partial<Budget> | undefined;
  const valid = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;
  if (!valid(budget?.minified) || !valid(budget?.gzip)) fail(`size-budget.json needs "${key}": { "minified": <bytes>, "gzip": <bytes> }.`);
  return { minified: budget.minified, gzip: budget.gzip };
}

const bytes = (n: number): string => `${n.toLocaleString('en-US')} B`;
const rows: Array<[key: string, label: string, names: string[]]> = [
  ['oneFunction', 'createCustomer (+ createClient)', ['createClient', 'createCustomer']],
  ['allFunctions', `all ${FUNCTION_COUNT} functions (+ createClient)`, ['createClient', ...allFunctions]],
];

const over: string[] = [];
for (const [key, label, names] of rows) {
  const budget = budgetOf(key);
  const size = await bundleOf(names);
  const cells = (['minified', 'gzip'] as const).map((kind) => {
    if (size[kind] > budget[kind]) over.push(`${label}: ${kind} ${bytes(size[kind])} is over its budget of ${bytes(budget[kind])} by ${bytes(size[kind] - budget[kind])}`);
    return `${kind} ${bytes(size[kind]).padStart(9)} of ${bytes(budget[kind]).padStart(9)}`;
  });
  console.log(`size: ${label.padEnd(34)} ${cells.join('   ')}`);
}
if (over.length > 0) fail(`${over.join('\n      ')}\nShrink the bundle, or raise the budget in size-budget.json if the growth is meant.`);
console.log('size: within budget');
