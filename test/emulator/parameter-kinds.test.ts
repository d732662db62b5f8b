/**
 * The parameter shapes Stripe's API has beyond strings and integers, checked through requests: numbers with a
 * fraction, decimal strings, one-of-several types, hashes, arrays of objects, nested enums, `''` to unset, and
 * parameters deep inside `payment_method_options`. Expected answers are Stripe's (`Invalid decimal: …`,
 * `Received unknown parameter: …`, bracket-named params); where Stripe's wording is not known the emulator's own
 * is listed in src/emulator/README.md.
 */
import { describe, expect, test } from 'vitest';
import { setup } from './helpers.js';

/** [what, method, path, wire body, the error fields expected] */
type Refusal = [string, 'GET' | 'POST', string, string, Record<string, unknown>];

const refusals: Refusal[] = [
  ['a number that is not one', 'POST', '/v1/products', 'name=Box&package_dimensions[height]=tall&package_dimensions[length]=1&package_dimensions[weight]=1&package_dimensions[width]=1', { param: 'package_dimensions[height]', message: 'Invalid decimal: tall' }],
  ['a decimal string with 13 places', 'POST', '/v1/prices', 'currency=usd&product_data[name]=X&unit_amount_decimal=1.0000000000001', { param: 'unit_amount_decimal', message: 'Invalid decimal: 1.0000000000001' }],
  ['neither alternative of trial_end', 'POST', '/v1/subscriptions', 'customer=cus_x&items[0][price]=price_x&trial_end=soon', { param: 'trial_end', message: 'Invalid trial_end: must be an integer or now' }],
  ['neither alternative of off_session', 'POST', '/v1/payment_intents', 'amount=100&currency=usd&off_session=maybe', { param: 'off_session', message: 'Invalid off_session: must be a boolean or one_off or recurring' }],
  ['a hash where one alternative of cancel_at is a timestamp', 'POST', '/v1/subscriptions', 'customer=cus_x&items[0][price]=price_x&cancel_at[when]=1', { param: 'cancel_at', message: 'Invalid hash' }],
  ['an enum deep in payment_method_options', 'POST', '/v1/payment_intents', 'amount=100&currency=usd&payment_method_options[card][request_three_d_secure]=always', { param: 'payment_method_options[card][request_three_d_secure]', message: 'Invalid payment_method_options[card][request_three_d_secure]: must be one of any, automatic, or challenge' }],
  ['an unknown name deep in payment_method_options', 'POST', '/v1/payment_intents/pi_x/confirm', 'payment_method_options[card][colour]=red', { code: 'parameter_unknown', param: 'payment_method_options[card][colour]' }],
  ['a required field of an array item', 'POST', '/v1/customers', 'tax_id_data[0][value]=DE123456789', { code: 'parameter_missing', param: 'tax_id_data[0][type]' }],
  ['an enum inside an array item', 'POST', '/v1/customers', 'tax_id_data[0][type]=vat&tax_id_data[0][value]=1', { param: 'tax_id_data[0][type]' }],
  ['an empty enum that cannot be unset', 'POST', '/v1/subscriptions', 'customer=cus_x&items[0][price]=price_x&collection_method=', { code: 'parameter_invalid_empty', param: 'collection_method' }],
  ['an empty hash that cannot be unset', 'POST', '/v1/payment_intents', 'amount=100&currency=usd&metadata=', { code: 'parameter_invalid_empty', param: 'metadata' }],
  ['a hash value that is not a string', 'POST', '/v1/payment_intents', 'amount=100&currency=usd&payment_method_data[type]=card&payment_method_data[metadata][a][b]=1', { param: 'payment_method_data[metadata][a]', message: 'Invalid string' }],
  ['a list filter with a bad bound', 'GET', '/v1/invoices?due_date[gte]=tomorrow', '', { code: 'parameter_invalid_integer', param: 'due_date[gte]' }],
  ['a parameter of another API version', 'POST', '/v1/customers', 'default_payment_method=pm_card_visa', { code: 'parameter_unknown', param: 'default_payment_method' }],
];

describe('parameter shapes', () => {
  test.each(refusals)('refused: %s', async (_what, method, path, body, error) => {
    const t = setup();
    const reply = method === 'GET' ? await t.get(path) : await t.post(path, body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: 'invalid_request_error', ...error });
  });

  test('a number with a fraction, a decimal string and a hash are taken', async () => {
    const t = setup();
    const product = await t.post('/v1/products', 'name=Box&package_dimensions[height]=1.5&package_dimensions[length]=2&package_dimensions[weight]=0.25&package_dimensions[width]=3');
    expect(product.status).toBe(200);
    const intent = await t.post('/v1/payment_intents', 'amount=100&currency=usd&off_session=one_off&payment_method_options[card][request_three_d_secure]=challenge');
    expect(intent.status).toBe(200);
  });

  test("Stripe's SDK sends Emptyable values as '' and the emulator takes them", async () => {
    const t = setup();
    const created = await t.post('/v1/customers', 'name=Jane&shipping=&tax_exempt=&address=&business_name=');
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'Jane', shipping: null, address: null });
  });

  test('a timestamp union takes either form', async () => {
    const t = setup();
    for (const query of ['created=1700000000', 'created[gte]=1&created[lt]=2000000000', 'due_date=1700000000']) {
      expect((await t.get(`/v1/invoices?${query}`)).status).toBe(200);
    }
  });
});
