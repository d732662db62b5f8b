import type { Context } from './context.js';
import { fail, invalidState, missingParameter, resourceMissing, type StripeFailure } from './errors.js';
import { emit } from './events.js';
import { newId } from './ids.js';
import { buildSubscriptionLine, describeItem, type Invoice, setLines } from './invoice-object.js';
import { invoiceIntent } from './invoice-payments.js';
import { collect, collectionSettings, finalize, insertInvoice, noPaymentMethod, voidOpenInvoice } from './invoices.js';
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
import { declineFailure, resolvePaymentMethod, type StoredPaymentMethod } from './payment-methods.js';
import { AUTHENTICATION_REQUIRED, ON_SESSION } from './payments.js';
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

/**
 * The first invoice, the subscription's latest: the first period's price, or a zero-amount line for the trial.
 * It takes the subscription's collection settings and default payment method, and is finalized at once.
 */
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
  const collection = subscription['collection_method'] as 'charge_automatically' | 'send_invoice';
  const days = subscription['days_until_due'] as number | null;
  Object.assign(invoice, collectionSettings({ collection_method: collection, ...(days === null ? {} : { days_until_due: days }) }, now));
  invoice['default_payment_method'] = subscription['default_payment_method'];
  subscription.latest_invoice = invoice.id;
  emit(state.log, now, 'invoice.created', invoice);
  finalize(state, invoice, now);
  return invoice;
}

// Under error_if_incomplete Stripe refuses a subscription whose first payment would wait for 3D Secure.
const requiresActionRefused = (): StripeFailure =>
  fail(402, {
    type: 'card_error',
    code: 'subscription_payment_intent_requires_action',
    message:
      'Payment for this subscription requires additional user action before it can be completed successfully. Payment can be completed using the PaymentIntent associated with `subscription.latest_invoice`. Additional information is available here: https://stripe.com/docs/billing/subscriptions/overview#requires-action',
  });

/**
 * What Stripe refuses before writing anything: a first payment that cannot even be attempted, or one that would
 * fail (or wait for the customer) under error_if_incomplete. A trial, `default_incomplete` and `send_invoice`
 * collect nothing now, so they need no card.
 */
function refuseUpFront(params: CreateParams, trial: Period | null, method: StoredPaymentMethod | null): StripeFailure | null {
  if (params.payment_behavior === 'pending_if_incomplete') {
    return invalidState('Setting `payment_behavior` to `pending_if_incomplete` has no effect when creating a subscription.', { param: 'payment_behavior' });
  }
  if (trial || params.payment_behavior === 'default_incomplete' || params.collection_method === 'send_invoice') return null;
  if (!method) return noPaymentMethod();
  if (params.payment_behavior !== 'error_if_incomplete') return null;
  const outcome = method.card.charge;
  if (outcome.kind === 'decline') return declineFailure(outcome.decline, { charge: newId('ch'), payment_method: method.object });
  if (outcome.kind !== 'authenticate') return null;
  // Off session there is no one to authenticate: the card pays if it was set up for that, else it is declined.
  if (!params.off_session) return requiresActionRefused();
  return outcome.offSession === 'success' ? null : declineFailure(AUTHENTICATION_REQUIRED, { charge: newId('ch'), payment_method: method.object });
}

/** The trial: `trial_end` (a time in the future, or `now` for none) or `trial_period_days`. */
function trialPeriod(params: CreateParams, now: number): Period | null {
  const end = params.trial_end;
  if (end === 'now') return null;
  if (typeof end === 'number') {
    if (end <= now) throw invalidState('Invalid timestamp: must be an integer Unix timestamp in the future.', { param: 'trial_end' });
    return { start: now, end };
  }
  const days = params.trial_period_days ?? 0;
  return days > 0 ? { start: now, end: now + days * DAY } : null;
}

/** `days_until_due` goes with `send_invoice`, and only with it. */
function checkCollection(params: CreateParams): void {
  const sendInvoice = params.collection_method === 'send_invoice';
  if (sendInvoice && params.days_until_due === undefined) throw missingParameter('days_until_due');
  if (!sendInvoice && params.days_until_due !== undefined) {
    throw invalidState('`days_until_due` can only be set on subscriptions with `collection_method=send_invoice`.', { param: 'days_until_due' });
  }
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

export function createSubscription({ state, config, now, params, echo }: Context<CreateParams>): Subscription {
  const customer = findCustomer(state, params.customer, { param: 'customer', status: 404 });
  const prices = recurringPrices(state, params.items);
  const trial = trialPeriod(params, now);
  checkCollection(params);
  const method = paymentMethodFor(state, customer, params.default_payment_method, now);
  const refusal = refuseUpFront(params, trial, method);
  if (refusal) throw refusal;
  const id = newId('sub');
  const currency = (prices[0] as Price).currency;
  const subscription = buildSubscription(id, now, { customer: customer.id, currency, items: buildItems(id, now, params, prices, trial), trial });
  echo(subscription);
  subscription.metadata = mergeMetadata({}, params.metadata);
  if (params.description !== undefined) subscription['description'] = params.description;
  if (params.default_payment_method !== undefined) subscription['default_payment_method'] = method?.object.id ?? null;
  applySettings(subscription, params);
  state.subscriptions.set(id, subscription);
  customer.currency ??= currency;
  // Stripe records the subscription as incomplete until its first invoice is paid (a trial needs no payment, and
  // an emailed invoice is paid later), and says so with customer.subscription.updated once it is.
  if (!trial && params.collection_method !== 'send_invoice') subscription.status = 'incomplete';
  emit(state.log, now, 'customer.subscription.created', subscription);
  const invoice = firstInvoice(state, now, customer, subscription, trial);
  if (invoice.status === 'open' && params.collection_method !== 'send_invoice') chargeFirstInvoice(state, config, now, params, invoice, method);
  return subscription;
}

/** The settings a subscription keeps as given: how it is collected, when it ends, how it pays. */
function applySettings(subscription: Subscription, params: CreateParams): void {
  subscription['collection_method'] = params.collection_method ?? 'charge_automatically';
  subscription['days_until_due'] = params.days_until_due ?? null;
  if (params.payment_settings !== undefined) {
    const settings = subscription['payment_settings'] as Record<string, unknown>;
    subscription['payment_settings'] = { ...settings, ...params.payment_settings };
  }
  if (params.cancel_at_period_end) {
    // Stripe shows when a subscription set to end with its period will end.
    subscription['cancel_at_period_end'] = true;
    subscription['cancel_at'] = subscription.items.data[0]?.current_period_end ?? null;
  }
  if (params.cancel_at !== undefined) subscription['cancel_at'] = cancelAt(subscription, params.cancel_at);
}

/** `cancel_at` as a time, or as the end of the items' periods (`min_period_end`, or the last one); nothing is billed past it here. */
function cancelAt(subscription: Subscription, value: NonNullable<CreateParams['cancel_at']>): number {
  if (typeof value === 'number') return value;
  const ends = subscription.items.data.map((item) => item.current_period_end);
  return value === 'min_period_end' ? Math.min(...ends) : Math.max(...ends);
}

/**
 * Pays the first invoice now, on session unless `off_session`: allow_incomplete (the default) keeps a declined
 * subscription, or one waiting for 3D Secure, as `incomplete` with its invoice open. Under default_incomplete
 * nothing is charged: the invoice's payment intent waits for the integration to confirm it.
 */
function chargeFirstInvoice(state: State, config: Config, now: number, params: CreateParams, invoice: Invoice, method: StoredPaymentMethod | null): void {
  if (params.payment_behavior === 'default_incomplete' || !method) {
    const intent = invoiceIntent(state, invoice.id);
    if (intent && method) {
      intent.payment_method = method.object.id;
      intent.status = 'requires_confirmation';
    }
    return;
  }
  collect(state, config, now, invoice, method, { ...ON_SESSION, offSession: params.off_session ?? false });
}

export const getSubscription = ({ state, id }: Context<unknown>): Subscription => findSubscription(state, id);

/** Ends a subscription now. The open first invoice of an incomplete subscription is voided with it. */
export function endSubscription(state: State, subscription: Subscription, now: number, details: { comment?: string | null; feedback?: string | null } = {}): void {
  const incomplete = subscription.status === 'incomplete';
  subscription.status = 'canceled';
  subscription.canceled_at = now;
  subscription.ended_at = now;
  const previous = subscription.cancellation_details;
  subscription.cancellation_details = { comment: details.comment ?? previous.comment, feedback: details.feedback ?? previous.feedback, reason: 'cancellation_requested' };
  const latest = subscription.latest_invoice === null ? undefined : state.invoices.get(subscription.latest_invoice);
  if (incomplete && latest?.status === 'open') voidOpenInvoice(state, latest, now);
  emit(state.log, now, 'customer.subscription.deleted', subscription);
}

export function cancelSubscription({ state, now, params, id }: Context<CancelSubscriptionParams>): Subscription {
  const subscription = findSubscription(state, id);
  // A canceled subscription can still be retrieved, but Stripe no longer finds it for cancelling.
  if (subscription.status === 'canceled') throw resourceMissing('subscription', id, 'id', 404);
  endSubscription(state, subscription, now, params.cancellation_details ?? {});
  return subscription;
}
