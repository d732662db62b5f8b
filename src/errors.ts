/**
 * Every failure a caller can see is a StripeError. Stripe's own errors keep Stripe's field names
 * (`decline_code`, `doc_url`) so code written against Stripe's documentation reads them unchanged.
 *
 * Errors never hold the request (whose headers carry the key) or a foreign error object as `cause`: only
 * text that `request()` has already scrubbed of the key. That is how "the key never appears in an error"
 * holds for `util.inspect`, `JSON.stringify` and logging alike.
 */

/** Stripe's error object, the `error` member of an error response. */
export interface StripeRawError {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  doc_url?: string;
  [field: string]: unknown;
}

export interface StripeErrorFields {
  type: string;
  statusCode?: number | undefined;
  code?: string | undefined;
  decline_code?: string | undefined;
  param?: string | undefined;
  doc_url?: string | undefined;
  requestId?: string | undefined;
  raw?: StripeRawError | undefined;
}

// The fields every StripeError carries, in the order they are set (and shown by util.inspect).
const FIELDS = ['statusCode', 'type', 'code', 'decline_code', 'param', 'doc_url', 'requestId', 'raw'] as const;

export class StripeError extends Error {
  override name = 'StripeError';
  // Declared, not defined: the constructor sets them all from FIELDS.
  /** HTTP status of Stripe's answer; undefined when no answer came (or nothing was sent). */
  declare readonly statusCode: number | undefined;
  /** Stripe's error type (`card_error`, `invalid_request_error` …) or one of ours (`validation_error`). */
  declare readonly type: string;
  declare readonly code: string | undefined;
  declare readonly decline_code: string | undefined;
  declare readonly param: string | undefined;
  declare readonly doc_url: string | undefined;
  /** Stripe's `Request-Id`, to quote to Stripe support. */
  declare readonly requestId: string | undefined;
  /** Stripe's error object as it arrived. */
  declare readonly raw: StripeRawError | undefined;

  constructor(message: string, fields: StripeErrorFields) {
    super(message);
    for (const field of FIELDS) (this as Record<string, unknown>)[field] = fields[field];
  }

  /** Plain data for tool results, Lua errors and logs. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      type: this.type,
      status: this.statusCode,
      code: this.code,
      decline_code: this.decline_code,
      param: this.param,
      doc_url: this.doc_url,
      request_id: this.requestId,
    };
  }
}

/** 400 and 404: a parameter Stripe refused, or an object that does not exist. */
export class StripeInvalidRequestError extends StripeError { override name = 'StripeInvalidRequestError'; }
/** 401: the key is missing, wrong or revoked. */
export class StripeAuthenticationError extends StripeError { override name = 'StripeAuthenticationError'; }
/** 402: the card was declined or the payment could not be made. */
export class StripeCardError extends StripeError { override name = 'StripeCardError'; }
/** 403: the key (a restricted key, say) may not do this. */
export class StripePermissionError extends StripeError { override name = 'StripePermissionError'; }
/** 409: another request changed the same object at the same time. */
export class StripeConflictError extends StripeError { override name = 'StripeConflictError'; }
/** An idempotency key was reused with different parameters. */
export class StripeIdempotencyError extends StripeError { override name = 'StripeIdempotencyError'; }
/** 429: too many requests; retried automatically before it reaches you. */
export class StripeRateLimitError extends StripeError { override name = 'StripeRateLimitError'; }
/** 5xx or an answer that is not Stripe's JSON. */
export class StripeAPIError extends StripeError { override name = 'StripeAPIError'; }

/** What a failure without an answer knows about whether anything left. */
interface DeliveryFields {
  idempotencyKey?: string | undefined;
  requestSent?: boolean;
}

/**
 * No answer: the network failed. The message says whether anything left: a host name that did not resolve or a
 * refused connection sent nothing; a connection lost after sending may have made a write, and the message names
 * the idempotency key to repeat it with so that it happens at most once.
 */
export class StripeConnectionError extends StripeError {
  override name = 'StripeConnectionError';
  /** The Idempotency-Key every attempt of this write sent (not secret); undefined for reads. */
  readonly idempotencyKey: string | undefined;
  /** False when no attempt of this call reached the network, so nothing can have been written. */
  readonly requestSent: boolean;

  constructor(message: string, fields: StripeErrorFields & DeliveryFields) {
    super(message, fields);
    this.idempotencyKey = fields.idempotencyKey;
    this.requestSent = fields.requestSent ?? true;
  }
}
/** No answer within the timeout, which covers each attempt from sending to the last byte of the body. */
export class StripeTimeoutError extends StripeConnectionError { override name = 'StripeTimeoutError'; }
/**
 * The caller aborted the call (its `signal`). `requestSent` says whether any attempt had left: when it had not,
 * nothing was sent; when it had, a write may or may not have been made (repeat it with `idempotencyKey`).
 */
export class StripeAbortError extends StripeError {
  override name = 'StripeAbortError';
  readonly idempotencyKey: string | undefined;
  readonly requestSent: boolean;

  constructor(message: string, fields: StripeErrorFields & DeliveryFields & { requestSent: boolean }) {
    super(message, fields);
    this.idempotencyKey = fields.idempotencyKey;
    this.requestSent = fields.requestSent;
  }
}
/** One refused argument: what was expected and what was given. */
export interface ValidationIssue {
  readonly argument: string;
  readonly expected: string;
  readonly received: string;
  readonly hint?: string;
}

/** The arguments were refused before anything was sent. */
export class StripeValidationError extends StripeError {
  override name = 'StripeValidationError';
  /** The agent-facing function name, `create_customer`. */
  readonly function: string;
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, fields: { function: string; issues: readonly ValidationIssue[] }) {
    super(message, { type: 'validation_error', param: fields.issues[0]?.argument });
    this.function = fields.function;
    this.issues = fields.issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), function: this.function, issues: this.issues };
  }
}
/** The client was set up in a way that cannot work (or must not, as a secret key in a browser). */
export class StripeConfigurationError extends StripeError { override name = 'StripeConfigurationError'; }

type ErrorClass = new (message: string, fields: StripeErrorFields) => StripeError;

// By status first, as Stripe's SDK does; by type only where the status does not decide (statuses and types
// share one table: a status is a number, a type a word). 5xx and idempotency errors are decided before either.
const CLASS_OF: Readonly<Record<string | number, ErrorClass>> = {
  400: StripeInvalidRequestError,
  401: StripeAuthenticationError,
  402: StripeCardError,
  403: StripePermissionError,
  404: StripeInvalidRequestError,
  409: StripeConflictError,
  429: StripeRateLimitError,
  card_error: StripeCardError,
  invalid_request_error: StripeInvalidRequestError,
  authentication_error: StripeAuthenticationError,
  rate_limit_error: StripeRateLimitError,
};

/** Builds the error for one of Stripe's error responses. */
export function stripeErrorFromResponse(status: number, body: unknown, requestId: string | undefined): StripeError {
  const raw = readRawError(body);
  const type = raw?.type ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  // Own entries only: a type such as "constructor" must not find Object.prototype's.
  const classOf = (key: string | number): ErrorClass | undefined => (Object.hasOwn(CLASS_OF, key) ? CLASS_OF[key] : undefined);
  const ErrorType = type === 'idempotency_error' ? StripeIdempotencyError : (status < 500 && (classOf(status) ?? classOf(type))) || StripeAPIError;
  // Stripe's code, decline_code, param and doc_url come from its error object; the constructor takes only FIELDS.
  return new ErrorType(`${status} ${raw?.message ?? 'Stripe answered without an error message.'}`, { ...raw, type, statusCode: status, requestId, raw });
}

function readRawError(body: unknown): StripeRawError | undefined {
  const error = body !== null && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  return error !== null && typeof error === 'object' ? (error as StripeRawError) : undefined;
}

/** True for any StripeError, also one from another copy of this package (checked by name, not class). */
export function isStripeError(value: unknown): value is StripeError {
  return value instanceof StripeError || (value instanceof Error && value.name.startsWith('Stripe') && 'type' in value);
}

/** What the mapper knows about the failed call. `scrub` removes the key from any text that came from outside. */
export interface FailureContext {
  readonly function: string;
  readonly timeout: number;
  readonly scrub: (text: string) => string;
  /** POST only: the key every attempt sent. */
  readonly idempotencyKey?: string | undefined;
  /** Whether any attempt of this call reached the transport. */
  readonly sent?: boolean;
  /** Whether an attempt may have reached the server (false when every attempt failed before connecting). */
  readonly maybeDelivered?: boolean;
  /** The caller's signal, aborted when the caller gave up. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Scrubs every string and every key of a parsed JSON value, at any depth. Keys are defined, not assigned, so a
 * `"__proto__"` key stays a key and never becomes the copy's prototype.
 */
export function scrubDeep(value: unknown, scrub: (text: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 64) return '[too deep]';
  const inner = (item: unknown): unknown => scrubDeep(item, scrub, depth + 1);
  return Array.isArray(value) ? value.map(inner) : Object.fromEntries(Object.entries(value).map(([key, item]) => [scrub(key), inner(item)]));
}

// The body is scrubbed as text before it is parsed and every parsed string and key again afterwards, so no field
// of the error (message, param, raw) can carry the key even if a proxy echoes it back JSON-escaped.
async function readBody(response: Response, scrub: (text: string) => string): Promise<unknown> {
  const text = scrub(await response.text().catch(() => ''));
  try {
    return scrubDeep(JSON.parse(text), scrub);
  } catch {
    return undefined;
  }
}

const scrubbedHeader = (response: Response, name: string, scrub: (text: string) => string): string | undefined => {
  const value = response.headers.get(name);
  return value === null ? undefined : scrub(value);
};

// Error codes of a connection that never opened: nothing of the request can have reached the server.
const NOT_CONNECTED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ERR_INVALID_URL', 'UND_ERR_INVALID_ARG']);

/** The system error code a fetch failure carries (`ECONNREFUSED` …), looked for in the error and its causes. */
export function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || error === null || typeof error !== 'object') return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) for (const item of nested) {
    const found = networkCode(item, depth + 1);
    if (found) return found;
  }
  return networkCode((error as { cause?: unknown }).cause, depth + 1);
}

/** True when the failure means no byte of the request reached a server (DNS failure, refused connection). */
export const neverConnected = (error: unknown): boolean => NOT_CONNECTED.has(networkCode(error) ?? '');

function writeNote(context: FailureContext, delivered: boolean): string {
  if (!delivered) return 'Nothing was sent to Stripe.';
  if (context.idempotencyKey === undefined) return 'The request had been sent; a read changes nothing, so it is safe to repeat.';
  return `A write may or may not have been made; repeat it with the same idempotency key (${context.idempotencyKey}) to be sure it happens at most once.`;
}

/**
 * The one place a failure becomes a StripeError: ky's HTTP errors become Stripe's error classes by status and
 * type, a timeout a StripeTimeoutError, the caller's abort a StripeAbortError, anything else from the transport a
 * StripeConnectionError. Every text taken from outside passes through `scrub`.
 */
export async function toStripeError(error: unknown, context: FailureContext): Promise<StripeError> {
  const delivered = context.maybeDelivered ?? true;
  const connectionFields = { idempotencyKey: context.idempotencyKey, requestSent: context.sent ?? true };
  if (context.signal?.aborted) {
    const sent = context.sent ?? false;
    return new StripeAbortError(`${context.function}: the caller aborted the call. ${writeNote(context, sent && delivered)}`, { type: 'abort_error', code: 'aborted', idempotencyKey: context.idempotencyKey, requestSent: sent });
  }
  if (isStripeError(error)) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'HTTPError') {
    const response = (error as { response: Response }).response;
    return stripeErrorFromResponse(response.status, await readBody(response, context.scrub), scrubbedHeader(response, 'request-id', context.scrub));
  }
  if (name === 'TimeoutError') {
    return new StripeTimeoutError(`${context.function}: Stripe did not answer within ${context.timeout} ms. ${writeNote(context, delivered)}`, { type: 'api_connection_error', code: 'timeout', ...connectionFields });
  }
  let detail: string;
  try {
    const code = networkCode(error);
    detail = error instanceof Error ? [error.message, (error.cause as Error | undefined)?.message, code].filter((part) => typeof part === 'string' && part !== '').join(': ') : String(error);
  } catch {
    detail = 'unknown failure';
  }
  return new StripeConnectionError(`${context.function}: could not reach Stripe (${context.scrub(detail)}). ${writeNote(context, delivered)}`, { type: 'api_connection_error', ...connectionFields });
}
