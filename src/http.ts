/**
 * ky, as the request path uses it. ky itself comes from "#ky" (package.json "imports"): imported up front in
 * browsers and workers, and at a client's first call under the `node` condition (Node, and Bun and Deno, which
 * match it), whose cold import it would otherwise slow (see ky-loader/lazy.js). This module only shapes it.
 */
import type { HTTPError, KyInstance } from 'ky';
import type { loadKy } from '#ky';
import { retryPolicy } from './retry.js';

export interface Http {
  readonly send: KyInstance;
  readonly HTTPError: typeof HTTPError;
}

/** One ky instance per client, holding what is the same on every call; a call passes only what differs. */
export const createHttp = ({ ky, HTTPError: kyHTTPError }: Awaited<ReturnType<typeof loadKy>>, maxRetries: number): Http => ({
  // The timer is timedFetch's (one per attempt, covering the body); ky keeps the retry loop and the statuses.
  send: ky.create({ timeout: false, retry: retryPolicy(maxRetries) }),
  HTTPError: kyHTTPError,
});
