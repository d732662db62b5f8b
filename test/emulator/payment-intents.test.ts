import { describe, expect, test } from 'vitest';
import { createCustomer, type Setup, setup } from './helpers.js';

const RETURN_URL = 'return_url=https%3A%2F%2Fexample.com%2Fdone';

async function intent(t: Setup, body = 'amount=5000&currency=usd') {
  const reply = await t.post('/v1/payment_intents', body);
  expect(reply.status).toBe(200);
  return reply.body;
}

const confirm = (t: Setup, id: string, body = `payment_method=pm_card_visa&${RETURN_URL}`) => t.post(`/v1/payment_intents/${id}/confirm`, body);

describe('create', () => {
  test('defaults: requires_payment_method, automatic payment methods on, automatic_async capture', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const created = await intent(t, `amount=5000&currency=USD&customer=${customer.id}&description=Order+%231234&metadata[order_id]=1234`);
    expect(created.id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_[A-Za-z0-9]+$`));
    expect(created).toMatchObject({
      object: 'payment_intent',
      amount: 5000,
      currency: 'usd',
      customer: customer.id,
      description: 'Order #1234',
      metadata: { order_id: '1234' },
      status: 'requires_payment_method',
      capture_method: 'automatic_async',
      confirmation_method: 'automatic',
      automatic_payment_methods: { enabled: true },
      payment_method_types: ['card'],
      amount_capturable: 0,
      amount_received: 0,
      latest_charge: null,
      payment_method: null,
      last_payment_error: null,
      canceled_at: null,
      cancellation_reason: null,
      created: 1_700_000_000,
      livemode: false,
    });
    expect(created.payment_method_configuration_details.id).toMatch(/^pmc_/);
  });

  test('explicit payment_method_types turn automatic payment methods off', async () => {
    const created = await intent(setup(), 'amount=100&currency=eur&payment_method_types[0]=card');
    expect(created).toMatchObject({ automatic_payment_methods: null, payment_method_types: ['card'], payment_method_configuration_details: null });
  });

  test('a payment method without confirm waits for confirmation', async () => {
    const created = await intent(setup(), 'amount=100&currency=usd&payment_method=pm_card_visa');
    expect(created.status).toBe('requires_confirmation');
    expect(created.payment_method).toMatch(/^pm_/);
  });

  test('confirm=true creates and confirms in one call', async () => {
    const created = await intent(setup(), `amount=2500&currency=usd&payment_method=pm_card_visa&confirm=true&${RETURN_URL}`);
    expect(created).toMatchObject({ status: 'succeeded', amount_received: 2500 });
  });

  test('explicit capture_method values are kept', async () => {
    for (const method of ['automatic', 'manual']) {
      expect((await intent(setup(), `amount=100&currency=usd&capture_method=${method}`)).capture_method).toBe(method);
    }
  });
});

describe('confirm', () => {
  for (const token of ['pm_card_visa', 'pm_card_mastercard', 'pm_card_amex', 'pm_card_visa_debit']) {
    test(`${token} succeeds`, async () => {
      const t = setup();
      const created = await intent(t);
      const reply = await confirm(t, created.id, `payment_method=${token}&${RETURN_URL}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ status: 'succeeded', amount_received: 5000, amount_capturable: 0, last_payment_error: null });
      expect(reply.body.latest_charge).toMatch(/^ch_[A-Za-z0-9]{24}$/);
      expect(reply.body.payment_method).toMatch(/^pm_[A-Za-z0-9]{24}$/);
    });
  }

  test('a payment method set earlier is used when confirm names none', async () => {
    const t = setup();
    const created = await intent(t, 'amount=100&currency=usd&payment_method=pm_card_visa');
    expect((await confirm(t, created.id, RETURN_URL)).body.status).toBe('succeeded');
  });

  test('a minted pm_ id can be used again', async () => {
    const t = setup();
    const first = (await confirm(t, (await intent(t)).id)).body;
    const second = await confirm(t, (await intent(t)).id, `payment_method=${first.payment_method}&${RETURN_URL}`);
    expect(second.body).toMatchObject({ status: 'succeeded', payment_method: first.payment_method });
  });

  test('automatic payment methods need a return_url, unless redirects are off or the types are explicit', async () => {
    const t = setup();
    const created = await intent(t);
    const refused = await confirm(t, created.id, 'payment_method=pm_card_visa');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard/);
    expect((await t.get(`/v1/payment_intents/${created.id}`)).body.status).toBe('requires_payment_method');
    const noRedirects = await intent(t, 'amount=100&currency=usd&automatic_payment_methods[enabled]=true&automatic_payment_methods[allow_redirects]=never');
    expect((await confirm(t, noRedirects.id, 'payment_method=pm_card_visa')).body.status).toBe('succeeded');
    const cardOnly = await intent(t, 'amount=100&currency=usd&payment_method_types[0]=card');
    expect((await confirm(t, cardOnly.id, 'payment_method=pm_card_visa')).body.status).toBe('succeeded');
  });

  test('a declined card: 402 card_error with the intent, which goes back to requires_payment_method', async () => {
    const t = setup();
    const created = await intent(t);
    const reply = await confirm(t, created.id, `payment_method=pm_card_chargeDeclined&${RETURN_URL}`);
    expect(reply.status).toBe(402);
    const { error } = reply.body;
    expect(error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    });
    expect(error.charge).toMatch(/^ch_/);
    expect(error.payment_method).toMatchObject({ object: 'payment_method', type: 'card', card: { brand: 'visa', last4: '0002' } });
    expect(error.payment_intent).toMatchObject({ id: created.id, status: 'requires_payment_method', payment_method: null, latest_charge: error.charge });
    const after = (await t.get(`/v1/payment_intents/${created.id}`)).body;
    expect(after).toMatchObject({ status: 'requires_payment_method', amount_received: 0 });
    expect(after.last_payment_error).toMatchObject({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', charge: error.charge });
    // A declined intent can be confirmed again with another card.
    expect((await confirm(t, created.id)).body).toMatchObject({ status: 'succeeded', last_payment_error: null });
  });

  const declines: Array<[string, string, string, string]> = [
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card', 'Your card has expired.'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."],
  ];
  for (const [token, code, declineCode, message] of declines) {
    test(`${token} declines with ${code}/${declineCode}`, async () => {
      const t = setup();
      const reply = await confirm(t, (await intent(t)).id, `payment_method=${token}&${RETURN_URL}`);
      expect(reply.status).toBe(402);
      expect(reply.body.error).toMatchObject({ type: 'card_error', code, decline_code: declineCode, message });
    });
  }

  test('an unknown payment method', async () => {
    const t = setup();
    const reply = await confirm(t, (await intent(t)).id, `payment_method=pm_bogus&${RETURN_URL}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'resource_missing', param: 'payment_method', message: "No such PaymentMethod: 'pm_bogus'" });
  });

  test('no payment method: 400, worded for intents with and without a customer', async () => {
    const t = setup();
    const bare = await intent(t);
    const withoutCustomer = await confirm(t, bare.id, RETURN_URL);
    expect(withoutCustomer.status).toBe(400);
    expect(withoutCustomer.body.error).toMatchObject({
      code: 'payment_intent_unexpected_state',
      message: "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method or ConfirmationToken.",
      payment_intent: { id: bare.id },
    });
    const customer = await createCustomer(t);
    const owned = await intent(t, `amount=100&currency=usd&customer=${customer.id}`);
    const withCustomer = await confirm(t, owned.id, RETURN_URL);
    expect(withCustomer.body.error.message).toBe(
      `You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with ${customer.id}, specify a payment method attached to this customer along with the customer ID.`,
    );
  });

  test('confirming again after success, or after cancel, is refused', async () => {
    const t = setup();
    const done = await intent(t);
    await confirm(t, done.id);
    const again = await confirm(t, done.id);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'payment_intent_unexpected_state', message: 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.' });
    const canceled = await intent(t);
    await t.post(`/v1/payment_intents/${canceled.id}/cancel`);
    const late = await confirm(t, canceled.id);
    expect(late.body.error).toMatchObject({ code: 'payment_intent_unexpected_state' });
    expect(late.body.error.message).toContain('because it has a status of canceled');
  });
});

describe('manual capture', () => {
  async function authorized(t: Setup, amount = 10_000) {
    const created = await intent(t, `amount=${amount}&currency=usd&capture_method=manual`);
    const held = await confirm(t, created.id);
    expect(held.body).toMatchObject({ status: 'requires_capture', amount_capturable: amount, amount_received: 0 });
    return held.body;
  }

  test('full capture', async () => {
    const t = setup();
    const held = await authorized(t);
    const captured = await t.post(`/v1/payment_intents/${held.id}/capture`);
    expect(captured.body).toMatchObject({ status: 'succeeded', amount: 10_000, amount_capturable: 0, amount_received: 10_000 });
  });

  test('partial capture', async () => {
    const t = setup();
    const held = await authorized(t);
    const captured = await t.post(`/v1/payment_intents/${held.id}/capture`, 'amount_to_capture=7500');
    expect(captured.body).toMatchObject({ status: 'succeeded', amount: 10_000, amount_capturable: 0, amount_received: 7500 });
  });

  test('capturing more than is capturable is refused and leaves the hold', async () => {
    const t = setup();
    const held = await authorized(t);
    const reply = await t.post(`/v1/payment_intents/${held.id}/capture`, 'amount_to_capture=10001');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: 'invalid_request_error', code: 'amount_too_large', param: 'amount_to_capture' });
    expect((await t.get(`/v1/payment_intents/${held.id}`)).body).toMatchObject({ status: 'requires_capture', amount_capturable: 10_000 });
  });

  test('capture outside requires_capture is refused', async () => {
    const t = setup();
    for (const setupIntent of [() => intent(t), async () => (await confirm(t, (await intent(t)).id)).body]) {
      const target = await setupIntent();
      const reply = await t.post(`/v1/payment_intents/${target.id}/capture`);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({
        code: 'payment_intent_unexpected_state',
        message: `This PaymentIntent could not be captured because it has a status of ${target.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      });
    }
  });

  test('a second capture is refused', async () => {
    const t = setup();
    const held = await authorized(t);
    await t.post(`/v1/payment_intents/${held.id}/capture`, 'amount_to_capture=100');
    expect((await t.post(`/v1/payment_intents/${held.id}/capture`)).body.error.code).toBe('payment_intent_unexpected_state');
  });
});

describe('cancel', () => {
  test('from requires_payment_method, with a reason', async () => {
    const t = setup();
    const created = await intent(t);
    t.clock.now += 30;
    const reply = await t.post(`/v1/payment_intents/${created.id}/cancel`, 'cancellation_reason=requested_by_customer');
    expect(reply.body).toMatchObject({ status: 'canceled', canceled_at: 1_700_000_030, cancellation_reason: 'requested_by_customer' });
  });

  test('from requires_confirmation and requires_capture; the reason stays null when not given', async () => {
    const t = setup();
    const waiting = await intent(t, 'amount=100&currency=usd&payment_method=pm_card_visa');
    expect((await t.post(`/v1/payment_intents/${waiting.id}/cancel`)).body).toMatchObject({ status: 'canceled', cancellation_reason: null });
    const held = await intent(t, 'amount=100&currency=usd&capture_method=manual');
    await confirm(t, held.id);
    expect((await t.post(`/v1/payment_intents/${held.id}/cancel`, 'cancellation_reason=abandoned')).body).toMatchObject({ status: 'canceled', amount_capturable: 0, cancellation_reason: 'abandoned' });
  });

  test('a succeeded or canceled intent cannot be canceled', async () => {
    const t = setup();
    const paid = await intent(t);
    await confirm(t, paid.id);
    const reply = await t.post(`/v1/payment_intents/${paid.id}/cancel`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 'payment_intent_unexpected_state',
      message: 'You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.',
    });
    expect(reply.body.error.payment_intent).toMatchObject({ id: paid.id, status: 'succeeded' });
    const canceled = await intent(t);
    await t.post(`/v1/payment_intents/${canceled.id}/cancel`);
    expect((await t.post(`/v1/payment_intents/${canceled.id}/cancel`)).body.error.message).toContain('because it has a status of canceled');
  });
});

describe('update', () => {
  test('description and metadata, merged', async () => {
    const t = setup();
    const created = await intent(t, 'amount=100&currency=usd&metadata[order_id]=1234&metadata[drop]=x');
    const reply = await t.post(`/v1/payment_intents/${created.id}`, 'description=Updated+order&metadata[source]=web&metadata[drop]=');
    expect(reply.body).toMatchObject({ description: 'Updated order', metadata: { order_id: '1234', source: 'web' } });
    expect(reply.body.metadata).not.toHaveProperty('drop');
  });

  test('amount can change before confirmation but not after success; metadata still can', async () => {
    const t = setup();
    const created = await intent(t);
    expect((await t.post(`/v1/payment_intents/${created.id}`, 'amount=6000')).body.amount).toBe(6000);
    await confirm(t, created.id);
    const refused = await t.post(`/v1/payment_intents/${created.id}`, 'amount=7000');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'payment_intent_unexpected_state', param: 'amount' });
    expect((await t.post(`/v1/payment_intents/${created.id}`, 'metadata[shipped]=yes')).body.metadata).toEqual({ shipped: 'yes' });
  });
});
