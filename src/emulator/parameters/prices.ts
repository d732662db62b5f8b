/** The parameters of the prices routes, as Stripe declares them. */
import type { Fields, Params } from '../params.js';
import { expand, listFields } from './shared.js';

const text = { type: 'string', emptyable: true } as const;

export const createPriceFields = {
  currency: { type: 'currency', required: true },
  product: { type: 'string' },
  product_data: {
    type: 'object',
    fields: {
      name: { type: 'string', required: true },
      active: { type: 'boolean' },
      metadata: { type: 'metadata' },
      statement_descriptor: { type: 'string', maxLength: 22 },
      tax_code: { type: 'string' },
      unit_label: { type: 'string', maxLength: 12 },
    },
  },
  unit_amount: { type: 'integer', min: 0 },
  active: { type: 'boolean' },
  lookup_key: { type: 'string', maxLength: 200 },
  metadata: { type: 'metadata' },
  nickname: text,
  recurring: {
    type: 'object',
    fields: {
      interval: { type: 'enum', values: ['day', 'month', 'week', 'year'], required: true },
      interval_count: { type: 'integer', min: 1 },
      trial_period_days: { type: 'integer', min: 1 },
    },
  },
  tax_behavior: { type: 'enum', values: ['exclusive', 'inclusive', 'unspecified'] },
  expand,
} as const satisfies Fields;

export const listPriceFields = {
  active: { type: 'boolean' },
  currency: { type: 'currency' },
  product: { type: 'string' },
  type: { type: 'enum', values: ['one_time', 'recurring'] },
  ...listFields,
} as const satisfies Fields;

export type CreatePriceParams = Params<typeof createPriceFields>;
export type ListPriceParams = Params<typeof listPriceFields>;
