/** The parameters of the products routes, as Stripe declares them. */
import type { Fields, Params } from '../params.js';
import { expand, listFields } from './shared.js';

const text = { type: 'string', emptyable: true } as const;

export const createProductFields = {
  id: { type: 'string' },
  name: { type: 'string', required: true },
  active: { type: 'boolean' },
  description: { type: 'string', emptyable: true, maxLength: 40000 },
  images: { type: 'array', emptyable: true, items: { type: 'string' } },
  metadata: { type: 'metadata' },
  shippable: { type: 'boolean' },
  statement_descriptor: { type: 'string', emptyable: true, maxLength: 22 },
  tax_code: text,
  unit_label: { type: 'string', emptyable: true, maxLength: 12 },
  url: text,
  expand,
} as const satisfies Fields;

export const listProductFields = { active: { type: 'boolean' }, shippable: { type: 'boolean' }, ...listFields } as const satisfies Fields;

export type CreateProductParams = Params<typeof createProductFields>;
export type ListProductParams = Params<typeof listProductFields>;
