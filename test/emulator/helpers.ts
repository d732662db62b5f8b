import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

export const TEST_KEY = 'sk_test_123';
export const BASE = 'https://api.stripe.com';

/** A parsed emulator answer. Bodies are Stripe JSON, read loosely on purpose: the tests state what they expect. */
export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export interface Call {
  headers?: Record<string, string>;
  key?: string | null;
}

/** Sends one request straight to `emulator.handle`, the way the brief's tests do; `body` is the wire form. */
export async function send(emulator: Emulator, method: string, path: string, body?: string, call: Call = {}): Promise<Reply> {
  const key = call.key === undefined ? TEST_KEY : call.key;
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', ...(key === null ? {} : { Authorization: `Bearer ${key}` }), ...call.headers };
  const response = await emulator.handle(new Request(`${BASE}${path}`, { method, headers, body: method === 'GET' ? undefined : (body ?? '') }));
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/**
 * An emulator on a clock the test moves, with shorthand for each verb. Its customers get a test card on file
 * (the emulator's `defaultPaymentMethod` convenience, off by default) unless the test says otherwise, so tests
 * of other behaviour can subscribe a customer without giving it a card first.
 */
export function setup(options: EmulatorOptions = {}) {
  const clock = { now: 1_700_000_000 };
  const emulator = createEmulator({ now: () => clock.now, defaultPaymentMethod: 'pm_card_visa', ...options });
  return {
    emulator,
    clock,
    get: (path: string, call?: Call) => send(emulator, 'GET', path, undefined, call),
    post: (path: string, body = '', call?: Call) => send(emulator, 'POST', path, body, call),
    del: (path: string, body = '', call?: Call) => send(emulator, 'DELETE', path, body, call),
  };
}

export type Setup = ReturnType<typeof setup>;

/** Creates what most tests start from; each step asserts it worked so a failure points at the right place. */
export async function createCustomer(t: Setup, body = 'name=Jane+Smith&email=jane%40example.com') {
  const reply = await t.post('/v1/customers', body);
  if (reply.status !== 200) throw new Error(`create customer failed: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function createRecurringPrice(t: Setup, extra = 'recurring[interval]=month', amount = 2999, currency = 'usd') {
  const product = await t.post('/v1/products', 'name=Pro+Plan');
  const price = await t.post('/v1/prices', `product=${product.body.id}&unit_amount=${amount}&currency=${currency}&${extra}`);
  if (price.status !== 200) throw new Error(`create price failed: ${JSON.stringify(price.body)}`);
  return price.body;
}
