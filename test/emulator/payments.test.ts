/**
 * What paying looks like from outside, in process: the headers Stripe puts on answers, 3D Secure completed or
 * failed by a test, invoices paid through their payment intents, and the subscription and customer settings
 * that change what a client sees. The SDK-driven guides are in sdk-workflows.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { createCustomer, createRecurringPrice, type Setup, setup } from './helpers.js';
import { StripeInvalidRequestError } from '../../src/index.js';

const DAY = 86_400;

/** A customer with the card attached and made its default, as Stripe's guides create one. */
const payingCustomer = (t: Setup, card: string) => createCustomer(t, `name=Jane&payment_method=${card}&invoice_settings[default_payment_method]=${card}`);

describe('headers', () => {
  test('POST answers echo Idempotency-Key, and a stored answer names its request in Original-Request', async () => {
    const t = setup();
    const first = await t.post('/v1/customers', 'name=Acme', { headers: { 'Idempotency-Key': 'key-1' } });
    expect(first.headers.get('idempotency-key')).toBe('key-1');
    expect(first.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const replay = await t.post('/v1/customers', 'name=Acme', { headers: { 'Idempotency-Key': 'key-1' } });
    expect(replay.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(replay.headers.get('idempotency-key')).toBe('key-1');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  test('Stripe-Should-Retry: false where a retry cannot change the answer, and nothing on reads', async () => {
    const t = setup();
    const stored = await t.post('/v1/customers', 'name=Acme', { headers: { 'Idempotency-Key': 'key-2' } });
    expect(stored.headers.get('stripe-should-retry')).toBe('false');
    const mismatch = await t.post('/v1/customers', 'name=Other', { headers: { 'Idempotency-Key': 'key-2' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.headers.get('stripe-should-retry')).toBe('false');
    const declined = await t.post('/v1/payment_intents', 'amount=500&currency=usd&payment_method_types[]=card&payment_method=pm_card_visa_chargeDeclined&confirm=true');
    expect(declined.status).toBe(402);
    expect(declined.headers.get('stripe-should-retry')).toBe('false');
    expect((await t.get('/v1/customers/cus_missing')).headers.get('stripe-should-retry')).toBe('false');
    expect((await t.get('/v1/customers')).headers.get('stripe-should-retry')).toBeNull();
    expect((await t.post('/v1/customers', 'name=Unkeyed')).headers.get('stripe-should-retry')).toBeNull();
  });
});

describe('3D Secure, completed or failed by the test', () => {
  test('emulator.authenticatePaymentIntent completes the payment; an intent that is not waiting is refused', async () => {
    const t = setup();
    const intent = (await t.post('/v1/payment_intents', 'amount=2000&currency=usd&payment_method_types[]=card&payment_method=pm_card_authenticationRequired&confirm=true')).body;
    expect(intent).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    const done = await t.emulator.authenticatePaymentIntent(intent.id, 'complete');
    expect(done).toMatchObject({ id: intent.id, status: 'succeeded', amount_received: 2000 });
    await expect(t.emulator.authenticatePaymentIntent(intent.id, 'complete')).rejects.toThrow(/not waiting for 3D Secure authentication: its status is succeeded/);
    await expect(t.emulator.authenticatePaymentIntent('pi_missing', 'fail')).rejects.toThrow(/No such payment_intent: 'pi_missing'/);
    // Whatever a test hands it, the refusal is the package's typed error.
    await expect(t.emulator.authenticatePaymentIntent('pi_missing', 'fail')).rejects.toBeInstanceOf(StripeInvalidRequestError);
    await expect(t.emulator.authenticatePaymentIntent(intent.id, 'maybe' as never)).rejects.toBeInstanceOf(StripeInvalidRequestError);
    await expect(t.emulator.authenticatePaymentIntent(Symbol('id') as never, Symbol('outcome') as never)).rejects.toBeInstanceOf(StripeInvalidRequestError);
    await expect(t.emulator.authenticatePaymentIntent('../../customers', 'complete')).rejects.toBeInstanceOf(StripeInvalidRequestError);
    const types = t.emulator.events().map((event) => event.type);
    expect(types).toEqual(['payment_intent.created', 'payment_intent.requires_action', 'charge.succeeded', 'payment_intent.succeeded']);
  });

  test('the test-helper route takes only complete or fail', async () => {
    const t = setup();
    const intent = (await t.post('/v1/payment_intents', 'amount=2000&currency=usd&payment_method_types[]=card&payment_method=pm_card_threeDSecure2Required&confirm=true')).body;
    const bad = await t.post(`/v1/test_helpers/payment_intents/${intent.id}/authenticate`, 'outcome=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ param: 'outcome', message: 'Invalid outcome: must be one of complete or fail' });
    const failed = await t.post(`/v1/test_helpers/payment_intents/${intent.id}/authenticate`, 'outcome=fail');
    expect(failed.body).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'payment_intent_authentication_failure' } });
  });

  test('paying an invoice with a card that needs 3D Secure: declined off session (the default); on session it waits for the customer', async () => {
    const t = setup();
    const customer = await payingCustomer(t, 'pm_card_authenticationRequired');
    const price = await createRecurringPrice(t);
    const subscription = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete`)).body;
    const offSession = await t.post(`/v1/invoices/${subscription.latest_invoice}/pay`);
    expect(offSession.status).toBe(402);
    expect(offSession.body.error).toMatchObject({ type: 'card_error', code: 'authentication_required', decline_code: 'authentication_required' });
    const onSession = await t.post(`/v1/invoices/${subscription.latest_invoice}/pay`, 'off_session=false&payment_method=pm_card_authenticationRequired');
    expect(onSession.status).toBe(402);
    expect(onSession.body.error).toMatchObject({ type: 'card_error', code: 'invoice_payment_intent_requires_action' });
    const invoice = (await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body;
    expect(invoice).toMatchObject({ status: 'open', attempt_count: 2 });
    const waiting = Array.from(t.emulator.events()).reverse().find((event) => event.type === 'payment_intent.requires_action')!.data.object;
    await t.emulator.authenticatePaymentIntent(String(waiting['id']), 'complete');
    expect((await t.get(`/v1/invoices/${invoice.id}`)).body.status).toBe('paid');
    expect((await t.get(`/v1/subscriptions/${subscription.id}`)).body.status).toBe('active');
    expect(t.emulator.events().map((event) => event.type)).toContain('invoice.payment_action_required');
  });
});

describe("invoices' payment intents", () => {
  test('voiding an open invoice cancels its payment intent', async () => {
    const t = setup();
    const customer = await payingCustomer(t, 'pm_card_chargeCustomerFail');
    const price = await createRecurringPrice(t);
    const subscription = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`)).body;
    await t.post(`/v1/invoices/${subscription.latest_invoice}/void`);
    const canceled = t.emulator.events().find((event) => event.type === 'payment_intent.canceled')!.data.object;
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'void_invoice', amount: 2999 });
    const confirm = await t.post(`/v1/payment_intents/${canceled['id']}/confirm`, 'payment_method=pm_card_visa');
    expect(confirm.body.error).toMatchObject({ code: 'payment_intent_unexpected_state' });
  });

  test('default_incomplete with a card on file: the payment intent has it and waits for confirmation', async () => {
    const t = setup();
    const customer = await payingCustomer(t, 'pm_card_visa');
    const price = await createRecurringPrice(t);
    const subscription = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete`)).body;
    expect(subscription.status).toBe('incomplete');
    const created = t.emulator.events().find((event) => event.type === 'payment_intent.created')!.data.object;
    const intent = (await t.get(`/v1/payment_intents/${created['id']}`)).body;
    expect(intent).toMatchObject({ status: 'requires_confirmation', payment_method: customer.invoice_settings.default_payment_method, description: 'Subscription creation', capture_method: 'automatic' });
    expect((await t.post(`/v1/payment_intents/${intent.id}/confirm`)).body.status).toBe('succeeded');
    expect((await t.get(`/v1/subscriptions/${subscription.id}`)).body.status).toBe('active');
  });
});

describe('subscription settings', () => {
  test('send_invoice needs days_until_due, which goes with send_invoice only', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const missing = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&collection_method=send_invoice`);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'days_until_due' });
    const stray = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&days_until_due=30`);
    expect(stray.status).toBe(400);
    expect(stray.body.error.param).toBe('days_until_due');
  });

  test('a send_invoice subscription needs no card and charges none', async () => {
    const t = setup({ defaultPaymentMethod: null });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&collection_method=send_invoice&days_until_due=30`)).body;
    expect(subscription).toMatchObject({ status: 'active', collection_method: 'send_invoice', days_until_due: 30 });
    const invoice = (await t.get(`/v1/invoices/${subscription.latest_invoice}`)).body;
    expect(invoice).toMatchObject({ status: 'open', due_date: 1_700_000_000 + 30 * DAY, attempted: false });
    expect(t.emulator.events().map((event) => event.type)).not.toContain('charge.succeeded');
  });

  test('trial_end: a time in the future starts a trial until then; now starts none; a past time is refused', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const trialing = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&trial_end=${1_700_000_000 + 7 * DAY}`)).body;
    expect(trialing).toMatchObject({ status: 'trialing', trial_start: 1_700_000_000, trial_end: 1_700_000_000 + 7 * DAY });
    const now = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${(await createRecurringPrice(t)).id}&trial_end=now`)).body;
    expect(now).toMatchObject({ status: 'active', trial_end: null });
    const past = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&trial_end=1600000000`);
    expect(past.status).toBe(400);
    expect(past.body.error.param).toBe('trial_end');
  });

  test('error_if_incomplete refuses a card that needs 3D Secure: on session it would wait, off session it is declined', async () => {
    const t = setup();
    const customer = await payingCustomer(t, 'pm_card_authenticationRequired');
    const price = await createRecurringPrice(t);
    const base = `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=error_if_incomplete`;
    const waiting = await t.post('/v1/subscriptions', base);
    expect(waiting.status).toBe(402);
    expect(waiting.body.error.code).toBe('subscription_payment_intent_requires_action');
    const offSession = await t.post('/v1/subscriptions', `${base}&off_session=true`);
    expect(offSession.status).toBe(402);
    expect(offSession.body.error).toMatchObject({ code: 'authentication_required', decline_code: 'authentication_required' });
    expect(t.emulator.events().map((event) => event.type)).not.toContain('customer.subscription.created');
  });

  test('cancel_at takes a time or the end of the items\' periods', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const later = 1_700_000_000 + 10 * DAY;
    const timed = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${(await createRecurringPrice(t)).id}&cancel_at=${later}`)).body;
    expect(timed).toMatchObject({ cancel_at: later, cancel_at_period_end: false });
    const weekly = (await createRecurringPrice(t, 'recurring[interval]=week')).id;
    const monthly = (await createRecurringPrice(t, 'recurring[interval]=month')).id;
    const both = `customer=${customer.id}&items[0][price]=${weekly}&items[1][price]=${monthly}`;
    expect((await t.post('/v1/subscriptions', `${both}&cancel_at=min_period_end`)).body.cancel_at).toBe(1_700_000_000 + 7 * DAY);
    const last = (await t.post('/v1/subscriptions', `${both}&cancel_at=max_period_end`)).body;
    expect(last.cancel_at).toBe(last.items.data[1].current_period_end);
  });

  test('default_incomplete needs no card; the invoice waits with its payment intent unconfirmed', async () => {
    const t = setup({ defaultPaymentMethod: null });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const reply = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}&payment_behavior=default_incomplete`);
    expect(reply.body.status).toBe('incomplete');
    expect((await t.get(`/v1/invoices/${reply.body.latest_invoice}`)).body).toMatchObject({ status: 'open', attempted: false, attempt_count: 0 });
  });
});

describe('customers', () => {
  test('shipping comes back with every address field, null where none was given', async () => {
    const t = setup();
    const customer = await createCustomer(t, 'name=Jane&shipping[name]=Jane+Smith&shipping[address][line1]=1+Main+St&shipping[address][city]=Springfield&address[country]=US');
    expect(customer.shipping).toEqual({ address: { city: 'Springfield', country: null, line1: '1 Main St', line2: null, postal_code: null, state: null }, name: 'Jane Smith', phone: null });
    expect(customer.address).toEqual({ city: null, country: 'US', line1: null, line2: null, postal_code: null, state: null });
    const cleared = (await t.post(`/v1/customers/${customer.id}`, 'shipping=')).body;
    expect(cleared.shipping).toBeNull();
  });

  test('payment_method attaches the card; the same token as the default names that card', async () => {
    const t = setup({ defaultPaymentMethod: null });
    const customer = await payingCustomer(t, 'pm_card_mastercard');
    expect(customer.invoice_settings.default_payment_method).toMatch(/^pm_[A-Za-z0-9]{24}$/);
    const alone = await createCustomer(t, 'payment_method=pm_card_visa');
    expect(alone.invoice_settings.default_payment_method).toBeNull();
  });

  test('a declining card is refused on attach and nothing is written', async () => {
    const t = setup();
    const refused = await t.post('/v1/customers', 'name=Nope&payment_method=pm_card_chargeDeclinedExpiredCard');
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatchObject({ type: 'card_error', code: 'expired_card', decline_code: 'expired_card', param: 'exp_month' });
    expect((await t.get('/v1/customers')).body.data).toEqual([]);
  });
});
