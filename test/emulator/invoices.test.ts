import { describe, expect, test } from 'vitest';
import { createCustomer, createRecurringPrice, type Setup, setup } from './helpers.js';

const NO_PAYMENT_METHOD =
  'This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.';

/**
 * An open invoice with money due: the first invoice of a subscription whose card declined (Stripe keeps it open).
 * Stripe's declining cards cannot be attached to a customer; pm_card_chargeCustomerFail attaches, then declines.
 */
async function openInvoice(t: Setup, amount = 2999) {
  const customer = await createCustomer(t, 'name=Jane&payment_method=pm_card_chargeCustomerFail&invoice_settings[default_payment_method]=pm_card_chargeCustomerFail');
  const price = await createRecurringPrice(t, 'recurring[interval]=month', amount);
  const subscription = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`)).body;
  expect(subscription.status).toBe('incomplete');
  const invoice = (await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body;
  expect(invoice).toMatchObject({ status: 'open', amount_due: amount, attempted: true, attempt_count: 1 });
  return { customer, subscription, invoice };
}

describe('create', () => {
  test('a draft with nothing on it: number null, total 0, auto_advance false', async () => {
    const t = setup();
    const customer = await createCustomer(t, 'name=Jane+Smith&email=jane%40example.com');
    const reply = await t.post('/v1/invoices', `customer=${customer.id}&description=March+2026+consulting&metadata[project]=website-redesign`);
    expect(reply.status).toBe(200);
    expect(reply.body.id).toMatch(/^in_[A-Za-z0-9]{24}$/);
    expect(reply.body).toMatchObject({
      object: 'invoice',
      customer: customer.id,
      customer_email: 'jane@example.com',
      customer_name: 'Jane Smith',
      status: 'draft',
      number: null,
      total: 0,
      amount_due: 0,
      amount_paid: 0,
      amount_remaining: 0,
      currency: 'usd',
      due_date: null,
      auto_advance: false,
      automatically_finalizes_at: null,
      billing_reason: 'manual',
      collection_method: 'charge_automatically',
      description: 'March 2026 consulting',
      metadata: { project: 'website-redesign' },
      parent: null,
      lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${reply.body.id}/lines` },
      status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
      created: 1_700_000_000,
      livemode: false,
    });
  });

  test('the currency follows the customer once it has one', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t, 'recurring[interval]=month', 1500, 'eur');
    await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`);
    expect((await t.post('/v1/invoices', `customer=${customer.id}`)).body.currency).toBe('eur');
  });

  test('subscription links the invoice through parent.subscription_details', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&metadata[plan]=pro`)).body;
    const invoice = (await t.post('/v1/invoices', `customer=${customer.id}&subscription=${subscription.id}`)).body;
    expect(invoice.parent).toEqual({ quote_details: null, subscription_details: { metadata: { plan: 'pro' }, subscription: subscription.id }, type: 'subscription_details' });
    expect((await t.get(`/v1/invoices?subscription=${subscription.id}`)).body.data.map((i: { id: string }) => i.id)).toContain(invoice.id);
    const stranger = await createCustomer(t);
    const mismatched = await t.post('/v1/invoices', `customer=${stranger.id}&subscription=${subscription.id}`);
    expect(mismatched.body.error.param).toBe('subscription');
  });

  test('send_invoice needs days_until_due, and only send_invoice takes it', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const missing = await t.post('/v1/invoices', `customer=${customer.id}&collection_method=send_invoice`);
    expect(missing.body.error.message).toBe("If invoice collection method is 'send_invoice', you must specify 'due_date' or 'days_until_due'.");
    const misplaced = await t.post('/v1/invoices', `customer=${customer.id}&days_until_due=30`);
    expect(misplaced.body.error.message).toBe("You can only specify 'due_date' or 'days_until_due' if invoice collection method is 'send_invoice'.");
    const ok = await t.post('/v1/invoices', `customer=${customer.id}&collection_method=send_invoice&days_until_due=30`);
    expect(ok.body).toMatchObject({ collection_method: 'send_invoice', due_date: 1_700_000_000 + 30 * 86_400 });
  });
});

describe('auto_advance', () => {
  test('stays a draft for Stripe’s hour, then is finalized by the clock (and, at $0, paid)', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const created = (await t.post('/v1/invoices', `customer=${customer.id}&auto_advance=true`)).body;
    expect(created).toMatchObject({ status: 'draft', auto_advance: true, automatically_finalizes_at: 1_700_003_600, next_payment_attempt: 1_700_003_600 });
    t.clock.now += 3599;
    expect((await t.get(`/v1/invoices/${created.id}`)).body.status).toBe('draft');
    t.clock.now += 1;
    const finalized = (await t.get(`/v1/invoices/${created.id}`)).body;
    expect(finalized).toMatchObject({ status: 'paid', number: `${customer.invoice_prefix}-0001`, automatically_finalizes_at: null, effective_at: 1_700_003_600, attempted: true, attempt_count: 0 });
    expect(finalized.status_transitions).toMatchObject({ finalized_at: 1_700_003_600, paid_at: 1_700_003_600 });
    expect(finalized.hosted_invoice_url).toMatch(/^https:\/\/invoice\.stripe\.com\/i\/acct_\w+\/test_\w+$/);
  });

  test('autoAdvanceDelay: 0 finalizes at once', async () => {
    const t = setup({ autoAdvanceDelay: 0 });
    const customer = await createCustomer(t);
    const created = (await t.post('/v1/invoices', `customer=${customer.id}&auto_advance=true`)).body;
    expect(created).toMatchObject({ status: 'paid', number: `${customer.invoice_prefix}-0001` });
  });
});

describe('pay', () => {
  test('a $0 draft is finalized and paid without any payment method', async () => {
    const t = setup({ defaultPaymentMethod: null });
    const customer = await createCustomer(t);
    const draft = (await t.post('/v1/invoices', `customer=${customer.id}`)).body;
    t.clock.now += 10;
    const paid = await t.post(`/v1/invoices/${draft.id}/pay`);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', amount_paid: 0, number: `${customer.invoice_prefix}-0001`, attempt_count: 0 });
    expect(paid.body.status_transitions).toMatchObject({ finalized_at: 1_700_000_010, paid_at: 1_700_000_010 });
  });

  test('invoice numbers count up per customer', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const draft = (await t.post('/v1/invoices', `customer=${customer.id}`)).body;
      numbers.push((await t.post(`/v1/invoices/${draft.id}/pay`)).body.number);
    }
    expect(numbers).toEqual(['0001', '0002', '0003'].map((n) => `${customer.invoice_prefix}-${n}`));
    expect((await t.get(`/v1/customers/${customer.id}`)).body.next_invoice_sequence).toBe(4);
  });

  test('an open invoice is paid with a payment method passed to pay', async () => {
    const t = setup();
    const { invoice } = await openInvoice(t);
    t.clock.now += 100;
    const paid = await t.post(`/v1/invoices/${invoice.id}/pay`, 'payment_method=pm_card_visa');
    expect(paid.body).toMatchObject({ status: 'paid', amount_paid: 2999, amount_remaining: 0, attempt_count: 2 });
    expect(paid.body.status_transitions.paid_at).toBe(1_700_000_100);
  });

  test('an open invoice is paid with the customer’s new default payment method', async () => {
    const t = setup();
    const { customer, invoice } = await openInvoice(t);
    await t.post(`/v1/customers/${customer.id}`, 'invoice_settings[default_payment_method]=pm_card_mastercard');
    expect((await t.post(`/v1/invoices/${invoice.id}/pay`)).body.status).toBe('paid');
  });

  test('without a payment method: 400, the invoice stays open', async () => {
    const t = setup();
    const { customer, invoice } = await openInvoice(t);
    await t.post(`/v1/customers/${customer.id}`, 'invoice_settings[default_payment_method]=');
    const reply = await t.post(`/v1/invoices/${invoice.id}/pay`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', message: NO_PAYMENT_METHOD });
    expect((await t.get(`/v1/invoices/${invoice.id}`)).body.status).toBe('open');
  });

  test('a declined card: 402, the invoice stays open with one more attempt', async () => {
    const t = setup();
    const { invoice } = await openInvoice(t);
    const reply = await t.post(`/v1/invoices/${invoice.id}/pay`);
    expect(reply.status).toBe(402);
    expect(reply.body.error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
    expect((await t.get(`/v1/invoices/${invoice.id}`)).body).toMatchObject({ status: 'open', attempt_count: 2 });
  });

  test('paid_out_of_band marks it paid without a charge', async () => {
    const t = setup();
    const { invoice } = await openInvoice(t);
    expect((await t.post(`/v1/invoices/${invoice.id}/pay`, 'paid_out_of_band=true')).body).toMatchObject({ status: 'paid', amount_paid: 2999 });
    expect((await t.get('/v1/balance')).body.pending[0].amount).toBe(0);
  });

  test('a paid invoice cannot be paid again; a void one cannot be paid', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const draft = (await t.post('/v1/invoices', `customer=${customer.id}`)).body;
    await t.post(`/v1/invoices/${draft.id}/pay`);
    const again = await t.post(`/v1/invoices/${draft.id}/pay`);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ type: 'invalid_request_error', message: 'Invoice is already paid' });
    const { invoice } = await openInvoice(t);
    await t.post(`/v1/invoices/${invoice.id}/void`);
    const voided = await t.post(`/v1/invoices/${invoice.id}/pay`, 'payment_method=pm_card_visa');
    expect(voided.status).toBe(400);
    expect(voided.body.error.type).toBe('invalid_request_error');
  });
});

describe('void', () => {
  test('an open invoice becomes void', async () => {
    const t = setup();
    const { invoice } = await openInvoice(t);
    t.clock.now += 5;
    const reply = await t.post(`/v1/invoices/${invoice.id}/void`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'void', amount_due: 2999, amount_paid: 0 });
    expect(reply.body.status_transitions.voided_at).toBe(1_700_000_005);
  });

  test('a draft cannot be voided (Stripe deletes drafts instead)', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const draft = (await t.post('/v1/invoices', `customer=${customer.id}`)).body;
    const reply = await t.post(`/v1/invoices/${draft.id}/void`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual(expect.objectContaining({ type: 'invalid_request_error', message: "You can only pass in open invoices. This invoice isn't open." }));
    expect(reply.body.error.code).toBeUndefined();
    expect((await t.get(`/v1/invoices/${draft.id}`)).body.status).toBe('draft');
  });

  test('a paid invoice or a void one cannot be voided', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const draft = (await t.post('/v1/invoices', `customer=${customer.id}`)).body;
    await t.post(`/v1/invoices/${draft.id}/pay`);
    expect((await t.post(`/v1/invoices/${draft.id}/void`)).body.error.message).toBe('Invoices with `paid` payments cannot be voided.');
    const { invoice } = await openInvoice(t);
    await t.post(`/v1/invoices/${invoice.id}/void`);
    expect((await t.post(`/v1/invoices/${invoice.id}/void`)).body.error.message).toBe("You can only pass in open invoices. This invoice isn't open.");
  });
});
