import { StripeConfigurationError } from '../errors.js';

/**
 * A wrong emulator option or argument, thrown to the caller (not answered over HTTP): the package's own typed
 * error, so code that sets the emulator up meets the same `StripeError` as code that calls Stripe.
 */
export const misconfigured = (message: string, param: string): StripeConfigurationError =>
  new StripeConfigurationError(message, { type: 'configuration_error', param });

/** The `type` values Stripe puts on an error body. */
export type ErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

/** The fields of Stripe's `{ error: { … } }` body that the emulator fills in. */
export interface ErrorFields {
  type: ErrorType;
  message: string;
  code?: string;
  param?: string;
  advice_code?: string;
  decline_code?: string;
  charge?: string;
  doc_url?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
}

/**
 * A request that fails the way Stripe would fail it. Handlers throw it; `handle` turns it into the response.
 * Throwing keeps the checks flat: a lookup three calls deep can end the request without every caller testing for it.
 */
export class StripeFailure extends Error {
  override name = 'StripeFailure';
  readonly status: number;
  readonly fields: ErrorFields;

  constructor(status: number, fields: ErrorFields) {
    super(fields.message);
    this.status = status;
    this.fields = fields;
  }
}

// Stripe links every coded error to its page under /docs/error-codes, with the code's underscores as dashes.
const docUrl = (code: string): string => `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;

export function fail(status: number, fields: ErrorFields): StripeFailure {
  return new StripeFailure(status, fields.code && !fields.doc_url ? { ...fields, doc_url: docUrl(fields.code) } : fields);
}

const invalidRequest = (message: string, extra: Partial<ErrorFields> = {}, status = 400): StripeFailure =>
  fail(status, { type: 'invalid_request_error', message, ...extra });

export const unrecognizedUrl = (method: string, path: string): StripeFailure =>
  invalidRequest(`Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`, {}, 404);

export const noApiKey = (): StripeFailure =>
  invalidRequest(
    "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    {},
    401,
  );

export const invalidApiKey = (maskedKey: string): StripeFailure => invalidRequest(`Invalid API Key provided: ${maskedKey}`, {}, 401);

// The key itself is left out on purpose: a live key must never be written anywhere, masked or not.
export const liveKeyRefused = (): StripeFailure =>
  invalidRequest(
    'The Stripe emulator never accepts live-mode API keys. It answers only test-mode keys (sk_test_… or rk_test_…), so nothing can reach a live account by mistake. Use a test key.',
    {},
    401,
  );

export const unknownParameter = (param: string): StripeFailure => invalidRequest(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });

export const missingParameter = (param: string): StripeFailure => invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });

/** Stripe lists the choices as "a, b, or c" (and "a or b" for two). */
export function listChoices(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' or ');
  return `${values.slice(0, -1).join(', ')}, or ${values[values.length - 1]}`;
}

export const invalidEnum = (param: string, values: readonly string[]): StripeFailure =>
  invalidRequest(`Invalid ${param}: must be one of ${listChoices(values)}`, { param });

export const invalidInteger = (param: string, raw: string): StripeFailure => invalidRequest(`Invalid integer: ${raw}`, { code: 'parameter_invalid_integer', param });

export const invalidBoolean = (param: string, raw: string): StripeFailure => invalidRequest(`Invalid boolean: ${raw}`, { param });

export const integerTooSmall = (param: string, min: number): StripeFailure =>
  invalidRequest(`This value must be greater than or equal to ${min}.`, { code: 'parameter_invalid_integer', param });

export const integerTooLarge = (param: string, max: number): StripeFailure =>
  invalidRequest(`This value must be less than or equal to ${max}.`, { code: 'parameter_invalid_integer', param });

export const invalidShape = (param: string, expected: 'hash' | 'array' | 'string'): StripeFailure => invalidRequest(`Invalid ${expected}`, { param });

export const stringTooLong = (param: string, max: number): StripeFailure =>
  invalidRequest(`Invalid ${param}: must be at most ${max} characters`, { param });

export const exclusiveParameters = (params: readonly string[]): StripeFailure =>
  invalidRequest(`You may only specify one of these parameters: ${params.join(', ')}.`, { code: 'parameters_exclusive' });

/** What Stripe calls each resource in "No such …" messages. */
export type ResourceName = 'customer' | 'event' | 'product' | 'price' | 'payment_intent' | 'invoice' | 'subscription' | 'PaymentMethod';

export const resourceMissing = (resource: ResourceName, id: string, param: string, status = 404): StripeFailure =>
  invalidRequest(`No such ${resource}: '${id}'`, { code: 'resource_missing', param }, status);

/** A request that is well-formed but not allowed in the object's current state. */
export const invalidState = (message: string, extra: Partial<ErrorFields> = {}): StripeFailure => invalidRequest(message, extra);

export const idempotencyMismatch = (key: string): StripeFailure =>
  fail(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  });

/** Stripe's wording for a version it does not know, and which version the emulator speaks instead. */
export const unsupportedApiVersion = (requested: string, speaks: string): StripeFailure =>
  invalidRequest(
    `Invalid Stripe API version: ${requested}. The Stripe emulator implements only API version ${speaks} and answers in its shapes: send Stripe-Version: ${speaks}, or no Stripe-Version header.`,
  );

export const formContentRequired = (): StripeFailure =>
  invalidRequest('Stripe API requests take form-encoded parameters (application/x-www-form-urlencoded), not JSON. Encode nested values in bracket syntax, such as metadata[key]=value.');
