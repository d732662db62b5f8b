/**
 * Stripe's test payment methods, as one table. A `pm_card_*` token stands for a test card; using one mints a new
 * `pm_…` PaymentMethod (as Stripe does), and that id can be used again afterwards. Tokens not in this table are
 * unknown. Each row says what charging the card does and whether it can be attached to a customer.
 */
import { fail, type StripeFailure } from './errors.js';
import { newId } from './ids.js';
import type { State } from './store.js';

/** A declined charge as Stripe reports it: `code`, `decline_code`, the message, and the fields some declines add. */
export interface Decline {
  readonly code: string;
  readonly declineCode: string;
  readonly message: string;
  /** Stripe's suggestion whether to retry (`try_again_later`, `do_not_try_again`, `confirm_card_data`). */
  readonly adviceCode?: string;
  /** The card field at fault, for an expired card (`exp_month`) or a wrong CVC (`cvc`). */
  readonly param?: string;
}

/**
 * What confirming a payment with the card does: it succeeds, it is declined, or the bank asks for 3D Secure first.
 * A card that asks for 3D Secure declines with `authentication_required` when charged off session, unless it was
 * set up for off-session use (`offSession: 'success'`).
 */
export type ChargeOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'decline'; readonly decline: Decline }
  | { readonly kind: 'authenticate'; readonly version: 1 | 2; readonly offSession: 'decline' | 'success' };

export interface TestCard {
  readonly brand: string;
  readonly last4: string;
  readonly funding: 'credit' | 'debit' | 'prepaid';
  readonly charge: ChargeOutcome;
  /** Stripe refuses to attach its declining cards to a customer; `pm_card_chargeCustomerFail` attaches, then declines. */
  readonly attach: 'accepted' | 'declined';
}

const SUCCESS: ChargeOutcome = { kind: 'success' };
const CARD_DECLINED = 'Your card was declined.';

const decline = (declineCode: string, adviceCode?: string, extra: Partial<Decline> = {}): ChargeOutcome => ({
  kind: 'decline',
  decline: { code: 'card_declined', declineCode, message: CARD_DECLINED, ...(adviceCode ? { adviceCode } : {}), ...extra },
});

const card = (brand: string, last4: string, funding: TestCard['funding'] = 'credit'): TestCard => ({ brand, last4, funding, charge: SUCCESS, attach: 'accepted' });
// A declining card declines every charge and cannot be attached, as on Stripe.
const declining = (last4: string, charge: ChargeOutcome): TestCard => ({ brand: 'visa', last4, funding: 'credit', charge, attach: 'declined' });
const authenticating = (last4: string, version: 1 | 2, offSession: 'decline' | 'success' = 'decline'): TestCard => ({
  brand: 'visa',
  last4,
  funding: 'credit',
  charge: { kind: 'authenticate', version, offSession },
  attach: 'accepted',
});

const GENERIC = decline('generic_decline', 'try_again_later');
const INSUFFICIENT_FUNDS = decline('insufficient_funds', 'try_again_later', { message: 'Your card has insufficient funds.' });
const LOST = decline('lost_card', 'do_not_try_again');
const STOLEN = decline('stolen_card', 'do_not_try_again');
const FRAUDULENT = decline('fraudulent');
const EXPIRED = decline('expired_card', 'confirm_card_data', { code: 'expired_card', message: 'Your card has expired.', param: 'exp_month' });
const INCORRECT_CVC = decline('incorrect_cvc', 'confirm_card_data', { code: 'incorrect_cvc', message: "Your card's security code is incorrect.", param: 'cvc' });
const PROCESSING_ERROR = decline('processing_error', 'try_again_later', {
  code: 'processing_error',
  message: 'An error occurred while processing your card. Try again in a little bit.',
});

/**
 * The tokens from Stripe's testing docs (docs.stripe.com/testing), with each card's last four digits. The
 * `pm_card_chargeDeclined…` names without `visa_` are older spellings that Stripe still answers to.
 */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: card('visa', '4242'),
  pm_card_visa_debit: card('visa', '5556', 'debit'),
  pm_card_mastercard: card('mastercard', '4444'),
  pm_card_mastercard_debit: card('mastercard', '8210', 'debit'),
  pm_card_mastercard_prepaid: card('mastercard', '5100', 'prepaid'),
  pm_card_amex: card('amex', '0005'),
  pm_card_discover: card('discover', '1117'),
  pm_card_diners: card('diners', '0004'),
  pm_card_jcb: card('jcb', '0505'),
  pm_card_unionpay: card('unionpay', '0005'),
  pm_card_visa_chargeDeclined: declining('0002', GENERIC),
  pm_card_visa_chargeDeclinedInsufficientFunds: declining('9995', INSUFFICIENT_FUNDS),
  pm_card_visa_chargeDeclinedLostCard: declining('9987', LOST),
  pm_card_visa_chargeDeclinedStolenCard: declining('9979', STOLEN),
  pm_card_chargeDeclinedFraudulent: declining('0019', FRAUDULENT),
  pm_card_chargeDeclinedExpiredCard: declining('0069', EXPIRED),
  pm_card_chargeDeclinedIncorrectCvc: declining('0127', INCORRECT_CVC),
  pm_card_chargeDeclinedProcessingError: declining('0119', PROCESSING_ERROR),
  pm_card_chargeDeclined: declining('0002', GENERIC),
  pm_card_chargeDeclinedInsufficientFunds: declining('9995', INSUFFICIENT_FUNDS),
  pm_card_chargeDeclinedLostCard: declining('9987', LOST),
  pm_card_chargeDeclinedStolenCard: declining('9979', STOLEN),
  pm_card_chargeCustomerFail: { ...declining('0341', decline('generic_decline')), attach: 'accepted' },
  pm_card_authenticationRequired: authenticating('3184', 1),
  pm_card_threeDSecure2Required: authenticating('3220', 2),
  pm_card_authenticationRequiredOnSetup: authenticating('3155', 2, 'success'),
};

export const isTestToken = (value: string): boolean => Object.hasOwn(TEST_CARDS, value);

/** A minted PaymentMethod: the object Stripe would return, and the test card behind it. */
export interface StoredPaymentMethod {
  readonly object: Record<string, unknown> & { id: string; customer: string | null };
  readonly card: TestCard;
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
    customer: null as string | null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

/** Mints a PaymentMethod from a test token and stores it. */
export function mintPaymentMethod(state: State, token: string, created: number): StoredPaymentMethod {
  const testCard = TEST_CARDS[token];
  if (!testCard) throw new TypeError(`Unknown test payment method token: ${token}`);
  const stored = { object: paymentMethodObject(newId('pm'), created, testCard), card: testCard };
  state.paymentMethods.set(stored.object.id, stored);
  return stored;
}

/** A minted `pm_…` id, or a test token (minted now); undefined when it is neither. */
export function resolvePaymentMethod(state: State, idOrToken: string, now: number): StoredPaymentMethod | undefined {
  return state.paymentMethods.get(idOrToken) ?? (isTestToken(idOrToken) ? mintPaymentMethod(state, idOrToken, now) : undefined);
}

/** Stripe's 402 for a card the bank refused, with the fields that decline carries. No charge is named when none was made. */
export function declineFailure(decline: Decline, extra: { charge?: string; payment_intent?: unknown; payment_method?: unknown } = {}): StripeFailure {
  return fail(402, {
    type: 'card_error',
    code: decline.code,
    decline_code: decline.declineCode,
    message: decline.message,
    ...(decline.adviceCode ? { advice_code: decline.adviceCode } : {}),
    ...(decline.param ? { param: decline.param } : {}),
    ...extra,
  });
}

/**
 * Attaches a payment method to a customer, as Stripe does when a customer is created or updated with one. Stripe
 * checks the card with the bank first, so its declining cards are refused here with their decline (402).
 */
export function attachPaymentMethod(stored: StoredPaymentMethod, customer: string): void {
  if (stored.card.attach === 'declined' && stored.card.charge.kind === 'decline') throw declineFailure(stored.card.charge.decline);
  stored.object.customer = customer;
}
