/**
 * The HTTP emulator driven by the official `stripe` Node SDK (stripe@23.1.0, API 2026-10-28.endive) through
 * Stripe's own guides: a subscription confirmed through its first invoice's payment intent, a hold and a partial
 * capture, 3D Secure, every decline test card, an emailed invoice, idempotent replays and auto-pagination. The
 * expected values are Stripe's, from its docs and API reference, not read back from the emulator. Every answer
 * the server gives during the suite is checked against spec/openapi.yaml.
 */
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/index.js';
import { serveEmulator, type ServedEmulator } from '../../src/emulator/serve.js';
import { validateAnswer, validateObject } from './openapi.js';

const RETURN_URL = 'https://example.com/checkout/complete';

interface Answer {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

let server: ServedEmulator;
let emulator: Emulator;
let stripe: Stripe;
const answers: Answer[] = [];

// Every answer the server gives is recorded, so each test can check all of them against the spec.
function recording(inner: Emulator): Emulator {
  return {
    ...inner,
    handle: async (request) => {
      const response = await inner.handle(request);
      const url = new URL(request.url);
      answers.push({ method: request.method, path: url.pathname, status: response.status, body: await response.clone().json() });
      return response;
    },
  };
}

beforeAll(async () => {
  emulator = createEmulator();
  server = await serveEmulator({ port: 0, emulator: recording(emulator) });
  stripe = new Stripe('sk_test_sdkWorkflows', { host: '127.0.0.1', port: server.port, protocol: 'http' });
});

afterAll(() => server.close());

afterEach(() => {
  const problems = answers.flatMap(({ method, path, status, body }) => {
    // The emulator's test-helper route is not a Stripe operation; it answers with a payment intent.
    const found = path.startsWith('/v1/test_helpers/') && status === 200 ? validateObject('payment_intent', body) : validateAnswer(method, path, status, body);
    return found.map((problem) => `${method} ${path} ${status}: ${problem}`);
  });
  answers.length = 0;
  expect(problems).toEqual([]);
});

async function monthlyPrice(unitAmount: number): Promise<Stripe.Price> {
  const product = await stripe.products.create({ name: 'Pro Plan' });
  return stripe.prices.create({ product: product.id, unit_amount: unitAmount, currency: 'usd', recurring: { interval: 'month' } });
}

/** The emulator's way for a test to press the button on the bank's 3D Secure page (see src/emulator/README.md). */
const authenticate = (intent: string, outcome: 'complete' | 'fail'): Promise<Stripe.PaymentIntent> =>
  stripe.rawRequest('POST', `/v1/test_helpers/payment_intents/${intent}/authenticate`, { outcome });

const intentOfSecret = (secret: string): string => secret.slice(0, secret.indexOf('_secret_'));

describe('a subscription with payment_behavior=default_incomplete (Stripe: "Build a subscriptions integration")', () => {
  test('incomplete with the first invoice open; confirming its payment intent pays it and activates the subscription', async () => {
    const customer = await stripe.customers.create({ email: 'jenny.rosen@example.com', name: 'Jenny Rosen' });
    // A new customer has no default payment method until one is given.
    expect(customer.invoice_settings.default_payment_method).toBeNull();
    const price = await monthlyPrice(1500);
    const subscription = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      expand: ['latest_invoice.confirmation_secret'],
    });
    expect(subscription.status).toBe('incomplete');
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ object: 'invoice', status: 'open', amount_due: 1500, amount_paid: 0, billing_reason: 'subscription_create' });
    expect(invoice.confirmation_secret?.type).toBe('payment_intent');
    const secret = invoice.confirmation_secret!.client_secret;
    expect(secret).toMatch(/^pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/);

    const intent = await stripe.paymentIntents.retrieve(intentOfSecret(secret));
    expect(intent).toMatchObject({ amount: 1500, currency: 'usd', customer: customer.id, status: 'requires_payment_method', client_secret: secret, setup_future_usage: 'off_session' });

    const confirmed = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' });
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.amount_received).toBe(1500);

    const paid = await stripe.invoices.retrieve(invoice.id!);
    expect(paid).toMatchObject({ status: 'paid', amount_paid: 1500, amount_remaining: 0 });
    const active = await stripe.subscriptions.retrieve(subscription.id);
    expect(active.status).toBe('active');
    // save_default_payment_method=on_subscription keeps the card that paid as the subscription's default.
    expect(active.default_payment_method).toBe(confirmed.payment_method);

    const types = emulator.events().filter((event) => JSON.stringify(event.data.object).includes(subscription.id) || event.data.object['id'] === intent.id).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['customer.subscription.created', 'invoice.finalized', 'payment_intent.created', 'payment_intent.succeeded', 'invoice.paid', 'customer.subscription.updated']));
  });

  test('the first invoice names its payment in payments when asked for it', async () => {
    const customer = await stripe.customers.create({ name: 'Jenny Rosen' });
    const price = await monthlyPrice(2000);
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: 'default_incomplete' });
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string, { expand: ['payments', 'confirmation_secret'] });
    const [payment] = invoice.payments!.data;
    expect(payment).toMatchObject({ object: 'invoice_payment', invoice: invoice.id, is_default: true, status: 'open', amount_requested: 2000 });
    expect(payment!.payment.type).toBe('payment_intent');
    expect(payment!.payment.payment_intent).toBe(intentOfSecret(invoice.confirmation_secret!.client_secret));
  });

  test('a customer created with payment_method and invoice_settings.default_payment_method is charged at once', async () => {
    const customer = await stripe.customers.create({ payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } });
    expect(customer.invoice_settings.default_payment_method).toMatch(/^pm_/);
    const price = await monthlyPrice(1000);
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }, { price: (await monthlyPrice(500)).id, quantity: 2 }] });
    expect(subscription.status).toBe('active');
    expect(subscription.items.data).toHaveLength(2);
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 2000 });
  });

  test('a trial starts trialing with a $0 first invoice; cancel_at_period_end sets when it ends', async () => {
    const customer = await stripe.customers.create({ name: 'Trial' });
    const price = await monthlyPrice(1500);
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 14, cancel_at_period_end: true });
    expect(subscription).toMatchObject({ status: 'trialing', cancel_at_period_end: true });
    expect(subscription.trial_end! - subscription.trial_start!).toBe(14 * 86_400);
    expect(subscription.cancel_at).toBe(subscription.items.data[0]!.current_period_end);
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice).toMatchObject({ status: 'paid', amount_due: 0 });
  });

  test('error_if_incomplete with a declining card: 402 and no subscription', async () => {
    const customer = await stripe.customers.create({ payment_method: 'pm_card_chargeCustomerFail', invoice_settings: { default_payment_method: 'pm_card_chargeCustomerFail' } });
    const price = await monthlyPrice(1500);
    const refused = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: 'error_if_incomplete' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(refused).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline' });
    // Nothing was written: no subscription, and no invoice, for this customer.
    const written = emulator.events().filter((event) => event.data.object['customer'] === customer.id);
    expect(written).toEqual([]);
  });
});

describe('authorize now, capture later (Stripe: "Place a hold on a payment method")', () => {
  test('capture_method=manual holds the amount; capturing part of it receives that much', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1099, currency: 'usd', allowed_payment_method_types: ['card'], capture_method: 'manual', payment_method: 'pm_card_visa', confirm: true });
    expect(intent).toMatchObject({ status: 'requires_capture', amount_capturable: 1099, amount_received: 0, capture_method: 'manual' });
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 750 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 750, amount_capturable: 0 });
  });
});

describe('3D Secure (Stripe: "Testing" — authentication and 3D Secure cards)', () => {
  test('pm_card_authenticationRequired with a return_url: requires_action, redirect_to_url; completing it charges the card', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: 'pm_card_authenticationRequired', confirm: true, return_url: RETURN_URL });
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.type).toBe('redirect_to_url');
    expect(intent.next_action?.redirect_to_url?.return_url).toBe(RETURN_URL);
    expect(intent.next_action?.redirect_to_url?.url).toMatch(/^https:\/\//);
    expect(intent.latest_charge).toBeNull();
    const completed = await authenticate(intent.id, 'complete');
    expect(completed).toMatchObject({ status: 'succeeded', amount_received: 2000, next_action: null });
  });

  test('pm_card_threeDSecure2Required without a return_url: use_stripe_sdk; failing it asks for another payment method', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: 'pm_card_threeDSecure2Required', confirm: true, capture_method: 'manual' });
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.type).toBe('use_stripe_sdk');
    // It cannot be captured before the customer authenticates.
    const early = await stripe.paymentIntents.capture(intent.id).catch((error: unknown) => error);
    expect(early).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: 'payment_intent_unexpected_state' });
    const failed = await authenticate(intent.id, 'fail');
    expect(failed).toMatchObject({ status: 'requires_payment_method', payment_method: null, next_action: null });
    expect(failed.last_payment_error).toMatchObject({ code: 'payment_intent_authentication_failure', type: 'invalid_request_error' });
    // Another card pays it.
    expect((await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).status).toBe('requires_capture');
  });

  test('off session, a card that needs authentication is declined with authentication_required', async () => {
    const customer = await stripe.customers.create({ payment_method: 'pm_card_authenticationRequired' });
    const declined = await stripe.paymentIntents
      .create({ amount: 1500, currency: 'usd', customer: customer.id, payment_method: 'pm_card_authenticationRequired', allowed_payment_method_types: ['card'], off_session: true, confirm: true })
      .catch((error: unknown) => error);
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ statusCode: 402, code: 'authentication_required', decline_code: 'authentication_required' });
    expect((declined as Stripe.errors.StripeCardError).payment_intent?.status).toBe('requires_payment_method');
  });

  test('error_on_requires_action refuses rather than waits: authentication_required, authentication_not_handled', async () => {
    const refused = await stripe.paymentIntents
      .create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_threeDSecure2Required', allowed_payment_method_types: ['card'], confirm: true, error_on_requires_action: true })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 402, code: 'authentication_required', decline_code: 'authentication_not_handled' });
  });

  test('a subscription whose first payment needs 3D Secure stays incomplete until the customer authenticates', async () => {
    const customer = await stripe.customers.create({ payment_method: 'pm_card_threeDSecure2Required', invoice_settings: { default_payment_method: 'pm_card_threeDSecure2Required' } });
    const price = await monthlyPrice(1500);
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], expand: ['latest_invoice.confirmation_secret'] });
    expect(subscription.status).toBe('incomplete');
    const invoice = subscription.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe('open');
    const intent = await stripe.paymentIntents.retrieve(intentOfSecret(invoice.confirmation_secret!.client_secret));
    expect(intent.status).toBe('requires_action');
    await authenticate(intent.id, 'complete');
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
    expect((await stripe.invoices.retrieve(invoice.id!)).status).toBe('paid');
  });
});

/** The brand test cards of docs.stripe.com/testing#cards, with the card each stands for. */
const BRANDS: ReadonlyArray<{ card: string; brand: string; last4: string; funding: string }> = [
  { card: 'pm_card_visa', brand: 'visa', last4: '4242', funding: 'credit' },
  { card: 'pm_card_visa_debit', brand: 'visa', last4: '5556', funding: 'debit' },
  { card: 'pm_card_mastercard', brand: 'mastercard', last4: '4444', funding: 'credit' },
  { card: 'pm_card_mastercard_debit', brand: 'mastercard', last4: '8210', funding: 'debit' },
  { card: 'pm_card_mastercard_prepaid', brand: 'mastercard', last4: '5100', funding: 'prepaid' },
  { card: 'pm_card_amex', brand: 'amex', last4: '0005', funding: 'credit' },
  { card: 'pm_card_discover', brand: 'discover', last4: '1117', funding: 'credit' },
  { card: 'pm_card_diners', brand: 'diners', last4: '0004', funding: 'credit' },
  { card: 'pm_card_jcb', brand: 'jcb', last4: '0505', funding: 'credit' },
  { card: 'pm_card_unionpay', brand: 'unionpay', last4: '0005', funding: 'credit' },
];

describe('card brands (Stripe: "Testing" — cards by brand)', () => {
  for (const { card, brand, last4, funding } of BRANDS) {
    test(`${card} pays, and the charge describes a ${funding} ${brand} card ending in ${last4}`, async () => {
      const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: card, confirm: true });
      expect(intent.status).toBe('succeeded');
      const charge = emulator.events().find((event) => event.type === 'charge.succeeded' && event.data.object['payment_intent'] === intent.id)!.data.object as unknown as Stripe.Charge;
      expect(charge.id).toBe(intent.latest_charge);
      expect(charge.payment_method_details?.card).toMatchObject({ brand, last4, funding });
    });
  }
});

/** The decline test cards of docs.stripe.com/testing#declined-payments, with what Stripe answers for each. */
const DECLINES: ReadonlyArray<{ card: string; code: string; decline_code: string; advice_code?: string; param?: string; message: string }> = [
  { card: 'pm_card_visa_chargeDeclined', code: 'card_declined', decline_code: 'generic_decline', advice_code: 'try_again_later', message: 'Your card was declined.' },
  { card: 'pm_card_visa_chargeDeclinedInsufficientFunds', code: 'card_declined', decline_code: 'insufficient_funds', advice_code: 'try_again_later', message: 'Your card has insufficient funds.' },
  { card: 'pm_card_visa_chargeDeclinedLostCard', code: 'card_declined', decline_code: 'lost_card', advice_code: 'do_not_try_again', message: 'Your card was declined.' },
  { card: 'pm_card_visa_chargeDeclinedStolenCard', code: 'card_declined', decline_code: 'stolen_card', advice_code: 'do_not_try_again', message: 'Your card was declined.' },
  { card: 'pm_card_chargeDeclinedExpiredCard', code: 'expired_card', decline_code: 'expired_card', advice_code: 'confirm_card_data', param: 'exp_month', message: 'Your card has expired.' },
  { card: 'pm_card_chargeDeclinedIncorrectCvc', code: 'incorrect_cvc', decline_code: 'incorrect_cvc', advice_code: 'confirm_card_data', param: 'cvc', message: "Your card's security code is incorrect." },
  { card: 'pm_card_chargeDeclinedProcessingError', code: 'processing_error', decline_code: 'processing_error', advice_code: 'try_again_later', message: 'An error occurred while processing your card. Try again in a little bit.' },
];

describe('declined payments (Stripe: "Testing" — declined payments)', () => {
  for (const decline of DECLINES) {
    test(`${decline.card}: 402 ${decline.code}/${decline.decline_code}, and the payment intent waits for another card`, async () => {
      const failure = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', allowed_payment_method_types: ['card'], payment_method: decline.card, confirm: true }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Stripe.errors.StripeCardError);
      const error = failure as Stripe.errors.StripeCardError;
      expect(error).toMatchObject({ statusCode: 402, type: 'StripeCardError', code: decline.code, decline_code: decline.decline_code, message: decline.message });
      expect(error.raw).toMatchObject({ type: 'card_error', ...(decline.advice_code ? { advice_code: decline.advice_code } : {}), ...(decline.param ? { param: decline.param } : {}) });
      expect(error.charge).toMatch(/^ch_/);
      // A decline is final: sending the same request again would be declined again.
      expect(error.headers?.['stripe-should-retry']).toBe('false');
      const intent = await stripe.paymentIntents.retrieve(error.payment_intent!.id);
      expect(intent).toMatchObject({ status: 'requires_payment_method', payment_method: null, latest_charge: error.charge });
      expect(intent.last_payment_error).toMatchObject({ type: 'card_error', code: decline.code, decline_code: decline.decline_code });
      expect((await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })).status).toBe('succeeded');
    });

    test(`${decline.card} cannot be attached to a customer`, async () => {
      const refused = await stripe.customers.create({ payment_method: decline.card }).catch((error: unknown) => error);
      expect(refused).toMatchObject({ statusCode: 402, code: decline.code, decline_code: decline.decline_code });
    });
  }

  test('pm_card_chargeCustomerFail attaches to a customer, then declines when charged', async () => {
    const customer = await stripe.customers.create({ payment_method: 'pm_card_chargeCustomerFail', invoice_settings: { default_payment_method: 'pm_card_chargeCustomerFail' } });
    expect(customer.invoice_settings.default_payment_method).toMatch(/^pm_/);
    const price = await monthlyPrice(1500);
    // allow_incomplete, the default: the subscription is created, incomplete, with its first invoice open.
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect(subscription.status).toBe('incomplete');
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice).toMatchObject({ status: 'open', attempted: true, amount_paid: 0 });
    const paid = await stripe.invoices.pay(invoice.id!, { payment_method: 'pm_card_visa' });
    expect(paid.status).toBe('paid');
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe('active');
  });
});

describe('invoices sent to the customer (Stripe: collection_method=send_invoice)', () => {
  test('a subscription billed by email: active at once, its invoice open with a due date and nothing charged', async () => {
    const customer = await stripe.customers.create({ email: 'billing@example.com' });
    const price = await monthlyPrice(5000);
    const subscription = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], collection_method: 'send_invoice', days_until_due: 30 });
    expect(subscription).toMatchObject({ status: 'active', collection_method: 'send_invoice', days_until_due: 30 });
    const invoice = await stripe.invoices.retrieve(subscription.latest_invoice as string);
    expect(invoice).toMatchObject({ status: 'open', collection_method: 'send_invoice', amount_due: 5000, amount_paid: 0, attempted: false });
    expect(invoice.due_date).toBe(invoice.created + 30 * 86_400);
  });

  test('an invoice created with send_invoice takes a due date, a footer and a description; without one it is refused', async () => {
    const customer = await stripe.customers.create({ name: 'Acme' });
    const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', days_until_due: 14, description: 'Consulting, March', footer: 'Thank you for your business.' });
    expect(invoice).toMatchObject({ status: 'draft', collection_method: 'send_invoice', description: 'Consulting, March', footer: 'Thank you for your business.' });
    expect(invoice.due_date).toBe(invoice.created + 14 * 86_400);
    const refused = await stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 400, message: "If invoice collection method is 'send_invoice', you must specify 'due_date' or 'days_until_due'." });
  });
});

describe('idempotent requests (Stripe: "Idempotent requests")', () => {
  test('the same key and parameters replay the first answer; the key is echoed and Original-Request names the first request', async () => {
    const first = await stripe.customers.create({ name: 'Idempotent' }, { idempotencyKey: 'sdk-order-42' });
    const again = await stripe.customers.create({ name: 'Idempotent' }, { idempotencyKey: 'sdk-order-42' });
    expect(again.id).toBe(first.id);
    expect(first.lastResponse.idempotencyKey).toBe('sdk-order-42');
    expect(first.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(again.lastResponse.requestId).not.toBe(first.lastResponse.requestId);
    expect(again.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
  });

  test('the same key with other parameters is a 400 idempotency_error', async () => {
    await stripe.customers.create({ name: 'First' }, { idempotencyKey: 'sdk-order-43' });
    const refused = await stripe.customers.create({ name: 'Second' }, { idempotencyKey: 'sdk-order-43' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(refused).toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });

  test('every POST the SDK sends carries a key of its own, echoed back', async () => {
    const product = await stripe.products.create({ name: 'Keyed' });
    expect(product.lastResponse.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });
});

describe('auto-pagination (Stripe: "Pagination")', () => {
  test('250 customers: the SDK pages through all of them, newest first', async () => {
    const isolated = createEmulator();
    const local = await serveEmulator({ port: 0, emulator: recording(isolated) });
    try {
      const client = new Stripe('sk_test_sdkPages', { host: '127.0.0.1', port: local.port, protocol: 'http' });
      const made: string[] = [];
      for (let i = 0; i < 250; i += 1) made.push((await client.customers.create({ name: `Customer ${i}` })).id);
      const seen: string[] = [];
      for await (const customer of client.customers.list({ limit: 100 })) seen.push(customer.id);
      expect(seen).toEqual([...made].reverse());
      expect(await client.customers.list({ limit: 100 }).autoPagingToArray({ limit: 1000 })).toHaveLength(250);
    } finally {
      await local.close();
    }
  }, 60_000);
});

describe('API versions', () => {
  test('the SDK pins 2026-10-28.endive and the emulator answers in it; another version is a 400 that names it', async () => {
    const balance = await stripe.balance.retrieve();
    expect(balance.lastResponse.apiVersion).toBe('2026-10-28.endive');
    const other = new Stripe('sk_test_sdkWorkflows', { host: '127.0.0.1', port: server.port, protocol: 'http', apiVersion: '2025-03-31.basil' as Stripe.LatestApiVersion });
    const refused = await other.balance.retrieve().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((refused as Error).message).toMatch(/^Invalid Stripe API version: 2025-03-31\.basil\..*2026-10-28\.endive/);
  });
});
