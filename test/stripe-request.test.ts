/**
 * stripeRequest(client, method, path, params?, options?): the rest of Stripe's v1 API through the same request
 * path as the generated functions. Expected wire strings are written from Stripe's API reference (bracket
 * notation, a query string for GET/DELETE, a form body for POST, Basic auth with the key as user name).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { bundleOf } from '../scripts/bundle.js';
import {
  type Client,
  createClient,
  StripeConfigurationError,
  StripeInvalidRequestError,
  stripeRequest,
  StripeValidationError,
  type WithRequestId,
} from '../src/index.js';
import { API_KEY, BASIC_AUTH, FORM, STRIPE_VERSION, stripeError, stripeJson, useStripeMock } from './helpers/msw.js';

const mock = useStripeMock();
const client = createClient({ apiKey: API_KEY, maxRetries: 1 });

describe('what goes on the wire', () => {
  it('a GET: params in the query string, authenticated, no body, no idempotency key', async () => {
    mock.respond(() => stripeJson({ object: 'list', data: [{ id: 're_1', object: 'refund' }], has_more: false, url: '/v1/refunds' }, { requestId: 'req_refunds' }));
    const refunds = await stripeRequest(client, 'GET', '/v1/refunds', { limit: 3, charge: 'ch_1Abc', created: { gte: 1_700_000_000 } });
    const [sent] = mock.requests;
    expect(sent).toMatchObject({ method: 'GET', path: '/v1/refunds', rawQuery: 'limit=3&charge=ch_1Abc&created[gte]=1700000000', rawBody: '' });
    expect(sent!.headers).toMatchObject({ authorization: BASIC_AUTH, 'stripe-version': STRIPE_VERSION });
    expect(sent!.headers).not.toHaveProperty('idempotency-key');
    expect(sent!.headers).not.toHaveProperty('content-type');
    expect(refunds).toEqual({ object: 'list', data: [{ id: 're_1', object: 'refund' }], has_more: false, url: '/v1/refunds' });
    expect((refunds as { requestId?: string }).requestId).toBe('req_refunds');
    expect(Object.keys(refunds as object)).not.toContain('requestId');
  });

  it('a POST: nested params in bracket form, the form content type and an idempotency key', async () => {
    mock.respond(() => stripeJson({ id: 'bps_1', object: 'billing_portal.session', url: 'https://billing.stripe.com/p/session/x' }, { requestId: 'req_bps' }));
    const session = await stripeRequest<{ id: string; url: string }>(client, 'POST', '/v1/subscription_schedules', {
      customer: 'cus_1Abc',
      phases: [{ items: [{ price: 'price_1Pro', quantity: 2 }], iterations: 12 }],
      metadata: { plan: 'pro', note: 'a&b=c' },
      expand: ['subscription'],
      start_date: new Date('2026-01-01T00:00:00Z'),
      cancel_at_period_end: false,
      description: null,
      skipped: undefined,
    });
    const [sent] = mock.requests;
    expect(sent!.method).toBe('POST');
    expect(sent!.headers['content-type']).toBe(FORM);
    expect(sent!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent!.rawBody).toBe(
      'customer=cus_1Abc&phases[0][items][0][price]=price_1Pro&phases[0][items][0][quantity]=2&phases[0][iterations]=12' +
        '&metadata[plan]=pro&metadata[note]=a%26b%3Dc&expand[0]=subscription&start_date=1767225600&cancel_at_period_end=false&description=',
    );
    expect(sent!.rawQuery).toBe('');
    expect(session.url).toBe('https://billing.stripe.com/p/session/x');
    expect(session.requestId).toBe('req_bps');
  });

  it('a POST without params still sends the form content type (Stripe requires it)', async () => {
    mock.respond(() => stripeJson({ id: 'in_1', object: 'invoice', status: 'open' }));
    await stripeRequest(client, 'POST', '/v1/invoices/in_1/finalize');
    expect(mock.requests[0]).toMatchObject({ method: 'POST', path: '/v1/invoices/in_1/finalize', rawBody: '' });
    expect(mock.requests[0]!.headers['content-type']).toBe(FORM);
  });

  it('a DELETE, with the call options (connected account, idempotency key given)', async () => {
    mock.respond(() => stripeJson({ id: 'si_1', object: 'subscription_item', deleted: true }));
    await stripeRequest(client, 'DELETE', '/v1/subscription_items/si_1', { proration_behavior: 'none' }, { stripeAccount: 'acct_1Connected' });
    expect(mock.requests[0]).toMatchObject({ method: 'DELETE', path: '/v1/subscription_items/si_1', rawQuery: 'proration_behavior=none' });
    expect(mock.requests[0]!.headers['stripe-account']).toBe('acct_1Connected');
    mock.respond(() => stripeJson({ id: 're_1', object: 'refund' }));
    await stripeRequest(client, 'POST', '/v1/refunds', { charge: 'ch_1' }, { idempotencyKey: 'refund-order-42' });
    expect(mock.requests[1]!.headers['idempotency-key']).toBe('refund-order-42');
  });
});

describe('retries and errors, as the generated functions have them', () => {
  it('a 500 is retried with the same idempotency key', async () => {
    mock.respond((_, attempt) => (attempt === 1 ? stripeError(500, { type: 'api_error', message: 'boom' }, { requestId: 'req_500' }) : stripeJson({ id: 're_2', object: 'refund' }, { requestId: 'req_ok' })));
    const refund = await stripeRequest<{ id: string }>(client, 'POST', '/v1/refunds', { charge: 'ch_1' });
    expect(refund.id).toBe('re_2');
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests[0]!.headers['idempotency-key']).toBe(mock.requests[1]!.headers['idempotency-key']);
  });

  it("Stripe's 404 is a StripeInvalidRequestError with the request ID", async () => {
    mock.respond(() => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: 'No such refund: re_x', param: 'id' }, { requestId: 'req_404' }));
    const failure = await stripeRequest(client, 'GET', '/v1/refunds/re_x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeInvalidRequestError);
    expect(failure).toMatchObject({ statusCode: 404, code: 'resource_missing', requestId: 'req_404', message: expect.stringContaining('No such refund') });
  });
});

describe('hostile input: a StripeValidationError naming stripeRequest and the argument, and nothing sent', () => {
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  const throwing = Object.defineProperty({}, 'amount', { enumerable: true, get: () => { throw new Error('getter'); } });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let level = 0; level < 20; level += 1) deep = { deep };

  const cases: Array<[string, unknown, unknown, unknown, RegExp]> = [
    ['PUT', 'PUT', '/v1/customers', undefined, /argument "method" expected "GET", "POST" or "DELETE", got "PUT"/],
    ['a lower-case method', 'post', '/v1/customers', undefined, /argument "method" expected .* got "post"\. Write it in capitals: "POST"/],
    ['a method that is not a string', 42, '/v1/customers', undefined, /argument "method" expected .* got number 42/],
    ['a path without /v1/', 'GET', '/customers', undefined, /argument "path" expected a Stripe API path .* got "\/customers"\. Stripe's API paths start with \/v1\//],
    ['a v2 path', 'GET', '/v2/core/events', undefined, /argument "path" .* start with \/v1\//],
    ['a full URL', 'GET', 'https://evil.example/v1/customers', undefined, /argument "path" .* the host comes from the client/],
    ['a protocol-relative host', 'GET', '//evil.example/v1/customers', undefined, /argument "path" .* the host comes from the client/],
    ['a backslash', 'GET', '/v1/customers\\..\\x', undefined, /argument "path" .* the host comes from the client/],
    ['a .. segment', 'GET', '/v1/customers/../../admin', undefined, /argument "path" .* A "\." or "\.\." segment would leave the path given/],
    ['a trailing ..', 'DELETE', '/v1/customers/..', undefined, /argument "path" .* "\.\." segment/],
    ['CRLF (header injection)', 'GET', '/v1/customers\r\nX-Injected: 1', undefined, /argument "path" .* line break or other control character/],
    ['a space', 'GET', '/v1/customers list', undefined, /argument "path" .* space/],
    ['a query in the path', 'GET', '/v1/customers?limit=1', undefined, /argument "path" .* Put query parameters in params/],
    ['a fragment', 'GET', '/v1/customers#x', undefined, /argument "path" .* Put query parameters in params/],
    ['percent escapes', 'GET', '/v1/customers/%2e%2e', undefined, /argument "path" .* letters, digits and _ - \. ~ : only/],
    ['an empty segment', 'GET', '/v1//customers', undefined, /argument "path" .* the host comes from the client|no empty segment/],
    ['an over-long path', 'GET', `/v1/${'a'.repeat(600)}`, undefined, /argument "path" .* longer than 512 characters/],
    ['a path that is not a string', 'GET', ['/v1/customers'], undefined, /argument "path" expected .* got an array of 1/],
    ['params as a string', 'POST', '/v1/refunds', 'charge=ch_1', /argument "params" expected a plain object of Stripe parameters, or nothing, got "charge=ch_1"/],
    ['params as an array', 'POST', '/v1/refunds', [['charge', 'ch_1']], /argument "params" expected a plain object .* got an array of 1/],
    ['params as a Map', 'POST', '/v1/refunds', new Map([['charge', 'ch_1']]), /argument "params" expected a plain object .* got an object/],
    ['a function value', 'POST', '/v1/refunds', { charge: () => 'ch_1' }, /argument "params\[charge\]" expected a string, number, boolean, null, Date, array or plain object, got a function/],
    ['a symbol value', 'POST', '/v1/refunds', { charge: Symbol('x') }, /argument "params\[charge\]" expected .* got a symbol/],
    ['a BigInt value', 'POST', '/v1/refunds', { amount: 10n }, /argument "params\[amount\]" expected .* got a BigInt 10/],
    ['NaN', 'POST', '/v1/refunds', { amount: Number.NaN }, /argument "params\[amount\]" expected a finite number, got NaN/],
    ['a class instance nested', 'POST', '/v1/refunds', { metadata: new URLSearchParams('a=b') }, /argument "params\[metadata\]" expected .* got an object/],
    ['an invalid Date', 'POST', '/v1/refunds', { created: new Date('nope') }, /argument "params\[created\]" expected a valid Date, got an invalid Date/],
    ['a lone surrogate', 'POST', '/v1/refunds', { reason: 'x\uD800' }, /argument "params\[reason\]" expected text without lone surrogates/],
    ['a cycle', 'POST', '/v1/refunds', { metadata: circular }, /argument "params\[metadata\]\[self\]" expected data without cycles, got an object that contains itself/],
    ['nesting 20 deep', 'POST', '/v1/refunds', deep, /expected data nested at most 16 levels deep/],
    ['a throwing getter', 'POST', '/v1/refunds', throwing, /argument "params" expected a plain object whose properties can be read, got an object whose properties threw when read/],
    ['a revoked Proxy', 'POST', '/v1/refunds', revoked.proxy, /argument "params" expected a plain object .* got/],
  ];

  it.each(cases)('%s', async (_name, method, path, params, message) => {
    const failure = await stripeRequest(client, method as never, path as never, params as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeValidationError);
    expect((failure as StripeValidationError).function).toBe('stripeRequest');
    expect((failure as Error).message).toMatch(/^stripeRequest: /);
    expect((failure as Error).message).toMatch(message);
    expect((failure as Error).message).toMatch(/Nothing was sent to Stripe\.$/);
    expect(mock.requests).toEqual([]);
  });

  it('every problem at once, each named', async () => {
    const failure = (await stripeRequest(client, 'PATCH' as never, '/customers' as never, { a: () => 1, b: Number.POSITIVE_INFINITY }).catch((error: unknown) => error)) as StripeValidationError;
    expect(failure.issues.map((issue) => issue.argument)).toEqual(['method', 'path', 'params[a]', 'params[b]']);
    expect(mock.requests).toEqual([]);
  });

  it('an unknown call option', async () => {
    const failure = await stripeRequest(client, 'GET', '/v1/refunds', {}, { idempotency_key: 'x' } as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeValidationError);
    expect((failure as Error).message).toMatch(/^stripeRequest: option "idempotency_key" expected one of the options/);
    expect(mock.requests).toEqual([]);
  });

  it('something other than a client', async () => {
    const failure = await stripeRequest({ baseUrl: 'https://api.stripe.com' } as unknown as Client, 'GET', '/v1/refunds').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeConfigurationError);
    expect(mock.requests).toEqual([]);
  });

  it('a key given as a value is not echoed in the error', async () => {
    const failure = await stripeRequest(client, 'GET', `/v1/customers/${API_KEY}?x` as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeValidationError);
    expect(JSON.stringify(failure) + String((failure as Error).message)).not.toContain(API_KEY);
  });
});

describe('types and bundle', () => {
  it('returns unknown unless given a type', () => {
    expectTypeOf(stripeRequest(client, 'GET', '/v1/refunds')).resolves.toEqualTypeOf<unknown>();
    expectTypeOf(stripeRequest<{ id: string }>(client, 'GET', '/v1/refunds/re_1')).resolves.toEqualTypeOf<WithRequestId<{ id: string }>>();
    // @ts-expect-error a path must start with /v1/
    void (() => stripeRequest(client, 'GET', '/customers'));
  });

  it('is left out of a bundle that does not use it', async () => {
    const [without, withIt] = await Promise.all([bundleOf(['createClient', 'createCustomer']), bundleOf(['createClient', 'stripeRequest'])]);
    expect(withIt.code).toContain('stripeRequest');
    expect(without.code).not.toContain('stripeRequest');
  }, 30_000);
});
