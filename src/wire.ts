import type { Operation } from './operation.js';

/** What goes on the wire for one call: the URL path and the Stripe parameters, nested as Stripe names them. */
export interface WireCall {
  readonly path: string;
  readonly params: Record<string, unknown>;
}

/** Puts `value` at `segments` inside `target`, making arrays for numeric segments (`items[0][price]`). */
function setAt(target: Record<string, unknown>, segments: readonly (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = target;
  segments.forEach((segment, index) => {
    if (index === segments.length - 1) {
      node[segment] = value;
      return;
    }
    node[segment] ??= typeof segments[index + 1] === 'number' ? [] : {};
    node = node[segment] as Record<string | number, unknown>;
  });
}

// Path values are validated IDs, but they are still escaped so that no value can change the route.
const pathValue = (value: unknown): string => encodeURIComponent(String(value));

/**
 * Maps validated arguments to Stripe's parameters: path arguments into the path, renamed ones to their wire
 * name, and the documented defaults that Stripe does not share added where the caller left them out.
 */
export function toWire(operation: Operation, args: Readonly<Record<string, unknown>>): WireCall {
  const inPath = new Set<string>();
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    inPath.add(name);
    return pathValue(args[name]);
  });
  const params: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(operation.args)) {
    const value = args[name] ?? rule.sendDefault;
    if (value === undefined || inPath.has(name)) continue;
    setAt(params, rule.wire ?? [name], value);
  }
  return { path, params };
}
