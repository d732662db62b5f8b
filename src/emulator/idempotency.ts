/**
 * Stripe's idempotency for POSTs: the first response to a key is stored and replayed to every retry with the
 * same parameters; other parameters under the same key are refused. Keys are scoped to the API key and
 * forgotten after 24 hours, as on Stripe.
 */
import { idempotencyMismatch } from './errors.js';
import type { FormValue } from './form.js';
import type { IdempotentEntry, State } from './store.js';

const KEY_LIFETIME = 24 * 3600;

// Parameter order does not change a request, so keys are sorted before comparing.
function canonical(value: FormValue): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(canonical);
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key] as FormValue)]));
}

export const fingerprint = (method: string, path: string, params: Record<string, FormValue>): string => JSON.stringify([method, path, canonical(params)]);

export const scopeKey = (apiKey: string, idempotencyKey: string): string => `${apiKey}\u0000${idempotencyKey}`;

/** The stored response for this key, if there is one; throws `idempotency_error` when the parameters differ. */
export function findReplay(state: State, scope: string, idempotencyKey: string, print: string, now: number): IdempotentEntry | undefined {
  const entry = state.idempotency.get(scope);
  if (!entry) return undefined;
  if (now - entry.createdAt >= KEY_LIFETIME) {
    state.idempotency.delete(scope);
    return undefined;
  }
  if (entry.fingerprint !== print) throw idempotencyMismatch(idempotencyKey);
  return entry;
}

export const remember = (state: State, scope: string, entry: IdempotentEntry): void => {
  state.idempotency.set(scope, entry);
};
