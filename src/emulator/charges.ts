/** What charging a card looks like from outside: the `last_payment_error` Stripe records and the charge in `charge.*` events. */
import type { Decline, StoredPaymentMethod } from './payment-methods.js';

/** The error Stripe records on a payment intent whose payment was declined; the 402 body carries the same fields. */
export function paymentError(decline: Decline, charge: string | null, method: StoredPaymentMethod) {
  return {
    ...(decline.adviceCode ? { advice_code: decline.adviceCode } : {}),
    ...(charge === null ? {} : { charge }),
    code: decline.code,
    decline_code: decline.declineCode,
    doc_url: `https://stripe.com/docs/error-codes/${decline.code.replaceAll('_', '-')}`,
    message: decline.message,
    ...(decline.param ? { param: decline.param } : {}),
    payment_method: method.object,
    type: 'card_error' as const,
  };
}

/** The card as a charge describes it: brand, last four digits, funding and expiry of the test card used. */
function cardDetails(method: StoredPaymentMethod) {
  const card = method.object['card'] as { brand: string; country: string; exp_month: number; exp_year: number; funding: string; last4: string };
  return {
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
      country: card.country,
      exp_month: card.exp_month,
      exp_year: card.exp_year,
      funding: card.funding,
      last4: card.last4,
      network: card.brand,
      three_d_secure: null,
      wallet: null,
    },
    type: 'card',
  };
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
      ? {
          advice_code: decline.adviceCode ?? null,
          network_status: 'declined_by_network',
          reason: decline.declineCode,
          risk_level: 'normal',
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        }
      : { advice_code: null, network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' },
    paid: !decline,
    payment_intent: input.paymentIntent,
    payment_method: input.method.object.id,
    payment_method_details: cardDetails(input.method),
    refunded: false,
    status: decline ? 'failed' : 'succeeded',
  };
}
