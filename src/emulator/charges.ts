/** What charging a card looks like from outside: Stripe's 402 body and the `last_payment_error` it leaves behind. */
import { fail, type StripeFailure } from './errors.js';
import type { CardOutcome, StoredPaymentMethod } from './payment-methods.js';

export type Decline = Extract<CardOutcome, { kind: 'decline' }>;

/** The error Stripe records on the object whose payment failed. */
export function paymentError(decline: Decline, charge: string, method: StoredPaymentMethod) {
  return {
    charge,
    code: decline.code,
    decline_code: decline.declineCode,
    doc_url: `https://stripe.com/docs/error-codes/${decline.code.replaceAll('_', '-')}`,
    message: decline.message,
    payment_method: method.object,
    type: 'card_error' as const,
  };
}

/** Stripe's 402 for a declined card; it carries the charge, the payment method and, when there is one, the PaymentIntent. */
export function cardDeclined(decline: Decline, charge: string, method: StoredPaymentMethod, paymentIntent?: unknown): StripeFailure {
  return fail(402, { ...paymentError(decline, charge, method), ...(paymentIntent === undefined ? {} : { payment_intent: paymentIntent }) });
}

export interface ChargeInput {
  amount: number;
  currency: string;
  customer: string | null;
  paymentIntent: string | null;
  method: StoredPaymentMethod;
  /** False for an authorization that waits for capture. */
  captured: boolean;
}

/**
 * The charge a payment made, as `charge.*` events carry it. The emulator keeps no charges (no route reads one);
 * this is the object of the moment, with the fields handlers of those events read.
 */
export function chargeObject(id: string, now: number, input: ChargeInput, decline?: Decline) {
  return {
    id,
    object: 'charge',
    amount: input.amount,
    amount_captured: decline || !input.captured ? 0 : input.amount,
    amount_refunded: 0,
    captured: !decline && input.captured,
    created: now,
    currency: input.currency,
    customer: input.customer,
    failure_code: decline?.code ?? null,
    failure_message: decline?.message ?? null,
    livemode: false,
    metadata: {},
    outcome: decline
      ? { network_status: 'declined_by_network', reason: decline.declineCode, risk_level: 'normal', seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined' }
      : { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' },
    paid: !decline,
    payment_intent: input.paymentIntent,
    payment_method: input.method.object.id,
    refunded: false,
    status: decline ? 'failed' : 'succeeded',
  };
}
