import type { RetryOptions } from 'ky';

// Stripe's SDKs start at half a second and never wait more than five between attempts.
const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;
// Honour Retry-After, but never park a call for more than a minute.
const MAX_RETRY_AFTER_MS = 60_000;

// 409 is a lock conflict that clears on its own; 429 and 5xx are passing load. Each POST carries an
// idempotency key that stays the same across attempts, so retrying a write cannot create two objects.
const RETRY_STATUS_CODES = [409, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

/** Stripe knows when a retry would be pointless or safe; its `Stripe-Should-Retry` header outranks our status rules. */
export function stripeShouldRetry({ error }: { error: Error }): boolean | undefined {
  const response = (error as { response?: Response }).response;
  const verdict = error.name === 'HTTPError' && response ? response.headers.get('stripe-should-retry') : null;
  return verdict === null ? undefined : verdict === 'true';
}

/** Exponential backoff: 0.5 s, 1 s, 2 s … capped at 5 s. */
export const backoffDelay = (attempt: number): number => Math.min(INITIAL_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS);

/** Jitter keeps clients that failed together from retrying together; it never goes below half the delay. */
export const jitter = (delay: number): number => delay * (0.5 + Math.random() / 2);

/** The most retries any call makes, whatever it was given. */
export const RETRY_LIMIT_CAP = 10;

/** `limit` as a bounded whole number: NaN, negative or non-numbers retry never, anything above the cap the cap. */
export function boundedRetries(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) return limit === Infinity ? RETRY_LIMIT_CAP : 0;
  return Math.min(Math.floor(limit), RETRY_LIMIT_CAP);
}

/** ky's retry options for a call that may be retried `limit` times (bounded by `boundedRetries`). */
export function retryPolicy(limit: number): RetryOptions {
  return {
    limit: boundedRetries(limit),
    // ky leaves POST out by default; our writes are idempotent by key, so they are retried too.
    methods: ['get', 'post', 'delete'],
    statusCodes: RETRY_STATUS_CODES,
    afterStatusCodes: RETRY_STATUS_CODES,
    maxRetryAfter: MAX_RETRY_AFTER_MS,
    retryOnTimeout: true,
    delay: backoffDelay,
    jitter,
    shouldRetry: stripeShouldRetry,
  };
}
