/**
 * spec/openapi.yaml against the `stripe` package's declarations, for every field the emulator returns: the
 * emulator's objects are made in the states they can be in, and each field they carry, at every depth, must be
 * in the spec and declared by the SDK, with the same JSON types in both (null included). The spec describes an
 * expandable field by its id (this package's client never expands), so there an id string is enough.
 */
import { describe, expect, test } from 'vitest';
import { type DeclaredNode, declaredNode, type JsonType } from '../helpers/stripe-declarations.js';
import { createCustomer, createRecurringPrice, setup } from './helpers.js';
import { spec } from './openapi.js';

type Schema = Record<string, unknown>;

const resolve = (schema: unknown): Schema => {
  let current = schema as Schema;
  while (typeof current?.['$ref'] === 'string') current = spec.components.schemas[(current['$ref'] as string).split('/').pop() as string] as Schema;
  return current ?? {};
};

// The schema and its alternatives (anyOf, oneOf, allOf), each resolved.
const alternatives = (schema: unknown): Schema[] => {
  const resolved = resolve(schema);
  const nested = ['anyOf', 'oneOf', 'allOf'].flatMap((key) => ((resolved[key] as unknown[] | undefined) ?? []).flatMap(alternatives));
  return [resolved, ...nested];
};

const JSON_TYPES: Record<string, JsonType> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean', null: 'null', array: 'array', object: 'object' };

/** The JSON types the spec allows; undefined when it says nothing (any value). */
function specTypes(schema: unknown): Set<JsonType> | undefined {
  const types = new Set<JsonType>();
  let said = false;
  for (const alternative of alternatives(schema)) {
    const type = alternative['type'];
    for (const name of Array.isArray(type) ? type : type === undefined ? [] : [type]) {
      said = true;
      types.add(JSON_TYPES[String(name)] as JsonType);
    }
    if (alternative['nullable'] === true) types.add('null');
    for (const value of (alternative['enum'] as unknown[] | undefined) ?? []) {
      said = true;
      types.add(value === null ? 'null' : (typeof value as JsonType));
    }
    if (alternative['properties'] !== undefined) {
      said = true;
      types.add('object');
    }
  }
  return said ? types : undefined;
}

function specField(schema: unknown, name: string): unknown {
  if (alternatives(schema).some((alternative) => alternative['additionalProperties'] === true)) return {};
  for (const alternative of alternatives(schema)) {
    const properties = alternative['properties'] as Record<string, unknown> | undefined;
    if (properties && Object.hasOwn(properties, name)) return properties[name];
  }
  for (const alternative of alternatives(schema)) {
    const extra = alternative['additionalProperties'];
    if (typeof extra === 'object' && extra !== null) return extra;
  }
  return undefined;
}

const specItems = (schema: unknown): unknown => alternatives(schema).find((alternative) => alternative['items'] !== undefined)?.['items'];

const jsonType = (value: unknown): JsonType => (value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType));

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => a.size === b.size && [...a].every((item) => b.has(item));
const show = (types: ReadonlySet<string>): string => [...types].sort().join('|');

/** What differs at one field between the spec and the SDK, then the same for the fields inside it. */
function compare(value: unknown, schema: unknown, declared: DeclaredNode, path: string, problems: Set<string>): void {
  const specAllows = specTypes(schema);
  if (specAllows !== undefined) {
    const sdkAllows = new Set(declared.types);
    // An id that Stripe can expand: the spec describes the id, and the object only when expanded.
    if (declared.expandable) sdkAllows.delete('object');
    if (!sameSet(specAllows, sdkAllows)) problems.add(`${path}: spec/openapi.yaml says ${show(specAllows)}, the stripe package ${show(sdkAllows)}`);
    if (!specAllows.has(jsonType(value))) problems.add(`${path}: the emulator returns ${jsonType(value)}, spec/openapi.yaml allows ${show(specAllows)}`);
  }
  if (Array.isArray(value)) {
    const items = declared.items();
    for (const item of value) if (items) compare(item, specItems(schema), items, `${path}[]`, problems);
    return;
  }
  // Inside an object neither describes (Stripe.js's `use_stripe_sdk`), there is nothing to compare.
  if (typeof value !== 'object' || value === null || declared.opaque) return;
  for (const [name, inner] of Object.entries(value)) {
    const field = `${path}.${name}`;
    const innerSchema = specField(schema, name);
    const innerDeclared = declared.field(name);
    if (innerSchema === undefined) problems.add(`${field}: returned by the emulator, not in spec/openapi.yaml`);
    // Stripe's JSON gives a list inside an object its `total_count`; the SDK's ApiList type leaves it out.
    if (innerDeclared === undefined && !(name === 'total_count' && (value as Record<string, unknown>)['object'] === 'list')) {
      problems.add(`${field}: returned by the emulator, not declared by the stripe package`);
    }
    if (innerSchema !== undefined && innerDeclared !== undefined) compare(inner, innerSchema, innerDeclared, field, problems);
  }
}

/** Each object the emulator returns: its spec schema and where the SDK declares it. */
const KINDS: Record<string, { schema: string; declared: [string, string] }> = {
  balance: { schema: 'balance', declared: ['Balance', 'Balance'] },
  customer: { schema: 'customer', declared: ['Customers', 'Customer'] },
  deleted_customer: { schema: 'deleted_customer', declared: ['Customers', 'DeletedCustomer'] },
  invoice: { schema: 'invoice', declared: ['Invoices', 'Invoice'] },
  payment_intent: { schema: 'payment_intent', declared: ['PaymentIntents', 'PaymentIntent'] },
  price: { schema: 'price', declared: ['Prices', 'Price'] },
  product: { schema: 'product', declared: ['Products', 'Product'] },
  subscription: { schema: 'subscription', declared: ['Subscriptions', 'Subscription'] },
};

// Reading the declarations compiles the SDK's types (seconds on a busy machine): done once, while the file loads.
const DECLARED = Object.fromEntries(Object.entries(KINDS).map(([kind, { declared }]) => [kind, declaredNode(...declared)]));

const kindOf = (object: Record<string, unknown>): string => (object['deleted'] === true ? `deleted_${String(object['object'])}` : String(object['object']));

/** The emulator's objects in the states its routes leave them in. */
async function returnedObjects(): Promise<Record<string, unknown>[]> {
  const t = setup();
  const answers: unknown[] = [];
  const keep = <T extends { status: number; body: unknown }>(reply: T): T => {
    answers.push(reply.body);
    return reply;
  };
  const customer = await createCustomer(t, 'name=Jane&email=jane%40example.com&address[line1]=1+Main+St&shipping[name]=Jane&shipping[address][city]=Berlin&payment_method=pm_card_visa&invoice_settings[default_payment_method]=pm_card_visa&preferred_locales[0]=de&metadata[tier]=pro');
  answers.push(customer);
  const declining = await createCustomer(t, 'name=Joe&payment_method=pm_card_chargeCustomerFail&invoice_settings[default_payment_method]=pm_card_chargeCustomerFail');
  const price = await createRecurringPrice(t, 'recurring[interval]=month&nickname=Monthly');
  answers.push(price);
  keep(await t.get(`/v1/products/${price.product}`));
  keep(await t.post('/v1/prices', `product=${price.product}&unit_amount=900&currency=eur`));
  keep(await t.post('/v1/products', 'name=Box&package_dimensions[height]=1.5&package_dimensions[length]=2&package_dimensions[weight]=3&package_dimensions[width]=4&images[0]=https%3A%2F%2Fexample.com%2Fbox.png'));
  const pm = customer.invoice_settings.default_payment_method;
  const automatic = 'automatic_payment_methods[enabled]=true&automatic_payment_methods[allow_redirects]=never';
  keep(await t.post('/v1/payment_intents', `amount=500&currency=usd&customer=${customer.id}`));
  keep(await t.post('/v1/payment_intents', `amount=500&currency=usd&customer=${customer.id}&payment_method=${pm}&confirm=true&${automatic}&shipping[name]=Jane&shipping[address][line1]=1+Main+St`));
  const held = keep(await t.post('/v1/payment_intents', `amount=700&currency=usd&payment_method=pm_card_visa&capture_method=manual&confirm=true&${automatic}`));
  keep(await t.post(`/v1/payment_intents/${held.body.id}/capture`, 'amount_to_capture=500'));
  const declined = await t.post('/v1/payment_intents', `amount=500&currency=usd&payment_method=pm_card_chargeDeclined&confirm=true&${automatic}`);
  keep(await t.get(`/v1/payment_intents/${declined.body.error.payment_intent.id}`));
  keep(await t.post('/v1/payment_intents', 'amount=500&currency=usd&payment_method=pm_card_authenticationRequired&confirm=true&return_url=https%3A%2F%2Fexample.com'));
  keep(await t.post('/v1/payment_intents', `amount=500&currency=usd&payment_method=pm_card_threeDSecure2Required&confirm=true&${automatic}`));
  const canceled = keep(await t.post('/v1/payment_intents', 'amount=500&currency=usd'));
  keep(await t.post(`/v1/payment_intents/${canceled.body.id}/cancel`, 'cancellation_reason=abandoned'));
  const draft = keep(await t.post('/v1/invoices', `customer=${customer.id}&description=Manual&metadata[a]=b`));
  keep(await t.post(`/v1/invoices/${draft.body.id}/pay`, ''));
  keep(await t.post('/v1/invoices', `customer=${customer.id}&collection_method=send_invoice&days_until_due=30`));
  const active = keep(await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&items[0][quantity]=2&metadata[plan]=pro`));
  keep(await t.get(`/v1/invoices/${active.body.latest_invoice}?expand[]=confirmation_secret&expand[]=payments`));
  keep(await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&trial_period_days=14`));
  const incomplete = keep(await t.post('/v1/subscriptions', `customer=${declining.id}&items[0][price]=${price.id}`));
  keep(await t.get(`/v1/invoices/${incomplete.body.latest_invoice}?expand[]=confirmation_secret&expand[]=payments`));
  const waiting = keep(await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete`));
  keep(await t.post(`/v1/invoices/${waiting.body.latest_invoice}/void`, ''));
  keep(await t.del(`/v1/subscriptions/${active.body.id}`, 'cancellation_details[comment]=Too+much'));
  keep(await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&collection_method=send_invoice&days_until_due=7`));
  keep(await t.post(`/v1/customers/${declining.id}`, 'description=Updated&tax_exempt=exempt'));
  keep(await t.del(`/v1/customers/${declining.id}`));
  keep(await t.get('/v1/balance'));
  for (const list of ['/v1/customers', '/v1/invoices', '/v1/prices', '/v1/products']) answers.push(...((await t.get(list)).body.data as unknown[]));
  return answers.filter((answer): answer is Record<string, unknown> => typeof answer === 'object' && answer !== null && !('error' in answer));
}

describe('spec/openapi.yaml has every field the emulator returns, with the stripe package’s types', () => {
  test('the objects of every state, at every depth', async () => {
    const objects = await returnedObjects();
    const kinds = new Set(objects.map(kindOf));
    expect([...kinds].sort()).toEqual(Object.keys(KINDS).sort());
    const problems = new Set<string>();
    for (const object of objects) {
      const kind = KINDS[kindOf(object)];
      if (!kind) continue;
      compare(object, { $ref: `#/components/schemas/${kind.schema}` }, DECLARED[kindOf(object)] as DeclaredNode, kindOf(object), problems);
    }
    expect([...problems].sort()).toEqual([]);
  }, 120_000);

  test('the comparison notices a field missing from the spec, a mistyped one and one Stripe does not have', () => {
    const problems = new Set<string>();
    const product = { id: 'prod_1', object: 'product', active: 'yes', name: 'X', colour: 'red', metadata: {} };
    compare(product, { $ref: '#/components/schemas/product' }, declaredNode('Products', 'Product'), 'product', problems);
    expect([...problems].sort()).toEqual([
      'product.active: the emulator returns string, spec/openapi.yaml allows boolean',
      'product.colour: returned by the emulator, not declared by the stripe package',
      'product.colour: returned by the emulator, not in spec/openapi.yaml',
    ]);
    const wrongSpec = new Set<string>();
    compare({ default_price: null }, { type: 'object', properties: { default_price: { type: 'integer' } } }, declaredNode('Products', 'Product'), 'product', wrongSpec);
    expect([...wrongSpec]).toContain('product.default_price: spec/openapi.yaml says number, the stripe package null|string');
  });
});
