/** The parameters of the subscriptions routes, as Stripe's API takes them (API 2026-10-28.endive). */
import type { Fields, Params } from '../params.js';
import { anyOf, arrayOf, boolean, currency, decimal, emptyable, integer, integerIn, maxLength, metadata, number, object, oneOf, required, string } from './kinds.js';
import { bancontact, billie, blik, card, konbini, pix, subscriptions } from './payment-method-options.js';
import { automaticTax, companyDetails, customerBalance, expand, network, paymentMethodOptionsAcssDebit, paymentMethodOptionsUsBankAccount, paymentMethodTypes, payto, plan, recurring, upi } from './shared.js';

/** `POST /v1/subscriptions` (the SDK's `SubscriptionCreateParams`). */
export const createSubscriptionFields = {
  add_invoice_items: arrayOf(object({
    discountable: boolean,
    discounts: arrayOf(object({ coupon: string, discount: string, promotion_code: string })),
    metadata: metadata,
    period: object({
      end: required(object({ timestamp: integer, type: required(oneOf('min_item_period_end', 'timestamp')) })),
      start: required(object({ timestamp: integer, type: required(oneOf('max_item_period_start', 'now', 'timestamp')) })),
    }),
    price: string,
    price_data: object({
      currency: required(currency),
      product: required(string),
      tax_behavior: oneOf('exclusive', 'inclusive', 'unspecified'),
      unit_amount: integer,
      unit_amount_decimal: decimal,
    }),
    quantity: integer,
    tax_rates: emptyable(arrayOf(string)),
  })),
  application_fee_percent: emptyable(number),
  automatic_tax: automaticTax,
  backdate_start_date: integer,
  billing_cycle_anchor: integer,
  billing_cycle_anchor_config: object({ day_of_month: required(integer), hour: integer, minute: integer, month: integer, second: integer }),
  billing_mode: object({ flexible: object({ proration_discounts: oneOf('included', 'itemized') }), type: required(oneOf('classic', 'flexible')) }),
  billing_schedules: arrayOf(object({
    applies_to: arrayOf(object({ price: string, type: required(oneOf('price')) })),
    bill_until: required(object({ duration: recurring, timestamp: integer, type: required(oneOf('duration', 'timestamp')) })),
    key: string,
  })),
  billing_thresholds: emptyable(object({ amount_gte: integer, reset_billing_cycle_anchor: boolean })),
  cancel_at: anyOf(integer, oneOf('max_billed_until', 'max_period_end', 'min_period_end')),
  cancel_at_period_end: boolean,
  collection_method: oneOf('charge_automatically', 'send_invoice'),
  currency: currency,
  customer: required(string),
  customer_account: string,
  days_until_due: integer,
  default_payment_method: string,
  default_source: string,
  default_tax_rates: emptyable(arrayOf(string)),
  description: maxLength(500),
  discounts: emptyable(arrayOf(object({ coupon: string, discount: string, promotion_code: string }))),
  expand,
  invoice_settings: object({
    account_tax_ids: emptyable(arrayOf(string)),
    custom_fields: emptyable(arrayOf(object({ name: required(maxLength(40)), value: required(maxLength(140)) }))),
    description: string,
    footer: string,
    issuer: object({ account: string, type: required(oneOf('account', 'self')) }),
  }),
  items: required(arrayOf(object({
    billing_thresholds: emptyable(object({ usage_gte: required(integer) })),
    current_trial: object({ trial_offer: required(string) }),
    discounts: emptyable(arrayOf(object({ coupon: string, discount: string, promotion_code: string }))),
    metadata: metadata,
    plan: string,
    // Stripe also takes `plan` or `price_data` instead; the emulator bills existing prices only, so it needs this one.
    price: required(string),
    price_data: object({
      currency: required(currency),
      product: required(string),
      recurring: required(recurring),
      tax_behavior: oneOf('exclusive', 'inclusive', 'unspecified'),
      unit_amount: integer,
      unit_amount_decimal: decimal,
    }),
    quantity: integerIn({ min: 0 }),
    tax_rates: emptyable(arrayOf(string)),
  }))),
  metadata: emptyable(metadata),
  off_session: boolean,
  on_behalf_of: emptyable(string),
  payment_behavior: oneOf('allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'),
  payment_settings: object({
    payment_method_options: object({
      acss_debit: emptyable(paymentMethodOptionsAcssDebit),
      bancontact: emptyable(object({ preferred_language: oneOf('de', 'en', 'fr', 'nl') })),
      billie: emptyable(object({ company_details: emptyable(companyDetails) })),
      blik: emptyable(object({ mandate_options: object({ expires_at: integer }) })),
      card: emptyable(object({
        mandate_options: object({ amount: integer, amount_type: oneOf('fixed', 'maximum'), description: maxLength(200) }),
        network: network,
        request_three_d_secure: oneOf('any', 'automatic', 'challenge'),
      })),
      customer_balance: emptyable(customerBalance),
      konbini: emptyable(object({})),
      payto: emptyable(payto),
      pix: emptyable(object({
        expires_after_seconds: integer,
        mandate_options: object({
          amount: integer,
          amount_includes_iof: oneOf('always', 'never'),
          end_date: string,
          payment_schedule: oneOf('halfyearly', 'monthly', 'quarterly', 'weekly', 'yearly'),
        }),
      })),
      sepa_debit: emptyable(object({})),
      upi: emptyable(upi),
      us_bank_account: emptyable(paymentMethodOptionsUsBankAccount),
    }),
    payment_method_types: emptyable(arrayOf(paymentMethodTypes)),
    save_default_payment_method: oneOf('off', 'on_subscription'),
  }),
  pending_invoice_item_interval: emptyable(recurring),
  proration_behavior: oneOf('always_invoice', 'create_prorations', 'none'),
  transfer_data: object({ amount_percent: number, destination: required(string) }),
  trial_end: anyOf(integer, oneOf('now')),
  trial_from_plan: boolean,
  trial_period_days: integerIn({ min: 0, max: 730 }),
  trial_settings: object({
    end_behavior: required(object({ billing_cycle_anchor: oneOf('now', 'unchanged'), missing_payment_method: oneOf('cancel', 'create_invoice', 'pause') })),
  }),
} as const satisfies Fields;

/** `GET /v1/subscriptions/:id` (the SDK's `SubscriptionRetrieveParams`). */
export const getSubscriptionFields = {
  expand,
} as const satisfies Fields;

/** `DELETE /v1/subscriptions/:id` (the SDK's `SubscriptionCancelParams`). */
export const cancelSubscriptionFields = {
  cancellation_details: object({
    comment: emptyable(string),
    feedback: emptyable(oneOf('customer_service', 'low_quality', 'missing_features', 'other', 'switched_service', 'too_complex', 'too_expensive', 'unused')),
    feedback_option: string,
  }),
  expand,
  invoice_now: boolean,
  prorate: boolean,
} as const satisfies Fields;

export type CreateSubscriptionParams = Params<typeof createSubscriptionFields>;
export type GetSubscriptionParams = Params<typeof getSubscriptionFields>;
export type CancelSubscriptionParams = Params<typeof cancelSubscriptionFields>;
