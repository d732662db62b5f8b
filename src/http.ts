/**
 * ky, as the request path uses it. request.ts loads this module with `import()` at a client's first call, never
 * at import: ky builds a Request while it loads, and on Node the first Request loads Node's whole fetch
 * implementation (undici), some 30 ms, which a program that imports the package but calls Stripe later, or
 * sends through node:http, should not pay up front.
 */
import ky, { HTTPError, type KyInstance } from 'ky';
import { retryPolicy } from './retry.js';

export interface Http {
  readonly send: KyInstance;
  readonly HTTPError: typeof HTTPError;
}

/** One ky instance per client, holding what is the same on every call; a call passes only what differs. */
export const createHttp = (maxRetries: number): Http => ({
  // The timer is timedFetch's (one per attempt, covering the body); ky keeps the retry loop and the statuses.
  send: ky.create({ timeout: false, retry: retryPolicy(maxRetries) }),
  HTTPError,
});
