import { cardDeclined } from './charges.js';
import type { Context } from './context.js';
import { invalidState, resourceMissing, StripeFailure } from './errors.js';
import { emit } from './events.js';
import { newId } from './ids.js';
import { buildSubscriptionLine, describeItem, type Invoice, setLines } from './invoice-object.js';
import { collect, finalize, insertInvoice, noPaymentMethod } from './invoices.js';
import { findCustomer, findPrice, findSubscription } from './lookup.js';
import { mergeMetadata } from './metadata.js';
import {
  buildSubscription,
  buildSubscriptionItem,
  type Customer,
  type Interval,
  type Period,
  type Price,
  type Subscription,
  type SubscriptionItem,
} from './objects.js';
import type { Config } from './options.js';
import type { CancelSubscriptionParams, CreateSubscriptionParams } from './parameters/subscriptions.js';
import { resolvePaymentMethod, type StoredPaymentMethod } from './payment-methods.js';
import type { State } from './store.js';

type CreateParams = CreateSubscriptionParams;

const DAY = 86_400;

/** `start` plus `count` intervals, on the calendar: a month after 31 January is the last day of February. */
export function addInterval(start: number, interval: Interval, count: number): number {
  if (interval === 'day' || interval === 'week') return start + count * (interval === 'day' ? DAY : 7 * DAY);
  const date = new Date(start * 1000);
  const months = interval === 'year' ? 12 * count : count;
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

function recurringPrices(state: State, items: CreateParams['items']): Price[] {
  const seen = new Set<string>();
  return items.map((item, index) => {
    const param = `items[${index}][price]`;
    const price = findPrice(state, item.price, { param, status: 400 });
    if (price.type !== 'recurring') {
      throw invalidState('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', { param });
    }
    if (seen.has(price.id)) throw invalidState(`Cannot create a Subscription with multiple Subscription Items with the same Price: ${price.id}.`, { param: 'plan' });
    seen.add(price.id);
    return price;
  });
}

function paymentMethodFor(state: State, customer: Customer, requested: string | undefined, now: number): StoredPaymentMethod | null {
  const id = requested ?? customer.invoice_settings.default_payment_method;
  if (id === null) return null;
  const method = resolvePaymentMethod(state, id, now);
  if (!method) throw resourceMissing('PaymentMethod', id, requested === undefined ? 'customer' : 'default_payment_method', 400);
  return method;
}

const productName = (state: State, price: Price): string => state.products.get(price.product)?.name ?? price.product;

/** The first invoice, the subscription's latest: the first period's price, or a zero-amount line for the trial. */
function firstInvoice(state: State, now: number, customer: Customer, subscription: Subscription, trial: Period | null): Invoice {
  const invoice = insertInvoice(state, now, {
    customer,
    currency: subscription['currency'] as string,
    billingReason: 'subscription_create',
    subscription: { id: subscription.id, metadata: subscription.metadata },
    autoAdvance: false,
    finalizesAt: null,
  });
  const lines = subscription.items.data.map((item: SubscriptionItem) =>
    buildSubscriptionLine(invoice.id, {
      item,
      description: trial ? `Trial period for ${productName(state, item.price)}` : describeItem(productName(state, item.price), item.price, item.quantity),
      amount: trial ? 0 : item.price.unit_amount * item.quantity,
      period: { start: item.current_period_start, end: item.current_period_end },
    }),
  );
  setLines(invoice, lines);
  subscription.latest_invoice = invoice.id;
  emit(state.log, now, 'invoice.created', invoice);
  finalize(state, invoice, now);
  return invoice;
}

function refuseUpFront(params: CreateParams, trial: Period | null, method: StoredPaymentMethod | null): StripeFailure | null {
  if (params.payment_behavior === 'pending_if_incomplete') {
    return invalidState('Setting `payment_behavior` to `pending_if_incomplete` has no effect when creating a subscription.', { param: 'payment_behavior' });
  }
  if (trial || params.payment_behavior === 'default_incomplete') return null;
  // Stripe writes nothing when the first payment cannot even be attempted, or fails under error_if_incomplete.
  if (!method) return noPaymentMethod();
  if (method.outcome.kind === 'decline' && params.payment_behavior === 'error_if_incomplete') return cardDeclined(method.outcome, newId('ch'), method);
  return null;
}

function buildItems(id: string, now: number, params: CreateParams, prices: Price[], trial: Period | null): SubscriptionItem[] {
  return prices.map((price, index) => {
    const recurring = price.recurring as NonNullable<Price['recurring']>;
    // During a trial the item's current period is the trial; the first paid period starts when it ends.
    const period = trial ?? { start: now, end: addInterval(now, recurring.interval, recurring.interval_count) };
    const item = buildSubscriptionItem(id, now, price, params.items[index]?.quantity ?? 1, period);
    item['metadata'] = mergeMetadata({}, params.items[index]?.metadata);
    return item;
  });
}

export function createSubscription({ state, config, now, params }: Context<CreateParams>): Subscription {
  const customer = findCustomer(state, params.customer, { param: 'customer', status: 404 });
  const prices = recurringPrices(state, params.items);
  const days = params.trial_period_days ?? 0;
  const trial = days > 0 ? { start: now, end: now + days * DAY } : null;
  const method = paymentMethodFor(state, customer, params.default_payment_method, now);
  const refusal = refuseUpFront(params, trial, method);
  if (refusal) throw refusal;
  const id = newId('sub');
  const currency = (prices[0] as Price).currency;
  const subscription = buildSubscription(id, now, { customer: customer.id, currency, items: buildItems(id, now, params, prices, trial), trial });
  subscription.metadata = mergeMetadata({}, params.metadata);
  if (params.description !== undefined) subscription['description'] = params.description;
  if (params.default_payment_method !== undefined) subscription['default_payment_method'] = method?.object.id ?? null;
  state.subscriptions.set(id, subscription);
  customer.currency ??= currency;
  // Stripe records the subscription as incomplete until its first invoice is paid (a trial needs no payment), and
  // says so with customer.subscription.updated once it is.
  if (!trial) subscription.status = 'incomplete';
  emit(state.log, now, 'customer.subscription.created', subscription);
  const invoice = firstInvoice(state, now, customer, subscription, trial);
  if (invoice.status !== 'paid') chargeFirstInvoice(state, config, now, params, subscription, invoice, method);
  return subscription;
}

// allow_incomplete (the default) keeps a declined subscription as `incomplete` with its invoice open.
function chargeFirstInvoice(state: State, config: Config, now: number, params: CreateParams, subscription: Subscription, invoice: Invoice, method: StoredPaymentMethod | null): void {
  if (params.payment_behavior === 'default_incomplete' || !method) {
    subscription.status = 'incomplete';
    return;
  }
  try {
    collect(state, config, now, invoice, method);
  } catch (error) {
    if (!(error instanceof StripeFailure)) throw error;
    subscription.status = 'incomplete';
  }
}

export const getSubscription = ({ state, id }: Context<unknown>): Subscription => findSubscription(state, id);

/** Ends a subscription now. The open first invoice of an incomplete subscription is voided with it. */
export function endSubscription(state: State, subscription: Subscription, now: number, details: { comment?: string | null; feedback?: string | null } = {}): void {
  subscription.status = 'canceled';
  subscription.canceled_at = now;
  subscription.ended_at = now;
  const previous = subscription.cancellation_details;
  subscription.cancellation_details = { comment: details.comment ?? previous.comment, feedback: details.feedback ?? previous.feedback, reason: 'cancellation_requested' };
  const latest = subscription.latest_invoice === null ? undefined : state.invoices.get(subscription.latest_invoice);
  if (latest?.status === 'open') {
    latest.status = 'void';
    latest.status_transitions.voided_at = now;
    emit(state.log, now, 'invoice.voided', latest);
  }
  emit(state.log, now, 'customer.subscription.deleted', subscription);
}

export function cancelSubscription({ state, now, params, id }: Context<CancelSubscriptionParams>): Subscription {
  const subscription = findSubscription(state, id);
  // A canceled subscription can still be retrieved, but Stripe no longer finds it for cancelling.
  if (subscription.status === 'canceled') throw resourceMissing('subscription', id, 'id', 404);
  endSubscription(state, subscription, now, params.cancellation_details ?? {});
  return subscription;
}
