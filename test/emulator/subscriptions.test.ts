import { describe, expect, test } from 'vitest';
import { createCustomer, createRecurringPrice, type Setup, setup } from './helpers.js';

// 2024-01-31T12:00:00Z: a month later is the last day of February in a leap year.
const JAN_31_2024 = 1_706_702_400;

async function subscribe(t: Setup, body: string) {
  const reply = await t.post('/v1/subscriptions', body);
  expect(reply.status).toBe(200);
  return reply.body;
}

describe('create', () => {
  test('active, with a paid first invoice and the billing period on the item', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}&metadata[plan]=pro`);
    expect(subscription.id).toMatch(/^sub_[A-Za-z0-9]{24}$/);
    expect(subscription).toMatchObject({
      object: 'subscription',
      customer: customer.id,
      status: 'active',
      currency: 'usd',
      metadata: { plan: 'pro' },
      start_date: 1_700_000_000,
      billing_cycle_anchor: 1_700_000_000,
      trial_start: null,
      trial_end: null,
      canceled_at: null,
      ended_at: null,
      cancel_at_period_end: false,
      collection_method: 'charge_automatically',
      livemode: false,
    });
    // Since API 2025-03-31 the period is on each item, not on the subscription.
    expect(subscription).not.toHaveProperty('current_period_start');
    expect(subscription).not.toHaveProperty('current_period_end');
    expect(subscription.items).toMatchObject({ object: 'list', has_more: false, url: `/v1/subscription_items?subscription=${subscription.id}` });
    const [item] = subscription.items.data;
    expect(item.id).toMatch(/^si_[A-Za-z0-9]{24}$/);
    expect(item).toMatchObject({
      object: 'subscription_item',
      subscription: subscription.id,
      quantity: 1,
      current_period_start: 1_700_000_000,
      current_period_end: 1_702_592_000, // 2023-11-14T22:13:20Z + one month
      price: { id: price.id, object: 'price', unit_amount: 2999 },
      plan: { id: price.id, object: 'plan', amount: 2999, interval: 'month', interval_count: 1 },
    });
    const invoice = (await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body;
    expect(invoice).toMatchObject({
      status: 'paid',
      billing_reason: 'subscription_create',
      amount_due: 2999,
      amount_paid: 2999,
      total: 2999,
      number: `${customer.invoice_prefix}-0001`,
      parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id, metadata: { plan: 'pro' } } },
    });
    expect(invoice.lines.data).toHaveLength(1);
    expect(invoice.lines.data[0]).toMatchObject({ amount: 2999, description: '1 × Pro Plan (at $29.99 / month)', quantity: 1, period: { start: 1_700_000_000, end: 1_702_592_000 } });
    expect((await t.get(`/v1/customers/${customer.id}`)).body.currency).toBe('usd');
  });

  test('quantity multiplies the first invoice', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}&items[0][quantity]=5`);
    expect(subscription.items.data[0].quantity).toBe(5);
    const invoice = (await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body;
    expect(invoice.amount_paid).toBe(14_995);
    expect(invoice.lines.data[0].description).toBe('5 × Pro Plan (at $29.99 / month)');
  });

  const periods: Array<[string, string, number]> = [
    ['a month from 31 January is 29 February (leap year)', 'recurring[interval]=month', Date.UTC(2024, 1, 29, 12) / 1000],
    ['three months', 'recurring[interval]=month&recurring[interval_count]=3', Date.UTC(2024, 3, 30, 12) / 1000],
    ['a year', 'recurring[interval]=year', Date.UTC(2025, 0, 31, 12) / 1000],
    ['two weeks', 'recurring[interval]=week&recurring[interval_count]=2', JAN_31_2024 + 14 * 86_400],
    ['a day', 'recurring[interval]=day', JAN_31_2024 + 86_400],
  ];
  for (const [name, recurring, end] of periods) {
    test(`period end: ${name}`, async () => {
      const t = setup();
      t.clock.now = JAN_31_2024;
      const customer = await createCustomer(t);
      const price = await createRecurringPrice(t, recurring);
      const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}`);
      expect(subscription.items.data[0]).toMatchObject({ current_period_start: JAN_31_2024, current_period_end: end });
    });
  }

  test('trial_period_days: trialing, a $0 paid invoice, the item period is the trial', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}&trial_period_days=14`);
    const trialEnd = 1_700_000_000 + 14 * 86_400;
    expect(subscription).toMatchObject({ status: 'trialing', trial_start: 1_700_000_000, trial_end: trialEnd, billing_cycle_anchor: trialEnd });
    expect(subscription.items.data[0]).toMatchObject({ current_period_start: 1_700_000_000, current_period_end: trialEnd });
    const invoice = (await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body;
    expect(invoice).toMatchObject({ status: 'paid', amount_due: 0, total: 0 });
    expect(invoice.lines.data[0]).toMatchObject({ amount: 0, description: 'Trial period for Pro Plan' });
    expect((await t.get('/v1/balance')).body.pending[0].amount).toBe(0);
  });

  test('a trial needs no payment method', async () => {
    const t = setup({ defaultPaymentMethod: null });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    expect((await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}&trial_period_days=7`)).status).toBe('trialing');
  });

  test('without a payment method and without a trial: 400 and nothing is written', async () => {
    const t = setup({ defaultPaymentMethod: null });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const reply = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
    expect(reply.body.error.message).toMatch(/^This customer has no attached payment source or default payment method\./);
    expect((await t.get('/v1/invoices')).body.data).toEqual([]);
  });

  test('a declining card: incomplete, with the first invoice left open', async () => {
    const t = setup({ defaultPaymentMethod: 'pm_card_chargeDeclined' });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}`);
    expect(subscription.status).toBe('incomplete');
    expect((await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body).toMatchObject({ status: 'open', amount_remaining: 2999 });
  });

  test('error_if_incomplete with a declining card: 402 and nothing is written', async () => {
    const t = setup({ defaultPaymentMethod: 'pm_card_chargeDeclined' });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const reply = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=error_if_incomplete`);
    expect(reply.status).toBe(402);
    expect(reply.body.error).toMatchObject({ type: 'card_error', code: 'card_declined' });
    expect((await t.get('/v1/invoices')).body.data).toEqual([]);
  });

  test('default_incomplete leaves the first invoice open without charging', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete`);
    expect(subscription.status).toBe('incomplete');
    expect((await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body).toMatchObject({ status: 'open', attempted: false, attempt_count: 0 });
  });

  test('the same price twice is refused', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const reply = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&items[1][price]=${price.id}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/^Cannot create a Subscription with multiple Subscription Items with the same Price/);
  });
});

describe('cancel', () => {
  test('DELETE ends it now: canceled, canceled_at, ended_at, reason cancellation_requested', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}`);
    t.clock.now += 3600;
    const reply = await t.del(`/v1/subscriptions/${subscription.id}?prorate=true&invoice_now=true`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: subscription.id,
      status: 'canceled',
      canceled_at: 1_700_003_600,
      ended_at: 1_700_003_600,
      cancellation_details: { comment: null, feedback: null, reason: 'cancellation_requested' },
    });
    expect((await t.get(`/v1/subscriptions/${subscription.id}`)).body.status).toBe('canceled');
  });

  test('cancellation feedback is kept', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}`);
    const reply = await t.del(`/v1/subscriptions/${subscription.id}`, 'cancellation_details[feedback]=too_expensive&cancellation_details[comment]=Too+pricey');
    expect(reply.body.cancellation_details).toEqual({ comment: 'Too pricey', feedback: 'too_expensive', reason: 'cancellation_requested' });
  });

  test('cancelling twice: 404, as Stripe no longer finds it', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}`);
    await t.del(`/v1/subscriptions/${subscription.id}`);
    const again = await t.del(`/v1/subscriptions/${subscription.id}`);
    expect(again.status).toBe(404);
    expect(again.body.error).toMatchObject({ code: 'resource_missing', param: 'id', message: `No such subscription: '${subscription.id}'` });
  });

  test('cancelling an incomplete subscription voids its open invoice', async () => {
    const t = setup({ defaultPaymentMethod: 'pm_card_chargeDeclined' });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await subscribe(t, `customer=${customer.id}&items[0][price]=${price.id}`);
    await t.del(`/v1/subscriptions/${subscription.id}`);
    expect((await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body.status).toBe('void');
  });

  test('a bad prorate value is a 400', async () => {
    const t = setup();
    const reply = await t.del('/v1/subscriptions/sub_123?prorate=maybe');
    expect(reply.body.error).toMatchObject({ param: 'prorate', message: 'Invalid boolean: maybe' });
  });
});
