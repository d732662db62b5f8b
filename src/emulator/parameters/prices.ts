/** The parameters of the prices routes, as Stripe's API takes them (API 2026-10-28.endive). */
import type { Fields, Params } from '../params.js';
import { anyOf, arrayOf, boolean, currency, decimal, emptyable, hash, integer, integerIn, maxLength, metadata, object, oneOf, required, string } from './kinds.js';
import { customUnitAmount, expand, listFields, recurring } from './shared.js';

/** `POST /v1/prices` (the SDK's `PriceCreateParams`). */
export const createPriceFields = {
  currency: required(currency),
  active: boolean,
  billing_scheme: oneOf('per_unit', 'tiered'),
  currency_options: hash,
  custom_unit_amount: customUnitAmount,
  expand,
  lookup_key: maxLength(200),
  metadata: metadata,
  nickname: emptyable(string),
  product: string,
  product_data: object({
    active: boolean,
    id: string,
    metadata: metadata,
    name: required(string),
    statement_descriptor: maxLength(22),
    tax_code: string,
    tax_details: object({ performance_location: string, tax_code: emptyable(string) }),
    unit_label: maxLength(12),
  }),
  recurring: object({
    interval: required(oneOf('day', 'month', 'week', 'year')),
    interval_count: integerIn({ min: 1 }),
    meter: string,
    trial_period_days: integerIn({ min: 1 }),
    usage_type: oneOf('licensed', 'metered'),
  }),
  tax_behavior: oneOf('exclusive', 'inclusive', 'unspecified'),
  tiers: arrayOf(object({
    flat_amount: integer,
    flat_amount_decimal: decimal,
    unit_amount: integer,
    unit_amount_decimal: decimal,
    up_to: required(anyOf(integer, oneOf('inf'))),
  })),
  tiers_mode: oneOf('graduated', 'volume'),
  transfer_lookup_key: boolean,
  transform_quantity: object({ divide_by: required(integer), round: required(oneOf('down', 'up')) }),
  unit_amount: integerIn({ min: 0 }),
  unit_amount_decimal: decimal,
} as const satisfies Fields;

/** `GET /v1/prices` (the SDK's `PriceListParams`). */
export const listPriceFields = {
  active: boolean,
  currency: currency,
  lookup_keys: arrayOf(string),
  product: string,
  recurring: object({ interval: oneOf('day', 'month', 'week', 'year'), meter: string, usage_type: oneOf('licensed', 'metered') }),
  type: oneOf('one_time', 'recurring'),
  ...listFields,
} as const satisfies Fields;

export type CreatePriceParams = Params<typeof createPriceFields>;
export type ListPriceParams = Params<typeof listPriceFields>;
