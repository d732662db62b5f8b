import type { FetchLike } from './client.js';
import { neverConnected } from './errors.js';


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

/**
 * What the request path reads from an answer. A Response is one; a direct transport (below) gives this much and
 * no more for a 2xx, and a whole Response for any other status, since ky's HTTPError and the error mapper read it.
 */
export interface Answered {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
}

/** How one attempt ended: answered (its body read whole) or failed. */
export type AttemptOutcome = { readonly response: Answered; readonly text: string } | { readonly error: unknown };

/** One attempt handed to a direct transport: its answer with the body read, and how to end it early. */
export interface DirectAttempt {
  readonly answer: Promise<{ readonly response: Answered; readonly text: string }>;
  /** Ends the attempt (the socket too); `answer` rejects with `reason`. Called at most once, after the answer or not. */
  cancel(reason: unknown): void;
}

/**
 * The key under which a transport may offer to take an attempt as it is (URL, method, header record, string body)
 * rather than as a fetch call: it then builds no Response for a 2xx and needs no AbortSignal, whose listeners are
 * costly on Node 20. `createNodeFetch` does; any other fetch is called as a fetch, through `viaFetch`.
 */
export const DIRECT = Symbol();
type Transport = (exchange: Exchange, inner: FetchLike) => DirectAttempt;

/** An attempt over a plain fetch: its own AbortController for `cancel`, the body read as text. */
const viaFetch: Transport = ({ url, method, headers, body }, inner) => {
  const controller = new AbortController();
  return {
    answer: new Promise<Response>((resolve) => resolve(inner(url, { method, headers, body, signal: controller.signal }))).then(async (response) => ({ response, text: await response.text() })),
    cancel: (reason) => controller.abort(reason),
  };
};

/** Sees each attempt begin and end; `request()` turns what it sees into the client's hook calls. */
export interface AttemptObserver {
  /** Just before attempt number `attempt` is handed to the transport. */
  sending(attempt: number): void;
  /** The attempt has ended. `request` is ky's view of the call (method and URL, no headers). */
  ended(attempt: number, elapsedMs: number, outcome: AttemptOutcome, request: Request): Promise<void>;
}

/**
 * An answer whose body was read as `text`, whole again, for a reader that wants a Response (the error mapper).
 * Only failed statuses come here, whose answer is a whole Response whichever transport gave it. Of the statuses
 * that must have a null body (101, 103, 204, 205, 304), 304 is the one such an answer can have: a Response cannot
 * be made with a 1xx status at all, and 204 and 205 are ok.
 */
export const withBody = (response: Answered, text: string): Response =>
  new Response(response.status === 304 ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers as Headers });

/**
 * The transport as ky sees it, one call per attempt. ky holds the retry loop and decides from the status; this
 * sends what `exchange` holds (ky's own Request, which carries neither headers nor body, only names the
 * attempt) and keeps the attempt's single timer, which runs until the last byte of the body, so a server that
 * sends its headers and stalls times out like one that never answers. A timeout or the caller's abort rejects
 * at once even with a fetch that ignores signals. An answer's body is read here, once, into `attempts.text`;
 * a failed status gets a Response carrying it again, for ky's HTTPError.
 */
export function timedFetch(inner: FetchLike, exchange: Exchange, attempts: Attempts, observer?: AttemptObserver): FetchLike {
  const { timeout, signal } = exchange;
  const transport = (inner as { [DIRECT]?: Transport })[DIRECT] ?? viaFetch;
  let made = 0;
  return (input) =>
    new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const attempt = (made += 1);
      let sent: DirectAttempt | undefined;
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
        sent?.cancel(reason);
        end({ error: reason }, () => reject(reason));
      };
      const onAbort = (): void => stop(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      observer?.sending(attempt);
      attempts.sent = true;
      attempts.delivered += 1;
      // Ended already (a hook aborted the caller's signal): nothing goes out, and no timer is left behind.
      if (ended) return;
      started = performance.now();
      timer = setTimeout(() => stop(new DOMException(`No answer within ${timeout} ms.`, 'TimeoutError')), timeout);
      sent = transport(exchange, inner);
      sent.answer.then(
        (answered) =>
          end(answered, () => {
            attempts.text = answered.text;
            // ky reads only `ok` of a 2xx answer (we give it no hooks and no parseJson), so a direct one will do.
            resolve(answered.response.ok ? (answered.response as Response) : withBody(answered.response, answered.text));
          }),
        (error: unknown) => {
          if (neverConnected(error)) attempts.delivered -= 1;
          end({ error }, () => reject(error));
        },
      );
    });
}
