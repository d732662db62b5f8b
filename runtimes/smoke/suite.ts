/**
 * The smoke suite every runtime of the matrix runs against the built, packed and installed package. It uses
 * only web-standard globals (fetch, URL, performance, setTimeout), so the same code runs in Node, Bun, Deno,
 * workerd and a page.
 */
import {
  type Client,
  createClient,
  createCustomer,
  createPrice,
  createProduct,
  createSubscription,
  type FetchLike,
  getCustomer,
  listCustomers,
  paginate,
  StripeConfigurationError,
  StripeError,
  StripeInvalidRequestError,
  StripeValidationError,
} from '@kosmokrator/stripe';
import type { Check, Transport } from './protocol.js';

export interface SmokeOptions {
  /** The loopback emulator's origin, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** Unique to this run and runtime, so the runtimes' customers stay apart on the one shared emulator. */
  readonly tag: string;
  /** In a page: opt in to secret keys there, and check that without the opt-in they are refused. */
  readonly browser: boolean;
  /** What a client made without `fetch` must send through in this runtime. */
  readonly transport: Transport;
  /** Checks only some runtimes run, after the others (smoke/lua.ts for Node, Bun and Deno). */
  readonly more?: ReadonlyArray<[string, CheckBody]>;
}

// A check that hangs would otherwise eat the runtime's whole budget and hide which check it was.
const CHECK_DEADLINE_MS = 30_000;

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** A fetch that counts what actually goes out, to prove that a validation error sends nothing. */
function countingFetch(): { fetch: FetchLike; sent: () => number } {
  let sent = 0;
  return {
    fetch: (input, init) => {
      sent += 1;
      return globalThis.fetch(input, init);
    },
    sent: () => sent,
  };
}

/** Runs `body` and returns the error it threw; fails when it resolves instead. */
export async function rejection(body: () => Promise<unknown>): Promise<unknown> {
  try {
    await body();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but the call succeeded');
}

export const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export type CheckBody = () => Promise<string>;

function suite(options: SmokeOptions): Array<[string, CheckBody]> {
  const wire = countingFetch();
  // No retries: a smoke failure should show the first answer, not the third.
  const client: Client = createClient({ apiKey: 'sk_test_runtimes', baseUrl: options.baseUrl, fetch: wire.fetch, maxRetries: 0, timeout: 10_000, dangerouslyAllowBrowser: options.browser });

  const checks: Array<[string, CheckBody]> = [
    ['workflow', async () => {
      const product = await createProduct(client, { name: `Smoke ${options.tag}` });
      assert(product.id.startsWith('prod_'), `product id ${product.id}`);
      const price = await createPrice(client, { product: product.id, unit_amount: 1500, currency: 'usd', recurring_interval: 'month' });
      assert(price.id.startsWith('price_'), `price id ${price.id}`);
      assert(price.recurring?.interval === 'month', `price.recurring ${JSON.stringify(price.recurring)}`);
      assert(price.product === product.id, `price.product ${price.product}, expected ${product.id}`);
      const customer = await createCustomer(client, { name: 'Smoke Customer', email: `flow-${options.tag}@runtimes.example` });
      assert(customer.id.startsWith('cus_'), `customer id ${customer.id}`);
      // A trial needs no payment method, so the status is the same on Stripe and on any emulator.
      const subscription = await createSubscription(client, { customer: customer.id, price: price.id, trial_period_days: 7 });
      assert(subscription.id.startsWith('sub_'), `subscription id ${subscription.id}`);
      assert(subscription.status === 'trialing', `subscription status ${subscription.status}`);
      assert(subscription.customer === customer.id, `subscription.customer ${subscription.customer}`);
      assert(subscription.items.data[0]?.price.id === price.id, 'the subscription item is not on the new price');
      assert(typeof subscription.requestId === 'string' && subscription.requestId !== '', 'no requestId on the result');
      return `${product.id} → ${price.id} → ${customer.id} → ${subscription.id} (${subscription.status})`;
    }],
    ['not-found-error', async () => {
      const error = await rejection(() => getCustomer(client, { id: 'cus_missing' }));
      assert(error instanceof StripeInvalidRequestError, `expected StripeInvalidRequestError, got ${describe(error)}`);
      assert(error instanceof StripeError, 'not a StripeError');
      assert(error.statusCode === 404, `statusCode ${error.statusCode}`);
      assert(error.code === 'resource_missing', `code ${error.code}`);
      return `${error.name} ${error.statusCode} ${error.code}`;
    }],
    ['validation-error', async () => {
      const before = wire.sent();
      const error = await rejection(() => createPrice(client, { product: 'prod_smoke', unit_amount: -5, currency: 'usd' }));
      assert(error instanceof StripeValidationError, `expected StripeValidationError, got ${describe(error)}`);
      assert(wire.sent() === before, `${wire.sent() - before} request(s) went out for an invalid argument`);
      return `${error.name}, nothing sent`;
    }],
    ['paginate', async () => {
      // A filter by an email only this run uses: the other runtimes' customers on the shared emulator stay out.
      const email = `page-${options.tag}@runtimes.example`;
      const created: string[] = [];
      for (let i = 0; i < 5; i += 1) created.push((await createCustomer(client, { name: `Page ${i}`, email })).id);
      const before = wire.sent();
      const seen: string[] = [];
      for await (const customer of paginate(listCustomers, client, { limit: 2, email })) seen.push(customer.id);
      const pages = wire.sent() - before;
      assert(seen.length === 5 && new Set(seen).size === 5, `listed ${seen.length} customers (${new Set(seen).size} distinct), expected 5`);
      assert(created.every((id) => seen.includes(id)), 'a created customer was not listed');
      assert(pages === 3, `${pages} list requests, expected 3 (pages of 2, 2 and 1)`);
      return `${seen.length} customers in ${pages} pages`;
    }],
    ['emulator-round-trip', async () => {
      const { createEmulator } = await import('@kosmokrator/stripe/emulator');
      const emulator = createEmulator();
      const local = createClient({ apiKey: 'sk_test_x', fetch: emulator.fetch, dangerouslyAllowBrowser: options.browser });
      const created = await createCustomer(local, { name: 'Round Trip', email: 'round@runtimes.example' });
      const fetched = await getCustomer(local, { id: created.id });
      assert(!('deleted' in fetched), `${created.id} came back deleted`);
      assert(fetched.id === created.id && fetched.name === 'Round Trip', `got ${fetched.id} "${fetched.name}" back for ${created.id}`);
      return `${created.id} created and read back in-process`;
    }],
    ['webhook-signature', webhookSignature],
    ['default-transport', () => defaultTransport(options)],
  ];
  if (options.browser) checks.push(['browser-key-guard', () => browserKeyGuard(options.baseUrl)]);
  checks.push(...(options.more ?? []));
  return checks;
}

/**
 * A client made without `fetch` sends through the transport this runtime is meant to get. Which one it used is
 * seen, not inferred: the global `fetch` is wrapped for the call, and the fetch entry reads it at call time while
 * the Node entry's node:http transport never touches it.
 */
async function defaultTransport(options: SmokeOptions): Promise<string> {
  const client = createClient({ apiKey: 'sk_test_runtimes', baseUrl: options.baseUrl, maxRetries: 0, timeout: 10_000, dangerouslyAllowBrowser: options.browser });
  const original = globalThis.fetch;
  let throughFetch = 0;
  globalThis.fetch = (input, init) => ((throughFetch += 1), original(input, init));
  let customer: Awaited<ReturnType<typeof createCustomer>>;
  try {
    customer = await createCustomer(client, { name: 'Transport', email: `transport-${options.tag}@runtimes.example` });
  } finally {
    globalThis.fetch = original;
  }
  assert(customer.id.startsWith('cus_'), `customer id ${customer.id}`);
  const used: Transport = throughFetch > 0 ? 'fetch' : 'node:http';
  assert(used === options.transport, `a client without fetch sent through ${used}, expected ${options.transport} (client.fetch is ${client.fetch === undefined ? 'undefined' : 'a function'})`);
  return `${used}, as intended (${customer.id})`;
}

// A header the official stripe package made for this payload and secret at this timestamp: an outside reference.
const SIGNED = {
  payload: '{"id":"evt_smoke","object":"event","type":"customer.created","data":{"object":{"id":"cus_smoke","object":"customer"}}}',
  secret: 'whsec_smoke_vector',
  timestamp: 1767000000,
  header: 't=1767000000,v1=6ed53baa8fe873830fbb25afcdad530b8bd2b390b2094a1a9509c3eda805d255',
};

/** constructEvent on this runtime's WebCrypto: the reference header verifies, a tampered body does not. */
async function webhookSignature(): Promise<string> {
  const { constructEvent, generateTestHeader, StripeSignatureVerificationError } = await import('@kosmokrator/stripe/webhooks');
  const now = SIGNED.timestamp + 10;
  const event = await constructEvent(SIGNED.payload, SIGNED.header, SIGNED.secret, { now });
  assert(event.id === 'evt_smoke' && event.type === 'customer.created', `verified ${event.id} ${event.type}`);
  const made = await generateTestHeader({ payload: SIGNED.payload, secret: SIGNED.secret, timestamp: SIGNED.timestamp });
  assert(made === SIGNED.header, `generateTestHeader gave ${made}`);
  const refusal = await rejection(() => constructEvent(SIGNED.payload.replace('cus_smoke', 'cus_other'), SIGNED.header, SIGNED.secret, { now }));
  assert(refusal instanceof StripeSignatureVerificationError && refusal.reason === 'no_matching_signature', `a tampered body gave ${describe(refusal)}`);
  return 'reference header verified, tampered body refused';
}

/** In a page, a secret key is refused unless the caller opts in; with the opt-in the same key works. */
async function browserKeyGuard(baseUrl: string): Promise<string> {
  let refusal: unknown;
  try {
    createClient({ apiKey: 'sk_test_x', baseUrl });
  } catch (error) {
    refusal = error;
  }
  assert(refusal instanceof StripeConfigurationError, `expected StripeConfigurationError, got ${refusal === undefined ? 'a client' : describe(refusal)}`);
  assert(!refusal.message.includes('sk_test_x'), 'the refusal echoes the key');
  const allowed = createClient({ apiKey: 'sk_test_x', baseUrl, dangerouslyAllowBrowser: true, maxRetries: 0 });
  const page = await listCustomers(allowed, { limit: 1 });
  assert(Array.isArray(page.customers), 'the opted-in client got no customer list');
  return 'sk_ refused without dangerouslyAllowBrowser, listed customers with it';
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Runs every check, one after the other; a failing check is reported and the next one still runs. */
export async function runSmoke(options: SmokeOptions): Promise<Check[]> {
  const results: Check[] = [];
  for (const [name, body] of suite(options)) {
    const started = performance.now();
    try {
      const detail = await withDeadline(body(), CHECK_DEADLINE_MS);
      results.push({ name, ok: true, detail, ms: Math.round(performance.now() - started) });
    } catch (error) {
      results.push({ name, ok: false, detail: describe(error), ms: Math.round(performance.now() - started) });
    }
  }
  return results;
}
