/**
 * One request through the emulator: authenticate, find the route, read and check the parameters, replay or
 * record idempotent POSTs, run the handler, and answer in Stripe's shape with `Request-Id` and `Stripe-Version`.
 */
import { authenticate } from './auth.js';
import type { Context } from './context.js';
import type { EventCause } from './events.js';
import { echoUnmodelled } from './echo.js';
import { checkExpand, expandBody, returnedBy } from './expand.js';
import { formContentRequired, StripeFailure, unrecognizedUrl, unsupportedApiVersion } from './errors.js';
import { decodeForm, type FormObject, mergeForms } from './form.js';
import { findReplay, fingerprint, remember, scopeKey } from './idempotency.js';
import { newRequestId } from './ids.js';
import { finalizeDueInvoices } from './invoices.js';
import type { Config } from './options.js';
import { validateParams } from './params.js';
import { matchRoute, type RouteMatch } from './routes.js';
import type { State } from './store.js';

/** What `handle` works on; `state` is replaced by `reset()`. */
export interface Runtime {
  state: State;
  readonly config: Config;
}

interface Reply {
  status: number;
  /** The JSON text of the body. */
  body: string;
  headers?: Record<string, string>;
}

// Stripe pretty-prints its JSON with two spaces.
const serialize = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function failureReply(failure: StripeFailure, requestId: string, now: number): Reply {
  // Authentication failures happen before any account is known, so Stripe has no request log to link to.
  const log = failure.status === 401 ? {} : { request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}?t=${now}` };
  const headers = failure.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Stripe"' } : undefined;
  const fields: Record<string, unknown> = { ...failure.fields, ...log };
  // Stripe writes the error's fields in alphabetical order.
  const error = Object.fromEntries(Object.keys(fields).sort().map((key) => [key, fields[key]]));
  return { status: failure.status, body: serialize({ error }), ...(headers ? { headers } : {}) };
}

async function readParams(request: Request, url: URL): Promise<FormObject> {
  const query = decodeForm(url.search.slice(1));
  if (request.method.toUpperCase() === 'GET') return query;
  const text = await request.text();
  if (text !== '' && /json/i.test(request.headers.get('content-type') ?? '')) throw formContentRequired();
  return mergeForms(query, decodeForm(text));
}

interface Outcome {
  reply: Reply;
  /** False when the parameters were refused before the handler ran. */
  ran: boolean;
}

function execute(runtime: Runtime, match: RouteMatch, raw: FormObject, now: number, cause: EventCause): Outcome {
  const requestId = cause.id;
  let params: unknown;
  const returned = returnedBy(match.route.method, match.route.path);
  let expansions: ReturnType<typeof checkExpand>;
  try {
    params = validateParams(match.route.fields, raw);
    // A path that cannot be expanded is refused before the handler runs, so nothing is written.
    expansions = checkExpand(returned, (params as { expand?: string[] | null }).expand);
  } catch (error) {
    if (error instanceof StripeFailure) return { reply: failureReply(error, requestId, now), ran: false };
    throw error;
  }
  try {
    const echo = (target: object): void => echoUnmodelled(`${match.route.method} ${match.route.path}`, params, target);
    const context: Context<unknown> = { state: runtime.state, config: runtime.config, now, params, id: match.id, echo };
    // Handlers run synchronously, so the events they record can only be this request's.
    runtime.state.log.cause = cause;
    const body = expandBody(runtime.state, returned, match.route.run(context), expansions);
    return { reply: { status: 200, body: serialize(body) }, ran: true };
  } catch (error) {
    if (error instanceof StripeFailure) return { reply: failureReply(error, requestId, now), ran: true };
    throw error;
  } finally {
    runtime.state.log.cause = null;
  }
}

/** Thrown (and rejected with by `handle`) when the request's signal was aborted before it could commit. */
class Aborted {
  constructor(readonly reason: unknown) {}
}

function throwIfAborted(request: Request): void {
  if (request.signal.aborted) throw new Aborted(request.signal.reason);
}

async function answer(runtime: Runtime, request: Request, requestId: string, now: number): Promise<Reply> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const apiKey = authenticate(request.headers.get('authorization'));
  // The emulator answers in one version's shapes, so a request for another is refused rather than misled.
  const version = request.headers.get('stripe-version');
  if (version !== null && version !== runtime.config.apiVersion) throw unsupportedApiVersion(version, runtime.config.apiVersion);
  const match = matchRoute(method, url.pathname);
  if (!match) throw unrecognizedUrl(method, url.pathname);
  const raw = await readParams(request, url);
  // An aborted request never commits: the client has given up on it, as fetch would reject it.
  throwIfAborted(request);
  finalizeDueInvoices(runtime.state, now);
  const idempotencyKey = method === 'POST' ? request.headers.get('idempotency-key') : null;
  const cause = { id: requestId, idempotency_key: idempotencyKey };
  if (idempotencyKey === null) return execute(runtime, match, raw, now, cause).reply;
  const scope = scopeKey(apiKey, idempotencyKey);
  const print = fingerprint(method, url.pathname, raw);
  const replay = findReplay(runtime.state, scope, idempotencyKey, print, now);
  if (replay) return { status: replay.status, body: replay.body, headers: { 'Idempotent-Replayed': 'true', 'Original-Request': replay.requestId } };
  // Like Stripe, store the response once the endpoint has run (a decline included); a refused request can be retried.
  throwIfAborted(request);
  const { reply, ran } = execute(runtime, match, raw, now, cause);
  if (!ran) return reply;
  remember(runtime.state, scope, { fingerprint: print, createdAt: now, requestId, status: reply.status, body: reply.body });
  // Stripe names the request whose answer a key stores, this one included, so replays can point back to it.
  return { ...reply, headers: { ...reply.headers, 'Original-Request': requestId } };
}

/**
 * `Stripe-Should-Retry` as Stripe sends it: `false` where sending the request again cannot change the answer (a
 * refusal, a decline, or an answer stored under its idempotency key), `true` for a lock conflict or a rate limit
 * (which the emulator never answers), and nothing where Stripe leaves the choice to the client (reads, server errors).
 */
export function retryAdvice(status: number, stored: boolean): Record<string, string> {
  if (status === 409 || status === 429) return { 'Stripe-Should-Retry': 'true' };
  if ((status >= 400 && status < 500) || stored) return { 'Stripe-Should-Retry': 'false' };
  return {};
}

function unexpected(error: unknown): StripeFailure {
  const detail = error instanceof Error ? error.message : String(error);
  return new StripeFailure(500, { type: 'api_error', message: `The emulator failed to handle this request: ${detail}` });
}

/**
 * Answers one request as Stripe would. It rejects only when the request's signal is aborted before the request
 * commits (with the signal's reason, as fetch rejects); such a request changes nothing.
 */
export async function handle(runtime: Runtime, request: Request): Promise<Response> {
  const requestId = newRequestId();
  const now = runtime.config.now();
  let reply: Reply;
  try {
    throwIfAborted(request);
    reply = await answer(runtime, request, requestId, now);
  } catch (error) {
    if (error instanceof Aborted) throw error.reason;
    if (request.signal.aborted) throw request.signal.reason;
    reply = failureReply(error instanceof StripeFailure ? error : unexpected(error), requestId, now);
  }
  // POST answers echo the idempotency key they were sent with, as Stripe's do.
  const idempotencyKey = request.method.toUpperCase() === 'POST' ? request.headers.get('idempotency-key') : null;
  const headers = new Headers({
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, no-store',
    'Request-Id': requestId,
    'Stripe-Version': runtime.config.apiVersion,
    ...(idempotencyKey === null ? {} : { 'Idempotency-Key': idempotencyKey }),
    ...retryAdvice(reply.status, reply.headers?.['Original-Request'] !== undefined),
    ...reply.headers,
  });
  return new Response(reply.body, { status: reply.status, headers });
}
