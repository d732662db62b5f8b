/**
 * "Accepted, not modelled": the parameters a route takes without acting on them. Checked three ways: the table
 * of what each handler acts on (src/emulator/parameters/modelled.ts) names real parameters of that route; the
 * list in src/emulator/README.md is exactly the rest; and each of the rest that the answered object has a field
 * for comes back on that field, as sent (in Stripe's JSON types: `1` for an integer, `true` for a boolean).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Fields, ParamSpec } from '../../src/emulator/params.js';
import { MODELLED } from '../../src/emulator/parameters/modelled.js';
import { ROUTES } from '../../src/emulator/routes.js';
import { createCustomer, type Setup, setup } from './helpers.js';

const key = (route: { method: string; path: string }): string => `${route.method} ${route.path}`;

/** The spec at a dotted path, through arrays of objects (`items.price`). */
function specAt(fields: Fields, path: string): ParamSpec | undefined {
  let current: ParamSpec | undefined = { type: 'object', fields };
  for (const part of path.split('.')) {
    while (current?.type === 'array') current = current.items;
    current = current?.type === 'object' ? current.fields[part] : undefined;
  }
  return current;
}

const objectFields = (spec: ParamSpec | undefined): Fields | undefined => {
  let current = spec;
  while (current?.type === 'array') current = current.items;
  return current?.type === 'object' ? current.fields : undefined;
};

/** The parameters of a route its handler does not act on, dotted; `expand` is expand.ts's. */
function unmodelled(fields: Fields, modelled: readonly string[], prefix = ''): string[] {
  return Object.entries(fields).flatMap(([name, spec]) => {
    const path = `${prefix}${name}`;
    if (path === 'expand' || modelled.includes(path)) return [];
    const inner = objectFields(spec);
    if (inner && modelled.some((handled) => handled.startsWith(`${path}.`))) return unmodelled(inner, modelled, `${path}.`);
    return [path];
  });
}

// Stripe's bracket form, as the README writes them: `invoice_settings[custom_fields]`, `items[][plan]`.
const bracketed = (fields: Fields, path: string): string =>
  path.split('.').reduce((written, part, index, parts) => {
    const spec = specAt(fields, parts.slice(0, index).join('.'));
    return index === 0 ? part : `${written}${spec?.type === 'array' ? '[]' : ''}[${part}]`;
  }, '');

const readmeList = (): Map<string, string[]> => {
  const readme = readFileSync(new URL('../../src/emulator/README.md', import.meta.url), 'utf8');
  const section = readme.split('### Accepted, not modelled')[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const [, route = '', names = ''] of section.matchAll(/^\| `([A-Z]+ \/v1\/[^`]+)` \| (.*) \|$/gm)) {
    rows.set(route, names === '—' ? [] : Array.from(names.matchAll(/`([^`]+)`/g), (match) => match[1] as string));
  }
  return rows;
};

describe('what each handler acts on', () => {
  test('the table has every route and names only parameters the route takes', () => {
    expect(Object.keys(MODELLED).sort()).toEqual(ROUTES.map(key).sort());
    const unknown = ROUTES.flatMap((route) => (MODELLED[key(route)] ?? []).filter((path) => specAt(route.fields, path) === undefined).map((path) => `${key(route)} ${path}`));
    expect(unknown).toEqual([]);
  });

  // The README's lists are in alphabetical order, whatever the order of the declarations.
  test('src/emulator/README.md lists exactly the parameters accepted, not modelled', () => {
    const listed = readmeList();
    for (const route of ROUTES) {
      expect.soft(listed.get(key(route)), key(route)).toEqual(unmodelled(route.fields, MODELLED[key(route)] ?? []).map((path) => bracketed(route.fields, path)).sort());
    }
    expect(listed.size).toBe(ROUTES.length);
  });
});

/** A value a spec accepts, on the wire and as Stripe's JSON gives it back. */
interface Sample {
  wire: [string, string][];
  json: unknown;
}

function sample(spec: ParamSpec, name: string): Sample {
  const scalar = (wire: string, json: unknown): Sample => ({ wire: [[name, wire]], json });
  switch (spec.type) {
    case 'string':
      return scalar('echoed', 'echoed');
    case 'integer':
      return scalar(String(Math.max(spec.min ?? 1, 1)), Math.max(spec.min ?? 1, 1));
    case 'number':
      return scalar('1.5', 1.5);
    case 'decimal':
      return scalar('1.5', '1.5');
    case 'boolean':
      return scalar('true', true);
    case 'enum':
      return scalar(spec.values[0] as string, spec.values[0]);
    case 'currency':
      return scalar('usd', 'usd');
    case 'timestamp_filter':
      return scalar('1700000000', { eq: 1700000000 });
    case 'metadata':
    case 'hash':
      return { wire: [[`${name}[echo]`, 'yes']], json: { echo: 'yes' } };
    case 'union':
      return sample(spec.alternatives[0] as ParamSpec, name);
    case 'array': {
      const item = sample(spec.items, `${name}[0]`);
      return { wire: item.wire, json: [item.json] };
    }
    case 'object': {
      // The required fields, or else the first one.
      const chosen = Object.entries(spec.fields).filter(([, field]) => field.required === true);
      const parts = (chosen.length > 0 ? chosen : Object.entries(spec.fields).slice(0, 1)).map(([field, inner]) => [field, sample(inner, `${name}[${field}]`)] as const);
      return { wire: parts.flatMap(([, part]) => part.wire), json: Object.fromEntries(parts.map(([field, part]) => [field, part.json])) };
    }
  }
}

const wireOf = (pairs: [string, string][]): string => pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');

/** For each route that writes: the request it needs anyway, and the path it is sent to. */
type Start = (t: Setup) => Promise<{ path: string; body: string }>;

const paymentIntent = async (t: Setup, body = 'amount=2000&currency=usd') => (await t.post('/v1/payment_intents', body)).body.id as string;
const confirmable = 'amount=2000&currency=usd&payment_method=pm_card_visa&automatic_payment_methods[enabled]=true&automatic_payment_methods[allow_redirects]=never';

const WRITES: Record<string, Start> = {
  'POST /v1/customers': async () => ({ path: '/v1/customers', body: 'name=Jane' }),
  'POST /v1/customers/:id': async (t) => ({ path: `/v1/customers/${(await createCustomer(t)).id}`, body: '' }),
  'POST /v1/products': async () => ({ path: '/v1/products', body: 'name=Widget' }),
  'POST /v1/prices': async () => ({ path: '/v1/prices', body: 'currency=usd&unit_amount=500&product_data[name]=Widget&recurring[interval]=month' }),
  'POST /v1/payment_intents': async () => ({ path: '/v1/payment_intents', body: 'amount=2000&currency=usd' }),
  'POST /v1/payment_intents/:id': async (t) => ({ path: `/v1/payment_intents/${await paymentIntent(t)}`, body: '' }),
  'POST /v1/payment_intents/:id/confirm': async (t) => ({ path: `/v1/payment_intents/${await paymentIntent(t, confirmable)}/confirm`, body: '' }),
  'POST /v1/payment_intents/:id/capture': async (t) => ({ path: `/v1/payment_intents/${await paymentIntent(t, `${confirmable}&capture_method=manual&confirm=true`)}/capture`, body: '' }),
  'POST /v1/payment_intents/:id/cancel': async (t) => ({ path: `/v1/payment_intents/${await paymentIntent(t)}/cancel`, body: '' }),
  'POST /v1/invoices': async (t) => ({ path: '/v1/invoices', body: `customer=${(await createCustomer(t)).id}` }),
  'POST /v1/subscriptions': async (t) => {
    const customer = await createCustomer(t);
    const price = (await t.post('/v1/prices', 'currency=usd&unit_amount=500&product_data[name]=Plan&recurring[interval]=month')).body;
    return { path: '/v1/subscriptions', body: `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete` };
  },
};

// The object's value at a dotted path; undefined when the object has no such field.
const valueAt = (object: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null && Object.hasOwn(node, part) ? (node as Record<string, unknown>)[part] : undefined), object);

const cases = ROUTES.filter((route) => WRITES[key(route)]).flatMap((route) => unmodelled(route.fields, MODELLED[key(route)] ?? []).map((path) => [key(route), path, route.fields] as const));

describe('a parameter accepted, not modelled, is stored on the field of the same name', () => {
  test.each(cases)('%s %s', async (routeKey, path, fields) => {
    const t = setup();
    const start = await (WRITES[routeKey] as Start)(t);
    const spec = specAt(fields, path) as ParamSpec;
    const before = await t.post(start.path, start.body);
    expect(before.status).toBe(200);
    // Only the parameters whose field the answered object has are echoed; the others are accepted and dropped.
    if (valueAt(before.body, path) === undefined) {
      const again = await (WRITES[routeKey] as Start)(t);
      const sent = sample(spec, bracketed(fields, path).replace('[]', '[0]'));
      const reply = await t.post(again.path, [again.body, wireOf(sent.wire)].filter(Boolean).join('&'));
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return;
    }
    const again = await (WRITES[routeKey] as Start)(t);
    const sent = sample(spec, bracketed(fields, path));
    const reply = await t.post(again.path, [again.body, wireOf(sent.wire)].filter(Boolean).join('&'));
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const echoed = valueAt(reply.body, path);
    if (typeof sent.json === 'object' && sent.json !== null && !Array.isArray(sent.json)) expect(echoed).toMatchObject(sent.json);
    else expect(echoed).toEqual(sent.json);
  });
});
