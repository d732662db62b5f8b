/** The parameters of the payment intents routes, as Stripe declares them. */
import type { Fields, Params } from '../params.js';
import { expand } from './shared.js';

const text = { type: 'string', emptyable: true } as const;
const captureMethod = { type: 'enum', values: ['automatic', 'automatic_async', 'manual'] } as const;
const setupFutureUsage = { type: 'enum', values: ['off_session', 'on_session'] } as const;

export const createPaymentIntentFields = {
  amount: { type: 'integer', required: true, min: 1 },
  currency: { type: 'currency', required: true },
  automatic_payment_methods: {
    type: 'object',
    fields: { enabled: { type: 'boolean', required: true }, allow_redirects: { type: 'enum', values: ['always', 'never'] } },
  },
  capture_method: captureMethod,
  confirm: { type: 'boolean' },
  customer: { type: 'string' },
  description: { type: 'string', maxLength: 1000 },
  metadata: { type: 'metadata' },
  payment_method: { type: 'string' },
  payment_method_types: { type: 'array', items: { type: 'string' } },
  receipt_email: { type: 'string' },
  return_url: { type: 'string' },
  setup_future_usage: setupFutureUsage,
  statement_descriptor: { type: 'string', maxLength: 22 },
  statement_descriptor_suffix: { type: 'string', maxLength: 22 },
  expand,
} as const satisfies Fields;

export const updatePaymentIntentFields = {
  amount: { type: 'integer', min: 1 },
  currency: { type: 'currency' },
  customer: { type: 'string' },
  description: { type: 'string', emptyable: true, maxLength: 1000 },
  metadata: { type: 'metadata' },
  payment_method: { type: 'string' },
  receipt_email: text,
  setup_future_usage: { ...setupFutureUsage, emptyable: true },
  statement_descriptor: { type: 'string', emptyable: true, maxLength: 22 },
  statement_descriptor_suffix: { type: 'string', emptyable: true, maxLength: 22 },
  expand,
} as const satisfies Fields;

export const confirmPaymentIntentFields = {
  capture_method: captureMethod,
  off_session: { type: 'boolean' },
  payment_method: { type: 'string' },
  receipt_email: text,
  return_url: { type: 'string' },
  setup_future_usage: setupFutureUsage,
  expand,
} as const satisfies Fields;

export const capturePaymentIntentFields = {
  amount_to_capture: { type: 'integer', min: 0 },
  metadata: { type: 'metadata' },
  expand,
} as const satisfies Fields;

// `automatic` is a reason Stripe records itself; requests may not send it.
export const cancelPaymentIntentFields = {
  cancellation_reason: { type: 'enum', values: ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] },
  expand,
} as const satisfies Fields;

export type CreatePaymentIntentParams = Params<typeof createPaymentIntentFields>;
export type UpdatePaymentIntentParams = Params<typeof updatePaymentIntentFields>;
export type ConfirmPaymentIntentParams = Params<typeof confirmPaymentIntentFields>;
export type CapturePaymentIntentParams = Params<typeof capturePaymentIntentFields>;
export type CancelPaymentIntentParams = Params<typeof cancelPaymentIntentFields>;
