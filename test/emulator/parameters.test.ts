/**
 * Every route's parameter table against what the official `stripe` package (API 2026-10-28.endive) declares for
 * the same call: every parameter Stripe takes is taken, none that Stripe refuses, each with the same type, enum
 * values, nesting, required flag and emptiness (`''` unsets). The SDK's declarations are read with the TypeScript
 * compiler (test/helpers/stripe-declarations.ts); the emulator's tables are its runtime data, so what is checked
 * is what validates requests.
 */
import { describe, expect, test } from 'vitest';
import type { Route } from '../../src/emulator/context.js';
import type { Fields, ParamSpec } from '../../src/emulator/params.js';
import { ROUTES } from '../../src/emulator/routes.js';
import { type Declared, type DeclaredField, sdkOperations } from '../helpers/stripe-declarations.js';

/** Parameters the emulator takes beyond the declarations, each with the reason. */
const BEYOND_THE_SDK: Record<string, Record<string, string>> = {
  'POST /v1/payment_intents': { payment_method_types: 'the request name before 2026-10-28.endive (now allowed_payment_method_types); apps written for older versions send it' },
};

/**
 * Parameters the SDK marks optional because Stripe takes an alternative the emulator does not have
 * (`customer_account`, `price_data`, `plan`), so without them the emulator cannot do the call.
 */
const REQUIRED_HERE: Record<string, readonly string[]> = {
  'POST /v1/subscriptions': ['customer', 'items', 'items[].price'],
  'POST /v1/invoices': ['customer'],
};

const TIMESTAMP_BOUNDS = ['gt', 'gte', 'lt', 'lte'];

const isTimestampFilter = (declared: Declared): boolean =>
  declared.kind === 'union' &&
  declared.alternatives.length === 2 &&
  declared.alternatives.some((alternative) => alternative.kind === 'number') &&
  declared.alternatives.some((alternative) => alternative.kind === 'object' && Object.keys(alternative.fields).sort().join() === TIMESTAMP_BOUNDS.join());

/** Which emulator kinds stand for each declared kind. The SDK's `number` does not say integer or fraction. */
const KINDS: Record<Declared['kind'], readonly ParamSpec['type'][]> = {
  string: ['string', 'currency'],
  number: ['integer', 'number'],
  decimal: ['decimal'],
  boolean: ['boolean'],
  enum: ['enum'],
  map: ['metadata', 'hash'],
  array: ['array'],
  object: ['object'],
  union: ['union', 'timestamp_filter'],
};

function sameType(spec: ParamSpec, declared: Declared, path: string, routeKey: string): string[] {
  if (!KINDS[declared.kind].includes(spec.type)) return [`${path}: Stripe declares ${declared.kind}, the emulator ${spec.type}`];
  if (spec.type === 'timestamp_filter') return isTimestampFilter(declared) ? [] : [`${path}: a timestamp filter where Stripe declares another union`];
  if (spec.type === 'enum' && declared.kind === 'enum') {
    const missing = declared.values.filter((value) => !spec.values.includes(value));
    const extra = spec.values.filter((value) => !declared.values.includes(value));
    return [...(missing.length ? [`${path}: enum lacks ${missing.join(', ')}`] : []), ...(extra.length ? [`${path}: enum has ${extra.join(', ')}, which Stripe does not take`] : [])];
  }
  if (spec.type === 'array' && declared.kind === 'array') return sameType(spec.items, declared.items, `${path}[]`, routeKey);
  if (spec.type === 'object' && declared.kind === 'object') return sameFields(spec.fields, declared.fields, `${path}.`, routeKey);
  if (spec.type === 'union' && declared.kind === 'union') {
    if (spec.alternatives.length !== declared.alternatives.length) return [`${path}: ${spec.alternatives.length} alternatives where Stripe declares ${declared.alternatives.length}`];
    // Each declared alternative needs an emulator alternative of the same type (the order may differ).
    return declared.alternatives.flatMap((alternative, index) =>
      spec.alternatives.some((candidate) => sameType(candidate, alternative, path, routeKey).length === 0) ? [] : [`${path}: no alternative for Stripe's ${alternative.kind} (alternative ${index})`],
    );
  }
  return [];
}

function sameField(spec: ParamSpec, declared: DeclaredField, path: string, routeKey: string): string[] {
  const problems = sameType(spec, declared.type, path, routeKey);
  const requiredHere = REQUIRED_HERE[routeKey]?.includes(path) ?? false;
  if (declared.required && spec.required !== true) problems.push(`${path}: Stripe requires it, the emulator does not`);
  if (!declared.required && spec.required === true && !requiredHere) problems.push(`${path}: the emulator requires it, Stripe does not`);
  // For a string '' is a value Stripe takes (mostly to unset); the SDK marks only some strings Emptyable.
  const emptyable = spec.emptyable === true;
  if (declared.type.kind === 'string' ? declared.emptyable && !emptyable : declared.emptyable !== emptyable) {
    problems.push(`${path}: Stripe ${declared.emptyable ? 'lets' : 'does not let'} '' unset it, the emulator ${emptyable ? 'does' : 'does not'}`);
  }
  return problems;
}

function sameFields(fields: Fields, declared: Record<string, DeclaredField>, prefix: string, routeKey: string): string[] {
  const beyond = prefix === '' ? (BEYOND_THE_SDK[routeKey] ?? {}) : {};
  const problems: string[] = [];
  for (const [name, field] of Object.entries(declared)) {
    const spec = fields[name];
    if (spec === undefined) problems.push(`${prefix}${name}: not accepted (Stripe declares ${shapeOf(field)})`);
    else problems.push(...sameField(spec, field, `${prefix}${name}`, routeKey));
  }
  for (const name of Object.keys(fields)) {
    if (!Object.hasOwn(declared, name) && !Object.hasOwn(beyond, name)) problems.push(`${prefix}${name}: accepted, but Stripe's API has no such parameter`);
  }
  return problems;
}

function shape(declared: Declared): string {
  if (declared.kind === 'enum') return `one of ${declared.values.join(', ')}`;
  if (declared.kind === 'array') return `an array of ${shape(declared.items)}`;
  if (declared.kind === 'object') return `an object of ${Object.keys(declared.fields).join(', ')}`;
  if (declared.kind === 'union') return declared.alternatives.map(shape).join(' or ');
  return declared.kind;
}
const shapeOf = (field: DeclaredField): string => `${field.required ? 'required ' : ''}${field.emptyable ? 'emptyable ' : ''}${shape(field.type)}`;

const operations = sdkOperations();
const key = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;
const operationOf = (route: Route) => operations.find((operation) => operation.method === route.method && operation.path === route.path);

describe("the emulator's parameters are Stripe's", () => {
  test('every route is a call the stripe package makes', () => {
    expect(ROUTES.filter((route) => !operationOf(route)).map(key)).toEqual([]);
    expect(ROUTES.length).toBe(27);
  });

  test.each(ROUTES.map((route) => [key(route), route] as const))('%s', (routeKey, route) => {
    const operation = operationOf(route);
    if (!operation) throw new Error(`the stripe package makes no ${routeKey}`);
    expect(sameFields(route.fields, operation.params, '', routeKey)).toEqual([]);
  });

  test('the allowances above name parameters the routes have', () => {
    for (const [routeKey, names] of Object.entries(BEYOND_THE_SDK)) {
      const route = ROUTES.find((candidate) => key(candidate) === routeKey);
      expect(Object.keys(names).filter((name) => !route || !Object.hasOwn(route.fields, name))).toEqual([]);
    }
  });
});

describe('the declarations are read as Stripe documents its API', () => {
  const subscriptions = operations.find((operation) => operation.method === 'POST' && operation.path === '/v1/subscriptions');

  test('POST /v1/subscriptions: 36 parameters, trial_end a timestamp or now, payment_behavior four values', () => {
    expect(subscriptions?.paramsName).toBe('SubscriptionCreateParams');
    expect(Object.keys(subscriptions?.params ?? {})).toHaveLength(36);
    expect(subscriptions?.params['trial_end']?.type).toEqual({ kind: 'union', alternatives: [{ kind: 'number' }, { kind: 'enum', values: ['now'] }] });
    expect(subscriptions?.params['payment_behavior']?.type).toEqual({ kind: 'enum', values: ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] });
    expect(subscriptions?.params['metadata']).toEqual({ required: false, emptyable: true, type: { kind: 'map' } });
  });

  test('nesting, required fields and decimals', () => {
    const items = subscriptions?.params['items']?.type;
    if (items?.kind !== 'array' || items.items.kind !== 'object') throw new Error('items is not an array of objects');
    const priceData = items.items.fields['price_data']?.type;
    if (priceData?.kind !== 'object') throw new Error('price_data is not an object');
    expect(priceData.fields['currency']).toEqual({ required: true, emptyable: false, type: { kind: 'string' } });
    expect(priceData.fields['unit_amount_decimal']?.type).toEqual({ kind: 'decimal' });
  });
});

describe('the comparison finds what differs', () => {
  const declared = operations.find((operation) => operation.sdkMethod === 'create' && operation.resource === 'Subscriptions');
  const route = ROUTES.find((candidate) => key(candidate) === 'POST /v1/subscriptions');
  if (!declared || !route) throw new Error('no subscription create to compare');
  const compare = (fields: Fields): string[] => sameFields(fields, declared.params, '', key(route));

  test('a missing parameter', () => {
    const { payment_settings: _, ...rest } = route.fields;
    expect(compare(rest)).toEqual([expect.stringMatching(/^payment_settings: not accepted/)]);
  });

  test('an extra one, a wrong type and a changed enum', () => {
    const fields: Fields = {
      ...route.fields,
      coupon: { type: 'string' },
      days_until_due: { type: 'string' },
      collection_method: { type: 'enum', values: ['charge_automatically'] },
      trial_end: { type: 'integer' },
    };
    expect(compare(fields)).toEqual(
      expect.arrayContaining([
        'coupon: accepted, but Stripe\'s API has no such parameter',
        'days_until_due: Stripe declares number, the emulator string',
        'collection_method: enum lacks send_invoice',
        'trial_end: Stripe declares union, the emulator integer',
      ]),
    );
  });

  test('a requirement lost or added', () => {
    const { customer: _, ...rest } = route.fields;
    const fields: Fields = { ...rest, customer: { type: 'string' }, description: { type: 'string', required: true, maxLength: 500 } };
    const anchor = { type: 'object', fields: { day_of_month: { type: 'integer' }, hour: { type: 'integer' }, minute: { type: 'integer' }, month: { type: 'integer' }, second: { type: 'integer' } } } as const;
    expect(compare({ ...fields, billing_cycle_anchor_config: anchor })).toEqual(['billing_cycle_anchor_config.day_of_month: Stripe requires it, the emulator does not', 'description: the emulator requires it, Stripe does not']);
  });

  test('a nested difference and emptiness', () => {
    const items = route.fields['items'];
    if (items?.type !== 'array' || items.items.type !== 'object') throw new Error('items is not an array of objects');
    const { tax_rates: _, ...itemFields } = items.items.fields;
    const fields: Fields = { ...route.fields, items: { ...items, items: { ...items.items, fields: itemFields } }, default_tax_rates: { type: 'array', items: { type: 'string' } } };
    expect(compare(fields)).toEqual(["default_tax_rates: Stripe lets '' unset it, the emulator does not", 'items[].tax_rates: not accepted (Stripe declares emptyable an array of string)']);
  });
});
