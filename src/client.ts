import { API_VERSION } from '../generated/api-version.js';
import { StripeConfigurationError, StripeValidationError } from './errors.js';
import type { RequestHookState, ResponseHookState } from './hooks.js';
import { didYouMean } from './suggest.js';
import { describeName, describeValue, isPlainObject } from './validate.js';

export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

/** How to reach Stripe. Per-account options in `createStripe` take the same shape. */
export interface ClientOptions {
  /** A secret (`sk_…`) or restricted (`rk_…`) key. Kept out of every error, log line and serialised value. */
  apiKey: string;
  /** @default 'https://api.stripe.com' */
  baseUrl?: string;
  /** Sent as `Stripe-Version`. @default the version this package was generated against */
  apiVersion?: string;
  /** Retries of connection errors, 409, 429 and 5xx, with exponential backoff: an integer from 0 to 10. @default 2 */
  maxRetries?: number;
  /** Milliseconds to wait for each attempt: an integer from 1 to 2^31-1. @default 80000 */
  timeout?: number;
  /**
   * The fetch to send requests with, e.g. the emulator's `fetch` or a tuned Node transport.
   * @default globalThis.fetch, looked up at call time
   */
  fetch?: FetchLike;
  /** A connected account to act for, sent as `Stripe-Account`. */
  stripeAccount?: string;
  /**
   * A secret key in a browser can be read by anyone who opens the page. Set this only when the page is
   * itself trusted (an internal tool, a test). @default false
   */
  dangerouslyAllowBrowser?: boolean;
  /**
   * Called before every attempt of every call (each retry too) with one state object: function, method, path,
   * attempt, idempotency key. Never the key, the headers or (unless `hookBodies`) a body. A hook only observes:
   * what it throws is dropped and a promise it returns is not awaited, so it can never change a call's outcome.
   * @example createClient({ apiKey, onRequest: ({ method, path, attempt }) => console.log(`${method} ${path} (attempt ${attempt})`) })
   */
  onRequest?: (state: RequestHookState) => void;
  /**
   * Called when each attempt has ended, answered or not: the same fields as `onRequest` plus status, request ID,
   * elapsed milliseconds and, for a failed attempt, the StripeError it amounts to. Observes only, as `onRequest`.
   * @example createClient({ apiKey, onResponse: ({ method, path, status, requestId, elapsedMs }) => console.log(method, path, status, requestId, `${elapsedMs} ms`) })
   */
  onResponse?: (state: ResponseHookState) => void;
  /**
   * Gives the hooks the bodies too: `requestBody` (the form sent) and `responseBody` (the answer's text), with the
   * key scrubbed out. They carry your customers' data, so they are left out unless asked for. @default false
   */
  hookBodies?: boolean;
}

/** Options of one call; they win over the client's. */
export interface RequestOptions {
  /** Makes a write safe to repeat: Stripe answers a repeated key with the first result. @default a random UUID per call */
  idempotencyKey?: string;
  /** Milliseconds to wait for each attempt of this call. */
  timeout?: number;
  /** Aborts the call (and its retries). */
  signal?: AbortSignal;
  maxRetries?: number;
  stripeAccount?: string;
}

/** What `createClient` returns: validated options with every default filled in. Pass it to each function. */
export interface Client {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly fetch: FetchLike | undefined;
  readonly stripeAccount: string | undefined;
  /** `test` or `live`, read from the key's prefix. */
  readonly mode: 'test' | 'live';
  readonly onRequest: ((state: RequestHookState) => void) | undefined;
  readonly onResponse: ((state: ResponseHookState) => void) | undefined;
  readonly hookBodies: boolean;
}

// The key lives inside a closure reached through a non-enumerable symbol: serialising the client skips it, and
// even `util.inspect(client, { showHidden: true })` shows only a function, never the key.
const secret = Symbol('stripe-credentials');
/** What `request()` builds once per client, on its first call, and keeps beside the key. */
export interface ClientCache {
  scrub?: (text: string) => string;
  /** The HTTP layer made for this client (its ky instance); typed by request.ts, which alone makes and reads it. */
  http?: unknown;
}
interface Credentials { readonly apiKey: string; readonly authorization: string; readonly cache: ClientCache }

const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

/** The most retries a client or a call may ask for: each one waits longer, so more only holds a caller up. */
export const MAX_RETRIES_LIMIT = 10;
/** The longest timeout timers can hold (2^31-1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMEOUT = 2 ** 31 - 1;
const ACCOUNT_PATTERN = /^acct_[A-Za-z0-9_]{1,255}$/;
// Stripe's versions are dated, with a release name since 2024-09-30 (`2026-10-28.endive`).
export const API_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(\.[a-z][a-z0-9_]*)?$/;
// Stripe takes idempotency keys of up to 255 characters; printable ASCII goes into a header unchanged.
const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

/** One option's rule: the test its value must pass, and what the message says was expected. */
type Rule = readonly [test: (value: unknown) => boolean, expected: string];

const integerIn = (min: number, max: number, unit = ''): Rule => [(value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max, `an integer of at least ${min} and at most ${max}${unit}`];
const matching = (pattern: RegExp, expected: string): Rule => [(value) => typeof value === 'string' && pattern.test(value), expected];
const aFunction = (expected: string): Rule => [(value) => typeof value === 'function', expected];
const A_BOOLEAN: Rule = [(value) => typeof value === 'boolean', 'a boolean'];

// The options clients and calls share, with the same limits.
const SHARED_RULES = {
  maxRetries: integerIn(0, MAX_RETRIES_LIMIT),
  timeout: integerIn(1, MAX_TIMEOUT, ' (milliseconds)'),
  stripeAccount: matching(ACCOUNT_PATTERN, 'a connected account ID ("acct_…")'),
} satisfies Record<string, Rule>;

// apiKey and baseUrl have checks of their own (the key is never echoed; the URL is parsed); the rest are rules,
// checked in this order.
const CLIENT_RULES = {
  dangerouslyAllowBrowser: A_BOOLEAN,
  fetch: aFunction('a fetch function'),
  onRequest: aFunction('a function taking one state object'),
  onResponse: aFunction('a function taking one state object'),
  hookBodies: A_BOOLEAN,
  apiVersion: matching(API_VERSION_PATTERN, 'a Stripe API version such as "2026-10-28.endive"'),
  ...SHARED_RULES,
} satisfies Record<Exclude<keyof ClientOptions, 'apiKey' | 'baseUrl'>, Rule>;

const REQUEST_RULES = {
  idempotencyKey: matching(IDEMPOTENCY_KEY_PATTERN, 'a string of 1 to 255 printable ASCII characters'),
  signal: [(value) => typeof AbortSignal !== 'undefined' && value instanceof AbortSignal, 'an AbortSignal'],
  ...SHARED_RULES,
} satisfies Record<keyof RequestOptions, Rule>;

const CLIENT_OPTIONS: readonly string[] = ['apiKey', 'baseUrl', ...Object.keys(CLIENT_RULES)];
const REQUEST_OPTIONS: readonly string[] = Object.keys(REQUEST_RULES);

const received = (value: unknown): string => (value === undefined ? 'nothing' : describeValue(value));

function fail(option: string, expected: string, value: unknown): never {
  throw new StripeConfigurationError(`createClient: option "${option}" expected ${expected}, got ${received(value)}.`, { type: 'configuration_error', param: option });
}

function checkKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || apiKey === '') fail('apiKey', 'a Stripe secret key ("sk_…") or restricted key ("rk_…")', apiKey);
  // Never echo the key: describe its shape only.
  if (!KEY_PATTERN.test(apiKey)) {
    const kind = apiKey.startsWith('pk_') ? 'a publishable key ("pk_…"), which cannot make these calls' : `a string of ${apiKey.length} characters that is not a Stripe key`;
    throw new StripeConfigurationError(`createClient: option "apiKey" expected a Stripe secret key ("sk_…") or restricted key ("rk_…"), got ${kind}.`, { type: 'configuration_error', param: 'apiKey' });
  }
  return apiKey;
}

// A page, or a web worker (dedicated, shared or service worker: all have WorkerGlobalScope and importScripts), whose
// code and memory the page's visitor can read. Server runtimes that mimic a worker's globals are not browsers.
const inBrowser = (): boolean => {
  const scope = globalThis as Record<string, unknown>;
  if ('window' in scope && 'document' in scope) return true;
  const workerLike = typeof scope.WorkerGlobalScope === 'function' || typeof scope.importScripts === 'function';
  if (!workerLike) return false;
  const serverRuntime = 'Deno' in scope || 'Bun' in scope || (scope.navigator as { userAgent?: unknown } | undefined)?.userAgent === 'Cloudflare-Workers';
  return !serverRuntime;
};

function checkBaseUrl(value: unknown): string {
  if (value === undefined) return 'https://api.stripe.com';
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) fail('baseUrl', 'an absolute URL', value);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) {
    fail('baseUrl', 'an http(s) URL without query, fragment or credentials', value);
  }
  return (value as string).replace(/\/+$/, '');
}

/** The own keys of an options object that are not options, with a hint for the first. */
function unknownOption(options: object, known: readonly string[]): { name: string; hint: string } | undefined {
  for (const key of Reflect.ownKeys(options)) {
    const name = typeof key === 'string' ? key : '(a symbol key)';
    if (typeof key === 'string' && known.includes(key)) continue;
    if ((options as Record<PropertyKey, unknown>)[key] === undefined) continue;
    return { name: typeof key === 'string' ? describeName(key) : name, hint: typeof key === 'string' ? didYouMean(key, known) : '' };
  }
  return undefined;
}

/** Creates a client for one Stripe account. It holds no connection; it is cheap to create and immutable. */
export function createClient(options: ClientOptions): Client {
  return newClient(options, undefined);
}

/** `createClient` with the transport an entry point uses when `fetch` is not given (the Node entry's node:http one). */
export function newClient(options: ClientOptions, defaultFetch: FetchLike | undefined): Client {
  if (!isPlainObject(options)) fail('(options)', 'a plain object with at least apiKey', options);
  let given: Record<string, unknown>;
  try {
    // Read once: a getter runs one time, and what is checked is what is used.
    given = Object.fromEntries(CLIENT_OPTIONS.map((name) => [name, (options as unknown as Record<string, unknown>)[name]]));
    const unknown = unknownOption(options, CLIENT_OPTIONS);
    if (unknown) {
      throw new StripeConfigurationError(`createClient: "${unknown.name}" is not an option (options are ${CLIENT_OPTIONS.join(', ')}).${unknown.hint}`, { type: 'configuration_error', param: unknown.name });
    }
  } catch (error) {
    if (error instanceof StripeConfigurationError) throw error;
    fail('(options)', 'a plain object whose properties can be read', 'an object whose properties threw when read');
  }
  const apiKey = checkKey(given.apiKey);
  if (inBrowser() && given.dangerouslyAllowBrowser !== true) {
    throw new StripeConfigurationError(
      'createClient: a secret or restricted Stripe key must not be used in a browser, where anyone who opens the page can read it and move money with it. Call Stripe from your server instead, or pass dangerouslyAllowBrowser: true if this page is trusted.',
      { type: 'configuration_error', param: 'apiKey' },
    );
  }
  for (const [option, [test, expected]] of Object.entries(CLIENT_RULES)) {
    if (given[option] !== undefined && !test(given[option])) fail(option, expected, given[option]);
  }
  const client: Client = {
    baseUrl: checkBaseUrl(given.baseUrl),
    apiVersion: (given.apiVersion as string | undefined) ?? API_VERSION,
    maxRetries: (given.maxRetries as number | undefined) ?? 2,
    timeout: (given.timeout as number | undefined) ?? 80_000,
    fetch: (given.fetch as FetchLike | undefined) ?? defaultFetch,
    stripeAccount: given.stripeAccount as string | undefined,
    mode: apiKey.includes('_live_') ? 'live' : 'test',
    onRequest: given.onRequest as Client['onRequest'],
    onResponse: given.onResponse as Client['onResponse'],
    hookBodies: given.hookBodies === true,
  };
  const credentials: Credentials = { apiKey, authorization: `Basic ${btoa(`${apiKey}:`)}`, cache: {} };
  Object.defineProperty(client, secret, { value: () => credentials, enumerable: false });
  return Object.freeze(client);
}

/**
 * Checks the options of one call (`{ idempotencyKey, timeout, signal, maxRetries, stripeAccount }`) before
 * anything is sent, throwing a StripeValidationError that names the function and the option.
 */
export function checkRequestOptions(functionName: string, options: unknown): void {
  if (options === undefined) return;
  const refuse = (option: string, expected: string, got: string, hint = ''): never => {
    const issue = { argument: `options.${option}`, expected, received: got, ...(hint && { hint }) };
    throw new StripeValidationError(`${functionName}: option "${option}" expected ${expected}, got ${got}.${hint} Nothing was sent to Stripe.`, { function: functionName, issues: [issue] });
  };
  let unknown: { name: string; hint: string } | undefined;
  const values: Array<[string, unknown]> = [];
  try {
    if (!isPlainObject(options)) refuse('(options)', 'a plain object of call options', describeValue(options));
    unknown = unknownOption(options as object, REQUEST_OPTIONS);
    for (const option of REQUEST_OPTIONS) values.push([option, (options as Record<string, unknown>)[option]]);
  } catch (error) {
    if (error instanceof StripeValidationError) throw error;
    refuse('(options)', 'a plain object whose properties can be read', 'an object whose properties threw when read');
  }
  if (unknown) refuse(unknown.name, `one of the options ${REQUEST_OPTIONS.join(', ')}`, 'an unknown option', unknown.hint);
  for (const [option, value] of values) {
    if (value === undefined) continue;
    const [test, expected] = REQUEST_RULES[option as keyof RequestOptions];
    if (!test(value)) refuse(option, expected, option === 'idempotencyKey' && typeof value === 'string' ? describeIdempotencyKey(value) : describeValue(value));
  }
}

function describeIdempotencyKey(value: string): string {
  if (value.length === 0) return 'an empty string';
  if (value.length > 255) return `${value.length} characters`;
  return `${describeValue(value)} (with characters outside printable ASCII)`;
}

/** The credentials of a client made by `createClient`. Internal: only `request()` reads them. */
export function credentialsOf(client: Client): Credentials {
  let credentials: Credentials | undefined;
  try {
    credentials = client !== null && typeof client === 'object' ? (client as unknown as Record<symbol, (() => Credentials) | undefined>)[secret]?.() : undefined;
  } catch {
    credentials = undefined;
  }
  if (!credentials) throw new StripeConfigurationError('A Stripe function was called with something other than a client from createClient().', { type: 'configuration_error' });
  return credentials;
}
