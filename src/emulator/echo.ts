/**
 * Parameters a route accepts but does not act on (parameters/modelled.ts says which it acts on) are stored as
 * given on the object's field of the same name, where the object has that field, as Stripe echoes them:
 * `on_behalf_of`, `transfer_group`, `test_clock`, a product's `package_dimensions`, a part of an object parameter
 * such as `invoice_settings[custom_fields]`. Handlers call the context's `echo` on the object they build or
 * change, before they apply what they model, so their own values win and the events they record include it.
 */
import { MODELLED } from './parameters/modelled.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// A hash sent for an object field updates the keys it names and keeps the rest, as Stripe updates nested hashes.
function merged(current: unknown, sent: unknown): unknown {
  if (!isRecord(current) || !isRecord(sent)) return structuredClone(sent);
  const result: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(sent)) result[key] = merged(current[key], value);
  return result;
}

function store(target: Record<string, unknown>, params: Record<string, unknown>, modelled: readonly string[], prefix: string): void {
  for (const [name, value] of Object.entries(params)) {
    const path = `${prefix}${name}`;
    if (path === 'expand' || value === undefined || modelled.includes(path)) continue;
    const inside = modelled.some((handled) => handled.startsWith(`${path}.`));
    // Partly modelled: only its other parts are stored, inside the object's field of that name.
    if (inside) {
      if (isRecord(value) && isRecord(target[name])) store(target[name] as Record<string, unknown>, value, modelled, `${path}.`);
      continue;
    }
    if (Object.hasOwn(target, name)) target[name] = merged(target[name], value);
  }
}

/** The route's parameters that its handler does not act on, stored on `target` where it has their fields. */
export function echoUnmodelled(routeKey: string, params: unknown, target: object): void {
  if (isRecord(params)) store(target as Record<string, unknown>, params, MODELLED[routeKey] ?? [], '');
}
