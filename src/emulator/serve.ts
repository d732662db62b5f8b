/**
 * Serves an emulator over HTTP for clients in other languages or processes (Node only: the rest of the
 * emulator is web-standard and has no Node imports). Point a Stripe client's base URL at `url`.
 *
 * @example
 * const server = await serveEmulator({ port: 0 });
 * // … STRIPE_API_BASE=server.url …
 * await server.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator } from './index.js';

export interface ServeOptions {
  /**
   * The port to listen on; `0` picks a free one (read it back from `port`).
   * @default 12111
   */
  port?: number;
  /**
   * The interface to listen on. The default keeps the emulator off the network.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * The emulator to serve, to share its state with in-process code.
   * @default createEmulator()
   */
  emulator?: Emulator;
}

export interface ServedEmulator {
  /** The base URL, e.g. `http://127.0.0.1:12111`. */
  readonly url: string;
  readonly port: number;
  readonly emulator: Emulator;
  /** Stops listening and closes idle connections. */
  close(): Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = incoming.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(new URL(incoming.url ?? '/', origin), { method, headers, body, signal });
}

async function bridge(emulator: Emulator, incoming: IncomingMessage, outgoing: ServerResponse, origin: string): Promise<void> {
  // The client hanging up before the answer is written aborts the request, so the emulator does not commit it.
  const controller = new AbortController();
  outgoing.once('close', () => {
    if (!outgoing.writableFinished) controller.abort(new DOMException('The client closed the connection.', 'AbortError'));
  });
  const response = await emulator.handle(await toRequest(incoming, origin, controller.signal));
  if (outgoing.destroyed) return;
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

/** Starts an HTTP server that answers like Stripe's API from an emulator. */
export async function serveEmulator(options: ServeOptions = {}): Promise<ServedEmulator> {
  const { port = 12111, host = '127.0.0.1', emulator = createEmulator() } = options;
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    bridge(emulator, incoming, outgoing, origin).catch(() => {
      if (outgoing.destroyed) return;
      outgoing.statusCode = 500;
      outgoing.end();
    });
  });
  const address = await listen(server, port, host);
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const close = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
  return Object.freeze({ url: origin, port: address.port, emulator, close });
}
