/** The parameters of the subscriptions routes, as Stripe declares them. */
import type { Fields, Params } from '../params.js';
import { expand } from './shared.js';

export const createSubscriptionFields = {
  customer: { type: 'string', required: true },
  items: {
    type: 'array',
    required: true,
    items: { type: 'object', fields: { price: { type: 'string', required: true }, quantity: { type: 'integer', min: 0 }, metadata: { type: 'metadata' } } },
  },
  default_payment_method: { type: 'string' },
  description: { type: 'string', maxLength: 500 },
  metadata: { type: 'metadata' },
  payment_behavior: { type: 'enum', values: ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] },
  trial_period_days: { type: 'integer', min: 0, max: 730 },
  expand,
} as const satisfies Fields;

export const cancelSubscriptionFields = {
  cancellation_details: { type: 'object', fields: { comment: { type: 'string', emptyable: true, maxLength: 5000 }, feedback: { type: 'enum', values: ['customer_service', 'low_quality', 'missing_features', 'other', 'switched_service', 'too_complex', 'too_expensive', 'unused'] } } },
  invoice_now: { type: 'boolean' },
  prorate: { type: 'boolean' },
  expand,
} as const satisfies Fields;

export type CreateSubscriptionParams = Params<typeof createSubscriptionFields>;
export type CancelSubscriptionParams = Params<typeof cancelSubscriptionFields>;
