import { describe, expect, test } from 'vitest';
import { createCustomer, createRecurringPrice, type Setup, setup } from './helpers.js';

const RETURN_URL = 'return_url=https%3A%2F%2Fexample.com';
const usd = (amount: number) => [{ amount, currency: 'usd', source_types: { card: amount } }];

async function pay(t: Setup, amount: number, currency = 'usd', extra = '') {
  const created = (await t.post('/v1/payment_intents', `amount=${amount}&currency=${currency}${extra}`)).body;
  return (await t.post(`/v1/payment_intents/${created.id}/confirm`, `payment_method=pm_card_visa&${RETURN_URL}`)).body;
}

describe('balance', () => {
  test('an empty account: zero usd available and pending', async () => {
    const reply = await setup().get('/v1/balance');
    expect(reply.body).toEqual({ object: 'balance', available: usd(0), livemode: false, pending: usd(0) });
  });

  test('succeeded payments are pending first and available two days later', async () => {
    const t = setup();
    await pay(t, 5000);
    await pay(t, 1234);
    expect((await t.get('/v1/balance')).body).toMatchObject({ available: usd(0), pending: usd(6234) });
    t.clock.now += 2 * 86_400;
    expect((await t.get('/v1/balance')).body).toMatchObject({ available: usd(6234), pending: usd(0) });
  });

  test('an authorization adds nothing until captured, then only what was captured', async () => {
    const t = setup();
    const held = await pay(t, 10_000, 'usd', '&capture_method=manual');
    expect((await t.get('/v1/balance')).body.pending).toEqual(usd(0));
    await t.post(`/v1/payment_intents/${held.id}/capture`, 'amount_to_capture=7500');
    expect((await t.get('/v1/balance')).body.pending).toEqual(usd(7500));
  });

  test('declines and cancellations add nothing', async () => {
    const t = setup();
    const created = (await t.post('/v1/payment_intents', 'amount=900&currency=usd')).body;
    await t.post(`/v1/payment_intents/${created.id}/confirm`, `payment_method=pm_card_chargeDeclined&${RETURN_URL}`);
    await t.post(`/v1/payment_intents/${created.id}/cancel`);
    expect((await t.get('/v1/balance')).body.pending).toEqual(usd(0));
  });

  test('one entry per currency', async () => {
    const t = setup();
    await pay(t, 1000);
    await pay(t, 2000, 'eur');
    const { body } = await t.get('/v1/balance');
    expect(body.pending).toEqual([...usd(1000), { amount: 2000, currency: 'eur', source_types: { card: 2000 } }]);
    expect(body.available).toEqual([...usd(0), { amount: 0, currency: 'eur', source_types: { card: 0 } }]);
  });

  test('paid subscription invoices count', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t, 'recurring[interval]=month', 2999);
    await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&items[0][quantity]=2`);
    expect((await t.get('/v1/balance')).body.pending).toEqual(usd(5998));
  });

  test('availableAfter changes when funds settle', async () => {
    const t = setup({ availableAfter: 0 });
    await pay(t, 700);
    expect((await t.get('/v1/balance')).body).toMatchObject({ available: usd(700), pending: usd(0) });
  });
});
