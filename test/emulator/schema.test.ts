/**
 * Every emulator answer for the 25 operations, checked against spec/openapi.yaml: success bodies against the
 * operation's 200 schema, error bodies against `error`. The spec is written from Stripe's documentation by
 * another part of the project, so this ties the emulator's objects to Stripe's published shapes.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createCustomer, createRecurringPrice, type Reply, type Setup, setup } from './helpers.js';
import { spec, specPath, validateAnswer } from './openapi.js';

const validate = (method: string, path: string, reply: Reply): string[] => validateAnswer(method, path, reply.status, reply.body);

type Step = [name: string, status: number, method: 'GET' | 'POST' | 'DELETE', path: (ids: Ids) => string, body?: (ids: Ids) => string];

interface Ids {
  customer: string;
  product: string;
  price: string;
  oneTimePrice: string;
  intent: string;
  heldIntent: string;
  invoice: string;
  openInvoice: string;
  subscription: string;
  trialSubscription: string;
  deletedCustomer: string;
}

const RETURN_URL = 'return_url=https%3A%2F%2Fexample.com';

/** Each of the 25 operations at least once, plus the state changes that give objects a different shape. */
const steps: Step[] = [
  ['create customer', 200, 'POST', () => '/v1/customers', () => 'name=Acme&email=a%40example.com&phone=%2B1555&address[line1]=1+Main+St&metadata[tier]=pro&preferred_locales[0]=en'],
  ['get customer', 200, 'GET', (ids) => `/v1/customers/${ids.customer}`],
  ['update customer', 200, 'POST', (ids) => `/v1/customers/${ids.customer}`, () => 'description=Updated&metadata[tier]='],
  ['list customers', 200, 'GET', () => '/v1/customers?limit=2'],
  ['list customers by email', 200, 'GET', () => '/v1/customers?email=a%40example.com'],
  ['delete customer', 200, 'DELETE', (ids) => `/v1/customers/${ids.deletedCustomer}`],
  ['get deleted customer', 200, 'GET', (ids) => `/v1/customers/${ids.deletedCustomer}`],
  ['create product', 200, 'POST', () => '/v1/products', () => 'name=Widget&description=A+widget&active=false&images[0]=https%3A%2F%2Fexample.com%2Fw.png&metadata[type]=good'],
  ['get product', 200, 'GET', (ids) => `/v1/products/${ids.product}`],
  ['list products', 200, 'GET', () => '/v1/products?active=true'],
  ['create recurring price', 200, 'POST', () => '/v1/prices', (ids) => `product=${ids.product}&unit_amount=7999&currency=usd&recurring[interval]=month&recurring[interval_count]=3&nickname=Quarterly`],
  ['create one-time price', 200, 'POST', () => '/v1/prices', (ids) => `product=${ids.product}&unit_amount=9900&currency=usd`],
  ['list prices', 200, 'GET', (ids) => `/v1/prices?product=${ids.product}&limit=100`],
  ['create payment intent', 200, 'POST', () => '/v1/payment_intents', (ids) => `amount=5000&currency=usd&customer=${ids.customer}&description=Order&metadata[order]=1`],
  ['get payment intent', 200, 'GET', (ids) => `/v1/payment_intents/${ids.intent}`],
  ['update payment intent', 200, 'POST', (ids) => `/v1/payment_intents/${ids.intent}`, () => 'description=Updated&metadata[source]=web'],
  ['confirm declined', 402, 'POST', (ids) => `/v1/payment_intents/${ids.intent}/confirm`, () => `payment_method=pm_card_chargeDeclined&${RETURN_URL}`],
  ['get declined payment intent', 200, 'GET', (ids) => `/v1/payment_intents/${ids.intent}`],
  ['confirm payment intent', 200, 'POST', (ids) => `/v1/payment_intents/${ids.intent}/confirm`, () => `payment_method=pm_card_visa&${RETURN_URL}`],
  ['confirm manual payment intent', 200, 'POST', (ids) => `/v1/payment_intents/${ids.heldIntent}/confirm`, () => `payment_method=pm_card_mastercard&${RETURN_URL}`],
  ['capture payment intent', 200, 'POST', (ids) => `/v1/payment_intents/${ids.heldIntent}/capture`, () => 'amount_to_capture=7500'],
  ['cancel succeeded payment intent', 400, 'POST', (ids) => `/v1/payment_intents/${ids.intent}/cancel`],
  ['create invoice', 200, 'POST', () => '/v1/invoices', (ids) => `customer=${ids.customer}&description=Consulting&auto_advance=true&metadata[project]=x`],
  ['get invoice', 200, 'GET', (ids) => `/v1/invoices/${ids.invoice}`],
  ['list invoices', 200, 'GET', (ids) => `/v1/invoices?customer=${ids.customer}&limit=100`],
  ['void draft invoice', 400, 'POST', (ids) => `/v1/invoices/${ids.invoice}/void`],
  ['pay invoice', 200, 'POST', (ids) => `/v1/invoices/${ids.invoice}/pay`],
  ['pay paid invoice', 400, 'POST', (ids) => `/v1/invoices/${ids.invoice}/pay`],
  ['void open invoice', 200, 'POST', (ids) => `/v1/invoices/${ids.openInvoice}/void`],
  ['list void invoices', 200, 'GET', () => '/v1/invoices?status=void'],
  ['create subscription', 200, 'POST', () => '/v1/subscriptions', (ids) => `customer=${ids.customer}&items[0][price]=${ids.price}&items[0][quantity]=2&metadata[plan]=pro`],
  ['create subscription with a one-time price', 400, 'POST', () => '/v1/subscriptions', (ids) => `customer=${ids.customer}&items[0][price]=${ids.oneTimePrice}`],
  ['get subscription', 200, 'GET', (ids) => `/v1/subscriptions/${ids.subscription}`],
  ['get trialing subscription', 200, 'GET', (ids) => `/v1/subscriptions/${ids.trialSubscription}`],
  ['cancel subscription', 200, 'DELETE', (ids) => `/v1/subscriptions/${ids.subscription}?prorate=false&invoice_now=false`],
  ['cancel subscription again', 404, 'DELETE', (ids) => `/v1/subscriptions/${ids.subscription}`],
  ['get balance', 200, 'GET', () => '/v1/balance'],
  ['unknown parameter', 400, 'POST', () => '/v1/customers', () => 'foo=bar'],
  ['unknown customer', 404, 'GET', () => '/v1/customers/cus_missing'],
  ['unknown price on a subscription', 400, 'POST', () => '/v1/subscriptions', (ids) => `customer=${ids.customer}&items[0][price]=price_missing`],
];

describe('responses match spec/openapi.yaml', () => {
  let t: Setup;
  const ids = {} as Ids;

  beforeAll(async () => {
    t = setup();
    ids.customer = (await createCustomer(t)).id;
    ids.deletedCustomer = (await createCustomer(t)).id;
    const price = await createRecurringPrice(t);
    ids.price = price.id;
    ids.product = price.product;
    ids.oneTimePrice = (await t.post('/v1/prices', `product=${ids.product}&unit_amount=500&currency=usd`)).body.id;
    ids.intent = (await t.post('/v1/payment_intents', `amount=5000&currency=usd&customer=${ids.customer}`)).body.id;
    ids.heldIntent = (await t.post('/v1/payment_intents', 'amount=10000&currency=usd&capture_method=manual')).body.id;
    ids.invoice = (await t.post('/v1/invoices', `customer=${ids.customer}`)).body.id;
    ids.subscription = (await t.post('/v1/subscriptions', `customer=${ids.customer}&items[0][price]=${ids.price}`)).body.id;
    ids.trialSubscription = (await t.post('/v1/subscriptions', `customer=${ids.customer}&items[0][price]=${ids.price}&trial_period_days=14`)).body.id;
    const declining = await createCustomer(t, 'payment_method=pm_card_chargeCustomerFail&invoice_settings[default_payment_method]=pm_card_chargeCustomerFail');
    ids.openInvoice = (await t.post('/v1/subscriptions', `customer=${declining.id}&items[0][price]=${ids.price}`)).body.latest_invoice;
  });

  test('the checker rejects what the spec does not allow', () => {
    const customerWithoutId = { status: 200, body: { object: 'customer', created: 1, livemode: false }, headers: new Headers() };
    expect(validate('GET', '/v1/customers/cus_123', customerWithoutId)).not.toEqual([]);
    const errorWithoutType = { status: 400, body: { error: { message: 'x' } }, headers: new Headers() };
    expect(validate('POST', '/v1/customers', errorWithoutType)).not.toEqual([]);
  });

  test('the steps cover all 25 operations', () => {
    const covered = new Set(steps.map(([, , method, path]) => `${method} ${specPath(path(ids))}`));
    const declared = Object.entries(spec.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(declared).toHaveLength(25);
    expect([...covered].sort()).toEqual(declared.sort());
  });

  for (const [name, status, method, path, body] of steps) {
    test(`${name} (${status})`, async () => {
      const url = path(ids);
      const reply = method === 'GET' ? await t.get(url) : method === 'POST' ? await t.post(url, body?.(ids) ?? '') : await t.del(url, body?.(ids) ?? '');
      expect(reply.status).toBe(status);
      expect(validate(method, url, reply)).toEqual([]);
    });
  }
});
