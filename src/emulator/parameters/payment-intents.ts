/** The parameters of the payment intents routes, as Stripe's API takes them (API 2026-10-28.endive). */
import type { Fields, Params } from '../params.js';
import { anyOf, arrayOf, boolean, currency, emptyable, integer, integerIn, maxLength, metadata, object, oneOf, required, string } from './kinds.js';
import { card, paymentMethodData, paymentMethodOptions } from './payment-method-options.js';
import { address, expand } from './shared.js';

const klarna = object({ image_url: string, product_url: string, reference: string, subscription_reference: string });

const amountShipping = object({ amount: emptyable(integer), from_postal_code: emptyable(string), to_postal_code: emptyable(string) });

const paypal = object({ category: oneOf('digital_goods', 'donation', 'physical_goods'), description: string, sold_by: string });

const shipping = object({ address: required(address), carrier: string, name: required(string), phone: string, tracking_number: string });

const lineItemPaymentMethodOptions = object({ card: object({ commodity_code: string }), card_present: object({ commodity_code: string }), klarna: klarna, paypal: paypal });

const lineItems = object({
  discount_amount: integer,
  payment_method_options: lineItemPaymentMethodOptions,
  product_code: string,
  product_name: required(string),
  quantity: required(integer),
  tax: object({ total_tax_amount: required(integer) }),
  unit_cost: required(integer),
  unit_of_measure: string,
});

const excludedPaymentMethodTypes = oneOf(
  'acss_debit', 'affirm', 'afterpay_clearpay', 'alipay', 'alma', 'amazon_pay', 'au_becs_debit', 'bacs_debit', 'bancontact', 'billie',
  'bizum', 'blik', 'boleto', 'card', 'cashapp', 'crypto', 'customer_balance', 'eps', 'fpx', 'giropay', 'grabpay', 'ideal', 'kakao_pay',
  'klarna', 'konbini', 'kr_card', 'mb_way', 'mobilepay', 'multibanco', 'naver_pay', 'nz_bank_account', 'oxxo', 'p24', 'pay_by_bank', 'payco',
  'paynow', 'paypal', 'paypay', 'payto', 'pix', 'promptpay', 'revolut_pay', 'samsung_pay', 'satispay', 'scalapay', 'sepa_debit', 'sequra',
  'sofort', 'sunbit', 'swish', 'twint', 'upi', 'us_bank_account', 'wechat_pay', 'zip',
);

const amountDetails = object({
  discount_amount: emptyable(integer),
  enforce_arithmetic_validation: boolean,
  line_items: emptyable(arrayOf(lineItems)),
  shipping: emptyable(amountShipping),
  tax: emptyable(object({ total_tax_amount: required(integer) })),
});

const allowedPaymentMethodTypes = oneOf(
  'acss_debit', 'affirm', 'afterpay_clearpay', 'alipay', 'alma', 'amazon_pay', 'au_becs_debit', 'bacs_debit', 'bancontact', 'billie',
  'bizum', 'blik', 'boku_promptpay', 'boleto', 'capchase_pay', 'card', 'card_present', 'cashapp', 'check_scan', 'click_to_pay', 'crypto',
  'customer_balance', 'demo_pay', 'duitnow', 'dummy_auth_push', 'dummy_passthrough_card', 'edenred', 'eps', 'fpx', 'gcash', 'getbalance',
  'gift_card', 'giropay', 'gopay', 'grabpay', 'id_bank_transfer', 'ideal', 'interac_present', 'kakao_pay', 'klarna', 'knet', 'konbini',
  'kr_card', 'kr_market', 'kriya', 'link', 'mb_way', 'mobilepay', 'momo', 'mondu', 'multibanco', 'naver_pay', 'netbanking', 'ng_bank',
  'ng_bank_transfer', 'ng_card', 'ng_market', 'ng_ussd', 'ng_wallet', 'nz_bank_account', 'octopus', 'oxxo', 'p24', 'paper_check',
  'pay_by_bank', 'payco', 'paynow', 'paypal', 'paypay', 'payto', 'pix', 'promptpay', 'qris', 'rechnung', 'revolut_pay', 'samsung_pay',
  'satispay', 'scalapay', 'sepa_debit', 'sequra', 'shop_pay', 'shopeepay', 'sofort', 'south_korea_market', 'stripe_balance', 'sunbit',
  'swish', 'tamara', 'test_pay', 'touch_n_go', 'truemoney', 'twint', 'upi', 'us_bank_account', 'us_cash_voucher', 'vipps', 'wechat_pay',
  'wero', 'zip',
);

/** `POST /v1/payment_intents` (the SDK's `PaymentIntentCreateParams`). */
export const createPaymentIntentFields = {
  amount: required(integerIn({ min: 1 })),
  currency: required(currency),
  allowed_payment_method_types: arrayOf(allowedPaymentMethodTypes),
  amount_details: amountDetails,
  application_fee_amount: integer,
  automatic_payment_methods: object({ allow_redirects: oneOf('always', 'never'), enabled: required(boolean) }),
  capture_method: oneOf('automatic', 'automatic_async', 'manual'),
  confirm: boolean,
  confirmation_method: oneOf('automatic', 'manual'),
  confirmation_token: string,
  customer: string,
  customer_account: string,
  description: maxLength(1000),
  error_on_requires_action: boolean,
  excluded_payment_method_types: arrayOf(excludedPaymentMethodTypes),
  expand,
  hooks: object({ inputs: object({ tax: object({ calculation: required(emptyable(string)) }) }) }),
  mandate: string,
  mandate_data: emptyable(object({
    customer_acceptance: required(object({
      accepted_at: integer,
      offline: object({}),
      online: object({ ip_address: required(string), user_agent: required(string) }),
      type: required(oneOf('offline', 'online')),
    })),
  })),
  metadata: metadata,
  off_session: anyOf(boolean, oneOf('one_off', 'recurring')),
  on_behalf_of: string,
  payment_details: object({ customer_reference: emptyable(string), order_reference: emptyable(string) }),
  payment_method: string,
  payment_method_configuration: string,
  payment_method_data: paymentMethodData,
  payment_method_options: paymentMethodOptions,
  // Not in 2026-10-28.endive, which names the request side `allowed_payment_method_types`; older API versions
  // (and apps written for them) send it, so the emulator keeps taking it.
  payment_method_types: arrayOf(string),
  radar_options: object({ referrer: emptyable(string), session: string }),
  receipt_email: string,
  return_url: string,
  setup_future_usage: oneOf('off_session', 'on_session'),
  shipping: shipping,
  statement_descriptor: maxLength(22),
  statement_descriptor_suffix: maxLength(22),
  transfer_data: object({
    amount: integer,
    description: string,
    destination: required(string),
    metadata: emptyable(metadata),
    payment_data: object({ description: string, metadata: emptyable(metadata) }),
  }),
  transfer_group: string,
  use_stripe_sdk: boolean,
} as const satisfies Fields;

/** `GET /v1/payment_intents/:id` (the SDK's `PaymentIntentRetrieveParams`). */
export const getPaymentIntentFields = {
  client_secret: string,
  expand,
} as const satisfies Fields;

/** `POST /v1/payment_intents/:id` (the SDK's `PaymentIntentUpdateParams`). */
export const updatePaymentIntentFields = {
  allowed_payment_method_types: arrayOf(allowedPaymentMethodTypes),
  amount: integerIn({ min: 1 }),
  amount_details: emptyable(amountDetails),
  application_fee_amount: emptyable(integer),
  capture_method: oneOf('automatic', 'automatic_async', 'manual'),
  currency: currency,
  customer: string,
  customer_account: string,
  description: emptyable(maxLength(1000)),
  excluded_payment_method_types: emptyable(arrayOf(excludedPaymentMethodTypes)),
  expand,
  hooks: object({ inputs: object({ tax: object({ calculation: required(emptyable(string)) }) }) }),
  metadata: emptyable(metadata),
  payment_details: emptyable(object({ customer_reference: emptyable(string), order_reference: emptyable(string) })),
  payment_method: string,
  payment_method_configuration: string,
  payment_method_data: paymentMethodData,
  payment_method_options: paymentMethodOptions,
  receipt_email: emptyable(string),
  setup_future_usage: emptyable(oneOf('off_session', 'on_session')),
  shipping: emptyable(shipping),
  statement_descriptor: emptyable(maxLength(22)),
  statement_descriptor_suffix: emptyable(maxLength(22)),
  transfer_data: object({
    amount: integer,
    description: string,
    metadata: emptyable(metadata),
    payment_data: object({ description: string, metadata: emptyable(metadata) }),
  }),
  transfer_group: string,
} as const satisfies Fields;

/** `POST /v1/payment_intents/:id/confirm` (the SDK's `PaymentIntentConfirmParams`). */
export const confirmPaymentIntentFields = {
  allowed_payment_method_types: arrayOf(allowedPaymentMethodTypes),
  amount_details: emptyable(amountDetails),
  amount_to_confirm: integer,
  capture_method: oneOf('automatic', 'automatic_async', 'manual'),
  confirmation_token: string,
  error_on_requires_action: boolean,
  excluded_payment_method_types: emptyable(arrayOf(excludedPaymentMethodTypes)),
  expand,
  hooks: object({ inputs: object({ tax: object({ calculation: required(emptyable(string)) }) }) }),
  mandate: string,
  mandate_data: emptyable(object({
    customer_acceptance: object({
      accepted_at: integer,
      offline: object({}),
      online: object({ ip_address: string, user_agent: string }),
      type: required(oneOf('offline', 'online')),
    }),
  })),
  off_session: anyOf(boolean, oneOf('one_off', 'recurring')),
  payment_details: emptyable(object({ customer_reference: emptyable(string), order_reference: emptyable(string) })),
  payment_method: string,
  payment_method_data: paymentMethodData,
  payment_method_options: paymentMethodOptions,
  radar_options: object({ referrer: emptyable(string), session: string }),
  receipt_email: emptyable(string),
  return_url: string,
  setup_future_usage: emptyable(oneOf('off_session', 'on_session')),
  shipping: emptyable(shipping),
  use_stripe_sdk: boolean,
} as const satisfies Fields;

/** `POST /v1/payment_intents/:id/cancel` (the SDK's `PaymentIntentCancelParams`). */
export const cancelPaymentIntentFields = {
  cancellation_reason: oneOf('abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'),
  expand,
} as const satisfies Fields;

/** `POST /v1/payment_intents/:id/capture` (the SDK's `PaymentIntentCaptureParams`). */
export const capturePaymentIntentFields = {
  amount_details: amountDetails,
  amount_to_capture: integerIn({ min: 0 }),
  application_fee_amount: integer,
  expand,
  final_capture: boolean,
  hooks: object({ inputs: object({ tax: object({ calculation: required(emptyable(string)) }) }) }),
  metadata: emptyable(metadata),
  payment_details: emptyable(object({ customer_reference: emptyable(string), order_reference: emptyable(string) })),
  statement_descriptor: maxLength(22),
  statement_descriptor_suffix: maxLength(22),
  transfer_data: object({ amount: integer }),
} as const satisfies Fields;

export type CreatePaymentIntentParams = Params<typeof createPaymentIntentFields>;
export type GetPaymentIntentParams = Params<typeof getPaymentIntentFields>;
export type UpdatePaymentIntentParams = Params<typeof updatePaymentIntentFields>;
export type ConfirmPaymentIntentParams = Params<typeof confirmPaymentIntentFields>;
export type CancelPaymentIntentParams = Params<typeof cancelPaymentIntentFields>;
export type CapturePaymentIntentParams = Params<typeof capturePaymentIntentFields>;
