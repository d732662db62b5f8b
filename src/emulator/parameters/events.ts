/** The parameters of the events routes, as Stripe's API takes them (API 2026-10-28.endive). */
import type { Fields, Params } from '../params.js';
import { arrayOf, boolean, string } from './kinds.js';
import { expand, listFields } from './shared.js';

/** `GET /v1/events` (the SDK's `EventListParams`). */
export const listEventFields = {
  delivery_success: boolean,
  type: string,
  types: arrayOf(string),
  ...listFields,
} as const satisfies Fields;

/** `GET /v1/events/:id` (the SDK's `EventRetrieveParams`). */
export const getEventFields = {
  expand,
} as const satisfies Fields;

export type ListEventParams = Params<typeof listEventFields>;
export type GetEventParams = Params<typeof getEventFields>;
