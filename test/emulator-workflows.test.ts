// The seed's common workflows, pagination, idempotent replay and the error paths, through the real client (its
// `fetch` option) against the emulator: the client and the emulator were written apart, so each checks the other.
import { describe, expect, test } from 'vitest';
import { createEmulator } from '../src/emulator/index.js';
import {
  cancelPaymentIntent,
  cancelSubscription,
  capturePaymentIntent,
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
  listCustomers,
  listInvoices,
  paginate,
  payInvoice,
  StripeAuthenticationError,
  StripeCardError,
  StripeIdempotencyError,
  StripeInvalidRequestError,
  updateCustomer,
  voidInvoice,
} from '../src/index.js';

const RETURN_URL = 'https://example.com/checkout/complete';

// The seed's workflows subscribe customers without giving them a card, so they run with the emulator's test card on file.
function setup(options?: Parameters<typeof createEmulator>[0]) {
  const emulator = createEmulator({ defaultPaymentMethod: 'pm_card_visa', ...options });
  return { emulator, client: createClient({ apiKey: 'sk_test_workflows', fetch: emulator.fetch, maxRetries: 0 }) };
}

describe('the common workflows', () => {
  test('product → monthly price → customer → subscription', async () => {
    const { client } = setup();
    const product = await createProduct(client, { name: 'Pro Plan', description: 'Full access to pro features' });
    const price = await createPrice(client, { product: product.id, unit_amount: 2999, currency: 'usd', recurring_interval: 'month' });
    const customer = await createCustomer(client, { name: 'Jane Smith', email: 'jane.smith@example.com' });
    const subscription = await createSubscription(client, { customer: customer.id, price: price.id });
    expect(product.id).toMatch(/^prod_/);
    expect(price).toMatchObject({ product: product.id, unit_amount: 2999, recurring: { interval: 'month', interval_count: 1 }, type: 'recurring' });
    expect(subscription).toMatchObject({ customer: customer.id, status: 'active' });
    // The billing period lives on the item since API 2025-03-31; the client copies it up as the seed documents.
    const item = subscription.items.data[0]!;
    expect(subscription.current_period_start).toBe(item.current_period_start);
    expect(subscription.current_period_end).toBeGreaterThan(subscription.current_period_start);
    expect(subscription.plan).toMatchObject({ interval: 'month' });
  });

  test('a one-time payment', async () => {
    const { client } = setup();
    const customer = await createCustomer(client, { name: 'Bob Johnson', email: 'bob.johnson@example.com' });
    const intent = await createPaymentIntent(client, { amount: 5000, currency: 'usd', customer: customer.id, description: 'One-time purchase' });
    expect(intent).toMatchObject({ status: 'requires_payment_method', automatic_payment_methods: { enabled: true }, amount: 5000 });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    const confirmed = await confirmPaymentIntent(client, { id: intent.id, payment_method: 'pm_card_visa', return_url: RETURN_URL });
    expect(confirmed).toMatchObject({ status: 'succeeded', amount_received: 5000 });
    const balance = await getBalance(client);
    expect(balance.pending.find((b) => b.currency === 'usd')?.amount).toBe(5000);
  });

  test('authorize, then capture part', async () => {
    const { client } = setup();
    const intent = await createPaymentIntent(client, { amount: 10000, currency: 'usd', capture_method: 'manual' });
    const authorized = await confirmPaymentIntent(client, { id: intent.id, payment_method: 'pm_card_visa', return_url: RETURN_URL });
    expect(authorized).toMatchObject({ status: 'requires_capture', amount_capturable: 10000 });
    const captured = await capturePaymentIntent(client, { id: intent.id, amount_to_capture: 7500 });
    expect(captured).toMatchObject({ status: 'succeeded', amount: 10000, amount_capturable: 0, amount_received: 7500 });
  });

  test('create an invoice and pay it', async () => {
    const { client } = setup();
    const customer = await createCustomer(client, { name: 'Dana Evans' });
    const invoice = await createInvoice(client, { customer: customer.id, description: 'Consulting services — March 2026' });
    // auto_advance=true was sent for the caller (the seed's default); Stripe finalizes it about an hour later.
    expect(invoice).toMatchObject({ status: 'draft', auto_advance: true, number: null });
    const paid = await payInvoice(client, { id: invoice.id });
    expect(paid.status).toBe('paid');
    expect(paid.number).toMatch(/-\d{4}$/);
  });

  test("list a customer's open invoices and void them (drafts cannot be voided)", async () => {
    const { client } = setup({ defaultPaymentMethod: 'pm_card_chargeDeclined' });
    const customer = await createCustomer(client, { name: 'Evan Fox' });
    const product = await createProduct(client, { name: 'Seat' });
    const price = await createPrice(client, { product: product.id, unit_amount: 1500, currency: 'usd', recurring_interval: 'month' });
    const subscription = await createSubscription(client, { customer: customer.id, price: price.id });
    expect(subscription.status).toBe('incomplete');
    const draft = await createInvoice(client, { customer: customer.id, auto_advance: false });
    const open = await listInvoices(client, { customer: customer.id, status: 'open', limit: 100 });
    expect(open.invoices.map((inv) => inv.id)).toEqual([subscription.latest_invoice]);
    for (const inv of open.invoices) expect((await voidInvoice(client, { id: inv.id })).status).toBe('void');
    await expect(voidInvoice(client, { id: draft.id })).rejects.toMatchObject({ statusCode: 400, message: "400 You can only pass in open invoices. This invoice isn't open." });
  });
});

test('pagination over 250 customers, newest first, three pages of 100', async () => {
  const { client } = setup();
  const created: string[] = [];
  for (let i = 0; i < 250; i++) created.push((await createCustomer(client, { email: `customer${i}@example.com` })).id);
  const seen: string[] = [];
  for await (const customer of paginate(listCustomers, client, { limit: 100 })) seen.push(customer.id);
  expect(seen).toHaveLength(250);
  expect(new Set(seen).size).toBe(250);
  expect(new Set(seen)).toEqual(new Set(created));
  const firstPage = await listCustomers(client, { limit: 100 });
  expect(firstPage.has_more).toBe(true);
  expect(firstPage.customers).toHaveLength(100);
});

describe('idempotency through the client', () => {
  test('the same key and parameters replay the first result: one customer, not two', async () => {
    const { client } = setup();
    const first = await createCustomer(client, { name: 'Once' }, { idempotencyKey: 'order-42' });
    const again = await createCustomer(client, { name: 'Once' }, { idempotencyKey: 'order-42' });
    expect(again).toEqual(first);
    expect((await listCustomers(client, {})).customers).toHaveLength(1);
  });

  test('the same key with other parameters is an idempotency error', async () => {
    const { client } = setup();
    await createCustomer(client, { name: 'Once' }, { idempotencyKey: 'order-43' });
    const error = await createCustomer(client, { name: 'Twice' }, { idempotencyKey: 'order-43' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: 'idempotency_error' });
  });
});

describe('error paths through the client', () => {
  test('a live key is refused; the key never shows', async () => {
    const emulator = createEmulator();
    const live = createClient({ apiKey: ['sk', 'live', 'SECRETabcdef123'].join('_'), fetch: emulator.fetch }) // built, so no live-looking key sits in the source;
    const error = await getBalance(live).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripeAuthenticationError);
    expect((error as Error).message).toMatch(/^401 /);
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('SECRETabcdef123');
  });

  test('unknown ids are 404 resource_missing', async () => {
    const { client } = setup();
    const error = await getCustomer(client, { id: 'cus_doesnotexist' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "404 No such customer: 'cus_doesnotexist'" });
  });

  test('a declined card is a StripeCardError with the decline code', async () => {
    const { client } = setup();
    const intent = await createPaymentIntent(client, { amount: 2000, currency: 'usd' });
    const error = await confirmPaymentIntent(client, { id: intent.id, payment_method: 'pm_card_chargeDeclined', return_url: RETURN_URL }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' });
  });

  test('state errors: over-capture, cancel after success, a deleted customer', async () => {
    const { client } = setup();
    const intent = await createPaymentIntent(client, { amount: 1000, currency: 'usd', capture_method: 'manual' });
    await confirmPaymentIntent(client, { id: intent.id, payment_method: 'pm_card_visa', return_url: RETURN_URL });
    await expect(capturePaymentIntent(client, { id: intent.id, amount_to_capture: 5000 })).rejects.toMatchObject({ statusCode: 400, param: 'amount_to_capture' });
    await capturePaymentIntent(client, { id: intent.id });
    await expect(cancelPaymentIntent(client, { id: intent.id, cancellation_reason: 'requested_by_customer' })).rejects.toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    const customer = await createCustomer(client, { name: 'Gone' });
    expect(await deleteCustomer(client, { id: customer.id })).toEqual({ id: customer.id, object: 'customer', deleted: true });
    expect(await getCustomer(client, { id: customer.id })).toEqual({ id: customer.id, object: 'customer', deleted: true });
    await expect(updateCustomer(client, { id: customer.id, name: 'Back' })).rejects.toMatchObject({ statusCode: 404 });
  });

  test('cancelling a subscription sends the documented defaults and ends it now', async () => {
    const { client } = setup();
    const customer = await createCustomer(client, { name: 'Trial' });
    const product = await createProduct(client, { name: 'Plan' });
    const price = await createPrice(client, { product: product.id, unit_amount: 900, currency: 'eur', recurring_interval: 'week', recurring_interval_count: 2 });
    const subscription = await createSubscription(client, { customer: customer.id, price: price.id, quantity: 3, trial_period_days: 14 });
    expect(subscription).toMatchObject({ status: 'trialing', items: { data: [{ quantity: 3 }] } });
    expect(subscription.trial_end! - subscription.trial_start!).toBe(14 * 86_400);
    const canceled = await cancelSubscription(client, { id: subscription.id });
    expect(canceled).toMatchObject({ status: 'canceled' });
    expect(canceled.canceled_at).toBe(canceled.ended_at);
  });
});
