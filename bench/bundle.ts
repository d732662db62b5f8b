/**
 * Browser bundle sizes, minified and gzipped, of one call (create_customer) and of all 25: this package through
 * `scripts/bundle.ts`, stripe-node through its `browser` export condition (its worker build), and raw fetch as
 * the few lines a hand-written create_customer takes. All three go through esbuild with the same settings.
 */
import { readFile } from 'node:fs/promises';
import { bundleOf, bundleSource } from '../scripts/bundle.js';

export interface Size { minified: number; gzip: number }

export interface BundleReport {
  ours: { one: Size; all: Size; functionCount: number };
  stripe: { one: Size; all: Size };
  fetch: { one: Size };
  /** ky on its own, the part of ours that is the HTTP layer. */
  ky: Size;
}

async function sizeOf(contents: string): Promise<Size> {
  const { minified, gzip } = await bundleSource(contents);
  return { minified, gzip };
}

// stripe-node's methods for our 25 functions, in the order of generated/index.ts.
const STRIPE_METHODS = [
  'paymentIntents.cancel', 'subscriptions.cancel', 'paymentIntents.capture', 'paymentIntents.confirm', 'customers.create',
  'invoices.create', 'paymentIntents.create', 'prices.create', 'products.create', 'subscriptions.create', 'customers.del',
  'balance.retrieve', 'customers.retrieve', 'invoices.retrieve', 'paymentIntents.retrieve', 'products.retrieve',
  'subscriptions.retrieve', 'customers.list', 'invoices.list', 'prices.list', 'products.list', 'invoices.pay',
  'customers.update', 'paymentIntents.update', 'invoices.voidInvoice',
];

const stripeSource = (methods: readonly string[]): string =>
  `import Stripe from 'stripe';\nexport const calls = (key: string) => { const stripe = new Stripe(key); return [${methods.map((method) => `(stripe.${method} as any)('x')`).join(', ')}]; };`;

// What an app writes when it calls Stripe with nothing but fetch.
const FETCH_SOURCE = `export async function createCustomer(key: string, params: Record<string, string>) {
  const response = await fetch('https://api.stripe.com/v1/customers', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + key, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  if (!response.ok) throw new Error('Stripe answered ' + response.status);
  return response.json();
}`;

export async function measureBundles(): Promise<BundleReport> {
  const index = await readFile(new URL('../generated/index.ts', import.meta.url), 'utf8');
  const functions = [...index.matchAll(/^export \{ (\w+), type \w+Params/gm)].map((match) => match[1]!);
  if (functions.length !== STRIPE_METHODS.length) throw new Error(`bench/bundle.ts maps ${STRIPE_METHODS.length} stripe-node methods but generated/index.ts exports ${functions.length} functions.`);
  const [oursOne, oursAll] = [await bundleOf(['createClient', 'createCustomer']), await bundleOf(['createClient', ...functions])];
  return {
    ours: { one: { minified: oursOne.minified, gzip: oursOne.gzip }, all: { minified: oursAll.minified, gzip: oursAll.gzip }, functionCount: functions.length },
    stripe: { one: await sizeOf(stripeSource(['customers.create'])), all: await sizeOf(stripeSource(STRIPE_METHODS)) },
    fetch: { one: await sizeOf(FETCH_SOURCE) },
    ky: await sizeOf(`export { default } from 'ky';`),
  };
}
