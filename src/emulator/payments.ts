/**
 * Paying a payment intent with a card: the one place a payment succeeds, waits for capture, is declined or stops
 * for 3D Secure, with the events Stripe records for each. The test card decides (see payment-methods.ts). Callers
 * get the result rather than an exception, so what follows a payment (an invoice paid, a subscription activated)
 * happens before a decline is answered.
 */
import { recordFunds } from './balance.js';
import { chargeObject, paymentError } from './charges.js';
import { fail, type StripeFailure } from './errors.js';
import { emit } from './events.js';
import { newId, randomString } from './ids.js';
import type { PaymentIntent } from './objects.js';
import type { Config } from './options.js';
import { attachPaymentMethod, type Decline, declineFailure, type StoredPaymentMethod } from './payment-methods.js';
import type { State } from './store.js';

/** How the payment is attempted: the confirm parameters that change what a 3D Secure card does. */
export interface Attempt {
  /** The customer is not there to authenticate (`off_session=true`). */
  readonly offSession: boolean;
  /** Where the customer comes back to after authenticating; with one, Stripe answers `redirect_to_url`. */
  readonly returnUrl: string | null;
  /** `error_on_requires_action=true`: decline rather than wait for authentication. */
  readonly errorOnRequiresAction: boolean;
  /** `use_stripe_sdk=true`: the next action is for Stripe.js even when there is a return URL. */
  readonly useStripeSdk: boolean;
}

export const ON_SESSION: Attempt = { offSession: false, returnUrl: null, errorOnRequiresAction: false, useStripeSdk: false };

export type PaymentResult = { readonly status: 'succeeded' | 'requires_capture' | 'requires_action' } | { readonly status: 'failed'; readonly failure: StripeFailure };

// Stripe's messages for the two ways a card that needs 3D Secure is refused instead of authenticated.
export const AUTHENTICATION_REQUIRED: Decline = { code: 'authentication_required', declineCode: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' };
const AUTHENTICATION_NOT_HANDLED: Decline = {
  code: 'authentication_required',
  declineCode: 'authentication_not_handled',
  message:
    "This payment required an authentication action to complete, but `error_on_requires_action` was set. When you're ready, you can upgrade your integration to handle actions at https://stripe.com/docs/payments/payment-intents/upgrade-to-handle-actions.",
};

const madeBy = (intent: PaymentIntent, method: StoredPaymentMethod, captured: boolean) => ({
  amount: intent.amount,
  currency: intent.currency,
  customer: intent.customer,
  paymentIntent: intent.id,
  method,
  captured,
});

/** A declined payment leaves the intent waiting for another payment method, with the error recorded (and a failed charge, when one was made). */
function declined(state: State, now: number, intent: PaymentIntent, method: StoredPaymentMethod, decline: Decline, { charged = true } = {}): PaymentResult {
  const chargeId = charged ? newId('ch') : null;
  intent.status = 'requires_payment_method';
  intent.payment_method = null;
  intent.next_action = null;
  intent.last_payment_error = paymentError(decline, chargeId, method);
  if (chargeId !== null) {
    intent.latest_charge = chargeId;
    emit(state.log, now, 'charge.failed', chargeObject(chargeId, now, madeBy(intent, method, false), decline));
  }
  emit(state.log, now, 'payment_intent.payment_failed', intent);
  return { status: 'failed', failure: declineFailure(decline, { ...(chargeId === null ? {} : { charge: chargeId }), payment_intent: intent, payment_method: method.object }) };
}

/** The card is charged: the intent succeeds, or holds the amount for a manual capture. */
function charged(state: State, config: Config, now: number, intent: PaymentIntent, method: StoredPaymentMethod): PaymentResult {
  const chargeId = newId('ch');
  const manual = intent.capture_method === 'manual';
  intent.latest_charge = chargeId;
  intent.payment_method = method.object.id;
  intent.last_payment_error = null;
  intent.next_action = null;
  // A payment meant for later reuse leaves its card attached to the customer, as Stripe does.
  if (intent.setup_future_usage !== null && intent.customer !== null) attachPaymentMethod(method, intent.customer);
  emit(state.log, now, 'charge.succeeded', chargeObject(chargeId, now, madeBy(intent, method, !manual)));
  if (manual) {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
    emit(state.log, now, 'payment_intent.amount_capturable_updated', intent);
    return { status: 'requires_capture' };
  }
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  recordFunds(state, config, now, intent.amount, intent.currency);
  emit(state.log, now, 'payment_intent.succeeded', intent);
  return { status: 'succeeded' };
}

/**
 * The next action Stripe asks for: a redirect to the bank's page when there is a return URL, else the data
 * Stripe.js reads (its shape is Stripe.js's business and may change, Stripe says). The URLs are not served.
 */
function authenticationAction(state: State, intent: PaymentIntent, method: StoredPaymentMethod, version: 1 | 2, attempt: Attempt): Record<string, unknown> {
  const source = newId('payatt');
  if (attempt.returnUrl !== null && !attempt.useStripeSdk) {
    const query = new URLSearchParams({ merchant: state.accountId, payment_intent: intent.id, payment_intent_client_secret: intent.client_secret, source });
    return { redirect_to_url: { return_url: attempt.returnUrl, url: `https://hooks.stripe.com/3d_secure_2/hosted?${query}` }, type: 'redirect_to_url' };
  }
  const sdk =
    version === 1
      ? { source, stripe_js: `https://hooks.stripe.com/redirect/authenticate/${source}?client_secret=${source}_secret_${randomString(24)}`, type: 'three_d_secure_redirect' }
      : {
          directory_server_name: method.card.brand,
          merchant: state.accountId,
          one_click_authn: null,
          server_transaction_id: crypto.randomUUID(),
          three_d_secure_2_source: source,
          three_ds_method_url: '',
          three_ds_optimizations: 'kf',
          type: 'stripe_3ds2_fingerprint',
        };
  return { type: 'use_stripe_sdk', use_stripe_sdk: sdk };
}

/** Attempts the payment of `intent` with `method`; the intent is changed and the events recorded either way. */
export function attemptPayment(state: State, config: Config, now: number, intent: PaymentIntent, method: StoredPaymentMethod, attempt: Attempt): PaymentResult {
  const outcome = method.card.charge;
  if (outcome.kind === 'decline') return declined(state, now, intent, method, outcome.decline);
  if (outcome.kind === 'success') return charged(state, config, now, intent, method);
  if (attempt.offSession) return outcome.offSession === 'success' ? charged(state, config, now, intent, method) : declined(state, now, intent, method, AUTHENTICATION_REQUIRED);
  if (attempt.errorOnRequiresAction) return declined(state, now, intent, method, AUTHENTICATION_NOT_HANDLED, { charged: false });
  intent.status = 'requires_action';
  intent.payment_method = method.object.id;
  intent.last_payment_error = null;
  intent.next_action = authenticationAction(state, intent, method, outcome.version, attempt);
  emit(state.log, now, 'payment_intent.requires_action', intent);
  return { status: 'requires_action' };
}

/** What a test can make the customer do on the bank's 3D Secure page. */
export type AuthenticationOutcome = 'complete' | 'fail';

export const AUTHENTICATION_OUTCOMES: readonly AuthenticationOutcome[] = ['complete', 'fail'];

const authenticationFailed = (intent: PaymentIntent, method: StoredPaymentMethod) => ({
  code: 'payment_intent_authentication_failure',
  doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
  message: 'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
  payment_method: method.object,
  type: 'invalid_request_error' as const,
});

/**
 * The customer's answer to 3D Secure on an intent in `requires_action`: completing it charges the card, failing
 * it leaves the intent waiting for another payment method with Stripe's `payment_intent_authentication_failure`.
 */
export function authenticate(state: State, config: Config, now: number, intent: PaymentIntent, method: StoredPaymentMethod, outcome: AuthenticationOutcome): PaymentResult {
  if (outcome === 'complete') return charged(state, config, now, intent, method);
  intent.status = 'requires_payment_method';
  intent.payment_method = null;
  intent.next_action = null;
  intent.last_payment_error = authenticationFailed(intent, method);
  emit(state.log, now, 'payment_intent.payment_failed', intent);
  return { status: 'failed', failure: fail(400, { ...authenticationFailed(intent, method), payment_intent: intent }) };
}
