/**
 * The emulator's events: every state change records a Stripe-shaped `event`, with the object as it stood right
 * after the change and, for updates, the fields it changed with their values before. Handlers call `emit`; the
 * request that caused the change is the log's `cause`, set by `handle` around each request (null for changes
 * the emulator makes on its own, as Stripe's are).
 */
import type { Context } from './context.js';
import { exclusiveParameters, fail, resourceMissing } from './errors.js';
import { newId } from './ids.js';
import { type ListPage, paginate } from './list.js';
import type { ListEventParams } from './parameters/events.js';

export interface EventCause {
  readonly id: string;
  readonly idempotency_key: string | null;
}

export interface EmulatorEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

type Listener = (event: EmulatorEvent) => void;

/** What the emulator's options decide once: its API version, how many endpoints take a type, who hears each event. */
export interface EventSettings {
  readonly apiVersion: string;
  readonly endpointsFor: (type: string) => number;
  readonly listeners: readonly Listener[];
}

/** Where events go: the log the events routes read, and the listeners (webhook delivery, `onEvent`). */
export interface EventLog {
  readonly events: Map<string, EmulatorEvent>;
  readonly settings: EventSettings;
  cause: EventCause | null;
}

const QUIET: EventSettings = { apiVersion: '2026-10-28.endive', endpointsFor: () => 0, listeners: [] };

export const createEventLog = (settings: EventSettings = QUIET): EventLog => ({ events: new Map(), settings, cause: null });

export const snapshot = (object: object): Record<string, unknown> => structuredClone(object) as Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The fields of `before` that differ in `after`, with their old values; nested objects (metadata, settings)
 * name only their changed keys, and a key that did not exist before is null, as in Stripe's `previous_attributes`.
 */
export function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const old = before[key];
    const now = after[key];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changed[key] = isRecord(old) && isRecord(now) ? previousAttributes(old, now) : (old ?? null);
  }
  return changed;
}

/** Records one event of `type` for `object` as it is now; `before` (a snapshot) adds `previous_attributes`. */
export function emit(log: EventLog, now: number, type: string, object: object, before?: Record<string, unknown>): void {
  const { settings } = log;
  const current = snapshot(object);
  const previous = before === undefined ? undefined : previousAttributes(before, current);
  if (previous !== undefined && Object.keys(previous).length === 0) return;
  const event: EmulatorEvent = {
    id: newId('evt'),
    object: 'event',
    api_version: settings.apiVersion,
    created: now,
    data: { object: current, ...(previous === undefined ? {} : { previous_attributes: previous }) },
    livemode: false,
    pending_webhooks: settings.endpointsFor(type),
    request: { id: log.cause?.id ?? null, idempotency_key: log.cause?.idempotency_key ?? null },
    type,
  };
  log.events.set(event.id, event);
  for (const listener of settings.listeners) listener(structuredClone(event));
}

// Stripe's events routes: GET /v1/events (type with a `*` wildcard, or up to 20 exact types) and GET /v1/events/{id}.
function typeMatcher(params: ListEventParams): (type: string) => boolean {
  if (params.type !== undefined && params.types !== undefined) throw exclusiveParameters(['type', 'types']);
  if (params.types !== undefined) {
    if (params.types.length > 20) throw fail(400, { type: 'invalid_request_error', param: 'types', message: 'You may pass at most 20 types.' });
    const wanted = new Set(params.types);
    return (type) => wanted.has(type);
  }
  const pattern = params.type;
  if (pattern === undefined) return () => true;
  return pattern.endsWith('*') ? (type) => type.startsWith(pattern.slice(0, -1)) : (type) => type === pattern;
}

export function listEvents({ state, params }: Context<ListEventParams>): ListPage<EmulatorEvent> {
  const matchesType = typeMatcher(params);
  // pending_webhooks counts the endpoints still waiting for a successful delivery.
  const matchesDelivery = (event: EmulatorEvent): boolean => params.delivery_success === undefined || params.delivery_success === (event.pending_webhooks === 0);
  const newestFirst = Array.from(state.log.events.values()).reverse();
  return paginate({ url: '/v1/events', resource: 'event', all: newestFirst, matches: (event) => matchesType(event.type) && matchesDelivery(event) }, params);
}

export function getEvent({ state, id }: Context<unknown>): EmulatorEvent {
  const event = state.log.events.get(id);
  if (!event) throw resourceMissing('event', id, 'id');
  return event;
}
