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
