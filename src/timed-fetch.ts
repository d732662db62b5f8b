import type { FetchLike } from './client.js';
import { neverConnected } from './errors.js';

// Statuses whose Response must have a null body, as the fetch standard has it.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What the attempts of one call did, for the message of its failure. */
export interface Attempts {
  /** An attempt reached the transport. */
  sent: boolean;
  /** Attempts that may have reached the server (every attempt made, less those refused before connecting). */
  delivered: number;
}

const signalOf = (input: RequestInfo | URL, init: RequestInit | undefined): AbortSignal | undefined =>
  init?.signal ?? (typeof Request !== 'undefined' && input instanceof Request ? input.signal : undefined);

/**
 * The transport as ky sees it: the answer resolves only once its whole body has arrived, so ky's per-attempt
 * timeout (which aborts the request's signal) covers the body as well as the headers, on every fetch. An abort
 * rejects at once even with a fetch that ignores signals, and a fetch that is never called sent nothing.
 */
export function timedFetch(inner: FetchLike, attempts: Attempts): FetchLike {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = signalOf(input, init);
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let settled = false;
      const onAbort = (): void => settle(reject, signal?.reason);
      function settle<V>(done: (value: V) => void, value: V): void {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        done(value);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      attempts.sent = true;
      attempts.delivered += 1;
      let answer: Promise<Response>;
      try {
        answer = Promise.resolve(inner(input, init));
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer
        .then(
          async (response) => {
            const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
            return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
          },
          (error: unknown) => {
            if (neverConnected(error)) attempts.delivered -= 1;
            throw error;
          },
        )
        .then(
          (response) => settle(resolve, response),
          (error: unknown) => settle(reject, error),
        );
    });
}
