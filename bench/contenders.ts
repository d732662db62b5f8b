/**
 * The same two calls made three ways against the loopback server: this package, stripe-node (node:http with its
 * keep-alive agent) and a bare `fetch` with the headers Stripe needs and `res.json()`; and, as the floor of
 * Node's HTTP stack, a bare `http.request` on a keep-alive agent. "This package" is in ours.ts: the built package,
 * as Node resolves it (node:http unless given a `fetch`), and its core entry on Node's fetch.
 */
import { Agent, request } from 'node:http';
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

export function fetchCalls(baseUrl: string): Calls {
  const body = new URLSearchParams(CUSTOMER).toString();
  const postHeaders = { ...rawHeaders, 'Content-Type': 'application/x-www-form-urlencoded' };
  return {
    createCustomer: async () => (await fetch(`${baseUrl}/v1/customers`, { method: 'POST', headers: postHeaders, body })).json(),
    listCustomers: async () => (await fetch(`${baseUrl}/v1/customers?limit=${LIST_LIMIT}`, { headers: rawHeaders })).json(),
  };
}

/** `http.request` with a keep-alive agent and `JSON.parse`: what any Node client pays at the least. */
export function nodeHttpCalls(baseUrl: string): Calls {
  const agent = new Agent({ keepAlive: true });
  const body = new URLSearchParams(CUSTOMER).toString();
  const send = (method: string, path: string, headers: Record<string, string>, payload?: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const outgoing = request(`${baseUrl}${path}`, { method, headers, agent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      });
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  const postHeaders = { ...rawHeaders, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) };
  return {
    createCustomer: () => send('POST', '/v1/customers', postHeaders, body),
    listCustomers: () => send('GET', `/v1/customers?limit=${LIST_LIMIT}`, rawHeaders),
  };
}
