import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, createCustomer, getCustomer, StripeConnectionError, StripeInvalidRequestError, StripeTimeoutError } from '../src/index.js';
import { createNodeFetch } from '../src/node/index.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

const seen: Seen[] = [];
let flaky = 0;
const customer = { id: 'cus_node1', object: 'customer', name: 'Jane Doe' };

// One route per behaviour under test; /hang never answers, so only an abort or a timeout ends the call.
const routes: Record<string, (res: ServerResponse, body: string) => void> = {
  '/v1/customers': (res) => json(res, 200, customer),
  '/v1/customers/cus_missing': (res) => json(res, 404, { error: { type: 'invalid_request_error', message: 'No such customer', param: 'id' } }),
  '/echo': (res, body) => json(res, 201, { body }),
  '/empty': (res) => res.writeHead(204, { 'Request-Id': 'req_empty' }).end(),
  '/gzip': (res) => {
    const packed = gzipSync(JSON.stringify(customer));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': packed.length }).end(packed);
  },
  '/v1/customers/cus_gzip': (res) => {
    const packed = gzipSync(JSON.stringify(customer));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': packed.length, 'Request-Id': 'req_gzip' }).end(packed);
  },
  // 503 on every odd call, 200 on every even one: a call that retries once gets its answer.
  '/v1/customers/cus_flaky': (res) => {
    flaky += 1;
    if (flaky % 2 === 1) res.writeHead(503, { 'Content-Type': 'application/json', 'Request-Id': 'req_flaky_503' }).end(JSON.stringify({ error: { type: 'api_error', message: 'try again' } }));
    else json(res, 200, customer);
  },
  '/v1/customers/cus_600': (res) => res.writeHead(600, { 'Content-Type': 'application/json' }).end('{}'),
  '/hang': () => undefined,
  '/cut': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
    res.write('{"id":');
    setTimeout(() => res.destroy(), 10);
  },
};

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${seen.length}`, 'Set-Cookie': ['a=1', 'b=2'] }).end(body);
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const route = path.startsWith('/hang/') ? routes['/hang'] : routes[path];
      if (route) route(res, body);
      else json(res, 404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const lastSeen = (): Seen => seen.at(-1)!;

describe('createNodeFetch as a fetch', () => {
  const fetch = createNodeFetch();

  test('gives the status, headers (Request-Id, repeated Set-Cookie) and body', async () => {
    const response = await fetch(`${baseUrl}/v1/customers`);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('request-id')).toMatch(/^req_\d+$/);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual(customer);
  });

  test('sends the method, headers and body of a Request', async () => {
    const request = new Request(`${baseUrl}/echo`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Custom': 'yes' }, body: 'name=Jane+Doe' });
    const response = await fetch(request);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ body: 'name=Jane+Doe' });
    expect(lastSeen()).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-custom': 'yes', 'content-length': '13' } });
  });

  test('takes a URL and init as fetch does', async () => {
    const response = await fetch(new URL(`${baseUrl}/echo`), { method: 'PUT', body: 'x=1' });
    expect(await response.json()).toEqual({ body: 'x=1' });
    expect(lastSeen().method).toBe('PUT');
  });

  test('the body reads as any Response: once, by any method, or as a stream; clone before reading', async () => {
    const text = async (response: Response): Promise<string> => response.text();
    const first = await fetch(`${baseUrl}/v1/customers`);
    expect(first.bodyUsed).toBe(false);
    const copy = first.clone();
    expect(JSON.parse(await text(first))).toEqual(customer);
    expect(first.bodyUsed).toBe(true);
    await expect(first.text()).rejects.toBeInstanceOf(TypeError);
    expect(() => first.clone()).toThrow(TypeError);
    expect(await copy.json()).toEqual(customer);
    const bytes = new Uint8Array(await (await fetch(`${baseUrl}/v1/customers`)).arrayBuffer());
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(customer));
    expect(bytes.byteLength).toBe(JSON.stringify(customer).length);
    const blob = await (await fetch(`${baseUrl}/v1/customers`)).blob();
    expect(blob.type).toBe('application/json');
    expect(await blob.text()).toBe(JSON.stringify(customer));
    const streamed = await fetch(`${baseUrl}/v1/customers`);
    const chunks: Uint8Array[] = [];
    const reader = streamed.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(new TextDecoder().decode(Buffer.concat(chunks))).toBe(JSON.stringify(customer));
    expect(streamed.bodyUsed).toBe(true);
    await expect(streamed.text()).rejects.toBeInstanceOf(TypeError);
  });

  test('gives a null body for 204', async () => {
    const response = await fetch(`${baseUrl}/empty`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(response.headers.get('request-id')).toBe('req_empty');
  });

  test('decodes a gzip body as fetch does', async () => {
    expect(await (await fetch(`${baseUrl}/gzip`)).json()).toEqual(customer);
  });

  test('rejects with the signal reason when aborted, before or during the exchange', async () => {
    const controller = new AbortController();
    const pending = fetch(`${baseUrl}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(fetch(`${baseUrl}/v1/customers`, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('rejects with a TypeError carrying the cause when the connection fails', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await fetch(`http://127.0.0.1:${port}/v1/customers`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  test('rejects with a TypeError when the connection closes mid-body', async () => {
    await expect(fetch(`${baseUrl}/cut`)).rejects.toBeInstanceOf(TypeError);
  });
});

describe('createNodeFetch under the client', () => {
  const client = () => createClient({ apiKey: 'sk_test_node', baseUrl, fetch: createNodeFetch(), maxRetries: 0 });

  test('creates a customer: form body, Stripe headers, Request-Id on the result', async () => {
    const result = await createCustomer(client(), { name: 'Jane Doe', metadata: { tier: 'pro' } });
    expect(result).toEqual(customer);
    expect(result.requestId).toMatch(/^req_\d+$/);
    const request = lastSeen();
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ name: 'Jane Doe', 'metadata[tier]': 'pro' });
    expect(request.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', 'stripe-version': expect.any(String) });
    expect(request.headers['idempotency-key']).toBeTruthy();
    expect(request.headers.authorization).toBe(`Basic ${btoa('sk_test_node:')}`);
  });

  test("maps Stripe's error answer to its error class", async () => {
    const failure = await getCustomer(client(), { id: 'cus_missing' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeInvalidRequestError);
    expect(failure).toMatchObject({ statusCode: 404, param: 'id', requestId: expect.stringMatching(/^req_\d+$/) });
  });

  test("keeps the caller's abort and the client's timeout working", async () => {
    const hanging = createClient({ apiKey: 'sk_test_node', baseUrl: `${baseUrl}/hang`, fetch: createNodeFetch(), maxRetries: 0, timeout: 50 });
    await expect(createCustomer(hanging, { name: 'x' })).rejects.toBeInstanceOf(StripeTimeoutError);
    const controller = new AbortController();
    const pending = createCustomer(createClient({ apiKey: 'sk_test_node', baseUrl: `${baseUrl}/hang`, fetch: createNodeFetch(), maxRetries: 0 }), { name: 'x' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'StripeAbortError', type: 'abort_error', requestSent: true, message: expect.stringContaining('A write may or may not have been made') });
  });

  test('a 2xx answer: the Request-Id from its headers, a gzip body decoded, the hooks told its status and ID', async () => {
    const answers: Array<[number | undefined, string | undefined, string | undefined]> = [];
    const observed = createClient({ apiKey: 'sk_test_node', baseUrl, fetch: createNodeFetch(), maxRetries: 0, hookBodies: true, onResponse: ({ status, requestId, responseBody }) => void answers.push([status, requestId, responseBody]) });
    const result = await getCustomer(observed, { id: 'cus_gzip' });
    expect(result).toEqual(customer);
    expect(result.requestId).toBe('req_gzip');
    expect(answers).toEqual([[200, 'req_gzip', JSON.stringify(customer)]]);
  });

  test('a failed status is retried and the next answer returned; the hooks see the failed attempt with its error', async () => {
    flaky = 0;
    const statuses: Array<[number | undefined, string | undefined]> = [];
    const retrying = createClient({ apiKey: 'sk_test_node', baseUrl, fetch: createNodeFetch(), maxRetries: 1, onResponse: ({ status, error }) => void statuses.push([status, error?.name]) });
    const result = await getCustomer(retrying, { id: 'cus_flaky' });
    expect(result).toEqual(customer);
    expect(statuses).toEqual([[503, 'StripeAPIError'], [200, undefined]]);
    // Without a retry left, the 503 is the call's error, with its Request-Id.
    flaky = 0;
    const failure = await getCustomer(client(), { id: 'cus_flaky' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'StripeAPIError', statusCode: 503, requestId: 'req_flaky_503' });
  });

  test('an abort from onRequest, before the attempt goes out, sends nothing', async () => {
    const controller = new AbortController();
    const before = seen.length;
    const aborting = createClient({ apiKey: 'sk_test_node', baseUrl, fetch: createNodeFetch(), maxRetries: 0, onRequest: () => controller.abort() });
    await expect(createCustomer(aborting, { name: 'x' }, { signal: controller.signal })).rejects.toMatchObject({ name: 'StripeAbortError' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.length).toBe(before);
  });

  test('a status no Response can have (600) fails as a connection error, through the fetch as under the client', async () => {
    await expect(createNodeFetch()(`${baseUrl}/v1/customers/cus_600`)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: expect.any(RangeError) });
    await expect(getCustomer(client(), { id: 'cus_600' })).rejects.toBeInstanceOf(StripeConnectionError);
  });

  test('surfaces a refused connection as StripeConnectionError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const refused = createClient({ apiKey: 'sk_test_node', baseUrl: `http://127.0.0.1:${port}`, fetch: createNodeFetch(), maxRetries: 0 });
    const failure = await createCustomer(refused, { name: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeConnectionError);
    expect((failure as Error).message).toMatch(/ECONNREFUSED/);
  });
});
