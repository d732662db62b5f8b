/**
 * The key never leaves in an error (issue 9): a loopback server echoes the key back in every form it can take
 * (raw, JSON \u-escaped, the Basic credential, its base64 with and without ':' and padding, URL-encoded) in the
 * error body's message, param, code, doc_url, nested fields and field names, and in Request-Id; the caller also
 * passes the key as an argument value. No form may appear in any view of the error or on the console.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createClient,
  createCustomer,
  type FetchLike,
  listCustomers,
  StripeAbortError,
  StripeAPIError,
  StripeAuthenticationError,
  StripeCardError,
  StripeConflictError,
  StripeConnectionError,
  StripeError,
  StripeInvalidRequestError,
  StripePermissionError,
  StripeRateLimitError,
  StripeTimeoutError,
  StripeValidationError,
} from '../src/index.js';
import { createNodeFetch } from '../src/node/index.js';

const KEY = 'sk_test_51EchoSecretKey0123456789abcdefXYZ';
const BASIC_B64 = btoa(`${KEY}:`);
const FORMS: Record<string, string> = {
  raw: KEY,
  'JSON \\u-escaped': Array.from(KEY, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  'Basic credential': `Basic ${BASIC_B64}`,
  'base64 of key:': BASIC_B64,
  'base64 of key: unpadded': BASIC_B64.replace(/=+$/, ''),
  'base64 without ":"': btoa(KEY),
  'base64 without ":" unpadded': btoa(KEY).replace(/=+$/, ''),
  'URL-encoded Basic credential': encodeURIComponent(`Basic ${BASIC_B64}`),
  'URL-encoded base64': encodeURIComponent(BASIC_B64),
  'percent-encoded key': Array.from(KEY, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`).join(''),
};
// What the server writes into its answers: every form but the JSON-escaped one as JSON strings, that one raw.
const echoes = (): string[] => Object.entries(FORMS).map(([name, form]) => (name.startsWith('JSON') ? `"${form}"` : JSON.stringify(form)));

function errorBody(status: number): string {
  const [raw, escaped, ...rest] = echoes();
  const forms = [raw, escaped, ...rest].join(', ');
  return `{"error": {
    "type": ${status === 402 ? '"card_error"' : status === 429 ? '"rate_limit_error"' : status >= 500 ? '"api_error"' : '"invalid_request_error"'},
    "message": ${escaped},
    "param": ${raw},
    "code": ${JSON.stringify(FORMS['Basic credential'])},
    "decline_code": ${JSON.stringify(FORMS['base64 of key:'])},
    "doc_url": ${JSON.stringify(`https://stripe.com/docs?key=${FORMS['URL-encoded Basic credential']}&p=${FORMS['percent-encoded key']}`)},
    "nested": { "deeper": [${forms}, { "again": [${forms}] }] },
    ${escaped}: ${escaped},
    ${JSON.stringify(FORMS['base64 without ":"'])}: { ${raw}: ${JSON.stringify(FORMS['base64 without ":" unpadded'])} }
  }}`;
}

let server: Server;
let base = '';
const sockets = new Set<Socket>();
beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () => {
      const path = (incoming.url ?? '').split('/')[1] ?? '';
      const echoHeaders = { 'Request-Id': `req_${KEY}_${BASIC_B64}`, 'X-Echo': String(incoming.headers.authorization) };
      if (path === 'reset') {
        incoming.socket.destroy();
        return;
      }
      if (path === 'stall') return;
      if (path === 'html') {
        outgoing.writeHead(200, { 'Content-Type': 'text/html', ...echoHeaders });
        outgoing.end(`<html>${Object.values(FORMS).join(' ')}</html>`);
        return;
      }
      if (path === 'html500') {
        outgoing.writeHead(502, { 'Content-Type': 'text/html', ...echoHeaders });
        outgoing.end(`<html>${Object.values(FORMS).join(' ')}</html>`);
        return;
      }
      const status = Number(path);
      outgoing.writeHead(status, { 'Content-Type': 'application/json', ...echoHeaders, ...(status === 429 ? { 'Retry-After': '0' } : {}) });
      outgoing.end(errorBody(status));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const logged: string[] = [];
beforeEach(() => {
  logged.length = 0;
  for (const method of ['log', 'error', 'warn', 'info', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...parts: unknown[]) => {
      logged.push(parts.map((part) => (typeof part === 'string' ? part : inspect(part, { showHidden: true, depth: Infinity }))).join(' '));
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Every view of an error a caller or a logger can get. */
function views(error: unknown): Record<string, string> {
  return {
    message: (error as Error).message,
    String: String(error),
    stack: String((error as Error).stack),
    'JSON.stringify': JSON.stringify(error),
    'util.inspect': inspect(error, { showHidden: true, depth: Infinity }),
    'own properties': inspect(Object.getOwnPropertyDescriptors(error), { showHidden: true, depth: Infinity }),
    console: logged.join('\n'),
  };
}

function leaks(error: unknown): string[] {
  console.error(error);
  console.log('failed:', error);
  const found: string[] = [];
  for (const [view, text] of Object.entries(views(error))) {
    for (const [form, value] of Object.entries(FORMS)) if (text.includes(value)) found.push(`${form} in ${view}`);
    if (/sk_test_51Echo/.test(text)) found.push(`key fragment in ${view}`);
  }
  return found;
}

type Kind = [name: string, path: string, expected: abstract new (...args: never[]) => StripeError];
const HTTP_KINDS: Kind[] = [
  ['400', '400', StripeInvalidRequestError],
  ['401', '401', StripeAuthenticationError],
  ['402', '402', StripeCardError],
  ['403', '403', StripePermissionError],
  ['404', '404', StripeInvalidRequestError],
  ['409', '409', StripeConflictError],
  ['429', '429', StripeRateLimitError],
  ['500', '500', StripeAPIError],
  ['non-JSON body (200)', 'html', StripeAPIError],
  ['non-JSON body (502)', 'html500', StripeAPIError],
  ['connection error', 'reset', StripeConnectionError],
  ['timeout', 'stall', StripeTimeoutError],
];

describe.each([
  ['globalThis.fetch', () => undefined as FetchLike | undefined],
  ['createNodeFetch', () => createNodeFetch()],
])('no form of the key in any error, through %s', (_transport, makeFetch) => {
  const client = (path: string) => createClient({ apiKey: KEY, baseUrl: `${base}/${path}`, fetch: makeFetch(), maxRetries: 0, timeout: path === 'stall' ? 300 : 5_000 });

  it.each(HTTP_KINDS)('%s', async (_name, path, expected) => {
    // The caller passes the key as argument values too; Stripe's answer echoes it.
    const failure = await createCustomer(client(path), { name: KEY, description: FORMS['Basic credential'], metadata: { note: KEY } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(expected);
    expect(leaks(failure)).toEqual([]);
    // The echo did arrive and was redacted, not dropped.
    if (/^\d+$/.test(path)) {
      expect(failure).toMatchObject({ statusCode: Number(path), requestId: 'req_[redacted key]_[redacted key]', message: expect.stringContaining('[redacted key]') });
      expect(JSON.stringify((failure as StripeError).raw)).toContain('[redacted key]');
    }
  });

  it('a read echoed back (query string carrying the key as a value)', async () => {
    const failure = await listCustomers(client('400'), { email: `${KEY}@example.com` }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeInvalidRequestError);
    expect(leaks(failure)).toEqual([]);
  });

  it('abort', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error(`aborted by ${KEY} ${FORMS['Basic credential']}`)), 50);
    const failure = await createCustomer(client('stall'), { name: KEY }, { signal: controller.signal }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeAbortError);
    expect(leaks(failure)).toEqual([]);
  });

  it('a transport failure whose text carries the key', async () => {
    const inner = makeFetch() ?? ((input, init) => globalThis.fetch(input, init));
    const echoing: FetchLike = async (input, init) => {
      await inner(input, init).catch(() => undefined);
      throw new TypeError(`fetch failed for ${FORMS['Basic credential']}`, { cause: Object.assign(new Error(`socket ${KEY} ${FORMS['percent-encoded key']} ${FORMS['base64 without ":"']}`), { code: 'ECONNRESET' }) });
    };
    const failure = await createCustomer(createClient({ apiKey: KEY, baseUrl: `${base}/reset`, fetch: echoing, maxRetries: 0 }), { name: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeConnectionError);
    expect(leaks(failure)).toEqual([]);
  });

  it('validation: the key given as a wrong-typed argument value', async () => {
    const failure = await listCustomers(client('400'), { limit: KEY as unknown as number }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeValidationError);
    expect(leaks(failure)).toEqual([]);
  });

  it('validation: the key given as an option value', async () => {
    const failure = await createCustomer(client('400'), { name: 'x' }, { stripeAccount: KEY }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeValidationError);
    expect(leaks(failure)).toEqual([]);
  });
});
