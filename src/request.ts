import { checkRequestOptions, type Client, credentialsOf, type FetchLike, type RequestOptions } from './client.js';
import { encodeForm } from './encode-form.js';
import { neverConnected, StripeAPIError, toStripeError } from './errors.js';
import { callHook, type RequestHookState } from './hooks.js';
import { loadKy } from '#ky';
import { createHttp, type Http } from './http.js';
import type { HttpMethod, Operation } from './operation.js';
import { shapeResult, type WithRequestId } from './result.js';
import { boundedRetries, retryPolicy } from './retry.js';
import { scrubber } from './scrub.js';
import { type Answered, type AttemptObserver, type Attempts, timedFetch, withBody } from './timed-fetch.js';
import { validateArgs } from './validate.js';
import { toWire } from './wire.js';

/** One call as it goes on the wire, whichever function made it: a generated one or `stripeRequest`. */
export interface WireCall {
  /** The name errors and hooks give: `create_customer`, `stripeRequest`. */
  readonly function: string;
  readonly method: HttpMethod;
  /** Stripe's path, values already escaped: `/v1/customers/cus_123`. */
  readonly path: string;
  /** The encoded form: the body of a POST, the query string of a GET or DELETE. */
  readonly form: string;
}

/** What Stripe answered: its JSON object and its `Request-Id` (scrubbed). */
export interface Answer {
  readonly body: Record<string, unknown>;
  readonly requestId: string | undefined;
}

const newIdempotencyKey = (): string => crypto.randomUUID();

/** Stripe's `Request-Id` of an answer, scrubbed, or undefined when there is no answer or no header. */
const requestIdOf = (response: Answered | undefined, scrub: (text: string) => string): string | undefined => {
  const requestId = response?.headers.get('request-id');
  return requestId == null ? undefined : scrub(requestId);
};

function buildHeaders(client: Client, authorization: string, method: HttpMethod, options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = {
    Authorization: authorization,
    'Stripe-Version': client.apiVersion,
    Accept: 'application/json',
  };
  const account = options.stripeAccount ?? client.stripeAccount;
  if (account) headers['Stripe-Account'] = account;
  if (method === 'POST') {
    // Stripe reads the form content type even from an empty body (pay, void); without it the call fails.
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    // Made once, before the first attempt: every retry sends the same key, so a write that reached Stripe
    // but lost its answer is never made twice. Keyed even with retries off, since the caller may repeat it.
    headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
  }
  return headers;
}

function parseJson(text: string, response: Answered, name: string, scrub: (text: string) => string): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(text);
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through: not JSON
  }
  throw new StripeAPIError(`${name}: Stripe answered ${response.status} with something that is not a JSON object.`, {
    type: 'api_error',
    statusCode: response.status,
    requestId: requestIdOf(response, scrub),
  });
}

// ky, made once per client at its first call ("#ky" decides by platform whether ky itself is loaded then).
const makeHttp = async (client: Client): Promise<Http> => createHttp(await loadKy(), client.maxRetries);

// Read at call time, so msw and other fetch patches installed after the client was made still apply.
const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

type FailureContext = Parameters<typeof toStripeError>[1];

/** `work`'s outcome, or the signal's reason as soon as it fires, whichever comes first. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    // Settled already when the signal fired first: then this is a no-op, and `work`'s own failure is handled here.
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The client's hooks as an AttemptObserver, or undefined when it has none (so a call without hooks does no
 * hook work at all). Every string a hook sees passes through `scrub`; a failed attempt's error comes from the
 * same mapper as the call's own error, told what this one attempt did.
 */
function hookObserver(client: Client, call: WireCall, headers: Readonly<Record<string, string>>, maxRetries: number, failure: FailureContext, http: Http): AttemptObserver | undefined {
  const { onRequest, onResponse, hookBodies } = client;
  if (!onRequest && !onResponse) return undefined;
  const { scrub } = failure;
  const key = headers['Idempotency-Key'];
  const sent: Omit<RequestHookState, 'attempt'> = {
    function: call.function,
    method: call.method,
    path: scrub(call.path),
    maxAttempts: boundedRetries(maxRetries) + 1,
    // A key is 1 to 255 characters (checked with the options) or, for a read, undefined.
    idempotencyKey: key && scrub(key),
    stripeAccount: headers['Stripe-Account'],
    ...(hookBodies && { requestBody: scrub(call.form) }),
  };
  return {
    sending: (attempt) => callHook(onRequest, { ...sent, attempt }),
    async ended(attempt, elapsedMs, outcome, request) {
      const response = 'response' in outcome ? outcome.response : undefined;
      const cause = 'error' in outcome ? outcome.error : outcome.response.ok ? undefined : new http.HTTPError(withBody(outcome.response, outcome.text), request, {} as never);
      const maybeDelivered = !('error' in outcome && neverConnected(outcome.error));
      const error = cause === undefined ? undefined : await toStripeError(cause, { ...failure, sent: true, maybeDelivered });
      callHook(onResponse, {
        ...sent,
        attempt,
        elapsedMs,
        status: response?.status,
        requestId: requestIdOf(response, scrub),
        ...(hookBodies && 'text' in outcome && { responseBody: scrub(outcome.text) }),
        ...(error && { error }),
      });
    },
  };
}

/**
 * The one way a call reaches Stripe, for generated functions and `stripeRequest` alike: authenticate, send
 * through ky with retries (each attempt timed and shown to the hooks), and return Stripe's JSON object or throw
 * the StripeError the failure maps to. Nothing here validates: callers check arguments and options first.
 */
export async function send(client: Client, call: WireCall, options: RequestOptions): Promise<Answer> {
  const credentials = credentialsOf(client);
  const { cache } = credentials;
  const scrub = (cache.scrub ??= scrubber(credentials));
  const isPost = call.method === 'POST';
  const timeout = options.timeout ?? client.timeout;
  const headers = buildHeaders(client, credentials.authorization, call.method, options);
  const attempts: Attempts = { sent: false, delivered: 0, text: '' };
  const failure: FailureContext = { function: call.function, timeout, scrub, idempotencyKey: headers['Idempotency-Key'], signal: options.signal };
  const exchange = { url: `${client.baseUrl}${call.path}${!isPost && call.form ? `?${call.form}` : ''}`, method: call.method, headers, body: isPost ? call.form : undefined, timeout, signal: options.signal };
  try {
    const http = await ((cache.http as Promise<Http> | undefined) ?? (cache.http = makeHttp(client)));
    const observer = hookObserver(client, call, headers, options.maxRetries ?? client.maxRetries, failure, http);
    // The caller's signal is not ky's: ky would merge it with its own (AbortSignal.any, tens of µs a call on Node 20,
    // every Lua call pays it). timedFetch ends an attempt in flight on it, and refuses the next one once it fired;
    // `untilAborted` rejects the call at once, so an abort between attempts does not wait out ky's backoff.
    const sending = http.send(exchange.url, {
      method: call.method,
      fetch: timedFetch(client.fetch ?? globalFetch, exchange, attempts, observer),
      ...(options.maxRetries !== undefined && { retry: retryPolicy(options.maxRetries) }),
    });
    const response = await (options.signal ? untilAborted(sending, options.signal) : sending);
    return { body: parseJson(attempts.text, response, call.function, scrub), requestId: requestIdOf(response, scrub) };
  } catch (error) {
    throw await toStripeError(error, { ...failure, sent: attempts.sent, maybeDelivered: attempts.delivered > 0 });
  }
}

/**
 * What every generated function calls: validate (nothing is sent when an argument or option is wrong), put the
 * arguments on the wire as Stripe names them, send, and shape the result as the function documents it.
 */
export async function request<T>(client: Client, operation: Operation, args: unknown = {}, options: RequestOptions = {}): Promise<WithRequestId<T>> {
  checkRequestOptions(operation.name, options);
  validateArgs(operation, args);
  const { path, params } = toWire(operation, args as Record<string, unknown>);
  const answer = await send(client, { function: operation.name, method: operation.method, path, form: encodeForm(params) }, options);
  return shapeResult<T>(operation, answer.body, answer.requestId);
}
