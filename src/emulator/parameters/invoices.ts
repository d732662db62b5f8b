/** The parameters of the invoices routes, as Stripe's API takes them (API 2026-10-28.endive). */
import type { Fields, Params } from '../params.js';
import { arrayOf, boolean, currency, emptyable, hash, integer, integerIn, maxLength, metadata, number, object, oneOf, required, string, timestampFilter } from './kinds.js';
import { bancontact, billie, blik, card, konbini, pix } from './payment-method-options.js';
import { address, automaticTax, companyDetails, customerBalance, expand, installments, listFields, paymentMethodOptionsAcssDebit, paymentMethodOptionsUsBankAccount, paymentMethodTypes, payto, upi } from './shared.js';

const deliveryEstimateBound = object({ unit: required(oneOf('business_day', 'day', 'hour', 'month', 'week')), value: required(integer) });

/** `POST /v1/invoices` (the SDK's `InvoiceCreateParams`). */
export const createInvoiceFields = {
  account_tax_ids: emptyable(arrayOf(string)),
  application_fee_amount: integer,
  auto_advance: boolean,
  automatic_tax: automaticTax,
  automatically_finalizes_at: integer,
  collection_method: oneOf('charge_automatically', 'send_invoice'),
  currency: currency,
  custom_fields: emptyable(arrayOf(object({ name: required(maxLength(40)), value: required(maxLength(140)) }))),
  customer: required(string),
  customer_account: string,
  days_until_due: integerIn({ min: 0 }),
  default_payment_method: string,
  default_source: string,
  default_tax_rates: arrayOf(string),
  description: maxLength(1500),
  discounts: emptyable(arrayOf(object({ coupon: string, discount: string, promotion_code: string }))),
  due_date: integer,
  effective_at: integer,
  expand,
  footer: string,
  from_invoice: object({ action: required(oneOf('revision')), invoice: required(string) }),
  issuer: object({ account: string, type: required(oneOf('account', 'self')) }),
  metadata: emptyable(metadata),
  number: string,
  on_behalf_of: string,
  payment_settings: object({
    default_mandate: emptyable(string),
    payment_method_options: object({
      acss_debit: emptyable(paymentMethodOptionsAcssDebit),
      bancontact: emptyable(object({ preferred_language: oneOf('de', 'en', 'fr', 'nl') })),
      billie: emptyable(object({ company_details: emptyable(companyDetails), reference: string })),
      blik: emptyable(object({})),
      card: emptyable(object({ installments: installments, request_three_d_secure: oneOf('any', 'automatic', 'challenge') })),
      customer_balance: emptyable(customerBalance),
      konbini: emptyable(object({})),
      payto: emptyable(payto),
      pix: emptyable(object({ amount_includes_iof: oneOf('always', 'never'), expires_after_seconds: integer })),
      sepa_debit: emptyable(object({})),
      upi: emptyable(upi),
      us_bank_account: emptyable(paymentMethodOptionsUsBankAccount),
    }),
    payment_method_types: emptyable(arrayOf(paymentMethodTypes)),
  }),
  pending_invoice_items_behavior: oneOf('exclude', 'include'),
  rendering: object({
    amount_tax_display: emptyable(oneOf('exclude_tax', 'include_inclusive_tax')),
    pdf: object({ page_size: oneOf('a4', 'auto', 'letter') }),
    template: string,
    template_version: emptyable(integer),
  }),
  shipping_cost: object({
    shipping_rate: string,
    shipping_rate_data: object({
      delivery_estimate: object({ maximum: deliveryEstimateBound, minimum: deliveryEstimateBound }),
      display_name: required(maxLength(100)),
      fixed_amount: object({ amount: required(integer), currency: required(currency), currency_options: hash }),
      metadata: metadata,
      tax_behavior: oneOf('exclusive', 'inclusive', 'unspecified'),
      tax_code: string,
      type: oneOf('fixed_amount'),
    }),
  }),
  shipping_details: object({ address: required(address), name: required(string), phone: emptyable(string) }),
  statement_descriptor: maxLength(22),
  subscription: string,
  transfer_data: object({ amount: integer, destination: required(string) }),
} as const satisfies Fields;

/** `GET /v1/invoices` (the SDK's `InvoiceListParams`). */
export const listInvoiceFields = {
  collection_method: oneOf('charge_automatically', 'send_invoice'),
  customer: string,
  customer_account: string,
  due_date: timestampFilter,
  // Stripe lists the statuses in this order in its error message.
  status: oneOf('draft', 'open', 'void', 'paid', 'uncollectible'),
  subscription: string,
  ...listFields,
} as const satisfies Fields;

/** `GET /v1/invoices/:id` (the SDK's `InvoiceRetrieveParams`). */
export const getInvoiceFields = {
  expand,
} as const satisfies Fields;

/** `POST /v1/invoices/:id/pay` (the SDK's `InvoicePayParams`). */
export const payInvoiceFields = {
  expand,
  forgive: boolean,
  mandate: emptyable(string),
  off_session: boolean,
  paid_out_of_band: boolean,
  payment_method: string,
  source: string,
} as const satisfies Fields;

/** `POST /v1/invoices/:id/void` (the SDK's `InvoiceVoidInvoiceParams`). */
export const voidInvoiceFields = {
  expand,
} as const satisfies Fields;

export type CreateInvoiceParams = Params<typeof createInvoiceFields>;
export type ListInvoiceParams = Params<typeof listInvoiceFields>;
export type GetInvoiceParams = Params<typeof getInvoiceFields>;
export type PayInvoiceParams = Params<typeof payInvoiceFields>;
export type VoidInvoiceParams = Params<typeof voidInvoiceFields>;
