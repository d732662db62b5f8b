import type { Customer, Invoice, PaymentIntent, Price, Product, Subscription } from '../../generated/schema.js';

/**
 * A charge as events carry it. The package makes no charge calls, so the spec has no charge schema; these are
 * the fields a handler of `charge.*` events reads, and the rest stay reachable as unknown.
 */
export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  currency: string;
  customer: string | null;
  failure_code: string | null;
  failure_message: string | null;
  paid: boolean;
  payment_intent: string | null;
  status: 'succeeded' | 'pending' | 'failed';
  [field: string]: unknown;
}

/** The objects this package knows, by the event types Stripe sends for them. */
export interface EventObjects {
  'customer.created': Customer;
  'customer.updated': Customer;
  'customer.deleted': Customer;
  'product.created': Product;
  'product.updated': Product;
  'product.deleted': Product;
  'price.created': Price;
  'price.updated': Price;
  'price.deleted': Price;
  'payment_intent.created': PaymentIntent;
  'payment_intent.amount_capturable_updated': PaymentIntent;
  'payment_intent.canceled': PaymentIntent;
  'payment_intent.partially_funded': PaymentIntent;
  'payment_intent.payment_failed': PaymentIntent;
  'payment_intent.processing': PaymentIntent;
  'payment_intent.requires_action': PaymentIntent;
  'payment_intent.succeeded': PaymentIntent;
  'charge.captured': Charge;
  'charge.expired': Charge;
  'charge.failed': Charge;
  'charge.pending': Charge;
  'charge.refunded': Charge;
  'charge.succeeded': Charge;
  'charge.updated': Charge;
  'invoice.created': Invoice;
  'invoice.deleted': Invoice;
  'invoice.finalization_failed': Invoice;
  'invoice.finalized': Invoice;
  'invoice.marked_uncollectible': Invoice;
  'invoice.overdue': Invoice;
  'invoice.overpaid': Invoice;
  'invoice.paid': Invoice;
  'invoice.payment_action_required': Invoice;
  'invoice.payment_attempt_required': Invoice;
  'invoice.payment_failed': Invoice;
  'invoice.payment_succeeded': Invoice;
  'invoice.sent': Invoice;
  'invoice.upcoming': Invoice;
  'invoice.updated': Invoice;
  'invoice.voided': Invoice;
  'invoice.will_be_due': Invoice;
  'customer.subscription.created': Subscription;
  'customer.subscription.deleted': Subscription;
  'customer.subscription.paused': Subscription;
  'customer.subscription.pending_update_applied': Subscription;
  'customer.subscription.pending_update_expired': Subscription;
  'customer.subscription.resumed': Subscription;
  'customer.subscription.trial_will_end': Subscription;
  'customer.subscription.updated': Subscription;
}

export type KnownEventType = keyof EventObjects;

/** Any Stripe object: what an event of a type this package does not know carries. */
export interface StripeObject {
  object: string;
  id?: string;
  [field: string]: unknown;
}

/** Stripe's event envelope around `data.object`. */
export interface StripeEventOf<Type extends string, Object> {
  id: string;
  object: 'event';
  api_version: string | null;
  created: number;
  type: Type;
  livemode: boolean;
  pending_webhooks: number;
  /** The API request that caused the event; both fields are null for events Stripe raised on its own. */
  request: { id: string | null; idempotency_key: string | null } | null;
  account?: string;
  data: {
    object: Object;
    /** On `*.updated` events: the changed fields, with their values before the change. */
    previous_attributes?: Partial<Object>;
  };
}

/** The typed events, a union discriminated on `type`. */
export type KnownStripeEvent = { [Type in KnownEventType]: StripeEventOf<Type, EventObjects[Type]> }[KnownEventType];

/** An event of a type outside `EventObjects`: it still verifies and comes back, with a generic object. */
export type UnknownStripeEvent = StripeEventOf<string, StripeObject>;

/** What `constructEvent` resolves to. Narrow it with `isEventType`, which also types `data.object`. */
export type StripeEvent = KnownStripeEvent | UnknownStripeEvent;

/**
 * True when the event is one of the given types, narrowing it to those events. (A plain `event.type === '…'`
 * cannot narrow `data.object`, because an event of an unknown type could carry any type name.)
 */
export function isEventType<Type extends KnownEventType>(event: StripeEvent, ...types: readonly Type[]): event is Extract<KnownStripeEvent, { type: Type }> {
  return (types as readonly string[]).includes(event.type);
}
