/**
 * When a call is repeated, how long it waits, what it repeats with, and when nothing is sent at all.
 * Every test is bounded: at most three attempts, and backoff of 0.25-0.5 s then 0.5-1 s.
 */
import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  type Client,
  createClient,
  createCustomer,
  createPaymentIntent,
  createPrice,
  createProduct,
  createSubscription,
  getCustomer,
  listCustomers,
  listInvoices,
  listProducts,
  StripeAPIError,
  StripeAuthenticationError,
  StripeCardError,
  StripeConflictError,
  StripeConnectionError,
  StripeError,
  StripeInvalidRequestError,
  StripeRateLimitError,
  StripeTimeoutError,
  StripeValidationError,
} from '../src/index.js';
import { API_KEY, fixture, type Responder, stripeError, stripeJson, useStripeMock } from './helpers/msw.js';

const mock = useStripeMock();

const ok: Responder = () => stripeJson(fixture('customer'), { requestId: 'req_ok' });
/** Fails the first `failures` attempts with `fail`, then answers `ok`. */
const failThen =
  (failures: number, fail: Responder): Responder =>
  (request, attempt) =>
    attempt <= failures ? fail(request, attempt) : ok(request, attempt);

const serverError = (status: number, headers: Record<string, string> = {}): Responder => () =>
  stripeError(status, { type: status >= 500 ? 'api_error' : 'invalid_request_error', message: `Failure ${status}` }, { requestId: `req_${status}`, headers });

const gaps = (): number[] => mock.requests.slice(1).map((request, index) => request.at - mock.requests[index]!.at);

async function failure(call: () => Promise<unknown>): Promise<StripeError> {
  const outcome = await call().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected the call to fail, it resolved to ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(StripeError);
  return outcome.error as StripeError;
}

describe('retry: what is retried', () => {
  const client = createClient({ apiKey: API_KEY, maxRetries: 1 });

  const retried: [string, Responder][] = [
    ['a connection error', () => HttpResponse.error()],
    ['409 lock_timeout', () => stripeError(409, { type: 'invalid_request_error', code: 'lock_timeout', message: 'Object locked' }, { requestId: 'req_409' })],
    ['429 without Retry-After', () => stripeError(429, { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' }, { requestId: 'req_429' })],
    ['500', serverError(500)],
    ['503', serverError(503)],
  ];

  it.each(retried)('%s is retried after 0.25-0.5 s and the second answer is returned', async (_, fail) => {
    mock.respond(failThen(1, fail));
    const customer = await getCustomer(client, { id: 'cus_abc123' });
    expect(customer.requestId).toBe('req_ok');
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/customers/cus_abc123', 'GET /v1/customers/cus_abc123']);
    const [gap] = gaps();
    expect(gap).toBeGreaterThanOrEqual(240);
    expect(gap).toBeLessThan(900);
  });

  const notRetried: [string, number, typeof StripeError][] = [
    ['400', 400, StripeInvalidRequestError],
    ['401', 401, StripeAuthenticationError],
    ['402', 402, StripeCardError],
    ['404', 404, StripeInvalidRequestError],
  ];

  it.each(notRetried)('%s is not retried', async (_, status, ErrorClass) => {
    const eager = createClient({ apiKey: API_KEY, maxRetries: 2 });
    mock.respond(failThen(5, serverError(status)));
    const error = await failure(() => createCustomer(eager, { name: 'Acme Corp' }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.statusCode).toBe(status);
    expect(mock.requests).toHaveLength(1);
  });

  it('Stripe-Should-Retry: false stops the retry of a 503', async () => {
    mock.respond(failThen(5, serverError(503, { 'Stripe-Should-Retry': 'false' })));
    const error = await failure(() => getCustomer(createClient({ apiKey: API_KEY, maxRetries: 2 }), { id: 'cus_abc123' }));
    expect(error).toBeInstanceOf(StripeAPIError);
    expect(error.statusCode).toBe(503);
    expect(mock.requests).toHaveLength(1);
  });

  it('Stripe-Should-Retry: true makes a 400 retried', async () => {
    mock.respond(failThen(1, serverError(400, { 'Stripe-Should-Retry': 'true' })));
    const customer = await createCustomer(client, { name: 'Acme Corp' });
    expect(customer.requestId).toBe('req_ok');
    expect(mock.requests).toHaveLength(2);
  });

  it('a timed-out attempt is retried, then the timeout is reported', async () => {
    mock.respond(async () => {
      await delay(400);
      return stripeJson(fixture('customer'), { requestId: 'req_late' });
    });
    const started = performance.now();
    const error = await failure(() => getCustomer(client, { id: 'cus_abc123' }, { timeout: 50 }));
    expect(error).toBeInstanceOf(StripeTimeoutError);
    expect(mock.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('Retry-After: 1 on a 429 is honoured', async () => {
    mock.respond(failThen(1, () => stripeError(429, { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' }, { requestId: 'req_429', headers: { 'Retry-After': '1' } })));
    const customer = await getCustomer(client, { id: 'cus_abc123' });
    expect(customer.requestId).toBe('req_ok');
    expect(mock.requests).toHaveLength(2);
    const [gap] = gaps();
    expect(gap).toBeGreaterThanOrEqual(900);
    expect(gap).toBeLessThan(2_500);
  });
});

describe('retry: how many attempts', () => {
  it('the default is 2 retries: 3 attempts, backoff 0.25-0.5 s then 0.5-1 s, then the mapped error', async () => {
    mock.respond(serverError(500));
    const error = await failure(() => getCustomer(createClient({ apiKey: API_KEY }), { id: 'cus_abc123' }));
    expect(error).toBeInstanceOf(StripeAPIError);
    expect(error.statusCode).toBe(500);
    expect(error.requestId).toBe('req_500');
    expect(error.message.startsWith('500 Failure 500')).toBe(true);
    expect(mock.requests).toHaveLength(3);
    const [first, second] = gaps();
    expect(first).toBeGreaterThanOrEqual(240);
    expect(first).toBeLessThan(900);
    expect(second).toBeGreaterThanOrEqual(490);
    expect(second).toBeLessThan(1_600);
  });

  const counts: [string, Client, number | undefined, number][] = [
    ['client maxRetries 0', createClient({ apiKey: API_KEY, maxRetries: 0 }), undefined, 1],
    ['client maxRetries 1', createClient({ apiKey: API_KEY, maxRetries: 1 }), undefined, 2],
    ['client maxRetries 2, call maxRetries 0', createClient({ apiKey: API_KEY, maxRetries: 2 }), 0, 1],
    ['client maxRetries 0, call maxRetries 1', createClient({ apiKey: API_KEY, maxRetries: 0 }), 1, 2],
    ['client maxRetries 0, call maxRetries 2', createClient({ apiKey: API_KEY, maxRetries: 0 }), 2, 3],
  ];

  it.each(counts)('%s: maxRetries + 1 attempts, then the mapped error', async (_, client, callRetries, attempts) => {
    mock.respond(serverError(503));
    const error = await failure(() => getCustomer(client, { id: 'cus_abc123' }, callRetries === undefined ? {} : { maxRetries: callRetries }));
    expect(error).toBeInstanceOf(StripeAPIError);
    expect(error.statusCode).toBe(503);
    expect(mock.requests).toHaveLength(attempts);
  });

  it('exhausted 409s end in a StripeConflictError and exhausted 429s in a StripeRateLimitError', async () => {
    const client = createClient({ apiKey: API_KEY, maxRetries: 1 });
    mock.respond(() => stripeError(409, { type: 'invalid_request_error', code: 'lock_timeout', message: 'Object locked' }, { requestId: 'req_409' }));
    expect(await failure(() => getCustomer(client, { id: 'cus_abc123' }))).toBeInstanceOf(StripeConflictError);
    expect(mock.requests).toHaveLength(2);
    mock.requests.length = 0;
    mock.respond(() => stripeError(429, { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' }, { requestId: 'req_429' }));
    expect(await failure(() => getCustomer(client, { id: 'cus_abc123' }))).toBeInstanceOf(StripeRateLimitError);
    expect(mock.requests).toHaveLength(2);
  });

  it('exhausted connection errors end in a StripeConnectionError', async () => {
    mock.respond(() => HttpResponse.error());
    const error = await failure(() => createCustomer(createClient({ apiKey: API_KEY, maxRetries: 1 }), { name: 'Acme Corp' }));
    expect(error).toBeInstanceOf(StripeConnectionError);
    expect(mock.requests).toHaveLength(2);
  });
});

describe('retry: a repeated write is the same write', () => {
  const client = createClient({ apiKey: API_KEY, maxRetries: 2 });

  const failures: [string, Responder][] = [
    ['a 500', serverError(500)],
    ['a connection error', () => HttpResponse.error()],
  ];

  it.each(failures)('after %s every attempt carries the same Idempotency-Key and body', async (_, fail) => {
    mock.respond(failThen(2, fail));
    await createPaymentIntent(client, { amount: 5000, currency: 'usd', customer: 'cus_abc123', metadata: { order_id: '1234' } });
    expect(mock.requests).toHaveLength(3);
    const keys = mock.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/\S/);
    expect(new Set(keys).size).toBe(1);
    const bodies = mock.requests.map((r) => r.rawBody);
    expect(bodies[0]).not.toBe('');
    expect(new Set(bodies).size).toBe(1);
    expect(mock.requests[2]!.form).toEqual({ amount: '5000', currency: 'usd', customer: 'cus_abc123', 'metadata[order_id]': '1234', 'automatic_payment_methods[enabled]': 'true' });
  });

  it('a given idempotencyKey is the one sent on every attempt', async () => {
    mock.respond(failThen(1, serverError(500)));
    await createCustomer(client, { name: 'Acme Corp' }, { idempotencyKey: 'signup-42' });
    expect(mock.requests.map((r) => r.headers['idempotency-key'])).toEqual(['signup-42', 'signup-42']);
  });

  it('two separate calls get different keys', async () => {
    mock.respond(ok);
    await createCustomer(client, { name: 'Acme Corp' });
    await createCustomer(client, { name: 'Acme Corp' });
    const [first, second] = mock.requests.map((r) => r.headers['idempotency-key']);
    expect(first).toMatch(/\S/);
    expect(second).toMatch(/\S/);
    expect(first).not.toBe(second);
  });
});

type Loose = (client: Client, args: unknown) => Promise<unknown>;
const loose = (fn: unknown): Loose => fn as Loose;

interface Refused {
  readonly title: string;
  readonly fn: Loose;
  readonly args: unknown;
  readonly function: string;
  readonly argument: string;
  /** Phrases the message must contain: what was expected and what was given. */
  readonly mentions: readonly string[];
}

const refused: Refused[] = [
  { title: 'unknown argument with a suggestion', fn: loose(createCustomer), args: { emal: 'jane@example.com' }, function: 'create_customer', argument: 'emal', mentions: ['Did you mean "email"'] },
  { title: 'unknown argument with two letters swapped', fn: loose(createCustomer), args: { nmae: 'Acme Corp' }, function: 'create_customer', argument: 'nmae', mentions: ['Did you mean "name"'] },
  { title: 'unknown argument on a read', fn: loose(listCustomers), args: { limt: 10 }, function: 'list_customers', argument: 'limt', mentions: ['Did you mean "limit"'] },
  { title: 'missing required id', fn: loose(getCustomer), args: {}, function: 'get_customer', argument: 'id', mentions: ['required', 'nothing'] },
  { title: 'missing required name', fn: loose(createProduct), args: { description: 'No name' }, function: 'create_product', argument: 'name', mentions: ['required'] },
  { title: 'string where an integer belongs', fn: loose(createPrice), args: { product: 'prod_xyz789', unit_amount: '2999', currency: 'usd' }, function: 'create_price', argument: 'unit_amount', mentions: ['integer', '"2999"'] },
  { title: 'string where a boolean belongs', fn: loose(listProducts), args: { active: 'true' }, function: 'list_products', argument: 'active', mentions: ['boolean', '"true"'] },
  { title: 'fractional quantity', fn: loose(createSubscription), args: { customer: 'cus_abc123', price: 'price_1', quantity: 1.5 }, function: 'create_subscription', argument: 'quantity', mentions: ['integer', '1.5'] },
  { title: 'status outside the enum', fn: loose(listInvoices), args: { status: 'pending' }, function: 'list_invoices', argument: 'status', mentions: ['"draft"', '"uncollectible"', '"void"', '"pending"'] },
  { title: 'cancellation_reason "automatic", which Stripe never accepts', fn: loose(cancelPaymentIntent), args: { id: 'pi_ghi789', cancellation_reason: 'automatic' }, function: 'cancel_payment_intent', argument: 'cancellation_reason', mentions: ['"requested_by_customer"', '"automatic"'] },
  { title: 'limit 0', fn: loose(listCustomers), args: { limit: 0 }, function: 'list_customers', argument: 'limit', mentions: ['1', '100', '0'] },
  { title: 'limit 101', fn: loose(listCustomers), args: { limit: 101 }, function: 'list_customers', argument: 'limit', mentions: ['1', '100', '101'] },
  { title: 'negative amount', fn: loose(createPaymentIntent), args: { amount: -100, currency: 'usd' }, function: 'create_payment_intent', argument: 'amount', mentions: ['-100'] },
  { title: 'negative amount_to_capture', fn: loose(capturePaymentIntent), args: { id: 'pi_ghi789', amount_to_capture: -1 }, function: 'capture_payment_intent', argument: 'amount_to_capture', mentions: ['-1'] },
  { title: 'id with the wrong prefix', fn: loose(getCustomer), args: { id: 'prod_xyz789' }, function: 'get_customer', argument: 'id', mentions: ['cus_', '"prod_xyz789"'] },
  { title: 'non-string metadata value', fn: loose(createCustomer), args: { name: 'Acme Corp', metadata: { seats: 5 } }, function: 'create_customer', argument: 'metadata', mentions: ['string', 'seats', '5'] },
  { title: 'recurring_interval outside the enum', fn: loose(createPrice), args: { product: 'prod_xyz789', unit_amount: 2999, currency: 'usd', recurring_interval: 'monthly' }, function: 'create_price', argument: 'recurring_interval', mentions: ['"month"', '"monthly"'] },
];

describe('retry: refused arguments send nothing', () => {
  const client = createClient({ apiKey: API_KEY, maxRetries: 2 });

  it.each(refused.map((r) => [r.title, r] as const))('%s', async (_, r) => {
    mock.respond(ok);
    const error = await failure(() => r.fn(client, r.args));
    expect(mock.requests).toHaveLength(0);
    expect(error).toBeInstanceOf(StripeValidationError);
    expect(error.name).toBe('StripeValidationError');
    expect(error.statusCode).toBeUndefined();
    expect((error as StripeValidationError).function).toBe(r.function);
    expect(error.message).toContain(r.function);
    expect(error.message).toContain(`"${r.argument}"`);
    for (const phrase of r.mentions) expect(error.message).toContain(phrase);
    expect((error as StripeValidationError).issues.map((issue) => issue.argument)).toContain(r.argument);
  });
});
