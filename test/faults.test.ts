/**
 * Fault injection (issue 9): a loopback proxy in front of the emulator drops connections after the emulator
 * committed, answers 500 and 429, stalls headers and stalls bodies, on a seeded schedule. Hundreds of writes go
 * through both transports; none may be duplicated, lost, hung or untyped, and each call keeps one idempotency key.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, createCustomer, type FetchLike, listCustomers, paginate, StripeAbortError, StripeConnectionError, StripeError, StripeTimeoutError } from '../src/index.js';
import { createEmulator, type Emulator } from '../src/emulator/index.js';
import { createNodeFetch } from '../src/node/index.js';
import { boundedRetries, retryPolicy } from '../src/retry.js';

// Backoff of a few milliseconds keeps hundreds of retried calls within the suite's bound; the limit stays real.
vi.mock('../src/retry.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/retry.js')>();
  return { ...original, retryPolicy: (limit: number) => ({ ...original.retryPolicy(limit), delay: () => 5, jitter: undefined }) };
});

const SEED = Number(process.env.FAULT_SEED ?? 20261201);
console.log(`faults.test.ts seed ${SEED} (FAULT_SEED to change)`);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Fault = 'drop-after-commit' | '500' | '429' | 'stall-headers' | 'stall-body' | 'forward';
const FAULTS: Array<[Fault, number]> = [
  ['drop-after-commit', 0.08],
  ['500', 0.08],
  ['429', 0.08],
  ['stall-headers', 0.07],
  ['stall-body', 0.07],
];

function chooser(random: () => number): () => Fault {
  return () => {
    let roll = random();
    for (const [fault, weight] of FAULTS) {
      if (roll < weight) return fault;
      roll -= weight;
    }
    return 'forward';
  };
}

const KEY = 'sk_test_faults';

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

interface Proxy {
  url: string;
  counts: Record<Fault, number>;
  keysByMarker: Map<string, Set<string>>;
  requests: number;
  close(): Promise<void>;
}

async function forward(emulator: Emulator, incoming: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
  const method = incoming.method ?? 'GET';
  const response = await emulator.handle(new Request(`http://emulator${incoming.url}`, { method, headers, body: method === 'GET' ? undefined : new Uint8Array(body) }));
  return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
}

async function startProxy(emulator: Emulator, next: () => Fault): Promise<Proxy> {
  const sockets = new Set<Socket>();
  const counts: Record<Fault, number> = { 'drop-after-commit': 0, '500': 0, '429': 0, 'stall-headers': 0, 'stall-body': 0, forward: 0 };
  const keysByMarker = new Map<string, Set<string>>();
  const proxy: Proxy = { url: '', counts, keysByMarker, requests: 0, close: async () => {} };
  const server: Server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    void (async () => {
      const body = await readBody(incoming);
      proxy.requests += 1;
      const marker = new URLSearchParams(body.toString()).get('metadata[marker]');
      if (marker) {
        const keys = keysByMarker.get(marker) ?? new Set<string>();
        keys.add(String(incoming.headers['idempotency-key']));
        keysByMarker.set(marker, keys);
      }
      const fault = incoming.url?.startsWith('/v1/customers') && incoming.method === 'POST' ? next() : 'forward';
      counts[fault] += 1;
      if (fault === '500') {
        outgoing.writeHead(500, { 'Content-Type': 'application/json', 'Request-Id': 'req_proxy500' });
        outgoing.end(JSON.stringify({ error: { type: 'api_error', message: 'injected 500' } }));
        return;
      }
      if (fault === '429') {
        outgoing.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '0' });
        outgoing.end(JSON.stringify({ error: { type: 'rate_limit_error', message: 'injected 429' } }));
        return;
      }
      const answer = await forward(emulator, incoming, body);
      if (fault === 'drop-after-commit') {
        incoming.socket.destroy();
        return;
      }
      if (fault === 'stall-headers') return; // committed, never answered; the client times out and hangs up
      if (fault === 'stall-body') {
        outgoing.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
        outgoing.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
        return;
      }
      outgoing.writeHead(answer.status, answer.headers);
      outgoing.end(answer.body);
    })().catch(() => incoming.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}

const HUNG = Symbol('hung');
const within = <T,>(promise: Promise<T>, ms: number): Promise<T | typeof HUNG> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(HUNG), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

async function customersByMarker(emulator: Emulator): Promise<Map<string, string[]>> {
  const client = createClient({ apiKey: KEY, fetch: emulator.fetch });
  const byMarker = new Map<string, string[]>();
  for await (const customer of paginate(listCustomers, client, { limit: 100 })) {
    const marker = (customer.metadata as Record<string, string> | undefined)?.marker;
    if (marker) byMarker.set(marker, [...(byMarker.get(marker) ?? []), customer.id]);
  }
  return byMarker;
}

const WRITES = 300;
const CONCURRENCY = 16;

describe.each([
  ['globalThis.fetch', () => undefined as FetchLike | undefined],
  ['createNodeFetch', () => createNodeFetch()],
])('under injected faults, through %s', (transport, makeFetch) => {
  it(`${WRITES} writes at concurrency ${CONCURRENCY}: 0 duplicates, 0 lost, 0 hung, 0 untyped, one idempotency key per call`, { timeout: 60_000 }, async () => {
    const emulator = createEmulator();
    const proxy = await startProxy(emulator, chooser(mulberry32(SEED + (transport === 'globalThis.fetch' ? 0 : 1))));
    const client = createClient({ apiKey: KEY, baseUrl: proxy.url, timeout: 300, maxRetries: 4, fetch: makeFetch() });
    const outcomes: Array<{ marker: string; id?: string; error?: unknown; hung?: boolean }> = [];
    let next = 0;
    const started = Date.now();
    try {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < WRITES) {
            const marker = `m${next++}`;
            try {
              const result = await within(createCustomer(client, { name: marker, metadata: { marker } }), 15_000);
              outcomes.push(result === HUNG ? { marker, hung: true } : { marker, id: result.id });
            } catch (error) {
              outcomes.push({ marker, error });
            }
          }
        }),
      );
    } finally {
      await proxy.close();
    }
    const byMarker = await customersByMarker(emulator);
    const hung = outcomes.filter((o) => o.hung);
    const untyped = outcomes.filter((o) => o.error !== undefined && !(o.error instanceof StripeError));
    const duplicates = [...byMarker.entries()].filter(([, ids]) => ids.length > 1);
    const lost = outcomes.filter((o) => (o.id !== undefined ? byMarker.get(o.marker)?.[0] !== o.id : o.error instanceof StripeError && /Nothing was sent/.test(o.error.message) && byMarker.has(o.marker)));
    const manyKeys = [...proxy.keysByMarker.entries()].filter(([, keys]) => keys.size !== 1);
    const rejected = outcomes.filter((o) => o.error !== undefined);
    console.log(
      `${transport}: ${WRITES} writes, ${proxy.requests} requests (${proxy.requests - WRITES} retries), faults ${JSON.stringify(proxy.counts)}, ` +
        `resolved ${outcomes.length - rejected.length - hung.length}, rejected ${rejected.length} (${[...new Set(rejected.map((o) => (o.error as Error).name))].join(', ') || 'none'}), ` +
        `duplicates ${duplicates.length}, lost ${lost.length}, hung ${hung.length}, untyped ${untyped.length}, ${Date.now() - started} ms`,
    );
    expect(outcomes).toHaveLength(WRITES);
    expect(hung).toEqual([]);
    expect(untyped.map((o) => String(o.error))).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(lost.map((o) => o.marker)).toEqual([]);
    expect(manyKeys.map(([marker, keys]) => `${marker}: ${[...keys].join(', ')}`)).toEqual([]);
    // A call whose attempts all timed out before reaching the proxy (a loaded machine) has no key there; every
    // call that resolved does.
    for (const outcome of outcomes) if (outcome.id !== undefined) expect(proxy.keysByMarker.get(outcome.marker)?.size, outcome.marker).toBe(1);
    // The schedule injected every kind of fault.
    for (const [fault] of FAULTS) expect(proxy.counts[fault]).toBeGreaterThan(0);
  });
});

/** A loopback server with one behaviour per path, counting the requests it got. */
let server: Server;
let base = '';
const received: string[] = [];
const held = new Set<Socket>();
beforeAll(async () => {
  server = createServer((incoming, outgoing) => {
    received.push(`${incoming.method} ${incoming.url}`);
    incoming.resume();
    incoming.on('end', () => {
      if (incoming.url?.startsWith('/stall-body')) {
        outgoing.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '200' });
        outgoing.write('{"id": "cus_');
        return;
      }
      if (incoming.url?.startsWith('/stall-headers')) return;
      if (incoming.url?.startsWith('/busy')) {
        outgoing.writeHead(503, { 'Content-Type': 'application/json' });
        outgoing.end('{"error":{"type":"api_error","message":"Busy."}}');
        return;
      }
      if (incoming.url?.startsWith('/reset')) {
        incoming.socket.destroy();
        return;
      }
      outgoing.writeHead(200, { 'Content-Type': 'application/json' });
      outgoing.end('{"id":"cus_1","object":"customer"}');
    });
  });
  server.on('connection', (socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const freePort = async (): Promise<number> => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
};

describe.each([
  ['globalThis.fetch', () => undefined as FetchLike | undefined],
  ['createNodeFetch', () => createNodeFetch()],
])('targeted faults through %s', (_transport, makeFetch) => {
  const client = (path: string, extra: { timeout?: number; maxRetries?: number } = {}) =>
    createClient({ apiKey: KEY, baseUrl: `${base}${path}`, fetch: makeFetch(), maxRetries: 0, timeout: 5_000, ...extra });

  it('a stalled body times out within the per-attempt timeout', async () => {
    const started = Date.now();
    const failure = await within(createCustomer(client('/stall-body', { timeout: 200 }), { name: 'x' }, { idempotencyKey: 'ik-stall' }).catch((error: unknown) => error), 5_000);
    expect(failure).toBeInstanceOf(StripeTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((failure as Error).message).toMatch(/did not answer within 200 ms\. A write may or may not have been made; repeat it with the same idempotency key \(ik-stall\)/);
  }, 10_000);

  it('a stalled body times out on every retry too', async () => {
    const started = Date.now();
    const error = await within(
      createCustomer(client('/stall-body', { timeout: 150, maxRetries: 1 }), { name: 'x' }, {}).catch((e: unknown) => e),
      5_000,
    );
    expect(error).toBeInstanceOf(StripeTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
  }, 10_000);

  it('an abort before sending says nothing was sent, and sends nothing', async () => {
    const before = received.length;
    const controller = new AbortController();
    controller.abort();
    const failure = await createCustomer(client('/ok'), { name: 'x' }, { signal: controller.signal }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeAbortError);
    expect(failure).toMatchObject({ type: 'abort_error', requestSent: false });
    expect((failure as Error).message).toMatch(/aborted.*Nothing was sent to Stripe\./);
    expect((failure as Error).message).not.toMatch(/may or may not/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.length).toBe(before);
  });

  it('an abort mid-flight says a write may have been made and names the idempotency key', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const failure = await within(createCustomer(client('/stall-headers'), { name: 'x' }, { signal: controller.signal, idempotencyKey: 'ik-abort' }).catch((error: unknown) => error), 5_000);
    expect(failure).toBeInstanceOf(StripeAbortError);
    expect(failure).toMatchObject({ requestSent: true, idempotencyKey: 'ik-abort' });
    expect((failure as Error).message).toMatch(/A write may or may not have been made; repeat it with the same idempotency key \(ik-abort\)/);
  });

  it('an abort while ky waits to retry rejects at once, and no later attempt is sent', async () => {
    const controller = new AbortController();
    const busy = () => received.filter((line) => line.includes('/busy')).length;
    const before = busy();
    // Aborted as the first 503 comes back; ky then waits at least 250 ms (half of 0.5 s, jittered) to retry.
    const retrying = createClient({ apiKey: KEY, baseUrl: `${base}/busy`, fetch: makeFetch(), maxRetries: 3, timeout: 5_000, onResponse: () => controller.abort() });
    const call = createCustomer(retrying, { name: 'x' }, { signal: controller.signal, idempotencyKey: 'ik-busy' }).catch((error: unknown) => error);
    const first = await Promise.race([call, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200))]);
    expect(first).toBeInstanceOf(StripeAbortError);
    expect(first).toMatchObject({ requestSent: true, idempotencyKey: 'ik-busy' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(busy() - before).toBe(1);
  });

  it('an abort while the body streams rejects at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 80);
    const failure = await within(createCustomer(client('/stall-body'), { name: 'x' }, { signal: controller.signal }).catch((error: unknown) => error), 3_000);
    expect(failure).toBeInstanceOf(StripeAbortError);
  });

  it('a refused connection says nothing was sent', async () => {
    const port = await freePort();
    const refused = createClient({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}`, fetch: makeFetch(), maxRetries: 1, timeout: 2_000 });
    const failure = await within(createCustomer(refused, { name: 'x' }).catch((error: unknown) => error), 8_000);
    expect(failure).toBeInstanceOf(StripeConnectionError);
    expect((failure as Error).message).toMatch(/ECONNREFUSED.*Nothing was sent to Stripe\./);
  }, 10_000);

  it('a connection reset after sending says a write may have been made and names the key', async () => {
    const failure = await within(createCustomer(client('/reset'), { name: 'x' }, { idempotencyKey: 'ik-reset' }).catch((error: unknown) => error), 5_000);
    expect(failure).toBeInstanceOf(StripeConnectionError);
    expect(failure).not.toBeInstanceOf(StripeTimeoutError);
    expect((failure as Error).message).toMatch(/A write may or may not have been made; repeat it with the same idempotency key \(ik-reset\)/);
  });
});

describe('connection failures that sent nothing, and bounded retries', () => {
  it('a host name that did not resolve says nothing was sent', async () => {
    const dnsFailure: FetchLike = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.stripe.invalid'), { code: 'ENOTFOUND' }) }));
    const failure = await createCustomer(createClient({ apiKey: KEY, fetch: dnsFailure, maxRetries: 2 }), { name: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeConnectionError);
    expect((failure as Error).message).toMatch(/ENOTFOUND.*Nothing was sent to Stripe\./);
  });

  it('retry limits are bounded whatever they are given', () => {
    expect(boundedRetries(Number.NaN)).toBe(0);
    expect(boundedRetries(-1)).toBe(0);
    expect(boundedRetries(Infinity)).toBe(10);
    expect(boundedRetries(1e9)).toBe(10);
    expect(boundedRetries(2.7)).toBe(2);
    expect(retryPolicy(Number.NaN).limit).toBe(0);
  });

  it('the emulator never commits a request aborted before it commits', async () => {
    const emulator = createEmulator();
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      pull(stream) {
        stream.enqueue(new TextEncoder().encode('name=aborted'));
        controller.abort();
        stream.close();
      },
    });
    const request = new Request('http://emulator/v1/customers', {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': 'ik-emu' },
      body,
      signal: controller.signal,
      duplex: 'half',
    } as RequestInit);
    await expect(emulator.handle(request)).rejects.toMatchObject({ name: 'AbortError' });
    const listed = await listCustomers(createClient({ apiKey: KEY, fetch: emulator.fetch }), {});
    expect(listed.customers).toEqual([]);
    // The same key afterwards runs afresh: nothing was remembered for it.
    const created = await createCustomer(createClient({ apiKey: KEY, fetch: emulator.fetch }), { name: 'after' }, { idempotencyKey: 'ik-emu' });
    expect(created.name).toBe('after');
  });

  it('a worker-like global counts as a browser for the secret-key guard (service workers too)', () => {
    const scope = globalThis as Record<string, unknown>;
    for (const [name, value] of [['WorkerGlobalScope', function WorkerGlobalScope() {}], ['importScripts', () => undefined]] as const) {
      scope[name] = value;
      try {
        expect(() => createClient({ apiKey: KEY })).toThrow(/must not be used in a browser/);
        expect(() => createClient({ apiKey: KEY, dangerouslyAllowBrowser: true })).not.toThrow();
      } finally {
        delete scope[name];
      }
    }
    expect(() => createClient({ apiKey: KEY })).not.toThrow();
  });
});
