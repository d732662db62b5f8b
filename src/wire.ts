import type { Operation } from './operation.js';
import { checkedArgs } from './validate.js';

/** What goes on the wire for one call: the URL path and the Stripe parameters, nested as Stripe names them. */
export interface WireCall {
  readonly path: string;
  readonly params: Record<string, unknown>;
}

const define = (node: object, key: string | number, value: unknown): void => {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
};

/**
 * Puts `value` at `segments` inside `target`, making arrays for numeric segments (`items[0][price]`). Every
 * object made here has a null prototype and is written with defineProperty, so no segment can reach
 * Object.prototype (`__proto__`, `constructor`).
 */
function setAt(target: Record<string, unknown>, segments: readonly (string | number)[], value: unknown): void {
  const last = segments.length - 1;
  let node: Record<string | number, unknown> = target;
  for (let index = 0; index < last; index++) {
    const segment = segments[index]!;
    if (!Object.hasOwn(node, segment)) define(node, segment, typeof segments[index + 1] === 'number' ? [] : Object.create(null));
    node = node[segment] as Record<string | number, unknown>;
  }
  define(node, segments[last]!, value);
}

// Path values are validated IDs, but they are still escaped so that no value can change the route.
const pathValue = (value: unknown): string => encodeURIComponent(String(value));

/**
 * Maps validated arguments to Stripe's parameters: path arguments into the path, renamed ones to their wire
 * name, and the documented defaults that Stripe does not share added where the caller left them out. The
 * values are the ones validation checked (read once from the caller's object); unchecked arguments are
 * checked here, so toWire never encodes something validation would refuse.
 */
export function toWire(operation: Operation, args: Readonly<Record<string, unknown>>): WireCall {
  const values = checkedArgs(operation, args);
  const inPath = new Set<string>();
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    inPath.add(name);
    return pathValue(values[name]);
  });
  const params: Record<string, unknown> = Object.create(null);
  for (const [name, rule] of Object.entries(operation.args)) {
    const value = values[name] ?? rule.sendDefault;
    if (value === undefined || inPath.has(name)) continue;
    setAt(params, rule.wire ?? [name], value);
  }
  return { path, params };
}
