import { beforeEach, describe, expect, test } from 'vitest';
import { createCustomer, createRecurringPrice, type Setup, setup } from './helpers.js';

/** [what, method, path, wire body or query, status, the error fields Stripe sends] */
type Case = [string, 'GET' | 'POST' | 'DELETE', string, string, number, Record<string, unknown>];

const CAPTURE_METHODS = 'Invalid capture_method: must be one of automatic, automatic_async, or manual';

const cases: Case[] = [
  ['unknown parameter', 'POST', '/v1/customers', 'name=Acme&foo=bar', 400, { code: 'parameter_unknown', param: 'foo', message: 'Received unknown parameter: foo' }],
  ['unknown nested parameter', 'POST', '/v1/prices', 'currency=usd&unit_amount=100&product_data[name]=X&recurring[interval]=month&recurring[foo]=1', 400, { code: 'parameter_unknown', param: 'recurring[foo]', message: 'Received unknown parameter: recurring[foo]' }],
  ['unknown parameter inside an array item', 'POST', '/v1/subscriptions', 'customer=cus_x&items[0][price]=price_x&items[0][colour]=red', 400, { code: 'parameter_unknown', param: 'items[0][colour]' }],
  ['unknown query parameter on a list', 'GET', '/v1/customers?foo=1', '', 400, { code: 'parameter_unknown', param: 'foo' }],
  ['missing amount', 'POST', '/v1/payment_intents', 'currency=usd', 400, { code: 'parameter_missing', param: 'amount', message: 'Missing required param: amount.' }],
  ['missing currency', 'POST', '/v1/payment_intents', 'amount=100', 400, { code: 'parameter_missing', param: 'currency', message: 'Missing required param: currency.' }],
  ['missing product name', 'POST', '/v1/products', 'description=x', 400, { code: 'parameter_missing', param: 'name', message: 'Missing required param: name.' }],
  ['missing nested recurring interval', 'POST', '/v1/prices', 'currency=usd&unit_amount=1&product_data[name]=X&recurring[interval_count]=2', 400, { code: 'parameter_missing', param: 'recurring[interval]', message: 'Missing required param: recurring[interval].' }],
  ['missing subscription items', 'POST', '/v1/subscriptions', 'customer=cus_x', 400, { code: 'parameter_missing', param: 'items' }],
  ['missing items[0][price]', 'POST', '/v1/subscriptions', 'customer=cus_x&items[0][quantity]=2', 400, { code: 'parameter_missing', param: 'items[0][price]' }],
  ['missing invoice customer', 'POST', '/v1/invoices', 'description=x', 400, { code: 'parameter_missing', param: 'customer' }],
  ['bad capture_method', 'POST', '/v1/payment_intents', 'amount=100&currency=usd&capture_method=later', 400, { param: 'capture_method', message: CAPTURE_METHODS }],
  ['cancellation_reason automatic is only written by Stripe', 'POST', '/v1/payment_intents/pi_x/cancel', 'cancellation_reason=automatic', 400, { param: 'cancellation_reason', message: 'Invalid cancellation_reason: must be one of abandoned, duplicate, fraudulent, or requested_by_customer' }],
  ['bad invoice status filter', 'GET', '/v1/invoices?status=pending', '', 400, { param: 'status', message: 'Invalid status: must be one of draft, open, void, paid, or uncollectible' }],
  ['bad recurring interval', 'POST', '/v1/prices', 'currency=usd&unit_amount=1&product_data[name]=X&recurring[interval]=fortnight', 400, { param: 'recurring[interval]', message: 'Invalid recurring[interval]: must be one of day, month, week, or year' }],
  ['bad price type filter (two choices)', 'GET', '/v1/prices?type=monthly', '', 400, { param: 'type', message: 'Invalid type: must be one of one_time or recurring' }],
  ['non-integer amount', 'POST', '/v1/payment_intents', 'amount=12.50&currency=usd', 400, { code: 'parameter_invalid_integer', param: 'amount', message: 'Invalid integer: 12.50' }],
  ['text as an integer', 'POST', '/v1/payment_intents', 'amount=ten&currency=usd', 400, { code: 'parameter_invalid_integer', param: 'amount', message: 'Invalid integer: ten' }],
  ['amount below 1', 'POST', '/v1/payment_intents', 'amount=0&currency=usd', 400, { code: 'parameter_invalid_integer', param: 'amount', message: 'This value must be greater than or equal to 1.' }],
  ['nested integer', 'POST', '/v1/subscriptions', 'customer=cus_x&items[0][price]=price_x&items[0][quantity]=two', 400, { code: 'parameter_invalid_integer', param: 'items[0][quantity]' }],
  ['boolean that is not true/false', 'POST', '/v1/products', 'name=X&active=yes', 400, { param: 'active', message: 'Invalid boolean: yes' }],
  ['boolean filter on a list', 'GET', '/v1/products?active=1', '', 400, { param: 'active', message: 'Invalid boolean: 1' }],
  ['limit 0', 'GET', '/v1/customers?limit=0', '', 400, { code: 'parameter_invalid_integer', param: 'limit', message: 'This value must be greater than or equal to 1.' }],
  ['limit 101', 'GET', '/v1/products?limit=101', '', 400, { code: 'parameter_invalid_integer', param: 'limit', message: 'This value must be less than or equal to 100.' }],
  ['limit that is not a number', 'GET', '/v1/prices?limit=all', '', 400, { code: 'parameter_invalid_integer', param: 'limit' }],
  ['both cursors', 'GET', '/v1/customers?starting_after=cus_a&ending_before=cus_b', '', 400, { code: 'parameters_exclusive', message: 'You may only specify one of these parameters: ending_before, starting_after.' }],
  ['empty string for a value that cannot be unset', 'POST', '/v1/products', 'name=', 400, { code: 'parameter_invalid_empty', param: 'name' }],
  ['a hash where a string is expected', 'POST', '/v1/customers', 'name[first]=Jane', 400, { param: 'name', message: 'Invalid string' }],
  ['a string where a hash is expected', 'POST', '/v1/prices', 'currency=usd&unit_amount=1&product_data=X', 400, { param: 'product_data', message: 'Invalid hash' }],
  ['a string where an array is expected', 'POST', '/v1/subscriptions', 'customer=cus_x&items=price_x', 400, { param: 'items', message: 'Invalid array' }],
  ['metadata values must be strings', 'POST', '/v1/customers', 'metadata[a][b]=c', 400, { param: 'metadata[a]', message: 'Invalid string' }],
  ['a bad currency', 'POST', '/v1/payment_intents', 'amount=100&currency=dollars', 400, { param: 'currency' }],
  ['product and product_data together', 'POST', '/v1/prices', 'currency=usd&unit_amount=1&product=prod_x&product_data[name]=X', 400, { code: 'parameters_exclusive', message: 'You may only specify one of these parameters: product, product_data.' }],
  ['automatic payment methods and explicit types together', 'POST', '/v1/payment_intents', 'amount=100&currency=usd&automatic_payment_methods[enabled]=true&payment_method_types[0]=card', 400, { code: 'parameters_exclusive' }],
];

describe('parameter validation', () => {
  for (const [name, method, path, body, status, error] of cases) {
    test(name, async () => {
      const t = setup();
      const reply = method === 'GET' ? await t.get(path) : method === 'POST' ? await t.post(path, body) : await t.del(path, body);
      expect(reply.status).toBe(status);
      expect(reply.body.error).toMatchObject({ type: 'invalid_request_error', ...error });
    });
  }

  test('coded errors link to their documentation page', async () => {
    const reply = await setup().post('/v1/customers', 'foo=1');
    expect(reply.body.error.doc_url).toBe('https://stripe.com/docs/error-codes/parameter-unknown');
    expect(reply.body.error.request_log_url).toMatch(/^https:\/\/dashboard\.stripe\.com\/test\/logs\/req_\w+/);
  });

  test('a JSON body is refused: Stripe takes form-encoded parameters', async () => {
    const t = setup();
    const reply = await t.post('/v1/customers', JSON.stringify({ name: 'Acme' }), { headers: { 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.type).toBe('invalid_request_error');
  });

  test('a refused request changes nothing', async () => {
    const t = setup();
    await t.post('/v1/customers', 'name=Acme&foo=bar');
    expect((await t.get('/v1/customers')).body.data).toEqual([]);
  });
});

describe('unrecognized URLs', () => {
  const urls: Array<[string, string]> = [
    ['GET', '/v1/charges'],
    ['PUT', '/v1/customers'],
    ['PATCH', '/v1/customers/cus_123'],
    ['DELETE', '/v1/products/prod_123'],
    ['POST', '/v1/balance'],
    ['GET', '/v1/customers/cus_123/extra'],
    ['GET', '/v2/customers'],
    ['POST', '/v1/invoices/in_123/finalize'],
  ];
  for (const [method, path] of urls) {
    test(`${method} ${path}`, async () => {
      const t = setup();
      const response = await t.emulator.handle(new Request(`https://api.stripe.com${path}`, { method, headers: { Authorization: 'Bearer sk_test_123' }, body: method === 'GET' ? undefined : '' }));
      expect(response.status).toBe(404);
      expect((await response.json()).error).toMatchObject({
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      });
    });
  }
});

describe('ids that do not exist', () => {
  const missing: Array<[string, 'GET' | 'POST' | 'DELETE', string, string, string]> = [
    ['customer', 'GET', '/v1/customers/cus_123', "No such customer: 'cus_123'", 'id'],
    ['customer update', 'POST', '/v1/customers/cus_123', "No such customer: 'cus_123'", 'id'],
    ['customer delete', 'DELETE', '/v1/customers/cus_123', "No such customer: 'cus_123'", 'id'],
    ['product', 'GET', '/v1/products/prod_123', "No such product: 'prod_123'", 'id'],
    ['payment intent', 'GET', '/v1/payment_intents/pi_123', "No such payment_intent: 'pi_123'", 'intent'],
    ['payment intent confirm', 'POST', '/v1/payment_intents/pi_123/confirm', "No such payment_intent: 'pi_123'", 'intent'],
    ['payment intent capture', 'POST', '/v1/payment_intents/pi_123/capture', "No such payment_intent: 'pi_123'", 'intent'],
    ['invoice', 'GET', '/v1/invoices/in_123', "No such invoice: 'in_123'", 'invoice'],
    ['invoice pay', 'POST', '/v1/invoices/in_123/pay', "No such invoice: 'in_123'", 'id'],
    ['invoice void', 'POST', '/v1/invoices/in_123/void', "No such invoice: 'in_123'", 'id'],
    ['subscription', 'GET', '/v1/subscriptions/sub_123', "No such subscription: 'sub_123'", 'id'],
    ['subscription cancel', 'DELETE', '/v1/subscriptions/sub_123', "No such subscription: 'sub_123'", 'id'],
  ];
  for (const [name, method, path, message, param] of missing) {
    test(`${name}: 404 resource_missing`, async () => {
      const t = setup();
      const reply = method === 'GET' ? await t.get(path) : method === 'POST' ? await t.post(path) : await t.del(path);
      expect(reply.status).toBe(404);
      expect(reply.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', message, param, doc_url: 'https://stripe.com/docs/error-codes/resource-missing' });
    });
  }
});

describe('ids named in parameters that do not exist', () => {
  let t: Setup;
  let customer: { id: string };
  let price: { id: string };
  beforeEach(async () => {
    t = setup();
    customer = await createCustomer(t);
    price = await createRecurringPrice(t);
  });

  test('payment intent customer', async () => {
    const reply = await t.post('/v1/payment_intents', 'amount=100&currency=usd&customer=cus_nope');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'customer', message: "No such customer: 'cus_nope'" });
  });

  test('invoice customer', async () => {
    const reply = await t.post('/v1/invoices', 'customer=cus_nope');
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'customer', message: "No such customer: 'cus_nope'" });
  });

  test('price product', async () => {
    const reply = await t.post('/v1/prices', 'product=prod_nope&unit_amount=100&currency=usd');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'product', message: "No such product: 'prod_nope'" });
  });

  test('subscription price', async () => {
    const reply = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=price_nope`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'items[0][price]', message: "No such price: 'price_nope'" });
  });

  test('subscription customer (Stripe answers 404 here)', async () => {
    const reply = await t.post('/v1/subscriptions', `customer=cus_nope&items[0][price]=${price.id}`);
    expect(reply.status).toBe(404);
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'customer', message: "No such customer: 'cus_nope'" });
  });

  test('invoice subscription', async () => {
    const reply = await t.post('/v1/invoices', `customer=${customer.id}&subscription=sub_nope`);
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'subscription', message: "No such subscription: 'sub_nope'" });
  });

  test('payment method on a payment intent', async () => {
    const reply = await t.post('/v1/payment_intents', 'amount=100&currency=usd&payment_method=pm_nope');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'payment_method', message: "No such PaymentMethod: 'pm_nope'" });
  });

  test('list cursor', async () => {
    const reply = await t.get('/v1/customers?starting_after=cus_nope');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'starting_after', message: "No such customer: 'cus_nope'" });
  });

  test('a one-time price cannot start a subscription', async () => {
    const oneTime = (await t.post('/v1/prices', 'product_data[name]=Setup+fee&unit_amount=5000&currency=usd')).body;
    const reply = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${oneTime.id}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ param: 'items[0][price]', message: 'The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.' });
  });
});
