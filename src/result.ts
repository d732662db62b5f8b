import type { Operation } from './operation.js';

/** A result with Stripe's `Request-Id` attached, non-enumerable so that serialising it gives Stripe's object. */
export type WithRequestId<T> = T & { readonly requestId?: string };

/** A list result in the shape the agent documentation gives: `{ customers: [...], has_more }`. */
export type ListResult<Key extends string, Item> = { [K in Key]: Item[] } & { has_more: boolean };

type Json = Record<string, unknown>;

function valueAt(source: unknown, segments: readonly (string | number)[]): unknown {
  return segments.reduce<unknown>((node, segment) => (node !== null && typeof node === 'object' ? (node as Json)[segment] : undefined), source);
}

/**
 * Fills documented fields that Stripe has since moved onto a nested object (the billing period moved from the
 * subscription to its items in API 2025-03-31), without overwriting anything Stripe did send.
 */
function withDerived(body: Json, derive: NonNullable<Operation['derive']>): Json {
  const source = valueAt(body, derive.from);
  if (source === null || typeof source !== 'object') return body;
  const filled = { ...body };
  for (const field of derive.fields) {
    if (filled[field] === undefined && (source as Json)[field] !== undefined) filled[field] = (source as Json)[field];
  }
  return filled;
}

/** Turns Stripe's JSON into the documented result of the operation. */
export function shapeResult<T>(operation: Operation, body: Json, requestId: string | undefined): WithRequestId<T> {
  let result = body;
  if (operation.list) result = { [operation.list]: body.data, has_more: body.has_more };
  if (operation.derive) result = withDerived(result, operation.derive);
  Object.defineProperty(result, 'requestId', { value: requestId, enumerable: false });
  return result as WithRequestId<T>;
}
