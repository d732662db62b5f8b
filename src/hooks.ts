/**
 * Observability hooks: `createClient({ onRequest, onResponse })` sees every attempt of every call, retries included.
 * Each hook takes one state object, so a field added later never breaks a hook written today.
 */
import type { StripeError } from './errors.js';
import type { HttpMethod } from './operation.js';

/** What `onRequest` is told before an attempt is sent. Every string in it has had the API key scrubbed out. */
export interface RequestHookState {
  /** The function that made the call: `create_customer`, or `stripeRequest`. */
  readonly function: string;
  readonly method: HttpMethod;
  /** Stripe's path, without the query string: `/v1/customers/cus_123`. */
  readonly path: string;
  /** 1 for the first attempt, 2 for the first retry … */
  readonly attempt: number;
  /** The most attempts this call may make (its retry limit plus one); a call stops earlier once an answer is final. */
  readonly maxAttempts: number;
  /** The `Idempotency-Key` every attempt of a write sends; undefined for reads. */
  readonly idempotencyKey: string | undefined;
  /** The connected account the call acts for (`Stripe-Account`), if any. */
  readonly stripeAccount: string | undefined;
  /** Only with `hookBodies: true`: the form sent, as the body of a POST or the query string of a GET or DELETE. */
  readonly requestBody?: string;
}

/** What `onResponse` is told when an attempt has ended, answered or not. */
export interface ResponseHookState extends RequestHookState {
  /** Stripe's HTTP status; undefined when no answer came (network failure, timeout, abort). */
  readonly status: number | undefined;
  /** Stripe's `Request-Id`, to quote to Stripe support. */
  readonly requestId: string | undefined;
  /** Milliseconds from sending to the last byte of the answer (or to the failure). */
  readonly elapsedMs: number;
  /** For a failed attempt, what failed, as the StripeError the caller would get for it; the call may still retry. */
  readonly error?: StripeError;
  /** Only with `hookBodies: true`: the answer's body as text. */
  readonly responseBody?: string;
}

/**
 * Calls one hook. A hook observes and never steers: whatever it throws, or a promise it returns rejects with, is
 * dropped, so a failing logger can neither turn a payment that went through into an error nor put its own text
 * (which might hold anything) into the error the caller sees. Returned promises are not awaited.
 */
export function callHook<State>(hook: ((state: State) => unknown) | undefined, state: State): void {
  if (hook === undefined) return;
  try {
    const outcome = hook(Object.freeze(state));
    if (outcome !== null && typeof outcome === 'object' && typeof (outcome as { then?: unknown }).then === 'function') {
      (outcome as PromiseLike<unknown>).then(undefined, () => undefined);
    }
  } catch {
    // Dropped on purpose: see above.
  }
}
