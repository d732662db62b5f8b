/**
 * msw still sees every request on Node's default transport (node:http, through msw's ClientRequest
 * interceptor), so tests written against msw keep working for code that imports the package on Node.
 */
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, createCustomer, listCustomers, StripeCardError } from '../src/node/core.js';
import { API_KEY, BASIC_AUTH, FORM, fixture, stripeError, stripeJson, useStripeMock } from './helpers/msw.js';

const mock = useStripeMock();

describe('msw over the Node entry’s node:http transport', () => {
  it('intercepts a write: its form body, headers and idempotency key', async () => {
    const client = createClient({ apiKey: API_KEY });
    mock.respond(() => stripeJson(fixture('customer'), { requestId: 'req_msw' }));
    const customer = await createCustomer(client, { name: 'Jane Doe', metadata: { plan: 'pro' } });
    expect(customer.requestId).toBe('req_msw');
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({ method: 'POST', path: '/v1/customers', rawBody: 'name=Jane%20Doe&metadata[plan]=pro' });
    expect(mock.requests[0]!.headers).toMatchObject({ authorization: BASIC_AUTH, 'content-type': FORM, 'idempotency-key': expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // node:http, not Node's fetch: fetch would have said so.
    expect(mock.requests[0]!.headers['sec-fetch-mode']).toBeUndefined();
  });

  it('intercepts retries and errors', async () => {
    const client = createClient({ apiKey: API_KEY, maxRetries: 1 });
    mock.respond((_, attempt) => (attempt === 1 ? HttpResponse.error() : stripeJson({ object: 'list', data: [fixture('customer')], has_more: false })));
    expect((await listCustomers(client, { limit: 1 })).customers).toHaveLength(1);
    expect(mock.requests.map((request) => request.rawQuery)).toEqual(['limit=1', 'limit=1']);
    mock.respond(() => stripeError(402, { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' }, { requestId: 'req_402' }));
    await expect(createCustomer(client, { name: 'x' })).rejects.toBeInstanceOf(StripeCardError);
  });
});
