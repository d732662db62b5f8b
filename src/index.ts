/**
 * @kosmokrator/stripe: the 25 Stripe functions of the KosmoKrator integration. Import only what you call;
 * every function is its own module, so a bundle carries the functions it uses and nothing else.
 *
 * This entry point is browser-safe: no Node built-ins, and nothing from /emulator, /lua, /docs or /tools.
 */
export * from '../generated/index.js';
export type { AccountOptions, BoundFunctions, StripeOptions } from './accounts.js';
export { type Client, type ClientOptions, createClient, type FetchLike, type RequestOptions } from './client.js';
export { encodeForm } from './encode-form.js';
export type { RequestHookState, ResponseHookState } from './hooks.js';
export { stripeRequest } from './stripe-request.js';
export {
  isStripeError,
  StripeAbortError,
  StripeAPIError,
  StripeAuthenticationError,
  StripeCardError,
  StripeConfigurationError,
  StripeConflictError,
  StripeConnectionError,
  StripeError,
  StripeIdempotencyError,
  StripeInvalidRequestError,
  StripePermissionError,
  StripeRateLimitError,
  StripeTimeoutError,
  StripeValidationError,
  type StripeRawError,
  type ValidationIssue,
} from './errors.js';
export type { ArgRule, Operation } from './operation.js';
export { type ListItem, paginate } from './paginate.js';
export type { ListResult, WithRequestId } from './result.js';
export type { Metadata, StripeId } from './runtime.js';
