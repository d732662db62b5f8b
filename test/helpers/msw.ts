/**
 * Shared msw setup for the wire, error and retry tests: one catch-all handler on https://api.stripe.com that
 * records every request (method, raw path, decoded query, decoded form body, headers, time) and answers with
 * whatever the current test's responder returns. Nothing here knows about spec/ or generated/: expected
 * values live in the tests, written from Stripe's API reference.
 */
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const STRIPE = 'https://api.stripe.com';
export const API_KEY = 'sk_test_SECRETabc123';
/** What Stripe expects in `Authorization` for API_KEY: HTTP Basic with the key as user name and no password. */
export const BASIC_AUTH = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;
export const STRIPE_VERSION = '2026-10-28.endive';
export const FORM = 'application/x-www-form-urlencoded';

/** One request as it reached "Stripe". */
export interface Captured {
  readonly method: string;
  /** The path exactly as sent, percent-encoding kept (`/v1/customers/cus_a%2Fb`). */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly rawQuery: string;
  readonly form: Record<string, string>;
  readonly rawBody: string;
  /** Header names lower-cased. */
  readonly headers: Record<string, string>;
  /** performance.now() when the handler saw it. */
  readonly at: number;
}

/**
 * Decodes `a=1&items[0][price]=p` (or `items%5B0%5D%5Bprice%5D=p`) into a flat map whose keys keep their
 * brackets. A key sent twice is a bug on the wire, so it is reported rather than silently collapsed.
 */
export function decodeFlat(raw: string): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (Object.hasOwn(flat, key)) throw new Error(`wire field "${key}" sent more than once in ${JSON.stringify(raw)}`);
    flat[key] = value;
  }
  return flat;
}

export type Responder = (request: Captured, attempt: number) => Response | Promise<Response>;

/** A JSON answer the way Stripe sends one, with a `Request-Id`. */
export function stripeJson(body: unknown, init: { status?: number; requestId?: string; headers?: Record<string, string> } = {}): Response {
  return HttpResponse.json(body as Record<string, unknown>, {
    status: init.status ?? 200,
    headers: { ...(init.requestId === undefined ? {} : { 'Request-Id': init.requestId }), ...init.headers },
  });
}

/** A Stripe error answer: `{ error: { … } }`. */
export function stripeError(status: number, error: Record<string, unknown>, init: { requestId?: string; headers?: Record<string, string> } = {}): Response {
  return stripeJson({ error }, { status, ...init });
}

export interface StripeMock {
  /** Every request of the current test, in order. */
  readonly requests: Captured[];
  /** Sets how the current test's requests are answered; `attempt` counts from 1 within the test. */
  respond(responder: Responder): void;
}

const defaultResponder: Responder = () => stripeJson({ id: 'obj_default', object: 'unknown' }, { requestId: 'req_default' });

/**
 * Starts an msw server for the calling test file (listen before all, reset after each, close after all).
 * Unhandled requests (anything not on api.stripe.com) are errors.
 */
export function useStripeMock(): StripeMock {
  const requests: Captured[] = [];
  let responder: Responder = defaultResponder;
  const server = setupServer(
    http.all(`${STRIPE}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const rawBody = await request.text();
      const captured: Captured = {
        method: request.method,
        path: url.pathname,
        rawQuery: url.search.replace(/^\?/, ''),
        query: decodeFlat(url.search),
        rawBody,
        form: decodeFlat(rawBody),
        headers: Object.fromEntries([...request.headers].map(([name, value]) => [name.toLowerCase(), value])),
        at: performance.now(),
      };
      requests.push(captured);
      return responder(captured, requests.length);
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    requests.length = 0;
    responder = defaultResponder;
  });
  afterAll(() => server.close());
  return {
    requests,
    respond(next) {
      responder = next;
    },
  };
}

type Objects = Record<'customer' | 'deleted_customer' | 'product' | 'price' | 'payment_intent' | 'invoice' | 'subscription' | 'balance', Record<string, unknown>>;
const objects = JSON.parse(readFileSync(new URL('../fixtures/stripe-objects.json', import.meta.url), 'utf8')) as Objects;

/** A fresh deep copy of one of Stripe's example objects (test/fixtures/stripe-objects.json). */
export function fixture<K extends keyof Objects>(name: K): Record<string, unknown> {
  return structuredClone(objects[name]);
}

/** Stripe's list envelope around `data`. */
export function stripeList(url: string, data: readonly unknown[], hasMore: boolean): Record<string, unknown> {
  return { object: 'list', data, has_more: hasMore, url };
}

/**
 * Every string reachable from `value` through own properties (enumerable or not, string or symbol keys),
 * so a test can assert that a secret is held nowhere on an object.
 */
export function reachableStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return [];
  seen.add(value);
  const found: string[] = [];
  for (const key of Reflect.ownKeys(value as object)) {
    if (typeof key === 'string') found.push(key);
    const descriptor = Object.getOwnPropertyDescriptor(value as object, key);
    if (descriptor && 'value' in descriptor) found.push(...reachableStrings(descriptor.value, seen));
  }
  return found;
}
