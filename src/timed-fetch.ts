import type { FetchLike } from './client.js';
import { neverConnected } from './errors.js';

// Statuses whose Response must have a null body, as the fetch standard has it.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What every attempt of one call sends: the same URL, headers, body and key each time. */
export interface Exchange {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The form, for a POST; a string, so no transport needs a stream for it. */
  readonly body: string | undefined;
  /** Milliseconds each attempt may take, from sending to the last byte of the answer. */
  readonly timeout: number;
  /** The caller's signal: aborting it ends the attempt in flight. */
  readonly signal: AbortSignal | undefined;
}

/** What the attempts of one call did, for the message of its failure, and the text of the answer ky returns. */
export interface Attempts {
  /** An attempt reached the transport. */
  sent: boolean;
  /** Attempts that may have reached the server (every attempt made, less those refused before connecting). */
  delivered: number;
  /** The body of the last answer, read whole within its attempt's timeout. */
  text: string;
}

/** How one attempt ended: answered (its body read whole) or failed. */
export type AttemptOutcome = { readonly response: Response; readonly text: string } | { readonly error: unknown };

/** Sees each attempt begin and end; `request()` turns what it sees into the client's hook calls. */
export interface AttemptObserver {
  /** Just before attempt number `attempt` is handed to the transport. */
  sending(attempt: number): void;
  /** The attempt has ended. `request` is ky's view of the call (method and URL, no headers). */
  ended(attempt: number, elapsedMs: number, outcome: AttemptOutcome, request: Request): Promise<void>;
}

/** An answer whose body was read as `text`, whole again, for a reader that wants a Response (the error mapper). */
export const withBody = (response: Response, text: string): Response =>
  new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });

/**
 * The transport as ky sees it, one call per attempt. ky holds the retry loop and decides from the status; this
 * sends what `exchange` holds (ky's own Request, which carries neither headers nor body, only names the
 * attempt) and keeps the attempt's single timer, which runs until the last byte of the body, so a server that
 * sends its headers and stalls times out like one that never answers. A timeout or the caller's abort rejects
 * at once even with a fetch that ignores signals. An answer's body is read here, once, into `attempts.text`;
 * a failed status gets a Response carrying it again, for ky's HTTPError.
 */
export function timedFetch(inner: FetchLike, exchange: Exchange, attempts: Attempts, observer?: AttemptObserver): FetchLike {
  const { url, method, headers, body, timeout, signal } = exchange;
  let made = 0;
  return (input) =>
    new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const attempt = (made += 1);
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let started = 0;
      let ended = false;
      // The observer hears of the end first (awaited, so hooks see attempts in order), then ky; an attempt ends once.
      const end = (outcome: AttemptOutcome, done: () => void): void => {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (!observer) return done();
        // `done` whatever the observer does: a call never hangs on its hooks.
        void observer.ended(attempt, performance.now() - started, outcome, input as Request).then(done, done);
      };
      const stop = (reason: unknown): void => {
        controller.abort(reason);
        end({ error: reason }, () => reject(reason));
      };
      const onAbort = (): void => stop(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      observer?.sending(attempt);
      started = performance.now();
      timer = setTimeout(() => stop(new DOMException(`No answer within ${timeout} ms.`, 'TimeoutError')), timeout);
      attempts.sent = true;
      attempts.delivered += 1;
      let answer: Promise<Response>;
      try {
        answer = Promise.resolve(inner(url, { method, headers, body, signal: controller.signal }));
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer
        .then(async (response) => ({ response, text: await response.text() }))
        .then(
          (answered) =>
            end(answered, () => {
              attempts.text = answered.text;
              resolve(answered.response.ok ? answered.response : withBody(answered.response, answered.text));
            }),
          (error: unknown) => {
            if (neverConnected(error)) attempts.delivered -= 1;
            end({ error }, () => reject(error));
          },
        );
    });
}
