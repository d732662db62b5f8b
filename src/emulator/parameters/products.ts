/** The parameters of the products routes, as Stripe's API takes them (API 2026-10-28.endive). */
import type { Fields, Params } from '../params.js';
import { arrayOf, boolean, currency, decimal, emptyable, hash, integer, maxLength, metadata, number, object, oneOf, required, string } from './kinds.js';
import { customUnitAmount, expand, listFields, recurring } from './shared.js';

/** `POST /v1/products` (the SDK's `ProductCreateParams`). */
export const createProductFields = {
  name: required(string),
  active: boolean,
  default_price_data: object({
    currency: required(currency),
    currency_options: hash,
    custom_unit_amount: customUnitAmount,
    metadata: metadata,
    recurring: recurring,
    tax_behavior: oneOf('exclusive', 'inclusive', 'unspecified'),
    unit_amount: integer,
    unit_amount_decimal: decimal,
  }),
  description: emptyable(maxLength(40000)),
  expand,
  id: string,
  images: arrayOf(string),
  marketing_features: arrayOf(object({ name: required(string) })),
  metadata: metadata,
  package_dimensions: object({ height: required(number), length: required(number), weight: required(number), width: required(number) }),
  shippable: boolean,
  statement_descriptor: emptyable(maxLength(22)),
  tax_code: emptyable(string),
  tax_details: object({ performance_location: string, tax_code: emptyable(string) }),
  type: oneOf('good', 'service'),
  unit_label: emptyable(maxLength(12)),
  url: emptyable(string),
} as const satisfies Fields;

/** `GET /v1/products` (the SDK's `ProductListParams`). */
export const listProductFields = {
  active: boolean,
  ids: arrayOf(string),
  shippable: boolean,
  type: oneOf('good', 'service'),
  url: string,
  ...listFields,
} as const satisfies Fields;

/** `GET /v1/products/:id` (the SDK's `ProductRetrieveParams`). */
export const getProductFields = {
  expand,
} as const satisfies Fields;

export type CreateProductParams = Params<typeof createProductFields>;
export type ListProductParams = Params<typeof listProductFields>;
export type GetProductParams = Params<typeof getProductFields>;
