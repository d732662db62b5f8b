/**
 * `expand[]`: the emulator's table of expandable fields (src/emulator/expand.ts) against what the `stripe`
 * package declares for each returned object, then expansion through requests as Stripe answers them: ids
 * replaced by objects up to four levels, `data.` on lists, includable fields only when asked, and Stripe's 400 for
 * a path that cannot be expanded, before anything is written.
 */
import { describe, expect, test } from 'vitest';
import { SHAPES } from '../../src/emulator/expand.js';
import { expandableFields } from '../helpers/stripe-declarations.js';
import { createCustomer, createRecurringPrice, setup } from './helpers.js';
import { validateAnswer } from './openapi.js';

type Shapes = typeof SHAPES;
type Shape = Shapes[keyof Shapes];
type Edge = Record<string, unknown>;

/** Where the SDK declares each object the emulator returns. */
const DECLARED: Record<keyof Shapes, [file: string, name: string] | null> = {
  balance: ['Balance', 'Balance'],
  customer: ['Customers', 'Customer'],
  event: ['Events', 'Event'],
  invoice: ['Invoices', 'Invoice'],
  invoice_payment: ['InvoicePayments', 'InvoicePayment'],
  line_item: ['InvoiceLineItems', 'InvoiceLineItem'],
  payment_intent: ['PaymentIntents', 'PaymentIntent'],
  payment_method: ['PaymentMethods', 'PaymentMethod'],
  plan: null,
  price: ['Prices', 'Price'],
  product: ['Products', 'Product'],
  subscription: ['Subscriptions', 'Subscription'],
  subscription_item: ['SubscriptionItems', 'SubscriptionItem'],
};

// The kinds the emulator keeps, so their ids expand; any other kind of id is left as it is.
const KEPT = new Set(['customer', 'invoice', 'payment_intent', 'payment_method', 'price', 'product', 'subscription']);

const kindOf = (shape: unknown): string | undefined => Object.entries(SHAPES).find(([, candidate]) => candidate === shape)?.[0];

/** The emulator's table for one object, flattened the way expandableFields reports the SDK's. */
function flatten(shape: Shape, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [field, edge] of Object.entries(shape as Record<string, Edge>)) {
    const path = `${prefix}${field}`;
    if ('include' in edge) flat[path] = 'include';
    else if ('list' in edge) flat[path] = `list:${kindOf(edge['list']) ?? '?'}`;
    else if ('ref' in edge) flat[path] = edge['ref'] === null ? 'ref:elsewhere' : `ref:${String(edge['ref'])}`;
    else if (kindOf(edge['within']) !== undefined) flat[path] = `object:${kindOf(edge['within'])}`;
    else Object.assign(flat, flatten(edge['within'] as Shape, `${path}.`));
  }
  return flat;
}

// Reading the declarations compiles the SDK's types (seconds on a busy machine): done once, while the file loads.
const SDK_FIELDS = Object.fromEntries(Object.entries(DECLARED).map(([kind, at]) => [kind, at ? expandableFields(...at) : undefined]));

function differences(kind: keyof Shapes): string[] {
  const sdk = SDK_FIELDS[kind];
  if (!sdk) return [];
  const ours = flatten(SHAPES[kind]);
  const problems: string[] = [];
  for (const [path, facts] of Object.entries(sdk)) {
    const ref = facts.find((fact) => fact.startsWith('ref:'));
    const list = facts.find((fact) => fact.startsWith('list:'));
    if (ref) {
      const targets = ref.slice(4).split('|');
      const want = targets.length === 1 && KEPT.has(targets[0] as string) ? ref : 'ref:elsewhere';
      if (ours[path] !== want) problems.push(`${path}: Stripe expands it (${ref}); the emulator has ${ours[path] ?? 'nothing'}`);
    }
    if (list && !facts.includes('optional') && ours[path] !== list) problems.push(`${path}: Stripe returns ${list}; the emulator has ${ours[path] ?? 'nothing'}`);
  }
  for (const [path, what] of Object.entries(ours)) {
    const facts = sdk[path] ?? [];
    const ok = what === 'include' ? facts.includes('optional') : what === 'ref:elsewhere' ? facts.some((fact) => fact.startsWith('ref:')) : facts.includes(what);
    if (!ok) problems.push(`${path}: the emulator has ${what}; Stripe declares ${facts.join(', ') || 'no such field'}`);
  }
  return problems;
}

describe("the table of expandable fields is Stripe's", () => {
  test.each(Object.keys(DECLARED) as (keyof Shapes)[])('%s', (kind) => {
    expect(differences(kind)).toEqual([]);
  });

  test('the comparison notices a missing, a wrong and an invented field', () => {
    const original = SHAPES.subscription as Record<string, unknown>;
    const changed: Record<string, unknown> = { ...original, latest_invoice: { ref: 'payment_intent' }, colour: { ref: 'product' } };
    delete changed['customer'];
    const shapes = SHAPES as unknown as Record<string, unknown>;
    shapes['subscription'] = changed;
    try {
      expect(differences('subscription')).toEqual([
        'customer: Stripe expands it (ref:customer); the emulator has nothing',
        'latest_invoice: Stripe expands it (ref:invoice); the emulator has ref:payment_intent',
        'latest_invoice: the emulator has ref:payment_intent; Stripe declares ref:invoice',
        'colour: the emulator has ref:product; Stripe declares no such field',
      ]);
    } finally {
      shapes['subscription'] = original;
    }
  });
});

const cannotExpand = (path: string) => ({ type: 'invalid_request_error', message: `This property cannot be expanded (${path}).` });

async function incompleteSubscription() {
  const t = setup();
  const price = await createRecurringPrice(t);
  const customer = await createCustomer(t, 'name=Jane&payment_method=pm_card_visa&invoice_settings[default_payment_method]=pm_card_visa');
  return { t, price, customer };
}

describe('expanding through requests', () => {
  test('latest_invoice.confirmation_secret on a default_incomplete subscription: the client secret of the invoice’s payment intent', async () => {
    const { t, price, customer } = await incompleteSubscription();
    const created = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete&expand[]=latest_invoice.confirmation_secret`);
    expect(created.status).toBe(200);
    const invoice = created.body.latest_invoice;
    expect(invoice).toMatchObject({ object: 'invoice', status: 'open', confirmation_secret: { type: 'payment_intent', client_secret: expect.stringMatching(/^pi_\w+_secret_\w+$/) } });
    const payments = await t.get(`/v1/invoices/${invoice.id}?expand[]=payments.data.payment.payment_intent`);
    const intent = payments.body.payments.data[0].payment.payment_intent;
    expect(intent).toMatchObject({ object: 'payment_intent', client_secret: invoice.confirmation_secret.client_secret, amount: price.unit_amount });
    // Asked for nothing, the invoice has no includable fields and the subscription names its invoice by id.
    const plain = await t.get(`/v1/subscriptions/${created.body.id}`);
    expect(plain.body.latest_invoice).toBe(invoice.id);
    expect(Object.hasOwn((await t.get(`/v1/invoices/${invoice.id}`)).body, 'confirmation_secret')).toBe(false);
  });

  test('customer, default_payment_method and items.data.price.product in one request', async () => {
    const { t, price, customer } = await incompleteSubscription();
    const created = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&default_payment_method=${customer.invoice_settings.default_payment_method}`);
    const path = `/v1/subscriptions/${created.body.id}?expand[]=customer&expand[]=default_payment_method&expand[]=items.data.price.product`;
    const reply = await t.get(path);
    expect(reply.status).toBe(200);
    // The spec describes expandable fields as ids; each expanded object is checked against its own schema.
    expect(validateAnswer('GET', path, 200, reply.body)).toEqual([]);
    expect(validateAnswer('GET', path, 200, { ...reply.body, customer: { ...reply.body.customer, balance: 'lots' } })).toEqual([expect.stringMatching(/^\/customer\/balance must be integer/)]);
    expect(reply.body.customer).toMatchObject({ id: customer.id, object: 'customer', name: 'Jane' });
    expect(reply.body.default_payment_method).toMatchObject({ id: customer.invoice_settings.default_payment_method, object: 'payment_method', card: { last4: '4242' } });
    expect(reply.body.items.data[0].price.product).toMatchObject({ id: price.product, object: 'product', name: 'Pro Plan' });
  });

  test('data.* on a list, data alone, and the hint for a bare field', async () => {
    const { t, customer } = await incompleteSubscription();
    const listed = await t.get('/v1/customers?expand[]=data.invoice_settings.default_payment_method');
    expect(listed.body.data[0].invoice_settings.default_payment_method).toMatchObject({ object: 'payment_method', customer: customer.id });
    expect((await t.get('/v1/customers?expand[]=data')).status).toBe(200);
    const bare = await t.get('/v1/customers?expand[]=invoice_settings');
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ type: 'invalid_request_error', message: "This property cannot be expanded (invoice_settings). You may want to try expanding 'data.invoice_settings' instead." });
  });

  test('a deleted customer expands to its deleted stub', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const intent = await t.post('/v1/payment_intents', `amount=500&currency=usd&customer=${customer.id}`);
    await t.del(`/v1/customers/${customer.id}`);
    const reply = await t.get(`/v1/payment_intents/${intent.body.id}?expand[]=customer`);
    expect(reply.body.customer).toEqual({ id: customer.id, object: 'customer', deleted: true });
  });

  test.each([
    ['a field that is not expandable', '/v1/customers/:id', 'email', cannotExpand('email')],
    ['a field that does not exist', '/v1/customers/:id', 'colour', cannotExpand('colour')],
    ['a bad segment deeper in the path, named with the path so far', '/v1/customers/:id', 'invoice_settings.colour', cannotExpand('invoice_settings.colour')],
    ['a path through an id that is not expandable', '/v1/customers/:id', 'invoice_settings.default_payment_method.customer.colour', cannotExpand('invoice_settings.default_payment_method.customer.colour')],
    ['more than four levels', '/v1/customers/:id', 'invoice_settings.default_payment_method.customer.invoice_settings.default_payment_method', { type: 'invalid_request_error', message: 'You cannot expand more than 4 levels of a property.' }],
  ])('refused: %s', async (_what, path, expandPath, error) => {
    const t = setup();
    const customer = await createCustomer(t);
    const reply = await t.get(`${path.replace(':id', customer.id)}?expand[]=${expandPath}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject(error);
    expect(reply.body.error).not.toHaveProperty('param');
  });

  test('a list inside an object is walked through its data', async () => {
    const { t, price, customer } = await incompleteSubscription();
    const created = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete`);
    const refused = await t.get(`/v1/subscriptions/${created.body.id}?expand[]=items.price`);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject(cannotExpand('items.price'));
    const walked = await t.get(`/v1/subscriptions/${created.body.id}?expand[]=items.data.plan.product`);
    expect(walked.body.items.data[0].plan.product).toMatchObject({ object: 'product', id: price.product });
  });

  test('a refused expand on a POST writes nothing and records no event', async () => {
    const t = setup();
    const before = (await t.get('/v1/events')).body.data.length;
    const reply = await t.post('/v1/customers', 'name=Nobody&expand[]=subscriptions.data.colour');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject(cannotExpand('subscriptions.data.colour'));
    expect((await t.get('/v1/customers')).body.data).toEqual([]);
    expect((await t.get('/v1/events')).body.data).toHaveLength(before);
  });

  test('includable customer fields appear only when asked for, and expanding leaves the stored object as it was', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    expect(customer).not.toHaveProperty('subscriptions');
    const reply = await t.get(`/v1/customers/${customer.id}?expand[]=subscriptions&expand[]=tax_ids&expand[]=cash_balance`);
    expect(reply.body.subscriptions).toEqual({ object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/customers/${customer.id}/subscriptions` });
    expect(reply.body.tax_ids).toMatchObject({ object: 'list', data: [] });
    expect(reply.body.cash_balance).toMatchObject({ object: 'cash_balance', customer: customer.id });
    expect((await t.get(`/v1/customers/${customer.id}`)).body).toEqual(customer);
  });

  test('an idempotent replay answers the expanded body it first answered', async () => {
    const { t, price, customer } = await incompleteSubscription();
    const body = `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete&expand[]=latest_invoice`;
    const headers = { 'Idempotency-Key': 'expand-replay' };
    const first = await t.post('/v1/subscriptions', body, { headers });
    const replay = await t.post('/v1/subscriptions', body, { headers });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(replay.body.latest_invoice.object).toBe('invoice');
  });

  test('the objects in events are never expanded', async () => {
    const { t, price, customer } = await incompleteSubscription();
    await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete&expand[]=customer`);
    const events = (await t.get('/v1/events?type=customer.subscription.created&expand[]=data')).body.data;
    expect(events[0].data.object.customer).toBe(customer.id);
  });
});
