/**
 * The same two calls made several ways against the loopback server: this package, stripe-node (node:http with its
 * keep-alive agent) and a bare `fetch` with the headers Stripe needs and `res.json()`; as the floor of Node's HTTP
 * stack, a bare `http.request` on a keep-alive agent; and, to show what ky costs by itself, ky driving that same
 * `http.request` with nothing of this package around it. "This package" is in ours.ts: the built package, as Node
 * resolves it (node:http unless given a `fetch`), and its core entry on Node's fetch.
 */
import { Agent, request } from 'node:http';
import ky from 'ky';
import Stripe from 'stripe';
import { API_VERSION } from '../generated/api-version.js';

export const API_KEY = 'sk_test_bench0000000000000000';

/** What create_customer sends, and the page size list_customers asks for (Stripe's default). */
export const CUSTOMER = { name: 'Jane Doe', email: 'jane@example.com' } as const;
export const LIST_LIMIT = 10;

export interface Calls {
  createCustomer(): Promise<unknown>;
  listCustomers(): Promise<unknown>;
}

export function stripeClient(baseUrl: string): Stripe {
  const { hostname, port } = new URL(baseUrl);
  return new Stripe(API_KEY, { host: hostname, port: Number(port), protocol: 'http' });
}

export function stripeCalls(baseUrl: string): Calls {
  const stripe = stripeClient(baseUrl);
  return {
    createCustomer: () => stripe.customers.create(CUSTOMER),
    listCustomers: () => stripe.customers.list({ limit: LIST_LIMIT }),
  };
}

export const rawHeaders = {
  Authorization: `Basic ${btoa(`${API_KEY}:`)}`,
  'Stripe-Version': API_VERSION,
  Accept: 'application/json',
};

const FORM = new URLSearchParams(CUSTOMER).toString();

export function fetchCalls(baseUrl: string): Calls {
  const postHeaders = { ...rawHeaders, 'Content-Type': 'application/x-www-form-urlencoded' };
  return {
    createCustomer: async () => (await fetch(`${baseUrl}/v1/customers`, { method: 'POST', headers: postHeaders, body: FORM })).json(),
    listCustomers: async () => (await fetch(`${baseUrl}/v1/customers?limit=${LIST_LIMIT}`, { headers: rawHeaders })).json(),
  };
}

type CallName = keyof Calls;

/** What a call puts on the wire, as this package and stripe-node send it: a POST carries a fresh idempotency key. */
interface Wire {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  headers(): Record<string, string>;
  readonly body?: string;
}

const POST_HEADERS = { ...rawHeaders, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(FORM)) };
const WIRE: Record<CallName, Wire> = {
  createCustomer: { method: 'POST', path: '/v1/customers', headers: () => ({ ...POST_HEADERS, 'Idempotency-Key': crypto.randomUUID() }), body: FORM },
  listCustomers: { method: 'GET', path: `/v1/customers?limit=${LIST_LIMIT}`, headers: () => rawHeaders },
};

/** An answer with its body collected whole. */
interface Answer {
  readonly status: number;
  readonly text: string;
}

/** Sends a call with a bare `http.request` on one keep-alive agent and collects the body: no parsing, no checks. */
function nodeHttpSender(baseUrl: string): (call: CallName) => Promise<Answer> {
  const agent = new Agent({ keepAlive: true });
  return (call) =>
    new Promise((resolve, reject) => {
      const { method, path, headers, body } = WIRE[call];
      const outgoing = request(`${baseUrl}${path}`, { method, headers: headers(), agent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
}

/** `http.request` with a keep-alive agent and `JSON.parse`: what any Node client pays at the least. */
export function nodeHttpCalls(baseUrl: string): Calls {
  const send = nodeHttpSender(baseUrl);
  const call = async (name: CallName): Promise<unknown> => JSON.parse((await send(name)).text);
  return { createCustomer: () => call('createCustomer'), listCustomers: () => call('listCustomers') };
}

/**
 * ky as this package's request path drives it (one instance made up front; per call the URL, the method and a
 * per-call `fetch`, no headers or body for ky, which are the transport's), over the same `http.request` as
 * `nodeHttpCalls`, with nothing of this package: what ky costs by itself on top of Node's HTTP stack.
 * With no hooks and no `parseJson`, ky reads only `ok` of a 2xx answer (core/Ky.js), so that is all it is given,
 * as the package's direct transport does; any other status gets a whole Response, for ky's HTTPError.
 */
export function kyAloneCalls(baseUrl: string): Calls {
  const send = nodeHttpSender(baseUrl);
  const http = ky.create({ timeout: false, retry: { limit: 2 } });
  const call = async (name: CallName): Promise<unknown> => {
    let text = '';
    const transport = async (): Promise<Response> => {
      const answer = await send(name);
      text = answer.text;
      const ok = answer.status >= 200 && answer.status < 300;
      return ok ? ({ ok, status: answer.status } as unknown as Response) : new Response(answer.text, { status: answer.status });
    };
    await http(`${baseUrl}${WIRE[name].path}`, { method: WIRE[name].method, fetch: transport });
    return JSON.parse(text);
  };
  return { createCustomer: () => call('createCustomer'), listCustomers: () => call('listCustomers') };
}
