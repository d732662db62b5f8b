/**
 * The extra Node transports compared for `createClient({ fetch })`: undici's own fetch with a tuned Agent and a
 * fetch-shaped adapter over `undici.request`. (The default on Node, createNodeFetch over node:http, and the core
 * entry on Node's global fetch are contenders of their own in throughput.ts.)
 *
 * undici is not a dependency: `bench/install-runtimes.sh` puts it in `.cache/undici`, and the two undici
 * transports are skipped (with a note) when it is not there.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FetchLike } from '../src/client.js';

export const UNDICI_ENTRY = fileURLToPath(new URL('../.cache/undici/node_modules/undici/index.js', import.meta.url));

// The little of undici's API used here, typed locally because undici is not installed as a dependency.
interface UndiciDispatcher { close(): Promise<void> }
interface UndiciResponseData {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: { arrayBuffer(): Promise<ArrayBuffer> };
}
interface Undici {
  Agent: new (options: { keepAliveTimeout?: number; connections?: number | null; pipelining?: number }) => UndiciDispatcher;
  fetch: (input: Request | string | URL, init?: RequestInit & { dispatcher?: UndiciDispatcher }) => Promise<Response>;
  request: (url: string, options: { method: string; headers: Record<string, string>; body?: Uint8Array; dispatcher: UndiciDispatcher; signal?: AbortSignal }) => Promise<UndiciResponseData>;
}

export interface Transport {
  readonly name: string;
  readonly fetch: FetchLike | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

function headerPairs(headers: UndiciResponseData['headers']): Array<[string, string]> {
  return Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : Array.isArray(value) ? value.map((item): [string, string] => [name, item]) : [[name, value]]));
}

// ky hands over a ready Request and no init; anything else is normalised the way fetch would.
const toRequest = (input: Request | URL | string, init: RequestInit | undefined): Request =>
  input instanceof Request && (init === undefined || Object.keys(init).length === 0) ? input : new Request(input, init);

const bodyOf = async (request: Request): Promise<Uint8Array<ArrayBuffer> | undefined> => (request.body === null ? undefined : new Uint8Array(await request.arrayBuffer()));

/**
 * (b) undici's own fetch with a tuned Agent. It cannot take Node's global Request (a different undici inside
 * Node), so the request is passed as its parts, the body already read.
 */
function undiciFetch(undici: Undici, dispatcher: UndiciDispatcher): FetchLike {
  return async (input, init) => {
    const request = toRequest(input, init);
    return undici.fetch(request.url, { method: request.method, headers: headerRecord(request.headers), body: await bodyOf(request), signal: request.signal, dispatcher });
  };
}

/** (c) A fetch-shaped function over `undici.request`: no WHATWG stream on the way in, the body read whole. */
function undiciRequestFetch(undici: Undici, dispatcher: UndiciDispatcher): FetchLike {
  return async (input, init) => {
    const request = toRequest(input, init);
    const answer = await undici.request(request.url, { method: request.method, headers: headerRecord(request.headers), body: await bodyOf(request), dispatcher, signal: request.signal });
    const bytes = await answer.body.arrayBuffer();
    return new Response(NULL_BODY_STATUSES.has(answer.statusCode) ? null : bytes, { status: answer.statusCode, headers: headerPairs(answer.headers) });
  };
}

async function loadUndici(): Promise<{ undici: Undici; version: string } | undefined> {
  if (!existsSync(UNDICI_ENTRY)) return undefined;
  const undici = (await import(pathToFileURL(UNDICI_ENTRY).href)) as Undici;
  const { createRequire } = await import('node:module');
  const version = (createRequire(UNDICI_ENTRY)('./package.json') as { version: string }).version;
  return { undici, version };
}

/** Every transport available under this Node, in a fixed order; `notes` says what was skipped and why. */
export async function loadTransports(): Promise<{ transports: Transport[]; undiciVersion: string | undefined; notes: string[] }> {
  const transports: Transport[] = [];
  const notes: string[] = [];
  const loaded = await loadUndici();
  if (loaded) {
    const { undici } = loaded;
    // Same settings for both undici transports: keep sockets 30 s, no cap on connections, no pipelining
    // (pipelining above 1 was no faster here for sequential calls and is unsafe for non-idempotent POSTs).
    const dispatcher = new undici.Agent({ keepAliveTimeout: 30_000, connections: null, pipelining: 1 });
    transports.push({ name: `undici ${loaded.version} fetch + Agent`, fetch: undiciFetch(undici, dispatcher) });
    transports.push({ name: `undici ${loaded.version} request adapter`, fetch: undiciRequestFetch(undici, dispatcher) });
  } else {
    notes.push('undici is not installed in .cache/undici (run `bench/install-runtimes.sh`): its two transports were skipped.');
  }
  return { transports, undiciVersion: loaded?.version, notes };
}
