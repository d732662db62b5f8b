/** Parameters and parameter shapes several routes share. */
import type { Fields } from '../params.js';
import { arrayOf, integerIn, boolean, emptyable, integer, object, oneOf, required, string, timestampFilter } from './kinds.js';

/** `expand[]`: the paths of fields to return as objects (see expand.ts). */
export const expand = arrayOf(string);

/** The parameters of routes that take nothing else. */
export const expandOnly = { expand } as const satisfies Fields;

/** The cursor and size parameters every list takes. */
export const listFields = {
  limit: integerIn({ min: 1, max: 100 }),
  starting_after: string,
  ending_before: string,
  created: timestampFilter,
  expand,
} as const satisfies Fields;

export const customUnitAmount = object({ enabled: required(boolean), maximum: integer, minimum: integer, preset: integer });

export const recurring = object({ interval: required(oneOf('day', 'month', 'week', 'year')), interval_count: integer });

export const address = object({ city: string, country: string, line1: string, line2: string, postal_code: string, state: string });

export const mandateOptions = object({ amount: integer, amount_type: oneOf('fixed', 'maximum'), description: string, end_date: integer });

export const plan = object({ count: integer, interval: oneOf('month'), type: required(oneOf('bonus', 'fixed_count', 'revolving')) });

export const automaticTax = object({ enabled: required(boolean), liability: object({ account: string, type: required(oneOf('account', 'self')) }) });

export const purpose = oneOf('dependant_support', 'government', 'loan', 'mortgage', 'other', 'pension', 'personal', 'retail', 'salary', 'tax', 'utility');

export const customerBalance = object({ bank_transfer: object({ eu_bank_transfer: object({ country: required(string) }), type: string }), funding_type: string });

export const upi = object({ mandate_options: mandateOptions });

export const network = oneOf(
  'amex', 'cartes_bancaires', 'diners', 'discover', 'eftpos_au', 'girocard', 'interac', 'jcb', 'link', 'mastercard', 'unionpay', 'unknown',
  'visa',
);

export const paymentMethodOptionsAcssDebit = object({
  mandate_options: object({ transaction_type: oneOf('business', 'personal') }),
  verification_method: oneOf('automatic', 'instant', 'microdeposits'),
});

export const installments = object({ enabled: boolean, plan: emptyable(plan) });

export const registrationType = oneOf(
  'ch_ein', 'de_hrb', 'dk_cvr', 'es_cif', 'fi_tunnus', 'fr_siren', 'fr_siret', 'it_rea', 'nl_kvk', 'no_org_number', 'no_pno',
  'se_org_number', 'se_pno', 'uk_crn',
);

export const paytoMandateOptions = object({ amount: integer, purpose: purpose });

export const payto = object({ mandate_options: paytoMandateOptions });

export const financialConnections = object({
  filters: object({ account_subcategories: arrayOf(oneOf('checking', 'savings')) }),
  permissions: arrayOf(oneOf('balances', 'ownership', 'payment_method', 'transactions')),
  prefetch: arrayOf(oneOf('balances', 'ownership', 'transactions')),
});

export const paymentMethodOptionsUsBankAccount = object({ financial_connections: financialConnections, verification_method: oneOf('automatic', 'instant', 'microdeposits') });

export const companyDetails = object({
  registered_address: emptyable(address),
  registered_name: string,
  registration_number: string,
  registration_type: emptyable(registrationType),
  vat: string,
});

export const paymentMethodTypes = oneOf(
  'ach_credit_transfer', 'ach_debit', 'acss_debit', 'affirm', 'alipay', 'amazon_pay', 'au_becs_debit', 'bacs_debit', 'bancontact', 'billie',
  'blik', 'boleto', 'card', 'cashapp', 'crypto', 'custom', 'customer_balance', 'eps', 'fpx', 'giropay', 'grabpay', 'ideal',
  'jp_credit_transfer', 'kakao_pay', 'klarna', 'konbini', 'kr_card', 'link', 'mb_way', 'multibanco', 'naver_pay', 'nz_bank_account', 'p24',
  'pay_by_bank', 'payco', 'paynow', 'paypal', 'payto', 'pix', 'promptpay', 'revolut_pay', 'satispay', 'sepa_credit_transfer', 'sepa_debit',
  'sequra', 'sofort', 'swish', 'twint', 'upi', 'us_bank_account', 'wechat_pay',
);
