/** The parameters of the invoices routes, as Stripe declares them. */
import type { Fields, Params } from '../params.js';
import { expand, listFields } from './shared.js';

const collectionMethod = { type: 'enum', values: ['charge_automatically', 'send_invoice'] } as const;

export const createInvoiceFields = {
  customer: { type: 'string', required: true },
  auto_advance: { type: 'boolean' },
  collection_method: collectionMethod,
  days_until_due: { type: 'integer', min: 0 },
  description: { type: 'string', maxLength: 1500 },
  metadata: { type: 'metadata' },
  // There are no invoice items in the emulator, so either choice gives an invoice without lines.
  pending_invoice_items_behavior: { type: 'enum', values: ['exclude', 'include'] },
  subscription: { type: 'string' },
  expand,
} as const satisfies Fields;

export const payInvoiceFields = {
  forgive: { type: 'boolean' },
  off_session: { type: 'boolean' },
  paid_out_of_band: { type: 'boolean' },
  payment_method: { type: 'string' },
  expand,
} as const satisfies Fields;

// Stripe lists the statuses in this order in its error message.
export const listInvoiceFields = {
  customer: { type: 'string' },
  collection_method: collectionMethod,
  status: { type: 'enum', values: ['draft', 'open', 'void', 'paid', 'uncollectible'] },
  subscription: { type: 'string' },
  ...listFields,
} as const satisfies Fields;

export type CreateInvoiceParams = Params<typeof createInvoiceFields>;
export type PayInvoiceParams = Params<typeof payInvoiceFields>;
export type ListInvoiceParams = Params<typeof listInvoiceFields>;
