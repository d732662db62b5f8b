import type { Agent as HttpAgent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { FetchLike } from '../client.js';
import { type Answered, DIRECT, type DirectAttempt, type Exchange } from '../timed-fetch.js';

/** How `createNodeFetch` reaches Stripe. */
export interface NodeFetchOptions {
  /**
   * Sockets open to one host at once; calls beyond it wait for a free socket. @default Infinity
   * @example createNodeFetch({ maxSockets: 16 })
   */
  maxSockets?: number;
  /**
   * Milliseconds an idle kept-alive socket stays open. Shorter than the server's own idle timeout, so a request
   * is not written onto a socket the server is closing. @default 30000
   */
  idleTimeout?: number;
  /** Agents of your own (a proxy, client certificates); they replace the keep-alive agents made here. */
  agents?: { http?: HttpAgent; https?: HttpsAgent };
}

// Statuses whose Response must have a null body, as the fetch standard has it.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
// fetch upper-cases these method names and no others.
const STANDARD_METHOD = /^(?:delete|get|head|options|post|put)$/i;

/** One request as it goes out over node:http. */
interface Outgoing {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Sends one request on the agent for its protocol: `http.request` or `https.request`. */
type Send = (url: URL, options: RequestOptions) => ClientRequest;
type Transport = [Send, HttpAgent];

const isHeaderRecord = (headers: unknown): headers is Record<string, string> =>
  headers === undefined || (headers !== null && typeof headers === 'object' && Object.getPrototypeOf(headers) === Object.prototype && Object.values(headers).every((value) => typeof value === 'string'));

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/**
 * The request a fetch call describes. What the client hands over, a URL string and an init with a header record
 * and a string body, is taken as it is: no `Request` is built, so nothing of Node's fetch implementation loads.
 * Anything else (a Request, Headers, a binary or stream body) is normalised the way fetch would.
 */
const plainOutgoing = (input: URL | string, method: string, headers: Readonly<Record<string, string>> | undefined, body: string | undefined, signal?: AbortSignal): Outgoing => ({
  url: new URL(input),
  method: STANDARD_METHOD.test(method) ? method.toUpperCase() : method,
  headers: { ...headers },
  body,
  signal,
});

async function outgoingOf(input: Request | URL | string, init: RequestInit | undefined): Promise<Outgoing> {
  if (!(input instanceof Request) && isHeaderRecord(init?.headers) && (init?.body == null || typeof init.body === 'string')) {
    return plainOutgoing(input, init?.method ?? 'GET', init?.headers, init?.body ?? undefined, init?.signal ?? undefined);
  }
  const request = input instanceof Request && init === undefined ? input : new Request(input, init);
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  return { url: new URL(request.url), method: request.method, headers: headerRecord(request.headers), body, signal: request.signal };
}

function headerPairs(rawHeaders: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index < rawHeaders.length; index += 2) pairs.push([rawHeaders[index]!, rawHeaders[index + 1]!]);
  return pairs;
}

// fetch decodes these transparently; a server may send them even unasked. node:zlib loads only when one arrives.
const DECODERS: Record<string, 'gunzipSync' | 'inflateSync' | 'brotliDecompressSync'> = { gzip: 'gunzipSync', 'x-gzip': 'gunzipSync', deflate: 'inflateSync', br: 'brotliDecompressSync' };

// Decoding a whole buffer at once keeps no state between calls, so one decoder serves every response.
const utf8 = new TextDecoder();

type BufferedResponseClass = new (bytes: Uint8Array<ArrayBuffer>, init: ResponseInit) => Response;

/**
 * The class of a Response whose body is already in memory, made on first use: `extends Response` reads the global,
 * and on Node the first read of it loads Node's whole fetch implementation, which importing this must not do.
 * It is made with a null body, because undici would otherwise wrap
 * the bytes in a ReadableStream and read them back out through it (some 35 µs a call on Node 20, more than
 * JSON.parse of a page of customers), and answers text(), json(), arrayBuffer(), bytes() and blob() from the
 * bytes. `body`, formData() and anything else stream-shaped go through a Response made from the bytes on demand.
 */
const bufferedResponseClass = (): BufferedResponseClass =>
  class BufferedResponse extends Response {
    readonly #bytes: Uint8Array<ArrayBuffer>;
    readonly #init: ResponseInit;
    #used = false;
    #streamed: Response | undefined;

    constructor(bytes: Uint8Array<ArrayBuffer>, init: ResponseInit) {
      super(null, init);
      this.#bytes = bytes;
      this.#init = init;
    }

    // Once the stream is handed out, it is the body: every read goes through it, as on any Response.
    #stream(): Response {
      return (this.#streamed ??= new Response(this.#used ? null : this.#bytes, this.#init));
    }

    #take(): Uint8Array<ArrayBuffer> {
      if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
      this.#used = true;
      return this.#bytes;
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      return this.#stream().body;
    }

    override get bodyUsed(): boolean {
      return this.#streamed ? this.#streamed.bodyUsed : this.#used;
    }

    override async text(): Promise<string> {
      return this.#streamed ? this.#streamed.text() : utf8.decode(this.#take());
    }

    override async json(): Promise<unknown> {
      return JSON.parse(await this.text());
    }

    override async arrayBuffer(): Promise<ArrayBuffer> {
      return this.#streamed ? this.#streamed.arrayBuffer() : this.#take().slice().buffer;
    }

    override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return this.#streamed ? this.#streamed.bytes() : this.#take().slice();
    }

    override async blob(): Promise<Blob> {
      return this.#streamed ? this.#streamed.blob() : new Blob([this.#take()], { type: this.headers.get('content-type') ?? '' });
    }

    override formData(): Promise<FormData> {
      return this.#stream().formData();
    }

    override clone(): Response {
      if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
      return this.#streamed ? this.#streamed.clone() : new BufferedResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
    }
  };

/** A response as node:http gave it, its body read whole and decoded; `bytes` is null for a null-body status. */
interface Received {
  readonly status: number;
  readonly statusText: string;
  readonly rawHeaders: readonly string[];
  readonly bytes: Uint8Array<ArrayBuffer> | null;
}

async function received(incoming: IncomingMessage, chunks: Buffer[]): Promise<Received> {
  const status = incoming.statusCode ?? 502;
  // A Response can have no other status; through either path the call then fails as for a network error.
  if (status < 200 || status > 599) throw new RangeError(`status ${status} is outside 200 to 599`);
  const head = { status, statusText: incoming.statusMessage ?? '', rawHeaders: incoming.rawHeaders };
  if (NULL_BODY_STATUSES.has(status)) return { ...head, bytes: null };
  const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const decoder = DECODERS[String(incoming.headers['content-encoding'] ?? '').trim().toLowerCase()];
  const decoded = decoder ? (await import('node:zlib'))[decoder](raw) : raw;
  // A view of exactly the body's bytes (a Buffer may sit in a larger, shared pool).
  return { ...head, bytes: new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength) as Uint8Array<ArrayBuffer> };
}

const responseInit = ({ status, statusText, rawHeaders }: Received): ResponseInit => ({ status, statusText, headers: headerPairs(rawHeaders) });

const toResponse = (answer: Received, BufferedResponse: BufferedResponseClass): Response =>
  answer.bytes === null ? new Response(null, responseInit(answer)) : new BufferedResponse(answer.bytes, responseInit(answer));

/** `get` of Headers over node's raw header list: names matched without case, repeated values joined with ", ". */
function rawHeaderGetter(rawHeaders: readonly string[]): Answered['headers'] {
  return {
    get(name) {
      const wanted = name.toLowerCase();
      let value: string | null = null;
      for (let index = 0; index < rawHeaders.length; index += 2) {
        if (rawHeaders[index]!.toLowerCase() === wanted) value = value === null ? rawHeaders[index + 1]! : `${value}, ${rawHeaders[index + 1]!}`;
      }
      return value;
    },
  };
}

/**
 * A received answer as the request path takes it from a direct transport: a 2xx as its status and headers with
 * no Response built (undici's Response and Headers are some 3 µs a call, plus what they leave to the GC), any
 * other status as a whole Response, which ky's HTTPError and the error mapper read.
 */
function directAnswer(answer: Received): { response: Answered; text: string } {
  const text = answer.bytes === null ? '' : utf8.decode(answer.bytes);
  const { status, statusText, rawHeaders } = answer;
  if (status < 200 || status > 299) return { response: new Response(null, responseInit(answer)), text };
  return { response: { ok: true, status, statusText, headers: rawHeaderGetter(rawHeaders) }, text };
}

// What fetch rejects with when the network fails: a TypeError whose cause is the socket's error.
const networkError = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });

/** Sends one request; `answer` settles once the body has ended, or at the first error, or when `cancel` is called. */
function exchange(send: Send, agent: HttpAgent, { url, method, headers, body }: Outgoing): { answer: Promise<Received>; cancel(reason: unknown): void } {
  let cancel = (_reason: unknown): void => undefined;
  const answer = new Promise<Received>((resolve, reject) => {
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const outgoing = send(url, { method, headers, agent });
    cancel = (reason) => {
      outgoing.destroy();
      reject(reason);
    };
    outgoing.on('error', (error) => reject(networkError(error)));
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A connection closed before the body ended fails the response stream; fetch rejects as for any network error.
      incoming.on('error', (error) => reject(networkError(error)));
      // Closed without an end and without an error (a socket destroyed mid-body): reject rather than hang. After a
      // cancel the promise has already rejected with its reason, and this does nothing.
      incoming.on('close', () => {
        if (!incoming.complete) reject(networkError(Object.assign(new Error('the connection closed before the body ended'), { code: 'ECONNRESET' })));
      });
      incoming.on('end', () => void received(incoming, chunks).then(resolve, (error: unknown) => reject(networkError(error))));
    });
    outgoing.end(body);
  });
  return { answer, cancel: (reason) => cancel(reason) };
}

/** A fetch call's exchange: its signal, until the answer settles, cancels it with the signal's reason. */
function fetchOver(send: Send, agent: HttpAgent, outgoing: Outgoing): Promise<Received> {
  const { signal } = outgoing;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const sent = exchange(send, agent, outgoing);
  if (signal === undefined) return sent.answer;
  const onAbort = (): void => sent.cancel(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const settle = (): void => signal.removeEventListener('abort', onAbort);
  sent.answer.then(settle, settle);
  return sent.answer;
}

/**
 * A `fetch` for Node over `node:http`/`node:https` with keep-alive agents. It is what `@kosmokrator/stripe`
 * sends with on Node when no `fetch` is given (through the package's `node` export condition); pass it yourself
 * to tune the agents. It skips the request and stream machinery of Node's built-in fetch (undici), and loads
 * `node:http` or `node:https` only at its first request to a host of that protocol, so importing it costs nothing.
 *
 * It honours the request's `signal` until the last byte of the body (an abort destroys the socket and rejects with
 * the signal's reason), so timeouts and aborts work; rejects with a TypeError when the network fails, as fetch
 * does; decodes gzip, deflate and br bodies; and buffers each response, which suits Stripe's JSON but not large
 * downloads. Redirects are returned, not followed, and `response.url` is empty. Figures are in BENCHMARKS.md.
 *
 * @example
 * import { createClient } from '@kosmokrator/stripe';
 * import { createNodeFetch } from '@kosmokrator/stripe/node';
 * const client = createClient({ apiKey, fetch: createNodeFetch({ maxSockets: 16 }) });
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? Infinity, timeout: options.idleTimeout ?? 30_000 };
  const transports: Partial<Record<'http:' | 'https:', Promise<Transport>>> = {};
  // The transports loaded so far, for a direct attempt to start at once, without a turn of the event loop.
  const loaded: Partial<Record<'http:' | 'https:', Transport>> = {};
  // The module object's `request` is read at each call, not its ESM binding: msw and other interceptors patch
  // the module object (http.request = …), and a binding taken once would go round them.
  const transportFor = (protocol: string): Promise<Transport> => {
    if (protocol !== 'http:' && protocol !== 'https:') return Promise.reject(networkError(new Error(`unsupported protocol ${protocol}`)));
    return (transports[protocol] ??= (protocol === 'https:' ? import('node:https') : import('node:http')).then(({ default: module }): Transport => (loaded[protocol] = [
      (url, requestOptions) => module.request(url, requestOptions),
      (protocol === 'https:' ? options.agents?.https : options.agents?.http) ?? new module.Agent(agentOptions),
    ])));
  };
  let Buffered: BufferedResponseClass | undefined;
  const fetch: FetchLike = async (input, init) => {
    const outgoing = await outgoingOf(input, init);
    const [send, agent] = await transportFor(outgoing.url.protocol);
    return toResponse(await fetchOver(send, agent, outgoing), (Buffered ??= bufferedResponseClass()));
  };
  // What the client's request path uses (see DIRECT in timed-fetch.ts): the same exchange, no Response for a 2xx.
  const direct = (call: Exchange): DirectAttempt => {
    let outgoing: Outgoing;
    try {
      outgoing = plainOutgoing(call.url, call.method, call.headers, call.body);
    } catch (error) {
      return { answer: Promise.reject(error), cancel: () => undefined };
    }
    const protocol = outgoing.url.protocol as 'http:';
    const ready = loaded[protocol];
    if (ready) {
      const sent = exchange(ready[0], ready[1], outgoing);
      return { answer: sent.answer.then(directAnswer), cancel: sent.cancel };
    }
    // The first request of this protocol waits for node:http to load; a cancel meanwhile means it is never sent.
    let cancelled: { reason: unknown } | undefined;
    let sent: ReturnType<typeof exchange> | undefined;
    const answer = transportFor(protocol).then(([send, agent]) => {
      if (cancelled) throw cancelled.reason;
      sent = exchange(send, agent, outgoing);
      return sent.answer.then(directAnswer);
    });
    return {
      answer,
      cancel(reason) {
        cancelled ??= { reason };
        sent?.cancel(reason);
      },
    };
  };
  return Object.assign(fetch, { [DIRECT]: direct });
}
