/**
 * What each of the 25 functions puts on the wire and what it makes of Stripe's answer.
 *
 * Every row is written by hand from Stripe's API reference (paths, parameter names, bracket encoding) and
 * from the seed document for the defaults the client sends on purpose. Nothing is read from spec/ or
 * generated/: if the spec is wrong, this test fails.
 */
import { describe, expect, it } from 'vitest';
import {
  cancelPaymentIntent,
  cancelSubscription,
  capturePaymentIntent,
  type Client,
  confirmPaymentIntent,
  createClient,
  createCustomer,
  createInvoice,
  createPaymentIntent,
  createPrice,
  createProduct,
  createSubscription,
  deleteCustomer,
  getBalance,
  getCustomer,
  getInvoice,
  getPaymentIntent,
  getProduct,
  getSubscription,
  listCustomers,
  listInvoices,
  listPrices,
  listProducts,
  payInvoice,
  type RequestOptions,
  StripeValidationError,
  updateCustomer,
  updatePaymentIntent,
  voidInvoice,
} from '../src/index.js';
import { API_KEY, BASIC_AUTH, FORM, fixture, STRIPE_VERSION, stripeJson, stripeList, useStripeMock } from './helpers/msw.js';

const mock = useStripeMock();

type Body = Record<string, unknown>;

interface Row {
  /** The agent-facing function name plus what the row shows. */
  readonly name: string;
  readonly call: (client: Client, options?: RequestOptions) => Promise<unknown>;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /** Every Stripe parameter of the call, flat with brackets, as strings: exact. */
  readonly wire: Record<string, string>;
  /** Stripe's answer. */
  readonly body: () => Body;
  /** What the call resolves to, from Stripe's answer; Stripe's object itself when left out. */
  readonly result?: (body: Body) => Body;
}

/** The documented list shape: `{ <key>: data, has_more }`. */
const listed = (key: string) => (body: Body): Body => ({ [key]: body.data, has_more: body.has_more });

/** Subscriptions: the billing period and plan, which Stripe now keeps on each item, copied up from the first item. */
const withPeriodFromFirstItem = (body: Body): Body => {
  const item = (body.items as { data: Body[] }).data[0]!;
  return { ...body, current_period_start: item.current_period_start, current_period_end: item.current_period_end, plan: item.plan };
};

const customer = () => ({ ...fixture('customer'), id: 'cus_abc123' });
const product = () => ({ ...fixture('product'), id: 'prod_xyz789' });
const price = () => ({ ...fixture('price'), id: 'price_def456', product: 'prod_xyz789' });
const intent = () => ({ ...fixture('payment_intent'), id: 'pi_ghi789' });
const invoice = () => ({ ...fixture('invoice'), id: 'in_jkl012' });
const subscription = () => ({ ...fixture('subscription'), id: 'sub_mno345' });

const rows: Row[] = [
  // Customers
  {
    name: 'create_customer with every argument',
    call: (c, o) =>
      createCustomer(c, { name: 'Acme Corp', email: 'billing@acme.example', description: 'Enterprise customer', phone: '+1 555-0123', metadata: { crm_id: '12345', tier: 'enterprise' } }, o),
    method: 'POST',
    path: '/v1/customers',
    wire: { name: 'Acme Corp', email: 'billing@acme.example', description: 'Enterprise customer', phone: '+1 555-0123', 'metadata[crm_id]': '12345', 'metadata[tier]': 'enterprise' },
    body: customer,
  },
  {
    name: 'create_customer with no arguments',
    call: (c, o) => createCustomer(c, {}, o),
    method: 'POST',
    path: '/v1/customers',
    wire: {},
    body: customer,
  },
  {
    name: 'get_customer',
    call: (c, o) => getCustomer(c, { id: 'cus_abc123' }, o),
    method: 'GET',
    path: '/v1/customers/cus_abc123',
    wire: {},
    body: customer,
  },
  {
    name: 'update_customer (id in the path, not the body)',
    call: (c, o) => updateCustomer(c, { id: 'cus_abc123', name: 'Acme Corp (Updated)', email: 'accounts@acme.example', description: 'Moved to net-30', phone: '+1 555-0199', metadata: { tier: 'premium' } }, o),
    method: 'POST',
    path: '/v1/customers/cus_abc123',
    wire: { name: 'Acme Corp (Updated)', email: 'accounts@acme.example', description: 'Moved to net-30', phone: '+1 555-0199', 'metadata[tier]': 'premium' },
    body: customer,
  },
  {
    name: 'list_customers with every filter',
    call: (c, o) => listCustomers(c, { email: 'jane+billing@example.com', limit: 25, starting_after: 'cus_abc123' }, o),
    method: 'GET',
    path: '/v1/customers',
    wire: { email: 'jane+billing@example.com', limit: '25', starting_after: 'cus_abc123' },
    body: () => stripeList('/v1/customers', [customer(), { ...customer(), id: 'cus_def456' }], true),
    result: listed('customers'),
  },
  {
    name: 'list_customers with no arguments sends no parameters',
    call: (c, o) => listCustomers(c, {}, o),
    method: 'GET',
    path: '/v1/customers',
    wire: {},
    body: () => stripeList('/v1/customers', [], false),
    result: listed('customers'),
  },
  {
    name: 'delete_customer',
    call: (c, o) => deleteCustomer(c, { id: 'cus_abc123' }, o),
    method: 'DELETE',
    path: '/v1/customers/cus_abc123',
    wire: {},
    body: () => ({ ...fixture('deleted_customer'), id: 'cus_abc123' }),
  },
  // Products
  {
    name: 'create_product with every argument',
    call: (c, o) => createProduct(c, { name: 'Pro Plan', description: 'Access to all pro features', active: true, metadata: { type: 'subscription' } }, o),
    method: 'POST',
    path: '/v1/products',
    wire: { name: 'Pro Plan', description: 'Access to all pro features', active: 'true', 'metadata[type]': 'subscription' },
    body: product,
  },
  {
    name: 'create_product inactive sends active=false',
    call: (c, o) => createProduct(c, { name: 'Legacy Plan', active: false }, o),
    method: 'POST',
    path: '/v1/products',
    wire: { name: 'Legacy Plan', active: 'false' },
    body: product,
  },
  {
    name: 'get_product',
    call: (c, o) => getProduct(c, { id: 'prod_xyz789' }, o),
    method: 'GET',
    path: '/v1/products/prod_xyz789',
    wire: {},
    body: product,
  },
  {
    name: 'list_products with every filter',
    call: (c, o) => listProducts(c, { active: false, limit: 50, starting_after: 'prod_xyz789' }, o),
    method: 'GET',
    path: '/v1/products',
    wire: { active: 'false', limit: '50', starting_after: 'prod_xyz789' },
    body: () => stripeList('/v1/products', [product()], false),
    result: listed('products'),
  },
  // Prices
  {
    name: 'create_price recurring every 3 months',
    call: (c, o) => createPrice(c, { product: 'prod_xyz789', unit_amount: 7999, currency: 'usd', recurring_interval: 'month', recurring_interval_count: 3, metadata: { plan: 'quarterly' } }, o),
    method: 'POST',
    path: '/v1/prices',
    wire: { product: 'prod_xyz789', unit_amount: '7999', currency: 'usd', 'recurring[interval]': 'month', 'recurring[interval_count]': '3', 'metadata[plan]': 'quarterly' },
    body: price,
  },
  {
    name: 'create_price one-time sends no recurring',
    call: (c, o) => createPrice(c, { product: 'prod_xyz789', unit_amount: 9900, currency: 'usd' }, o),
    method: 'POST',
    path: '/v1/prices',
    wire: { product: 'prod_xyz789', unit_amount: '9900', currency: 'usd' },
    body: price,
  },
  {
    name: 'list_prices with every filter',
    call: (c, o) => listPrices(c, { product: 'prod_xyz789', active: true, limit: 50, starting_after: 'price_def456' }, o),
    method: 'GET',
    path: '/v1/prices',
    wire: { product: 'prod_xyz789', active: 'true', limit: '50', starting_after: 'price_def456' },
    body: () => stripeList('/v1/prices', [price(), { ...price(), id: 'price_ghi789' }], true),
    result: listed('prices'),
  },
  // Payment intents
  {
    name: 'create_payment_intent sends automatic_payment_methods[enabled]=true when omitted',
    call: (c, o) =>
      createPaymentIntent(c, { amount: 5000, currency: 'usd', customer: 'cus_abc123', description: 'Order #1234', metadata: { order_id: '1234' }, capture_method: 'manual' }, o),
    method: 'POST',
    path: '/v1/payment_intents',
    wire: {
      amount: '5000',
      currency: 'usd',
      customer: 'cus_abc123',
      description: 'Order #1234',
      'metadata[order_id]': '1234',
      capture_method: 'manual',
      'automatic_payment_methods[enabled]': 'true',
    },
    body: intent,
  },
  {
    name: 'create_payment_intent with automatic payment methods off sends false',
    call: (c, o) => createPaymentIntent(c, { amount: 2500, currency: 'eur', automatic_payment_methods_enabled: false }, o),
    method: 'POST',
    path: '/v1/payment_intents',
    wire: { amount: '2500', currency: 'eur', 'automatic_payment_methods[enabled]': 'false' },
    body: intent,
  },
  {
    name: 'get_payment_intent',
    call: (c, o) => getPaymentIntent(c, { id: 'pi_ghi789' }, o),
    method: 'GET',
    path: '/v1/payment_intents/pi_ghi789',
    wire: {},
    body: intent,
  },
  {
    name: 'update_payment_intent',
    call: (c, o) => updatePaymentIntent(c, { id: 'pi_ghi789', description: 'Updated order description', metadata: { order_id: '1234', source: 'web' } }, o),
    method: 'POST',
    path: '/v1/payment_intents/pi_ghi789',
    wire: { description: 'Updated order description', 'metadata[order_id]': '1234', 'metadata[source]': 'web' },
    body: intent,
  },
  {
    name: 'confirm_payment_intent',
    call: (c, o) => confirmPaymentIntent(c, { id: 'pi_ghi789', payment_method: 'pm_card_visa', return_url: 'https://example.com/payment/complete?order=1234&step=2' }, o),
    method: 'POST',
    path: '/v1/payment_intents/pi_ghi789/confirm',
    wire: { payment_method: 'pm_card_visa', return_url: 'https://example.com/payment/complete?order=1234&step=2' },
    body: () => ({ ...intent(), status: 'succeeded' }),
  },
  {
    name: 'cancel_payment_intent',
    call: (c, o) => cancelPaymentIntent(c, { id: 'pi_ghi789', cancellation_reason: 'requested_by_customer' }, o),
    method: 'POST',
    path: '/v1/payment_intents/pi_ghi789/cancel',
    wire: { cancellation_reason: 'requested_by_customer' },
    body: () => ({ ...intent(), status: 'canceled', cancellation_reason: 'requested_by_customer' }),
  },
  {
    name: 'capture_payment_intent partial',
    call: (c, o) => capturePaymentIntent(c, { id: 'pi_123', amount_to_capture: 7500 }, o),
    method: 'POST',
    path: '/v1/payment_intents/pi_123/capture',
    wire: { amount_to_capture: '7500' },
    body: () => ({ ...intent(), id: 'pi_123', amount_received: 7500 }),
  },
  {
    name: 'capture_payment_intent in full sends an empty form',
    call: (c, o) => capturePaymentIntent(c, { id: 'pi_123' }, o),
    method: 'POST',
    path: '/v1/payment_intents/pi_123/capture',
    wire: {},
    body: () => ({ ...intent(), id: 'pi_123' }),
  },
  // Invoices
  {
    name: 'create_invoice sends auto_advance=true when omitted',
    call: (c, o) => createInvoice(c, { customer: 'cus_abc123', description: 'March 2026 consulting', subscription: 'sub_mno345', metadata: { project: 'website-redesign' } }, o),
    method: 'POST',
    path: '/v1/invoices',
    wire: { customer: 'cus_abc123', description: 'March 2026 consulting', subscription: 'sub_mno345', 'metadata[project]': 'website-redesign', auto_advance: 'true' },
    body: invoice,
  },
  {
    name: 'create_invoice with auto_advance false sends false',
    call: (c, o) => createInvoice(c, { customer: 'cus_abc123', auto_advance: false }, o),
    method: 'POST',
    path: '/v1/invoices',
    wire: { customer: 'cus_abc123', auto_advance: 'false' },
    body: invoice,
  },
  {
    name: 'get_invoice',
    call: (c, o) => getInvoice(c, { id: 'in_jkl012' }, o),
    method: 'GET',
    path: '/v1/invoices/in_jkl012',
    wire: {},
    body: invoice,
  },
  {
    name: 'list_invoices with every filter',
    call: (c, o) => listInvoices(c, { customer: 'cus_abc123', status: 'open', limit: 10, starting_after: 'in_jkl012' }, o),
    method: 'GET',
    path: '/v1/invoices',
    wire: { customer: 'cus_abc123', status: 'open', limit: '10', starting_after: 'in_jkl012' },
    body: () => stripeList('/v1/invoices', [invoice()], false),
    result: listed('invoices'),
  },
  {
    name: 'pay_invoice',
    call: (c, o) => payInvoice(c, { id: 'in_1' }, o),
    method: 'POST',
    path: '/v1/invoices/in_1/pay',
    wire: {},
    body: () => ({ ...invoice(), id: 'in_1', status: 'paid' }),
  },
  {
    name: 'void_invoice',
    call: (c, o) => voidInvoice(c, { id: 'in_1' }, o),
    method: 'POST',
    path: '/v1/invoices/in_1/void',
    wire: {},
    body: () => ({ ...invoice(), id: 'in_1', status: 'void' }),
  },
  // Subscriptions
  {
    name: 'create_subscription: price and quantity go on items[0]',
    call: (c, o) => createSubscription(c, { customer: 'cus_abc123', price: 'price_1', quantity: 5, trial_period_days: 14, metadata: { tier: 'enterprise' } }, o),
    method: 'POST',
    path: '/v1/subscriptions',
    wire: { customer: 'cus_abc123', 'items[0][price]': 'price_1', 'items[0][quantity]': '5', trial_period_days: '14', 'metadata[tier]': 'enterprise' },
    body: subscription,
    result: withPeriodFromFirstItem,
  },
  {
    name: 'create_subscription with customer and price only',
    call: (c, o) => createSubscription(c, { customer: 'cus_abc123', price: 'price_def456' }, o),
    method: 'POST',
    path: '/v1/subscriptions',
    wire: { customer: 'cus_abc123', 'items[0][price]': 'price_def456' },
    body: subscription,
    result: withPeriodFromFirstItem,
  },
  {
    name: 'get_subscription',
    call: (c, o) => getSubscription(c, { id: 'sub_1' }, o),
    method: 'GET',
    path: '/v1/subscriptions/sub_1',
    wire: {},
    body: () => ({ ...subscription(), id: 'sub_1' }),
    result: withPeriodFromFirstItem,
  },
  {
    name: 'cancel_subscription sends prorate=true and invoice_now=true when omitted',
    call: (c, o) => cancelSubscription(c, { id: 'sub_1' }, o),
    method: 'DELETE',
    path: '/v1/subscriptions/sub_1',
    wire: { prorate: 'true', invoice_now: 'true' },
    body: () => ({ ...subscription(), id: 'sub_1', status: 'canceled' }),
    result: withPeriodFromFirstItem,
  },
  {
    name: 'cancel_subscription with both false sends false',
    call: (c, o) => cancelSubscription(c, { id: 'sub_1', prorate: false, invoice_now: false }, o),
    method: 'DELETE',
    path: '/v1/subscriptions/sub_1',
    wire: { prorate: 'false', invoice_now: 'false' },
    body: () => ({ ...subscription(), id: 'sub_1', status: 'canceled' }),
    result: withPeriodFromFirstItem,
  },
  {
    name: 'cancel_subscription with one false keeps the other default',
    call: (c, o) => cancelSubscription(c, { id: 'sub_1', prorate: false }, o),
    method: 'DELETE',
    path: '/v1/subscriptions/sub_1',
    wire: { prorate: 'false', invoice_now: 'true' },
    body: () => ({ ...subscription(), id: 'sub_1', status: 'canceled' }),
    result: withPeriodFromFirstItem,
  },
  // Balance
  {
    name: 'get_balance',
    call: (c, o) => getBalance(c, {}, o),
    method: 'GET',
    path: '/v1/balance',
    wire: {},
    body: () => fixture('balance'),
  },
];

const client = createClient({ apiKey: API_KEY });
const requestIdOf = (row: Row): string => `req_${row.name.replace(/\W+/g, '_')}`;

describe('wire: each function as Stripe defines it', () => {
  it('covers all 25 functions', () => {
    const functions = new Set(rows.map((row) => row.name.split(' ')[0]!.replace(/:$/, '')));
    expect(functions.size).toBe(25);
  });

  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_, row) => {
    const body = row.body();
    const answer = structuredClone(body);
    mock.respond(() => stripeJson(answer, { requestId: requestIdOf(row) }));

    const result = (await row.call(client)) as Body & { requestId?: string };

    expect(mock.requests).toHaveLength(1);
    const sent = mock.requests[0]!;
    expect(`${sent.method} ${sent.path}`).toBe(`${row.method} ${row.path}`);
    if (row.method === 'POST') {
      expect(sent.form).toEqual(row.wire);
      expect(sent.rawQuery).toBe('');
      expect(sent.headers['content-type']).toBe(FORM);
    } else {
      expect(sent.query).toEqual(row.wire);
      expect(sent.rawBody).toBe('');
    }

    // Headers every call carries.
    expect(sent.headers.authorization).toBe(BASIC_AUTH);
    expect(sent.headers['stripe-version']).toBe(STRIPE_VERSION);
    expect(sent.headers['stripe-account']).toBeUndefined();
    if (row.method === 'POST') expect(sent.headers['idempotency-key']).toMatch(/\S/);
    else expect(sent.headers['idempotency-key']).toBeUndefined();

    // The result is Stripe's object (or the documented list shape), with the request id alongside.
    const expected = (row.result ?? ((b: Body) => b))(body);
    expect(result).toEqual(expected);
    expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(result.requestId).toBe(requestIdOf(row));
    expect(Object.keys(result)).not.toContain('requestId');
    expect(JSON.stringify(result)).not.toContain(requestIdOf(row));
  });
});

describe('wire: headers', () => {
  const writeRows = rows.filter((row) => row.method === 'POST');
  const readRows = rows.filter((row) => row.method !== 'POST');

  it('sends the client Stripe-Account on every call, and a per-call stripeAccount wins', async () => {
    const connected = createClient({ apiKey: API_KEY, stripeAccount: 'acct_client1' });
    mock.respond(() => stripeJson(fixture('customer'), { requestId: 'req_acct' }));
    await getCustomer(connected, { id: 'cus_abc123' });
    await createCustomer(connected, { name: 'A' });
    await getCustomer(connected, { id: 'cus_abc123' }, { stripeAccount: 'acct_call2' });
    await createCustomer(connected, { name: 'B' }, { stripeAccount: 'acct_call2' });
    await getCustomer(client, { id: 'cus_abc123' }, { stripeAccount: 'acct_only_call' });
    expect(mock.requests.map((r) => r.headers['stripe-account'])).toEqual(['acct_client1', 'acct_client1', 'acct_call2', 'acct_call2', 'acct_only_call']);
  });

  it.each(writeRows.map((row) => [row.name, row] as const))('%s: a given idempotencyKey is sent verbatim', async (_, row) => {
    mock.respond(() => stripeJson(row.body(), { requestId: 'req_idem' }));
    const key = `order-1234/${row.path}:attempt #1`;
    await row.call(client, { idempotencyKey: key });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.headers['idempotency-key']).toBe(key);
  });

  it.each(readRows.map((row) => [row.name, row] as const))('%s: no Idempotency-Key even when one is given', async (_, row) => {
    mock.respond(() => stripeJson(row.body(), { requestId: 'req_read' }));
    await row.call(client, { idempotencyKey: 'should-not-be-sent' });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('pay_invoice and void_invoice send an empty body that is still form-encoded', async () => {
    mock.respond(() => stripeJson(fixture('invoice'), { requestId: 'req_empty' }));
    await payInvoice(client, { id: 'in_1' });
    await voidInvoice(client, { id: 'in_2' });
    expect(mock.requests.map((r) => [r.method, r.path, r.rawBody, r.headers['content-type']])).toEqual([
      ['POST', '/v1/invoices/in_1/pay', '', FORM],
      ['POST', '/v1/invoices/in_2/void', '', FORM],
    ]);
  });

  it('uses Stripe\'s bracket names on the raw wire, with values percent-encoded', async () => {
    mock.respond(() => stripeJson(fixture('subscription'), { requestId: 'req_raw' }));
    await createSubscription(client, { customer: 'cus_abc123', price: 'price_1', quantity: 2, metadata: { note: 'a&b=c d' } });
    const raw = mock.requests[0]!.rawBody;
    const pairs = raw.split('&').map((pair) => decodeURIComponent(pair.split('=')[0]!));
    expect(pairs.sort()).toEqual(['customer', 'items[0][price]', 'items[0][quantity]', 'metadata[note]'].sort());
    expect(mock.requests[0]!.form['metadata[note]']).toBe('a&b=c d');
  });
});

describe('wire: subscriptions keep their own billing period', () => {
  const own = { current_period_start: 1_700_000_000, current_period_end: 1_702_592_000, plan: { id: 'plan_own', object: 'plan' } };
  const calls: [string, (c: Client) => Promise<unknown>][] = [
    ['create_subscription', (c) => createSubscription(c, { customer: 'cus_abc123', price: 'price_1' })],
    ['get_subscription', (c) => getSubscription(c, { id: 'sub_1' })],
    ['cancel_subscription', (c) => cancelSubscription(c, { id: 'sub_1' })],
  ];

  it.each(calls)('%s: values Stripe sends on the subscription are not overwritten', async (_, call) => {
    const body = { ...fixture('subscription'), ...own };
    mock.respond(() => stripeJson(body, { requestId: 'req_own' }));
    const result = (await call(client)) as Body;
    expect(result).toEqual(body);
    expect(result.current_period_start).toBe(1_700_000_000);
    expect(result.current_period_end).toBe(1_702_592_000);
    expect(result.plan).toEqual({ id: 'plan_own', object: 'plan' });
  });

  it.each(calls)('%s: period comes from the first item when the subscription lacks it', async (_, call) => {
    const body = fixture('subscription');
    const items = body.items as { data: Body[] };
    items.data = [
      { ...items.data[0]!, current_period_start: 1_111, current_period_end: 2_222 },
      { ...items.data[0]!, id: 'si_second', current_period_start: 3_333, current_period_end: 4_444 },
    ];
    mock.respond(() => stripeJson(body, { requestId: 'req_items' }));
    const result = (await call(client)) as Body;
    expect(result.current_period_start).toBe(1_111);
    expect(result.current_period_end).toBe(2_222);
  });
});

describe('wire: ids in the path cannot change the route', () => {
  const hostile = ['cus_a/b', 'cus_../../v1/balance', 'cus_x?expand[]=sources', 'cus_a#fragment', 'cus_a%2Fb', 'cus_ a'];

  it.each(hostile)('get_customer %j stays on /v1/customers/{id}', async (id) => {
    mock.respond(() => stripeJson(fixture('customer'), { requestId: 'req_hostile' }));
    let outcome: unknown;
    try {
      outcome = await getCustomer(client, { id });
    } catch (error) {
      outcome = error;
    }
    if (outcome instanceof StripeValidationError) {
      expect(mock.requests).toHaveLength(0);
      return;
    }
    expect(outcome).not.toBeInstanceOf(Error);
    expect(mock.requests).toHaveLength(1);
    const sent = mock.requests[0]!;
    expect(sent.method).toBe('GET');
    const segments = sent.path.split('/');
    expect(segments.slice(0, 3)).toEqual(['', 'v1', 'customers']);
    expect(segments).toHaveLength(4);
    expect(decodeURIComponent(segments[3]!)).toBe(id);
    expect(sent.rawQuery).toBe('');
  });

  it('void_invoice with a slash in the id does not reach another invoice action', async () => {
    mock.respond(() => stripeJson(fixture('invoice'), { requestId: 'req_hostile' }));
    const outcome = await voidInvoice(client, { id: 'in_1/pay' }).catch((error: unknown) => error);
    if (outcome instanceof StripeValidationError) {
      expect(mock.requests).toHaveLength(0);
      return;
    }
    expect(outcome).not.toBeInstanceOf(Error);
    expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/invoices/in_1%2Fpay/void']);
  });
});
