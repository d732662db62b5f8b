/** The parameters of the customers routes, as Stripe's API takes them (API 2026-10-28.endive). */
import type { EitherParams, Fields, Params } from '../params.js';
import { arrayOf, boolean, emptyable, integer, maxLength, metadata, object, oneOf, required, string } from './kinds.js';
import { address, expand, listFields } from './shared.js';

const cashBalance = object({ settings: object({ reconciliation_mode: oneOf('automatic', 'manual', 'merchant_default') }) });

const renderingOptions = object({ amount_tax_display: emptyable(oneOf('exclude_tax', 'include_inclusive_tax')), template: string });

const customerAddress = object({
  city: emptyable(string),
  country: emptyable(string),
  line1: emptyable(string),
  line2: emptyable(string),
  postal_code: emptyable(string),
  state: emptyable(string),
});

const customerShipping = object({ address: required(address), name: required(string), phone: string });

const invoiceSettings = object({
  custom_fields: emptyable(arrayOf(object({ name: required(maxLength(40)), value: required(maxLength(140)) }))),
  default_payment_method: emptyable(string),
  footer: emptyable(string),
  rendering_options: emptyable(renderingOptions),
});

// What creating and updating a customer both take, with the same types; each route adds its own below.
const customerFields = {
  address: emptyable(customerAddress),
  balance: integer,
  business_name: emptyable(maxLength(150)),
  cash_balance: cashBalance,
  description: emptyable(string),
  email: emptyable(maxLength(512)),
  expand,
  individual_name: emptyable(maxLength(150)),
  invoice_prefix: string,
  invoice_settings: invoiceSettings,
  metadata: emptyable(metadata),
  name: emptyable(maxLength(256)),
  next_invoice_sequence: integer,
  phone: emptyable(maxLength(20)),
  preferred_locales: arrayOf(string),
  shipping: emptyable(customerShipping),
  source: string,
  tax_exempt: emptyable(oneOf('exempt', 'none', 'reverse')),
  validate: boolean,
} as const satisfies Fields;

/** `POST /v1/customers` (the SDK's `CustomerCreateParams`). */
export const createCustomerFields = {
  ...customerFields,
  payment_method: string,
  tax: object({ ip_address: emptyable(string), validate_location: oneOf('deferred', 'immediately') }),
  tax_id_data: arrayOf(object({
    type: required(oneOf(
      'ad_nrt', 'ae_trn', 'al_tin', 'am_tin', 'ao_tin', 'ar_cuit', 'au_abn', 'au_acn', 'au_arn', 'au_wpn', 'aw_tin', 'az_tin', 'ba_tin',
      'bb_tin', 'bd_bin', 'bf_ifu', 'bg_uic', 'bh_vat', 'bj_ifu', 'bo_tin', 'br_cnpj', 'br_cpf', 'bs_tin', 'bw_vat', 'by_tin', 'ca_bn',
      'ca_gst_hst', 'ca_pst_bc', 'ca_pst_mb', 'ca_pst_sk', 'ca_qst', 'cd_nif', 'ch_uid', 'ch_vat', 'ci_vat', 'cl_tin', 'cm_niu', 'cn_tin',
      'co_nit', 'cr_tin', 'cv_nif', 'cz_dic', 'de_stn', 'do_rcn', 'ec_ruc', 'eg_tin', 'es_cif', 'et_tin', 'eu_oss_vat', 'eu_vat', 'fo_vat',
      'fr_siren', 'fr_siret', 'fr_spi', 'gb_vat', 'ge_vat', 'gh_tin', 'gi_tin', 'gn_nif', 'hk_br', 'hr_oib', 'hu_tin', 'ic_nif', 'id_npwp',
      'il_vat', 'in_gst', 'is_kt', 'is_vat', 'it_cf', 'jp_cn', 'jp_rn', 'jp_trn', 'ke_pin', 'kg_tin', 'kh_tin', 'kr_brn', 'kz_bin', 'la_tin',
      'li_uid', 'li_vat', 'lk_vat', 'ma_vat', 'md_cf', 'md_vat', 'me_pib', 'mk_vat', 'mr_nif', 'mu_vat', 'mx_rfc', 'my_frp', 'my_itn',
      'my_sst', 'mz_nuit', 'ng_tin', 'no_vat', 'no_voec', 'np_pan', 'nz_bn', 'nz_gst', 'om_vat', 'pe_ruc', 'ph_tin', 'pl_nip', 'pt_nif',
      'py_ruc', 'ro_tin', 'rs_pib', 'ru_inn', 'ru_kpp', 'sa_vat', 'sg_gst', 'sg_uen', 'si_tin', 'sm_coe', 'sn_ninea', 'sr_fin', 'sv_nit',
      'th_vat', 'tj_tin', 'tr_tin', 'tt_bir', 'tt_vat', 'tw_vat', 'tz_vat', 'ua_vat', 'ug_tin', 'us_ein', 'uy_ruc', 'uz_tin', 'uz_vat',
      've_rif', 'vn_tin', 'za_vat', 'zm_tin', 'zw_tin',
    )),
    value: required(string),
  })),
  test_clock: string,
} as const satisfies Fields;

/** `GET /v1/customers` (the SDK's `CustomerListParams`). */
export const listCustomerFields = {
  email: maxLength(512),
  test_clock: string,
  ...listFields,
} as const satisfies Fields;

/** `GET /v1/customers/:id` (the SDK's `CustomerRetrieveParams`). */
export const getCustomerFields = {
  expand,
} as const satisfies Fields;

/** `POST /v1/customers/:id` (the SDK's `CustomerUpdateParams`). */
export const updateCustomerFields = {
  ...customerFields,
  default_source: maxLength(500),
  tax: object({ ip_address: emptyable(string), validate_location: oneOf('auto', 'deferred', 'immediately') }),
} as const satisfies Fields;

/** `DELETE /v1/customers/:id` (the SDK's `CustomerDeleteParams`). */
export const deleteCustomerFields = {} as const satisfies Fields;

export type CreateCustomerParams = Params<typeof createCustomerFields>;
export type ListCustomerParams = Params<typeof listCustomerFields>;
export type GetCustomerParams = Params<typeof getCustomerFields>;
export type UpdateCustomerParams = Params<typeof updateCustomerFields>;
export type DeleteCustomerParams = Params<typeof deleteCustomerFields>;

/** What creating and updating a customer both read. */
export type CustomerParams = EitherParams<CreateCustomerParams, UpdateCustomerParams>;
