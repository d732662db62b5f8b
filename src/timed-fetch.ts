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

/** Sees each attempt begin and end; `request()` turns what it sees into the client's hook calls. */
export interface AttemptObserver {
  /** Just before attempt number `attempt` is handed to the transport. */
  sending(attempt: number): void;
  /** The attempt has ended: answered (the body read whole) or failed; `aborted` when its signal ended it. */
  ended(attempt: number, elapsedMs: number, outcome: { response: Response; text: string } | { error: unknown; aborted: boolean }, request: Request): Promise<void>;
}

const signalOf = (input: RequestInfo | URL, init: RequestInit | undefined): AbortSignal | undefined =>
  init?.signal ?? (typeof Request !== 'undefined' && input instanceof Request ? input.signal : undefined);

/**
 * The transport as ky sees it: the answer resolves only once its whole body has arrived, so ky's per-attempt
 * timeout (which aborts the request's signal) covers the body as well as the headers, on every fetch. An abort
 * rejects at once even with a fetch that ignores signals, and a fetch that is never called sent nothing.
 */
export function timedFetch(inner: FetchLike, attempts: Attempts, observer?: AttemptObserver): FetchLike {
  let made = 0;
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = signalOf(input, init);
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const attempt = (made += 1);
      let started = 0;
      let ended = false;
      // The observer hears of the end first (awaited, so hooks see attempts in order), then ky does; an attempt ends once.
      const end = (outcome: Parameters<AttemptObserver['ended']>[2], done: () => void): void => {
        if (ended) return;
        ended = true;
        signal?.removeEventListener('abort', onAbort);
        if (!observer) return done();
        // `done` whatever the observer does: a call never hangs on its hooks.
        void observer.ended(attempt, performance.now() - started, outcome, input instanceof Request ? input : new Request(input, init)).then(done, done);
      };
      const onAbort = (): void => end({ error: signal?.reason, aborted: true }, () => reject(signal?.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      observer?.sending(attempt);
      started = performance.now();
      attempts.sent = true;
      attempts.delivered += 1;
      let answer: Promise<Response>;
      try {
        answer = Promise.resolve(inner(input, init));
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer
        .then(async (response) => {
          const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
          return { body, whole: new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }) };
        })
        .then(
          ({ body, whole }) => end(observer ? { response: whole.clone(), text: body === null ? '' : new TextDecoder().decode(body) } : { response: whole, text: '' }, () => resolve(whole)),
          (error: unknown) => {
            if (neverConnected(error)) attempts.delivered -= 1;
            end({ error, aborted: false }, () => reject(error));
          },
        );
    });
}
