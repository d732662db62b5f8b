/**
 * Stripe's test payment methods. A `pm_card_*` token stands for a test card; using one mints a new `pm_…`
 * PaymentMethod (as Stripe does), and that id can be used again afterwards. Tokens not in this table are unknown.
 */
import { newId } from './ids.js';
import type { State } from './store.js';

export type CardOutcome = { kind: 'success' } | { kind: 'decline'; code: string; declineCode: string; message: string };

interface TestCard {
  brand: string;
  last4: string;
  funding: 'credit' | 'debit' | 'prepaid';
  outcome: CardOutcome;
}

const SUCCESS: CardOutcome = { kind: 'success' };
const declined = (declineCode: string, message = 'Your card was declined.', code = 'card_declined'): CardOutcome => ({ kind: 'decline', code, declineCode, message });
const card = (brand: string, last4: string, outcome: CardOutcome = SUCCESS, funding: TestCard['funding'] = 'credit'): TestCard => ({ brand, last4, funding, outcome });

/** The tokens from Stripe's testing docs, with the last four digits and the outcome of each card. */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: card('visa', '4242'),
  pm_card_visa_debit: card('visa', '5556', SUCCESS, 'debit'),
  pm_card_mastercard: card('mastercard', '4444'),
  pm_card_mastercard_debit: card('mastercard', '8210', SUCCESS, 'debit'),
  pm_card_mastercard_prepaid: card('mastercard', '5100', SUCCESS, 'prepaid'),
  pm_card_amex: card('amex', '8431'),
  pm_card_discover: card('discover', '1117'),
  pm_card_diners: card('diners', '0004'),
  pm_card_jcb: card('jcb', '0505'),
  pm_card_unionpay: card('unionpay', '0005'),
  pm_card_chargeDeclined: card('visa', '0002', declined('generic_decline')),
  pm_card_chargeDeclinedInsufficientFunds: card('visa', '9995', declined('insufficient_funds', 'Your card has insufficient funds.')),
  pm_card_chargeDeclinedLostCard: card('visa', '9987', declined('lost_card')),
  pm_card_chargeDeclinedStolenCard: card('visa', '9979', declined('stolen_card')),
  pm_card_chargeDeclinedFraudulent: card('visa', '0019', declined('fraudulent')),
  pm_card_chargeDeclinedExpiredCard: card('visa', '0069', declined('expired_card', 'Your card has expired.', 'expired_card')),
  pm_card_chargeDeclinedIncorrectCvc: card('visa', '0127', declined('incorrect_cvc', "Your card's security code is incorrect.", 'incorrect_cvc')),
  pm_card_chargeDeclinedProcessingError: card('visa', '0119', declined('processing_error', 'An error occurred while processing your card. Try again in a little bit.', 'processing_error')),
};

export const isTestToken = (value: string): boolean => Object.hasOwn(TEST_CARDS, value);

/** A minted PaymentMethod: the object Stripe would return, and what charging it does. */
export interface StoredPaymentMethod {
  readonly object: Record<string, unknown> & { id: string };
  readonly outcome: CardOutcome;
}

function paymentMethodObject(id: string, created: number, testCard: TestCard) {
  const expYear = new Date(created * 1000).getUTCFullYear() + 2;
  return {
    id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: testCard.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'unchecked' },
      country: 'US',
      display_brand: testCard.brand,
      exp_month: 12,
      exp_year: expYear,
      funding: testCard.funding,
      generated_from: null,
      last4: testCard.last4,
      networks: { available: [testCard.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created,
    customer: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

/** Mints a PaymentMethod from a test token and stores it. */
export function mintPaymentMethod(state: State, token: string, created: number): StoredPaymentMethod {
  const testCard = TEST_CARDS[token];
  if (!testCard) throw new TypeError(`Unknown test payment method token: ${token}`);
  const stored = { object: paymentMethodObject(newId('pm'), created, testCard), outcome: testCard.outcome };
  state.paymentMethods.set(stored.object.id, stored);
  return stored;
}

/** A minted `pm_…` id, or a test token (minted now); undefined when it is neither. */
export function resolvePaymentMethod(state: State, idOrToken: string, now: number): StoredPaymentMethod | undefined {
  return state.paymentMethods.get(idOrToken) ?? (isTestToken(idOrToken) ? mintPaymentMethod(state, idOrToken, now) : undefined);
}
