import { API_VERSION } from '../generated/api-version.js';
import { StripeConfigurationError } from './errors.js';
import { describeValue } from './validate.js';

export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

/** How to reach Stripe. Per-account options in `createStripe` take the same shape. */
export interface ClientOptions {
  /** A secret (`sk_…`) or restricted (`rk_…`) key. Kept out of every error, log line and serialised value. */
  apiKey: string;
  /** @default 'https://api.stripe.com' */
  baseUrl?: string;
  /** Sent as `Stripe-Version`. @default the version this package was generated against */
  apiVersion?: string;
  /** Retries of connection errors, 409, 429 and 5xx, with exponential backoff. @default 2 */
  maxRetries?: number;
  /** Milliseconds to wait for each attempt. @default 80000 */
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
}

// The key lives inside a closure reached through a non-enumerable symbol: serialising the client skips it, and
// even `util.inspect(client, { showHidden: true })` shows only a function, never the key.
const secret = Symbol('stripe-credentials');
interface Credentials { readonly apiKey: string; readonly authorization: string }

const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

function fail(option: string, expected: string, value: unknown): never {
  throw new StripeConfigurationError(`createClient: option "${option}" expected ${expected}, got ${value === undefined ? 'nothing' : describeValue(value)}.`, { type: 'configuration_error', param: option });
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

const inBrowser = (): boolean => 'window' in globalThis && 'document' in globalThis;

function checkCount(option: string, value: number | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) fail(option, `an integer of at least ${minimum}`, value);
  return value;
}

function isAbsoluteUrl(value: string): boolean {
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
}

function checkBaseUrl(value: string | undefined): string {
  if (value === undefined) return 'https://api.stripe.com';
  if (typeof value !== 'string' || !isAbsoluteUrl(value)) fail('baseUrl', 'an absolute URL', value);
  return value.replace(/\/+$/, '');
}

/** Creates a client for one Stripe account. It holds no connection; it is cheap to create and immutable. */
export function createClient(options: ClientOptions): Client {
  if (options === null || typeof options !== 'object') fail('(options)', 'an object with at least apiKey', options);
  const apiKey = checkKey(options.apiKey);
  if (inBrowser() && !options.dangerouslyAllowBrowser) {
    throw new StripeConfigurationError(
      'createClient: a secret or restricted Stripe key must not be used in a browser, where anyone who opens the page can read it and move money with it. Call Stripe from your server instead, or pass dangerouslyAllowBrowser: true if this page is trusted.',
      { type: 'configuration_error', param: 'apiKey' },
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') fail('fetch', 'a fetch function', options.fetch);
  const client: Client = {
    baseUrl: checkBaseUrl(options.baseUrl),
    apiVersion: options.apiVersion ?? API_VERSION,
    maxRetries: checkCount('maxRetries', options.maxRetries, 2, 0),
    timeout: checkCount('timeout', options.timeout, 80_000, 1),
    fetch: options.fetch,
    stripeAccount: options.stripeAccount,
    mode: apiKey.includes('_live_') ? 'live' : 'test',
  };
  const credentials: Credentials = { apiKey, authorization: `Basic ${btoa(`${apiKey}:`)}` };
  Object.defineProperty(client, secret, { value: () => credentials, enumerable: false });
  return Object.freeze(client);
}

/** The credentials of a client made by `createClient`. Internal: only `request()` reads them. */
export function credentialsOf(client: Client): Credentials {
  const credentials = (client as unknown as Record<symbol, (() => Credentials) | undefined>)[secret]?.();
  if (!credentials) throw new StripeConfigurationError('A Stripe function was called with something other than a client from createClient().', { type: 'configuration_error' });
  return credentials;
}
