/** The parameters of the events routes, as Stripe declares them. */
import type { Fields, Params } from '../params.js';
import { listFields } from './shared.js';

// Stripe's events routes: GET /v1/events (type with a `*` wildcard, or up to 20 exact types) and GET /v1/events/{id}.
export const listEventFields = {
  type: { type: 'string' },
  types: { type: 'array', items: { type: 'string' } },
  delivery_success: { type: 'boolean' },
  ...listFields,
} as const satisfies Fields;

export type ListEventParams = Params<typeof listEventFields>;
