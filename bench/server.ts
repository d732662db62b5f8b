/**
 * The loopback server every benchmark talks to: node:http on 127.0.0.1, an ephemeral port, answers at once with
 * fixed Stripe-shaped JSON. POST /v1/customers returns one customer; GET /v1/customers pages through 10,000
 * synthetic customers with Stripe's `limit`, `starting_after` and `has_more`. Anything else is Stripe's 404.
 *
 * Run as a script it starts, prints `{"url": …}` on one line and stays up until stdin closes, so the
 * orchestrator can keep it in its own process (its own core on a 2-core machine) for every Node version.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const CUSTOMER_COUNT = 10_000;

/** A customer as Stripe returns it, with every field a default customer has, so parse costs are realistic. */
export function syntheticCustomer(index: number): Record<string, unknown> {
  return {
    id: `cus_bench${String(index).padStart(8, '0')}`,
    object: 'customer',
    address: null,
    balance: 0,
    created: 1_767_225_600 + index,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: `customer${index}@example.com`,
    invoice_prefix: `BENCH${index.toString(16).toUpperCase().padStart(4, '0')}`,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: { source: 'bench' },
    name: `Customer ${index}`,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

const notFoundBody = Buffer.from(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL.' } }));

/** The request handler over the customers, each serialised once: a request costs a lookup and a write. */
function customersApi(): (req: IncomingMessage, res: ServerResponse) => void {
  const customerJson = Array.from({ length: CUSTOMER_COUNT }, (_, index) => JSON.stringify(syntheticCustomer(index)));
  const createdBody = Buffer.from(customerJson[0]!);
  const indexById = new Map(customerJson.map((json, index) => [(JSON.parse(json) as { id: string }).id, index]));
  let requestCount = 0;

  const listPage = (query: URLSearchParams): Buffer => {
    const limit = Math.min(Math.max(Number(query.get('limit') ?? 10) || 10, 1), 100);
    const after = query.get('starting_after');
    const start = after === null ? 0 : (indexById.get(after) ?? CUSTOMER_COUNT) + 1;
    const end = Math.min(start + limit, CUSTOMER_COUNT);
    return Buffer.from(`{"object":"list","data":[${customerJson.slice(start, end).join(',')}],"has_more":${end < CUSTOMER_COUNT},"url":"/v1/customers"}`);
  };

  const send = (res: ServerResponse, status: number, body: Buffer): void => {
    requestCount += 1;
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length, 'Request-Id': `req_bench${requestCount}` });
    res.end(body);
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/v1/customers') return send(res, 404, notFoundBody);
    if (req.method === 'POST') return send(res, 200, createdBody);
    if (req.method === 'GET') return send(res, 200, listPage(url.searchParams));
    send(res, 404, notFoundBody);
  };
}

export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<BenchServer> {
  const answer = customersApi();
  // The body is read to its end before answering, as a real server would, so the request stream is drained.
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The server in a Node process of its own (this file run as a script), for measurements that block this process
 * (spawnSync) or run in other runtimes; closed by closing its stdin.
 */
export function startServerProcess(): Promise<BenchServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdout.once('data', (chunk: Buffer) => {
      const { url } = JSON.parse(String(chunk).split('\n')[0]!) as { url: string };
      resolve({ url, close: () => new Promise((done) => (child.once('close', () => done()), child.stdin.end())) });
    });
    child.on('error', reject);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startServer();
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close());
}
