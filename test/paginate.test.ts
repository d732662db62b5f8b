import { expect, test } from 'vitest';
import { createClient, listCustomers, listInvoices, paginate } from '../src/index.js';

/** A fake Stripe list endpoint over `total` customers, newest first, recording every query it gets. */
function fakeList(total: number) {
  const ids = Array.from({ length: total }, (_, i) => `cus_${String(total - i).padStart(4, '0')}`);
  const queries: URLSearchParams[] = [];
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    const url = new URL(new Request(input, init).url);
    queries.push(url.searchParams);
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const after = url.searchParams.get('starting_after');
    const start = after ? ids.indexOf(after) + 1 : 0;
    const data = ids.slice(start, start + limit).map((id) => ({ id, object: 'customer' }));
    const body = { object: 'list', url: url.pathname, data, has_more: start + limit < ids.length };
    return Response.json(body, { headers: { 'Request-Id': `req_${queries.length}` } });
  };
  return { ids, queries, client: createClient({ apiKey: 'sk_test_paginate', fetch }) };
}

test('follows has_more across three pages with the last ID as starting_after', async () => {
  const { ids, queries, client } = fakeList(250);
  const seen: string[] = [];
  for await (const customer of paginate(listCustomers, client, { limit: 100 })) seen.push(customer.id);
  expect(seen).toEqual(ids);
  expect(queries.map((q) => [q.get('limit'), q.get('starting_after')])).toEqual([
    ['100', null],
    ['100', 'cus_0151'],
    ['100', 'cus_0051'],
  ]);
});

test('fetches a page only when the previous one is used up, and stops on break', async () => {
  const { queries, client } = fakeList(30);
  const seen: string[] = [];
  for await (const customer of paginate(listCustomers, client, { limit: 10 })) {
    seen.push(customer.id);
    expect(queries).toHaveLength(Math.ceil(seen.length / 10));
    if (seen.length === 15) break;
  }
  expect(queries).toHaveLength(2);
});

test('keeps the caller filters and an initial cursor', async () => {
  const { queries, client } = fakeList(5);
  const seen: string[] = [];
  for await (const customer of paginate(listCustomers, client, { email: 'jane@example.com', limit: 2, starting_after: 'cus_0004' })) seen.push(customer.id);
  expect(seen).toEqual(['cus_0003', 'cus_0002', 'cus_0001']);
  expect(queries.every((q) => q.get('email') === 'jane@example.com')).toBe(true);
});

test('an empty list yields nothing after one request', async () => {
  const { queries, client } = fakeList(0);
  const seen: unknown[] = [];
  for await (const item of paginate(listInvoices, client, {})) seen.push(item);
  expect(seen).toEqual([]);
  expect(queries).toHaveLength(1);
});

test('validation errors surface before any request', async () => {
  const { queries, client } = fakeList(5);
  const run = async () => {
    for await (const _ of paginate(listCustomers, client, { limit: 500 })) void _;
  };
  await expect(run()).rejects.toThrow(/list_customers: argument "limit" expected an integer from 1 to 100/);
  expect(queries).toHaveLength(0);
});
