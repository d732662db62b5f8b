/** The parameters of the customers routes, as Stripe declares them. */
import type { Fields, Params } from '../params.js';
import { expand, listFields } from './shared.js';

const text = { type: 'string', emptyable: true } as const;

const addressFields = { city: text, country: text, line1: text, line2: text, postal_code: text, state: text } as const;

export const customerFields = {
  address: { type: 'object', emptyable: true, fields: addressFields },
  balance: { type: 'integer' },
  description: text,
  email: { type: 'string', emptyable: true, maxLength: 512 },
  invoice_settings: { type: 'object', fields: { default_payment_method: text, footer: text } },
  metadata: { type: 'metadata' },
  name: { type: 'string', emptyable: true, maxLength: 256 },
  phone: { type: 'string', emptyable: true, maxLength: 20 },
  preferred_locales: { type: 'array', emptyable: true, items: { type: 'string' } },
  tax_exempt: { type: 'enum', values: ['exempt', 'none', 'reverse'] },
  expand,
} as const satisfies Fields;

export const listCustomerFields = { email: { type: 'string', maxLength: 512 }, ...listFields } as const satisfies Fields;

export type CustomerParams = Params<typeof customerFields>;
export type ListCustomerParams = Params<typeof listCustomerFields>;
