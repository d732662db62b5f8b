/**
 * The payment method details a payment intent takes: `payment_method_data` (a new payment method, by type) and
 * `payment_method_options` (settings per payment method type), as Stripe's API takes them.
 */
import { arrayOf, boolean, currency, emptyable, integer, maxLength, metadata, object, oneOf, required, string } from './kinds.js';
import { address, companyDetails, installments, mandateOptions, network, payto, purpose, upi } from './shared.js';

export const paymentSchedule = oneOf('adhoc', 'annual', 'daily', 'fortnightly', 'monthly', 'quarterly', 'semi_annual', 'weekly');

export const wechatPay = object({ app_id: string, client: oneOf('android', 'ios', 'web'), setup_future_usage: oneOf('none') });

export const paymentMethodDataKlarna = object({ dob: object({ day: required(integer), month: required(integer), year: required(integer) }) });

export const bankTransferType = oneOf('eu_bank_transfer', 'gb_bank_transfer', 'jp_bank_transfer', 'mx_bank_transfer', 'us_bank_transfer');

export const auBecsDebit = object({ setup_future_usage: emptyable(oneOf('none', 'off_session', 'on_session')), target_date: string });

export const cartesBancaires = object({ cb_avalgo: required(oneOf('0', '1', '2', '3', '4', 'A')), cb_exemption: string, cb_score: integer });

export const boleto = object({ expires_after_days: integer, setup_future_usage: emptyable(oneOf('none', 'off_session', 'on_session')) });

export const amazonPay = object({ capture_method: emptyable(oneOf('manual')), setup_future_usage: emptyable(oneOf('none', 'off_session')) });

export const acssDebit = object({ account_number: required(string), institution_number: required(string), transit_number: required(string) });

export const afterpayClearpay = object({ capture_method: emptyable(oneOf('manual')), reference: maxLength(128), setup_future_usage: oneOf('none') });

export const affirm = object({ capture_method: emptyable(oneOf('manual')), preferred_locale: maxLength(30), setup_future_usage: oneOf('none') });

export const bancontact = object({ preferred_language: oneOf('de', 'en', 'fr', 'nl'), setup_future_usage: emptyable(oneOf('none', 'off_session')) });

export const cashapp = object({ capture_method: emptyable(oneOf('manual')), setup_future_usage: emptyable(oneOf('none', 'off_session', 'on_session')) });

export const blik = object({ code: string, mandate_options: object({ expires_at: integer }), setup_future_usage: emptyable(oneOf('none', 'off_session')) });

export const networkOptions = object({ cartes_bancaires: cartesBancaires });

export const link = object({
  capture_method: emptyable(oneOf('manual')),
  persistent_token: string,
  setup_future_usage: emptyable(oneOf('none', 'off_session')),
});

export const sofort = object({
  preferred_language: emptyable(oneOf('de', 'en', 'es', 'fr', 'it', 'nl', 'pl')),
  setup_future_usage: emptyable(oneOf('none', 'off_session')),
});

export const bacsDebit = object({
  mandate_options: object({ reference_prefix: emptyable(string) }),
  setup_future_usage: emptyable(oneOf('none', 'off_session', 'on_session')),
  target_date: string,
});

export const onDemand = object({
  average_amount: integer,
  maximum_amount: integer,
  minimum_amount: integer,
  purchase_interval: oneOf('day', 'month', 'week', 'year'),
  purchase_interval_count: integer,
});

export const nzBankAccount = object({
  account_holder_name: string,
  account_number: required(string),
  bank_code: required(string),
  branch_code: required(string),
  reference: string,
  suffix: required(string),
});

export const usBankAccount = object({
  account_holder_type: oneOf('company', 'individual'),
  account_number: string,
  account_type: oneOf('checking', 'savings'),
  financial_connections_account: string,
  routing_number: string,
});

export const preferredLocale = oneOf(
  'cs-CZ', 'da-DK', 'de-AT', 'de-DE', 'de-LU', 'el-GR', 'en-GB', 'en-US', 'es-ES', 'fi-FI', 'fr-BE', 'fr-FR', 'fr-LU', 'hu-HU', 'it-IT',
  'nl-BE', 'nl-NL', 'pl-PL', 'pt-PT', 'sk-SK', 'sv-SE',
);

export const acssDebitMandateOptions = object({
  custom_mandate_url: emptyable(string),
  interval_description: maxLength(500),
  payment_schedule: oneOf('combined', 'interval', 'sporadic'),
  transaction_type: oneOf('business', 'personal'),
});

export const konbini = object({
  confirmation_number: emptyable(maxLength(11)),
  expires_after_days: emptyable(integer),
  expires_at: emptyable(integer),
  product_description: emptyable(maxLength(22)),
  setup_future_usage: oneOf('none'),
});

export const paymentMethodOptionsUpi = object({ mandate_options: mandateOptions, setup_future_usage: emptyable(oneOf('none', 'off_session', 'on_session')) });

export const subscriptions = object({
  interval: required(oneOf('day', 'month', 'week', 'year')),
  interval_count: integer,
  name: string,
  next_billing: object({ amount: required(integer), date: required(string) }),
  reference: required(string),
});

export const bank = oneOf(
  'abn_amro', 'adyen', 'asn_bank', 'bunq', 'buut', 'finom', 'handelsbanken', 'ing', 'knab', 'mollie', 'moneyou', 'n26', 'nn', 'rabobank',
  'regiobank', 'revolut', 'sns_bank', 'triodos_bank', 'van_lanschot', 'yoursafe',
);

export const billingDetails = object({ address: emptyable(address), email: emptyable(string), name: emptyable(string), phone: emptyable(string), tax_id: string });

export const cardPresent = object({
  capture_method: oneOf('manual', 'manual_preferred'),
  request_extended_authorization: boolean,
  request_incremental_authorization_support: boolean,
  routing: object({ requested_priority: oneOf('domestic', 'international') }),
});

export const ideal = object({ bank: bank });

export const usBankAccountFinancialConnections = object({
  filters: object({ account_subcategories: arrayOf(oneOf('checking', 'savings')) }),
  permissions: arrayOf(oneOf('balances', 'ownership', 'payment_method', 'transactions')),
  prefetch: arrayOf(oneOf('balances', 'ownership', 'transactions')),
  return_url: string,
});

export const pixMandateOptions = object({
  amount: integer,
  amount_includes_iof: oneOf('always', 'never'),
  amount_type: oneOf('fixed', 'maximum'),
  currency: currency,
  end_date: string,
  payment_schedule: oneOf('halfyearly', 'monthly', 'quarterly', 'weekly', 'yearly'),
  reference: string,
  start_date: string,
});

export const bankTransfer = object({
  eu_bank_transfer: object({ country: required(string) }),
  requested_address_types: arrayOf(oneOf('aba', 'iban', 'sepa', 'sort_code', 'spei', 'swift', 'zengin')),
  type: required(bankTransferType),
});

export const fpxBank = oneOf(
  'affin_bank', 'agrobank', 'alliance_bank', 'ambank', 'bank_islam', 'bank_muamalat', 'bank_of_china', 'bank_rakyat', 'bnp_paribas', 'bsn',
  'cimb', 'citibank', 'deutsche_bank', 'hong_leong_bank', 'hsbc', 'kfh', 'maybank2e', 'maybank2u', 'mbsb_bank', 'ocbc', 'pb_enterprise',
  'public_bank', 'rhb', 'standard_chartered', 'uob',
);

export const cardMandateOptions = object({
  amount: required(integer),
  amount_type: required(oneOf('fixed', 'maximum')),
  description: maxLength(200),
  end_date: integer,
  interval: required(oneOf('day', 'month', 'sporadic', 'week', 'year')),
  interval_count: integer,
  reference: required(maxLength(80)),
  start_date: required(integer),
  supported_types: arrayOf(oneOf('india')),
});

export const acssDebitOptions = object({
  mandate_options: acssDebitMandateOptions,
  setup_future_usage: emptyable(oneOf('none', 'off_session', 'on_session')),
  target_date: string,
  verification_method: oneOf('automatic', 'instant', 'microdeposits'),
});

export const paymentMethodOptionsPaypal = object({
  capture_method: emptyable(oneOf('manual')),
  preferred_locale: preferredLocale,
  reference: maxLength(127),
  risk_correlation_id: maxLength(32),
  setup_future_usage: emptyable(oneOf('none', 'off_session')),
});

export const paymentMethodOptionsCustomerBalance = object({ bank_transfer: bankTransfer, funding_type: oneOf('bank_transfer'), setup_future_usage: oneOf('none') });

export const fpx = object({ account_holder_type: oneOf('company', 'individual'), bank: required(fpxBank) });

export const p24Bank = oneOf(
  'alior_bank', 'bank_millennium', 'bank_nowy_bfg_sa', 'bank_pekao_sa', 'banki_spbdzielcze', 'blik', 'bnp_paribas', 'boz', 'citi_handlowy',
  'credit_agricole', 'envelobank', 'etransfer_pocztowy24', 'getin_bank', 'ideabank', 'ing', 'inteligo', 'mbank_mtransfer', 'nest_przelew',
  'noble_pay', 'pbac_z_ipko', 'plus_bank', 'santander_przelew24', 'tmobile_usbugi_bankowe', 'toyota_bank', 'velobank', 'volkswagen_bank',
);

export const klarnaPreferredLocale = oneOf(
  'cs-CZ', 'da-DK', 'de-AT', 'de-CH', 'de-DE', 'el-GR', 'en-AT', 'en-AU', 'en-BE', 'en-CA', 'en-CH', 'en-CZ', 'en-DE', 'en-DK', 'en-ES',
  'en-FI', 'en-FR', 'en-GB', 'en-GR', 'en-IE', 'en-IT', 'en-NL', 'en-NO', 'en-NZ', 'en-PL', 'en-PT', 'en-RO', 'en-SE', 'en-US', 'es-ES',
  'es-US', 'fi-FI', 'fr-BE', 'fr-CA', 'fr-CH', 'fr-FR', 'it-CH', 'it-IT', 'nb-NO', 'nl-BE', 'nl-NL', 'pl-PL', 'pt-PT', 'ro-RO', 'sv-FI',
  'sv-SE',
);

export const p24 = object({ bank: p24Bank });

export const paymentMethodOptionsPaytoMandateOptions = object({
  amount: emptyable(integer),
  amount_type: emptyable(oneOf('fixed', 'maximum')),
  end_date: emptyable(string),
  payment_schedule: emptyable(paymentSchedule),
  payments_per_period: emptyable(integer),
  purpose: emptyable(purpose),
});

export const pix = object({
  amount_includes_iof: oneOf('always', 'never'),
  expires_after_seconds: integer,
  expires_at: integer,
  mandate_options: pixMandateOptions,
  setup_future_usage: oneOf('none', 'off_session'),
});

export const billie = object({ capture_method: emptyable(oneOf('manual')), company_details: emptyable(companyDetails), reference: string });

export const threeDSecure = object({
  ares_trans_status: oneOf('A', 'C', 'I', 'N', 'R', 'U', 'Y'),
  cryptogram: required(string),
  electronic_commerce_indicator: oneOf('01', '02', '05', '06', '07'),
  exemption_indicator: oneOf('low_risk', 'none'),
  network_options: networkOptions,
  requestor_challenge_indicator: string,
  transaction_id: required(string),
  version: required(oneOf('1.0.2', '2.1.0', '2.2.0', '2.3.0', '2.3.1')),
});

export const paymentMethodOptionsPayto = object({ mandate_options: paymentMethodOptionsPaytoMandateOptions, setup_future_usage: emptyable(oneOf('none', 'off_session')) });

export const paymentMethodDataType = oneOf(
  'acss_debit', 'affirm', 'afterpay_clearpay', 'alipay', 'alma', 'amazon_pay', 'au_becs_debit', 'bacs_debit', 'bancontact', 'billie',
  'bizum', 'blik', 'boleto', 'cashapp', 'crypto', 'customer_balance', 'eps', 'fpx', 'giropay', 'grabpay', 'ideal', 'kakao_pay', 'klarna',
  'konbini', 'kr_card', 'link', 'mb_way', 'mobilepay', 'multibanco', 'naver_pay', 'nz_bank_account', 'oxxo', 'p24', 'pay_by_bank', 'payco',
  'paynow', 'paypal', 'paypay', 'payto', 'pix', 'promptpay', 'revolut_pay', 'samsung_pay', 'satispay', 'scalapay', 'sepa_debit', 'sequra',
  'sofort', 'sunbit', 'swish', 'twint', 'upi', 'us_bank_account', 'wechat_pay', 'zip',
);

export const usBankAccountOptions = object({
  financial_connections: usBankAccountFinancialConnections,
  mandate_options: object({ collection_method: emptyable(oneOf('paper')) }),
  networks: object({ requested: arrayOf(oneOf('ach', 'us_domestic_wire')) }),
  setup_future_usage: emptyable(oneOf('none', 'off_session', 'on_session')),
  target_date: string,
  transaction_purpose: emptyable(oneOf('goods', 'other', 'services', 'unspecified')),
  verification_method: oneOf('automatic', 'instant', 'microdeposits'),
});

export const epsBank = oneOf(
  'arzte_und_apotheker_bank', 'austrian_anadi_bank_ag', 'bank_austria', 'bankhaus_carl_spangler', 'bankhaus_schelhammer_und_schattera_ag',
  'bawag_psk_ag', 'bks_bank_ag', 'brull_kallmus_bank_ag', 'btv_vier_lander_bank', 'capital_bank_grawe_gruppe_ag', 'deutsche_bank_ag',
  'dolomitenbank', 'easybank_ag', 'erste_bank_und_sparkassen', 'hypo_alpeadriabank_international_ag',
  'hypo_bank_burgenland_aktiengesellschaft', 'hypo_noe_lb_fur_niederosterreich_u_wien', 'hypo_oberosterreich_salzburg_steiermark',
  'hypo_tirol_bank_ag', 'hypo_vorarlberg_bank_ag', 'marchfelder_bank', 'oberbank_ag', 'raiffeisen_bankengruppe_osterreich',
  'schoellerbank_ag', 'sparda_bank_wien', 'volksbank_gruppe', 'volkskreditbank_ag', 'vr_bank_braunau',
);

export const eps = object({ bank: epsBank });

export const paymentMethodOptionsKlarna = object({
  capture_method: emptyable(oneOf('manual')),
  on_demand: onDemand,
  preferred_locale: klarnaPreferredLocale,
  setup_future_usage: oneOf('none', 'off_session', 'on_session'),
  subscriptions: emptyable(arrayOf(subscriptions)),
});

export const card = object({
  capture_method: emptyable(oneOf('manual')),
  cvc_token: string,
  installments: installments,
  mandate_options: cardMandateOptions,
  moto: boolean,
  network: network,
  request_extended_authorization: oneOf('if_available', 'never'),
  request_incremental_authorization: oneOf('if_available', 'never'),
  request_multicapture: oneOf('if_available', 'never'),
  request_overcapture: oneOf('if_available', 'never'),
  request_three_d_secure: oneOf('any', 'automatic', 'challenge'),
  require_cvc_recollection: boolean,
  setup_credential_usage: oneOf('installment', 'recurring', 'unscheduled'),
  setup_future_usage: emptyable(oneOf('none', 'off_session', 'on_session')),
  statement_descriptor_suffix_kana: emptyable(maxLength(22)),
  statement_descriptor_suffix_kanji: emptyable(maxLength(17)),
  stored_credential_usage: oneOf('installment', 'recurring', 'unscheduled'),
  three_d_secure: threeDSecure,
});

export const paymentMethodData = object({
  acss_debit: acssDebit,
  affirm: object({}),
  afterpay_clearpay: object({}),
  alipay: object({}),
  allow_redisplay: oneOf('always', 'limited', 'unspecified'),
  alma: object({}),
  amazon_pay: object({}),
  au_becs_debit: object({ account_number: required(string), bsb_number: required(string) }),
  bacs_debit: object({ account_number: string, sort_code: string }),
  bancontact: object({}),
  billie: object({}),
  billing_details: billingDetails,
  bizum: object({}),
  blik: object({}),
  boleto: object({ tax_id: required(string) }),
  cashapp: object({}),
  crypto: object({}),
  customer_balance: object({}),
  eps: eps,
  fpx: fpx,
  giropay: object({}),
  grabpay: object({}),
  ideal: ideal,
  interac_present: object({}),
  kakao_pay: object({}),
  klarna: paymentMethodDataKlarna,
  konbini: object({}),
  kr_card: object({}),
  link: object({}),
  mb_way: object({}),
  metadata: metadata,
  mobilepay: object({}),
  multibanco: object({}),
  naver_pay: object({ funding: oneOf('card', 'points') }),
  nz_bank_account: nzBankAccount,
  oxxo: object({}),
  p24: p24,
  pay_by_bank: object({}),
  payco: object({}),
  paynow: object({}),
  paypal: object({}),
  paypay: object({}),
  payto: object({ account_number: string, bsb_number: string, pay_id: string }),
  pix: object({}),
  promptpay: object({}),
  radar_options: object({ session: string }),
  revolut_pay: object({}),
  samsung_pay: object({}),
  satispay: object({}),
  scalapay: object({}),
  sepa_debit: object({ iban: required(string) }),
  sequra: object({}),
  sofort: object({ country: required(oneOf('AT', 'BE', 'DE', 'ES', 'IT', 'NL')) }),
  sunbit: object({}),
  swish: object({}),
  twint: object({}),
  type: required(paymentMethodDataType),
  upi: upi,
  us_bank_account: usBankAccount,
  wechat_pay: object({}),
  zip: object({}),
});

export const paymentMethodOptions = object({
  acss_debit: emptyable(acssDebitOptions),
  affirm: emptyable(affirm),
  afterpay_clearpay: emptyable(afterpayClearpay),
  alipay: emptyable(object({ setup_future_usage: emptyable(oneOf('none', 'off_session')) })),
  alma: emptyable(object({ capture_method: emptyable(oneOf('manual')) })),
  amazon_pay: emptyable(amazonPay),
  au_becs_debit: emptyable(auBecsDebit),
  bacs_debit: emptyable(bacsDebit),
  bancontact: emptyable(bancontact),
  billie: emptyable(billie),
  bizum: emptyable(object({})),
  blik: emptyable(blik),
  boleto: emptyable(boleto),
  card: emptyable(card),
  card_present: emptyable(cardPresent),
  cashapp: emptyable(cashapp),
  crypto: emptyable(object({ setup_future_usage: oneOf('none') })),
  customer_balance: emptyable(paymentMethodOptionsCustomerBalance),
  eps: emptyable(object({ setup_future_usage: oneOf('none') })),
  fpx: emptyable(object({ setup_future_usage: oneOf('none') })),
  giropay: emptyable(object({ setup_future_usage: oneOf('none') })),
  grabpay: emptyable(object({ setup_future_usage: oneOf('none') })),
  ideal: emptyable(object({ setup_future_usage: emptyable(oneOf('none', 'off_session')) })),
  interac_present: emptyable(object({})),
  kakao_pay: emptyable(amazonPay),
  klarna: emptyable(paymentMethodOptionsKlarna),
  konbini: emptyable(konbini),
  kr_card: emptyable(amazonPay),
  link: emptyable(link),
  mb_way: emptyable(object({ setup_future_usage: oneOf('none') })),
  mobilepay: emptyable(object({ capture_method: emptyable(oneOf('manual')), setup_future_usage: oneOf('none') })),
  multibanco: emptyable(object({ setup_future_usage: oneOf('none') })),
  naver_pay: emptyable(amazonPay),
  nz_bank_account: emptyable(auBecsDebit),
  oxxo: emptyable(object({ expires_after_days: integer, setup_future_usage: oneOf('none') })),
  p24: emptyable(object({ setup_future_usage: oneOf('none'), tos_shown_and_accepted: boolean })),
  pay_by_bank: emptyable(object({})),
  payco: emptyable(object({ capture_method: emptyable(oneOf('manual')), setup_future_usage: oneOf('none') })),
  paynow: emptyable(object({ setup_future_usage: oneOf('none') })),
  paypal: emptyable(paymentMethodOptionsPaypal),
  paypay: emptyable(object({})),
  payto: emptyable(paymentMethodOptionsPayto),
  pix: emptyable(pix),
  promptpay: emptyable(object({ setup_future_usage: oneOf('none') })),
  revolut_pay: emptyable(amazonPay),
  samsung_pay: emptyable(object({ capture_method: emptyable(oneOf('manual')), setup_future_usage: oneOf('none') })),
  satispay: emptyable(cashapp),
  scalapay: emptyable(object({ capture_method: emptyable(oneOf('manual')) })),
  sepa_debit: emptyable(bacsDebit),
  sequra: emptyable(object({ capture_method: emptyable(oneOf('manual')), setup_future_usage: oneOf('none') })),
  sofort: emptyable(sofort),
  sunbit: emptyable(object({ capture_method: emptyable(oneOf('manual')), setup_future_usage: oneOf('none') })),
  swish: emptyable(object({ reference: emptyable(string), setup_future_usage: oneOf('none') })),
  twint: emptyable(object({ setup_future_usage: oneOf('none', 'off_session') })),
  upi: emptyable(paymentMethodOptionsUpi),
  us_bank_account: emptyable(usBankAccountOptions),
  wechat_pay: emptyable(wechatPay),
  zip: emptyable(object({ setup_future_usage: oneOf('none') })),
});
