/**
 * createClient({ onRequest, onResponse }): one call per attempt, one state object each, what was sent and what
 * came back, never the key, bodies only when asked, and a hook can never change a call's outcome.
 */
import { inspect } from 'node:util';
import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createClient,
  createCustomer,
  getCustomer,
  listCustomers,
  type RequestHookState,
  type ResponseHookState,
  StripeAbortError,
  StripeAPIError,
  StripeConnectionError,
  StripeInvalidRequestError,
  stripeRequest,
  StripeTimeoutError,
} from '../src/index.js';
import { API_KEY, BASIC_AUTH, fixture, stripeError, stripeJson, useStripeMock } from './helpers/msw.js';

const mock = useStripeMock();

type Seen = ['request', RequestHookState] | ['response', ResponseHookState];

function recorder(options: { hookBodies?: boolean; maxRetries?: number; timeout?: number } = {}) {
  const seen: Seen[] = [];
  const client = createClient({
    apiKey: API_KEY,
    maxRetries: options.maxRetries ?? 2,
    ...(options.timeout !== undefined && { timeout: options.timeout }),
    ...(options.hookBodies !== undefined && { hookBodies: options.hookBodies }),
    onRequest: (state) => void seen.push(['request', state]),
    onResponse: (state) => void seen.push(['response', state]),
  });
  const responses = () => seen.filter((entry): entry is ['response', ResponseHookState] => entry[0] === 'response').map(([, state]) => state);
  const requests = () => seen.filter((entry): entry is ['request', RequestHookState] => entry[0] === 'request').map(([, state]) => state);
  return { client, seen, requests, responses };
}

// Every form of API_KEY that could leak: raw, the Basic credential, base64 with and without ':', percent-encoded.
const KEY_FORMS = [API_KEY, BASIC_AUTH, btoa(`${API_KEY}:`).replace(/=+$/, ''), btoa(API_KEY).replace(/=+$/, ''), encodeURIComponent(`${API_KEY}:`)];
const leaks = (value: unknown): string[] => {
  const text = `${JSON.stringify(value)}\n${inspect(value, { depth: 12, showHidden: true })}`;
  return KEY_FORMS.filter((form) => text.includes(form));
};

describe('what the hooks are told', () => {
  it('a write answered at once: one onRequest, then one onResponse with status, request ID and time', async () => {
    const { client, seen } = recorder();
    mock.respond(() => stripeJson(fixture('customer'), { requestId: 'req_hooked1' }));
    await createCustomer(client, { name: 'Jane Doe', email: 'jane@example.com' });
    const sentKey = mock.requests[0]!.headers['idempotency-key'];
    expect(sentKey).toMatch(/^[0-9a-f-]{36}$/);
    const base = { function: 'create_customer', method: 'POST', path: '/v1/customers', attempt: 1, maxAttempts: 3, idempotencyKey: sentKey, stripeAccount: undefined };
    expect(seen.map(([kind]) => kind)).toEqual(['request', 'response']);
    expect(seen[0]![1]).toEqual(base);
    const response = seen[1]![1] as ResponseHookState;
    expect(response).toEqual({ ...base, status: 200, requestId: 'req_hooked1', elapsedMs: expect.any(Number) });
    expect(response.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(response.elapsedMs).toBeLessThan(10_000);
    expect('error' in response).toBe(false);
    expect(Object.isFrozen(response)).toBe(true);
  });

  it('a read: the path without its query, no idempotency key, the connected account', async () => {
    const { client, requests, responses } = recorder();
    mock.respond(() => stripeJson({ object: 'list', data: [], has_more: false, url: '/v1/customers' }, { requestId: 'req_list' }));
    await listCustomers(client, { limit: 3, email: 'jane@example.com' }, { stripeAccount: 'acct_1Connected' });
    expect(mock.requests[0]!.rawQuery).toContain('limit=3');
    expect(requests()).toEqual([{ function: 'list_customers', method: 'GET', path: '/v1/customers', attempt: 1, maxAttempts: 3, idempotencyKey: undefined, stripeAccount: 'acct_1Connected' }]);
    expect(responses()[0]).toMatchObject({ status: 200, requestId: 'req_list' });
  });

  it('every attempt of a retried write, in order, each with the same key as sent, the failed one with its error', async () => {
    const { client, seen } = recorder();
    mock.respond((_, attempt) =>
      attempt === 1 ? stripeError(500, { type: 'api_error', message: 'Something went wrong' }, { requestId: 'req_500' }) : stripeJson(fixture('customer'), { requestId: 'req_ok' }),
    );
    await createCustomer(client, { name: 'Jane Doe' });
    expect(mock.requests).toHaveLength(2);
    const keys = mock.requests.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toBe(keys[1]);
    expect(seen.map(([kind, state]) => `${kind} ${state.attempt}`)).toEqual(['request 1', 'response 1', 'request 2', 'response 2']);
    expect(seen.every(([, state]) => state.idempotencyKey === keys[0])).toBe(true);
    const [first, second] = seen.filter(([kind]) => kind === 'response').map(([, state]) => state as ResponseHookState);
    expect(first).toMatchObject({ attempt: 1, status: 500, requestId: 'req_500' });
    expect(first!.error).toBeInstanceOf(StripeAPIError);
    expect(first!.error).toMatchObject({ statusCode: 500, requestId: 'req_500', message: expect.stringContaining('Something went wrong') });
    expect(second).toMatchObject({ attempt: 2, status: 200, requestId: 'req_ok' });
    expect(second!.error).toBeUndefined();
  });

  it('a final failure: the last attempt carries the same kind of error the caller gets', async () => {
    const { client, responses } = recorder({ maxRetries: 0 });
    mock.respond(() => stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: 'No such customer', param: 'id' }, { requestId: 'req_404' }));
    const failure = await getCustomer(client, { id: 'cus_missing' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeInvalidRequestError);
    const [only] = responses();
    expect(only).toMatchObject({ attempt: 1, maxAttempts: 1, status: 404, requestId: 'req_404' });
    expect(only!.error).toBeInstanceOf(StripeInvalidRequestError);
    expect(only!.error).toMatchObject({ code: 'resource_missing', param: 'id', statusCode: 404 });
  });

  it('a connection failure: no status, no request ID, a StripeConnectionError', async () => {
    const { client, responses } = recorder({ maxRetries: 1 });
    mock.respond((_, attempt) => (attempt === 1 ? HttpResponse.error() : stripeJson(fixture('customer'), { requestId: 'req_after' })));
    await getCustomer(client, { id: 'cus_abc123' });
    const [failed, answered] = responses();
    expect(failed).toMatchObject({ attempt: 1, status: undefined, requestId: undefined });
    expect(failed!.error).toBeInstanceOf(StripeConnectionError);
    expect(answered).toMatchObject({ attempt: 2, status: 200, requestId: 'req_after' });
  });

  it('a timed-out attempt is a StripeTimeoutError, told once', async () => {
    const { client, responses } = recorder({ maxRetries: 0, timeout: 200 });
    mock.respond(async () => {
      await delay(2_000);
      return stripeJson(fixture('customer'));
    });
    const failure = await getCustomer(client, { id: 'cus_abc123' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeTimeoutError);
    expect(responses()).toHaveLength(1);
    expect(responses()[0]!.error).toBeInstanceOf(StripeTimeoutError);
    expect(responses()[0]!.elapsedMs).toBeGreaterThanOrEqual(150);
  });

  it("the caller's abort is a StripeAbortError", async () => {
    const { client, responses } = recorder({ maxRetries: 0 });
    mock.respond(async () => {
      await delay(2_000);
      return stripeJson(fixture('customer'));
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const failure = await createCustomer(client, { name: 'x' }, { signal: controller.signal }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeAbortError);
    expect(responses()[0]!.error).toBeInstanceOf(StripeAbortError);
  });

  it('stripeRequest calls are told too, under its own name', async () => {
    const { client, requests, responses } = recorder();
    mock.respond(() => stripeJson({ id: 're_1', object: 'refund' }, { requestId: 'req_refund' }));
    await stripeRequest(client, 'POST', '/v1/refunds', { charge: 'ch_1' });
    expect(requests()[0]).toMatchObject({ function: 'stripeRequest', method: 'POST', path: '/v1/refunds', attempt: 1 });
    expect(responses()[0]).toMatchObject({ function: 'stripeRequest', status: 200, requestId: 'req_refund' });
  });
});

describe('bodies', () => {
  it('are left out unless asked for', async () => {
    const { client, seen } = recorder();
    mock.respond(() => stripeJson(fixture('customer'), { requestId: 'req_1' }));
    await createCustomer(client, { name: 'Jane Doe', email: 'jane@example.com' });
    for (const [, state] of seen) {
      expect(state).not.toHaveProperty('requestBody');
      expect(state).not.toHaveProperty('responseBody');
    }
    expect(JSON.stringify(seen)).not.toContain('jane@example.com');
  });

  it('with hookBodies: the form as sent and the answer as text', async () => {
    const { client, requests, responses } = recorder({ hookBodies: true });
    const customer = fixture('customer');
    mock.respond(() => stripeJson(customer, { requestId: 'req_1' }));
    await createCustomer(client, { name: 'Jane Doe', metadata: { plan: 'pro' } });
    expect(requests()[0]!.requestBody).toBe(mock.requests[0]!.rawBody);
    expect(requests()[0]!.requestBody).toBe('name=Jane%20Doe&metadata[plan]=pro');
    expect(JSON.parse(responses()[0]!.responseBody!)).toEqual(customer);
  });

  it('with hookBodies on a read: the query string', async () => {
    const { client, requests } = recorder({ hookBodies: true });
    mock.respond(() => stripeJson({ object: 'list', data: [], has_more: false }));
    await listCustomers(client, { limit: 3 });
    expect(requests()[0]!.requestBody).toBe('limit=3');
  });
});

describe('the key', () => {
  it('appears in no state, in no encoding, even when the call and the answer carry it', async () => {
    const { client, seen } = recorder({ hookBodies: true, maxRetries: 1 });
    mock.respond((request, attempt) =>
      attempt === 1
        ? stripeError(400, { type: 'invalid_request_error', message: `Bad key ${API_KEY} from ${request.headers.authorization}` }, { requestId: `req_${API_KEY}` })
        : stripeJson({ ...fixture('customer'), description: `${API_KEY} ${request.headers.authorization} ${btoa(`${API_KEY}:`)}` }, { requestId: `req_${encodeURIComponent(API_KEY)}` }),
    );
    // 400 is not retried: one failed attempt.
    await createCustomer(client, { name: API_KEY, metadata: { note: BASIC_AUTH } }).catch(() => undefined);
    await createCustomer(client, { name: 'ok' }, { idempotencyKey: `idem-${API_KEY}` });
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(leaks(seen)).toEqual([]);
    // The echoes arrived and were redacted, not dropped.
    expect(JSON.stringify(seen)).toContain('[redacted key]');
  });
});

describe('hooks that fail', () => {
  it('a hook that throws or rejects changes nothing: the call returns what Stripe answered', async () => {
    const client = createClient({
      apiKey: API_KEY,
      onRequest: () => {
        throw new Error(`logger down ${API_KEY}`);
      },
      onResponse: async () => {
        throw new Error('async logger down');
      },
    });
    mock.respond(() => stripeJson(fixture('customer'), { requestId: 'req_fine' }));
    const customer = await createCustomer(client, { name: 'Jane Doe' });
    expect(customer.requestId).toBe('req_fine');
    expect(mock.requests).toHaveLength(1);
  });

  it("a failing call's error is Stripe's, with nothing of the hook's error in it", async () => {
    const client = createClient({
      apiKey: API_KEY,
      maxRetries: 0,
      onResponse: () => {
        throw new TypeError(`hook broke with ${API_KEY}`);
      },
    });
    mock.respond(() => stripeError(402, { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' }, { requestId: 'req_402' }));
    const failure = await createCustomer(client, { name: 'x' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'StripeCardError', code: 'card_declined', requestId: 'req_402' });
    expect(leaks(failure)).toEqual([]);
    expect(String((failure as Error).message)).not.toContain('hook broke');
  });

  it('a hook that returns a promise is not awaited: a slow logger does not slow the call', async () => {
    let finished = false;
    const client = createClient({ apiKey: API_KEY, onResponse: () => delay(3_000).then(() => void (finished = true)) });
    mock.respond(() => stripeJson(fixture('customer')));
    await createCustomer(client, { name: 'x' });
    expect(finished).toBe(false);
  });
});
