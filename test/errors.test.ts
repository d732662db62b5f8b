/**
 * How Stripe's failures reach the caller: one error class per status (and per Stripe error type where the
 * status does not decide), Stripe's fields kept under Stripe's names, the request id, and never the key.
 */
import { inspect } from 'node:util';
import { delay, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createClient,
  createCustomer,
  getCustomer,
  StripeAPIError,
  StripeAuthenticationError,
  StripeCardError,
  StripeConflictError,
  StripeConnectionError,
  StripeError,
  StripeIdempotencyError,
  StripeInvalidRequestError,
  StripePermissionError,
  StripeRateLimitError,
  StripeTimeoutError,
  StripeValidationError,
} from '../src/index.js';
import { API_KEY, BASIC_AUTH, reachableStrings, type Responder, stripeError, useStripeMock } from './helpers/msw.js';

const mock = useStripeMock();
const client = createClient({ apiKey: API_KEY, maxRetries: 0 });
const BASE64_KEY = BASIC_AUTH.slice('Basic '.length);

/** Everything about an error that might end up in a log, a tool result or a bug report. */
function renderings(error: unknown): Record<string, string> {
  return {
    String: String(error),
    message: (error as Error).message,
    'JSON.stringify': JSON.stringify(error) ?? '',
    'util.inspect': inspect(error, { depth: 10, showHidden: true }),
    'own properties': reachableStrings(error).join('\n'),
  };
}

function expectNoKey(value: unknown): void {
  for (const [how, text] of Object.entries(renderings(value))) {
    expect(text, `the API key shows in ${how}`).not.toContain(API_KEY);
    expect(text, `the API key shows in ${how}`).not.toContain('SECRETabc123');
    expect(text, `the Basic credentials show in ${how}`).not.toContain(BASE64_KEY);
  }
}

async function failure(call: () => Promise<unknown>): Promise<StripeError> {
  const outcome = await call().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected the call to fail, it resolved to ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(StripeError);
  return outcome.error as StripeError;
}

interface Case {
  readonly title: string;
  readonly status: number;
  readonly error: Record<string, unknown>;
  readonly class: typeof StripeError;
  readonly name: string;
  readonly type: string;
  readonly code?: string;
  readonly decline_code?: string;
  readonly param?: string;
  readonly doc_url?: string;
}

// Stripe's error bodies, as Stripe sends them for these situations.
const cases: Case[] = [
  {
    title: '400 invalid parameter',
    status: 400,
    error: {
      type: 'invalid_request_error',
      code: 'parameter_invalid_integer',
      param: 'amount',
      message: 'Invalid integer: 12.5',
      doc_url: 'https://stripe.com/docs/error-codes/parameter-invalid-integer',
      request_log_url: 'https://dashboard.stripe.com/test/logs/req_400?t=1712304000',
    },
    class: StripeInvalidRequestError,
    name: 'StripeInvalidRequestError',
    type: 'invalid_request_error',
    code: 'parameter_invalid_integer',
    param: 'amount',
    doc_url: 'https://stripe.com/docs/error-codes/parameter-invalid-integer',
  },
  {
    title: '401 invalid key',
    status: 401,
    error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_********c123' },
    class: StripeAuthenticationError,
    name: 'StripeAuthenticationError',
    type: 'invalid_request_error',
  },
  {
    title: '402 card declined',
    status: 402,
    error: {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      param: 'payment_method',
      message: 'Your card has insufficient funds.',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      charge: 'ch_3Pgc6rB7WZ01zgkW0aZ9',
    },
    class: StripeCardError,
    name: 'StripeCardError',
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'insufficient_funds',
    param: 'payment_method',
    doc_url: 'https://stripe.com/docs/error-codes/card-declined',
  },
  {
    title: '403 restricted key without permission',
    status: 403,
    error: {
      type: 'invalid_request_error',
      message: "The provided key 'rk_test_***abcd' does not have the required permissions for this endpoint on account 'acct_1'.",
    },
    class: StripePermissionError,
    name: 'StripePermissionError',
    type: 'invalid_request_error',
  },
  {
    title: '404 no such customer',
    status: 404,
    error: {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_nope'",
      doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    },
    class: StripeInvalidRequestError,
    name: 'StripeInvalidRequestError',
    type: 'invalid_request_error',
    code: 'resource_missing',
    param: 'id',
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
  },
  {
    title: '409 lock conflict',
    status: 409,
    error: {
      type: 'invalid_request_error',
      code: 'lock_timeout',
      message: 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.',
      doc_url: 'https://stripe.com/docs/error-codes/lock-timeout',
    },
    class: StripeConflictError,
    name: 'StripeConflictError',
    type: 'invalid_request_error',
    code: 'lock_timeout',
    doc_url: 'https://stripe.com/docs/error-codes/lock-timeout',
  },
  {
    title: '409 idempotency key in use',
    status: 409,
    error: {
      type: 'idempotency_error',
      message: 'There is currently another in-progress request using this idempotency key. Please try again later.',
    },
    class: StripeIdempotencyError,
    name: 'StripeIdempotencyError',
    type: 'idempotency_error',
  },
  {
    title: '400 idempotency key reused with other parameters',
    status: 400,
    error: {
      type: 'idempotency_error',
      message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.',
    },
    class: StripeIdempotencyError,
    name: 'StripeIdempotencyError',
    type: 'idempotency_error',
  },
  {
    title: '429 rate limited',
    status: 429,
    error: {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
      doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
    },
    class: StripeRateLimitError,
    name: 'StripeRateLimitError',
    type: 'invalid_request_error',
    code: 'rate_limit',
    doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
  },
  {
    title: '500 api error',
    status: 500,
    error: { type: 'api_error', message: 'An unknown error occurred' },
    class: StripeAPIError,
    name: 'StripeAPIError',
    type: 'api_error',
  },
  {
    title: '503 unavailable',
    status: 503,
    error: { type: 'api_error', message: 'Stripe is temporarily unavailable.' },
    class: StripeAPIError,
    name: 'StripeAPIError',
    type: 'api_error',
  },
];

describe('errors: every status maps to its class with Stripe\'s fields', () => {
  it.each(cases.map((c) => [c.title, c] as const))('%s', async (_, c) => {
    const requestId = `req_${c.status}_${c.type}`;
    mock.respond(() => stripeError(c.status, c.error, { requestId }));

    const error = await failure(() => getCustomer(client, { id: 'cus_nope' }));

    expect(mock.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(c.class);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(c.name);
    expect(error.statusCode).toBe(c.status);
    expect(error.type).toBe(c.type);
    expect(error.code).toBe(c.code);
    expect(error.decline_code).toBe(c.decline_code);
    expect(error.param).toBe(c.param);
    expect(error.doc_url).toBe(c.doc_url);
    expect(error.requestId).toBe(requestId);
    expect(error.message.startsWith(`${c.status} ${c.error.message as string}`)).toBe(true);
    expect(String(error)).toContain(c.error.message as string);

    // toJSON is plain data that survives a JSON round trip and carries what a caller needs.
    const json = error.toJSON();
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(JSON.parse(JSON.stringify(error))).toEqual(JSON.parse(JSON.stringify(json)));
    const values = Object.values(json);
    for (const expected of [c.name, error.message, c.status, c.type, requestId, c.code, c.decline_code, c.param, c.doc_url]) {
      if (expected !== undefined) expect(values).toContain(expected);
    }
    expectNoKey(error);
  });

  it('card errors are not mistaken for other classes', async () => {
    mock.respond(() => stripeError(402, { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' }, { requestId: 'req_card' }));
    const error = await failure(() => createCustomer(client, { name: 'A' }));
    expect(error).toBeInstanceOf(StripeCardError);
    expect(error).not.toBeInstanceOf(StripeInvalidRequestError);
    expect(error).not.toBeInstanceOf(StripeAPIError);
    expect(error.decline_code).toBe('generic_decline');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('an error type named like an Object member (%s) is still a StripeAPIError', async (type) => {
    // 418 decides nothing, so the type is looked up; a lookup that reached Object.prototype would build no StripeError.
    mock.respond(() => new HttpResponse(`{"error":{"type":${JSON.stringify(type)},"message":"Odd."}}`, { status: 418, headers: { 'Content-Type': 'application/json', 'Request-Id': 'req_odd' } }));
    const error = await failure(() => getCustomer(client, { id: 'cus_abc123' }));
    expect(error).toBeInstanceOf(StripeAPIError);
    expect(error.type).toBe(type);
    expect(error.statusCode).toBe(418);
    expect(error.message).toBe('418 Odd.');
  });
});

describe('errors: answers that are not Stripe\'s JSON, and no answer at all', () => {
  it('a 502 with an HTML body is a StripeAPIError with the status and request id', async () => {
    mock.respond(() => new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'Content-Type': 'text/html', 'Request-Id': 'req_html' } }));
    const error = await failure(() => getCustomer(client, { id: 'cus_abc123' }));
    expect(error).toBeInstanceOf(StripeAPIError);
    expect(error.name).toBe('StripeAPIError');
    expect(error.statusCode).toBe(502);
    expect(error.type).toBe('api_error');
    expect(error.requestId).toBe('req_html');
    expect(error.message.startsWith('502 ')).toBe(true);
    expect(Object.getPrototypeOf(error.toJSON())).toBe(Object.prototype);
    expectNoKey(error);
  });

  it('a 200 whose body is not JSON is a StripeAPIError, not a crash', async () => {
    mock.respond(() => new HttpResponse('OK', { status: 200, headers: { 'Content-Type': 'text/plain', 'Request-Id': 'req_text' } }));
    const error = await failure(() => getCustomer(client, { id: 'cus_abc123' }));
    expect(error).toBeInstanceOf(StripeAPIError);
    expect(error.statusCode).toBe(200);
    expect(error.requestId).toBe('req_text');
    expectNoKey(error);
  });

  it('a connection failure is a StripeConnectionError without status', async () => {
    mock.respond(() => HttpResponse.error());
    const error = await failure(() => createCustomer(client, { name: 'Acme Corp' }));
    expect(mock.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(StripeConnectionError);
    expect(error).not.toBeInstanceOf(StripeTimeoutError);
    expect(error.name).toBe('StripeConnectionError');
    expect(error.statusCode).toBeUndefined();
    expect(error.requestId).toBeUndefined();
    expect(error.type).toBe('api_connection_error');
    expect(error.message).toContain('create_customer');
    expect(Object.getPrototypeOf(error.toJSON())).toBe(Object.prototype);
    expectNoKey(error);
  });

  it('a timeout is a StripeTimeoutError, raised at the timeout and not when the answer would come', async () => {
    mock.respond(async () => {
      await delay(1_500);
      return HttpResponse.json({ id: 'cus_late', object: 'customer' });
    });
    const started = performance.now();
    const error = await failure(() => getCustomer(client, { id: 'cus_abc123' }, { timeout: 50 }));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    expect(mock.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(StripeTimeoutError);
    expect(error).toBeInstanceOf(StripeConnectionError);
    expect(error.name).toBe('StripeTimeoutError');
    expect(error.statusCode).toBeUndefined();
    expect(error.message).toContain('50');
    expect(Object.getPrototypeOf(error.toJSON())).toBe(Object.prototype);
    expectNoKey(error);
  });

  it('a client-level timeout applies too', async () => {
    const slowClient = createClient({ apiKey: API_KEY, maxRetries: 0, timeout: 50 });
    mock.respond(async () => {
      await delay(1_500);
      return HttpResponse.json({ id: 'cus_late', object: 'customer' });
    });
    const started = performance.now();
    const error = await failure(() => getCustomer(slowClient, { id: 'cus_abc123' }));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(StripeTimeoutError);
  });
});

describe('errors: the API key never shows', () => {
  const echoes: [string, Responder][] = [
    ['a 401 whose message echoes the key', () => stripeError(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${API_KEY}` }, { requestId: 'req_echo' })],
    [
      'a 400 that echoes the key in every field',
      () =>
        stripeError(
          400,
          { type: 'invalid_request_error', code: 'parameter_unknown', param: API_KEY, message: `Received unknown parameter: ${API_KEY}`, doc_url: `https://stripe.com/docs?key=${API_KEY}`, extra: { nested: API_KEY } },
          { requestId: 'req_echo_all' },
        ),
    ],
    ['a 500 that echoes the Authorization header', () => stripeError(500, { type: 'api_error', message: `Bad header: Authorization: ${BASIC_AUTH}` }, { requestId: 'req_echo_auth' })],
    ['a non-JSON 502 that echoes the key', () => new HttpResponse(`upstream said ${API_KEY}`, { status: 502, headers: { 'Content-Type': 'text/plain' } })],
  ];

  it.each(echoes)('%s: redacted everywhere', async (_, responder) => {
    mock.respond(responder);
    const error = await failure(() => getCustomer(client, { id: 'cus_abc123' }));
    expect(mock.requests).toHaveLength(1);
    expectNoKey(error);
  });

  it('the 401 echo keeps the rest of Stripe\'s message and its class', async () => {
    mock.respond(() => stripeError(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${API_KEY}` }, { requestId: 'req_echo' }));
    const error = await failure(() => getCustomer(client, { id: 'cus_abc123' }));
    expect(error).toBeInstanceOf(StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
    expect(error.requestId).toBe('req_echo');
    expect(error.message.startsWith('401 Invalid API Key provided: ')).toBe(true);
  });

  it('validation errors do not show the key', async () => {
    // @ts-expect-error a product ID where a customer ID goes: refused by the compiler and, here, at run time
    const error = await failure(() => getCustomer(client, { id: 'prod_wrong' }));
    expect(error).toBeInstanceOf(StripeValidationError);
    expect(mock.requests).toHaveLength(0);
    expectNoKey(error);
  });

  const badKeys: [string, string][] = [
    ['a key with a space', 'sk_test_SECRETabc123 '],
    ['a key with a bad character', 'sk_test_SECRETabc123!'],
    ['a publishable key', 'pk_test_SECRETabc123'],
    ['a key without mode', 'sk_SECRETabc123'],
  ];

  it.each(badKeys)('createClient with %s names the problem without echoing it', (_, apiKey) => {
    let thrown: unknown;
    try {
      createClient({ apiKey });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StripeError);
    expect((thrown as Error).message).toContain('apiKey');
    for (const [how, text] of Object.entries(renderings(thrown))) {
      expect(text, `the key shows in ${how}`).not.toContain('SECRETabc123');
    }
  });

  it('a client does not show its key when logged or serialised', () => {
    const connected = createClient({ apiKey: API_KEY, stripeAccount: 'acct_1' });
    const shown = {
      'JSON.stringify': JSON.stringify(connected),
      'util.inspect': inspect(connected, { showHidden: true, depth: 5 }),
      String: String(connected),
      'enumerable own properties': JSON.stringify(Object.entries(connected)),
    };
    for (const [how, text] of Object.entries(shown)) {
      expect(text, `the key shows in ${how}`).not.toContain('SECRETabc123');
      expect(text, `the Basic credentials show in ${how}`).not.toContain(BASE64_KEY);
    }
    // The client is still usable: the options a caller set are visible.
    expect(JSON.stringify(connected)).toContain('acct_1');
  });
});
