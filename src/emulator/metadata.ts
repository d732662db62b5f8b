import type { Metadata } from './objects.js';
import type { MetadataParam } from './params.js';

/**
 * Stripe's metadata update rule: sent keys are merged into what is there, a key sent with an empty value is
 * removed, and `metadata=` (null here) removes every key.
 */
export function mergeMetadata(current: Metadata, update: MetadataParam | undefined): Metadata {
  if (update === undefined) return current;
  if (update === null) return {};
  const merged = { ...current, ...update };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ''));
}

/** Copies the parameters that were sent onto the object; parameters left out keep the object's value. */
export function copyDefined<P extends object>(target: Record<string, unknown>, params: P, keys: readonly (keyof P & string)[]): void {
  for (const key of keys) if (params[key] !== undefined) target[key] = params[key];
}
