import type { Context } from './context.js';
import { exclusiveParameters, fail, invalidState, resourceMissing, type StripeFailure } from './errors.js';
import { emit, snapshot } from './events.js';
import { newId, randomString } from './ids.js';
import { buildInvoice, customerEcho, type Invoice, type InvoiceInput } from './invoice-object.js';
import { closeInvoicePayment, invoiceIntent, invoiceOfIntent, openInvoicePayment } from './invoice-payments.js';
import { type ListPage, paginate } from './list.js';
import { findCustomer, findInvoice, findSubscription } from './lookup.js';
import { mergeMetadata } from './metadata.js';
import type { PaymentIntent, Subscription } from './objects.js';
import type { Config } from './options.js';
import type { CreateInvoiceParams, ListInvoiceParams, PayInvoiceParams } from './parameters/invoices.js';
import { resolvePaymentMethod, type StoredPaymentMethod } from './payment-methods.js';
import { type Attempt, attemptPayment, ON_SESSION, type PaymentResult } from './payments.js';
import { newestFirst, type State } from './store.js';

/** Creates and stores a draft; with no lines its total is 0. The caller records `invoice.created` once it is filled in. */
export function insertInvoice(state: State, now: number, input: InvoiceInput): Invoice {
  const invoice = buildInvoice(newId('in'), now, input);
  state.invoices.set(invoice.id, invoice);
  return invoice;
}

/** Paid: `invoice.paid`, and `invoice.payment_succeeded` too when money (or nothing, for a $0 invoice) was collected rather than paid out of band. */
export function markPaid(state: State, invoice: Invoice, now: number, { outOfBand = false, paidBy = null as PaymentIntent | null } = {}): void {
  closeInvoicePayment(state, invoice, outOfBand ? 'canceled' : 'paid', now);
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.attempted = true;
  invoice.auto_advance = false;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = now;
  if (outOfBand) invoice.attempted = false;
  emit(state.log, now, 'invoice.paid', invoice);
  if (!outOfBand) emit(state.log, now, 'invoice.payment_succeeded', invoice);
  // Paid some other way, the invoice's payment intent will never be confirmed, so Stripe cancels it.
  const intent = outOfBand ? invoiceIntent(state, invoice.id) : undefined;
  if (intent && intent.status !== 'succeeded' && intent.status !== 'canceled') cancelIntent(state, now, intent, 'automatic');
  activateSubscriptionOf(state, invoice, now, paidBy);
}

function cancelIntent(state: State, now: number, intent: PaymentIntent, reason: string): void {
  intent.status = 'canceled';
  intent.canceled_at = now;
  intent.cancellation_reason = reason;
  intent.next_action = null;
  emit(state.log, now, 'payment_intent.canceled', intent);
}

const subscriptionOf = (state: State, invoice: Invoice): Subscription | undefined => {
  const id = invoice.parent?.subscription_details.subscription;
  return id === undefined ? undefined : state.subscriptions.get(id);
};

/**
 * A subscription waiting on its first payment becomes active once that invoice is paid, as on Stripe; with
 * `payment_settings[save_default_payment_method]=on_subscription` the card that paid becomes its default.
 */
function activateSubscriptionOf(state: State, invoice: Invoice, now: number, paidBy: PaymentIntent | null): void {
  const subscription = subscriptionOf(state, invoice);
  if (subscription?.latest_invoice !== invoice.id) return;
  const before = snapshot(subscription);
  const settings = subscription['payment_settings'] as { save_default_payment_method?: string } | null;
  if (settings?.save_default_payment_method === 'on_subscription' && paidBy?.payment_method) subscription['default_payment_method'] = paidBy.payment_method;
  if (subscription.status === 'incomplete') subscription.status = 'active';
  emit(state.log, now, 'customer.subscription.updated', subscription, before);
}

/**
 * What a payment attempt on an invoice's payment intent does to the invoice, however it was made (paying the
 * invoice, or confirming its intent): each attempt counts, success pays it, a decline records
 * `invoice.payment_failed` and 3D Secure `invoice.payment_action_required`.
 */
export function settleInvoiceOf(state: State, now: number, intent: PaymentIntent, result: PaymentResult): void {
  const invoice = invoiceOfIntent(state, intent.id);
  if (invoice?.status !== 'open') return;
  invoice.attempt_count += 1;
  invoice.attempted = true;
  if (result.status === 'succeeded') markPaid(state, invoice, now, { paidBy: intent });
  else if (result.status === 'failed') emit(state.log, now, 'invoice.payment_failed', invoice);
  else if (result.status === 'requires_action') emit(state.log, now, 'invoice.payment_action_required', invoice);
}

/** Voids an open invoice and cancels its payment intent, as Stripe does. */
export function voidOpenInvoice(state: State, invoice: Invoice, now: number): void {
  invoice.status = 'void';
  invoice.auto_advance = false;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.voided_at = now;
  closeInvoicePayment(state, invoice, 'canceled', now);
  emit(state.log, now, 'invoice.voided', invoice);
  const intent = invoiceIntent(state, invoice.id);
  if (intent && intent.status !== 'succeeded' && intent.status !== 'canceled') cancelIntent(state, now, intent, 'void_invoice');
}

/**
 * Draft → open: numbers the invoice from the customer's prefix and sequence and freezes the customer fields.
 * Stripe marks an invoice with nothing to collect as paid right away, without a charge.
 */
export function finalize(state: State, invoice: Invoice, now: number): void {
  const customer = state.customers.get(invoice.customer);
  if (customer) {
    invoice.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence).padStart(4, '0')}`;
    customer.next_invoice_sequence += 1;
    Object.assign(invoice, customerEcho(customer));
  }
  const token = randomString(40);
  Object.assign(invoice, {
    status: 'open',
    automatically_finalizes_at: null,
    next_payment_attempt: null,
    effective_at: now,
    ending_balance: 0,
    hosted_invoice_url: `https://invoice.stripe.com/i/${state.accountId}/test_${token}`,
    invoice_pdf: `https://pay.stripe.com/invoice/${state.accountId}/test_${token}/pdf`,
  });
  invoice.status_transitions.finalized_at = now;
  emit(state.log, now, 'invoice.finalized', invoice);
  if (invoice.amount_due === 0) {
    markPaid(state, invoice, now);
    return;
  }
  // A subscription that saves the card that pays asks the payment intent to keep it for later, off session.
  const settings = subscriptionOf(state, invoice)?.['payment_settings'] as { save_default_payment_method?: string } | undefined;
  openInvoicePayment(state, now, invoice, settings?.save_default_payment_method === 'on_subscription' ? 'off_session' : null);
}

/** Finalizes the drafts whose one-hour `auto_advance` window has passed on the emulator clock. */
export function finalizeDueInvoices(state: State, now: number): void {
  for (const invoice of state.invoices.values()) {
    if (invoice.status === 'draft' && invoice.automatically_finalizes_at !== null && invoice.automatically_finalizes_at <= now) finalize(state, invoice, now);
  }
}

/**
 * Pays an open invoice's payment intent with the card. The result says how it went; the invoice (and its
 * subscription) have followed it: paid, still open after a decline, or waiting for 3D Secure.
 */
export function collect(state: State, config: Config, now: number, invoice: Invoice, method: StoredPaymentMethod, attempt: Attempt = ON_SESSION): PaymentResult {
  const intent = invoiceIntent(state, invoice.id);
  if (!intent) throw new Error(`invoice ${invoice.id} has no payment intent to collect with`);
  const result = attemptPayment(state, config, now, intent, method, attempt);
  settleInvoiceOf(state, now, intent, result);
  return result;
}

export const noPaymentMethod = (): StripeFailure =>
  fail(400, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message:
      'This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.',
  });

function subscriptionFor(state: State, id: string | undefined, customer: string) {
  if (id === undefined) return null;
  const subscription = findSubscription(state, id, { param: 'subscription', status: 400 });
  if (subscription.customer !== customer) throw invalidState(`The subscription ${id} belongs to another customer than ${customer}.`, { param: 'subscription' });
  return { id: subscription.id, metadata: subscription.metadata };
}

const DAY = 86_400;

/** An invoice the customer pays by themselves (`send_invoice`) needs a due date, given as a date or as days from now. */
export function collectionSettings(params: { collection_method?: 'charge_automatically' | 'send_invoice'; days_until_due?: number; due_date?: number }, now: number) {
  const method = params.collection_method ?? 'charge_automatically';
  if (params.days_until_due !== undefined && params.due_date !== undefined) throw exclusiveParameters(['days_until_due', 'due_date']);
  const dueDate = params.due_date ?? (params.days_until_due === undefined ? undefined : now + params.days_until_due * DAY);
  if (method === 'send_invoice' && dueDate === undefined) {
    throw invalidState("If invoice collection method is 'send_invoice', you must specify 'due_date' or 'days_until_due'.");
  }
  if (method === 'charge_automatically' && dueDate !== undefined) {
    throw invalidState("You can only specify 'due_date' or 'days_until_due' if invoice collection method is 'send_invoice'.");
  }
  return { collection_method: method, due_date: dueDate ?? null };
}

export function createInvoice({ state, config, now, params, echo }: Context<CreateInvoiceParams>): Invoice {
  const customer = findCustomer(state, params.customer, { param: 'customer', status: 400 });
  const settings = collectionSettings(params, now);
  const subscription = subscriptionFor(state, params.subscription, customer.id);
  const autoAdvance = params.auto_advance ?? false;
  const invoice = insertInvoice(state, now, {
    customer,
    // Stripe bills in the currency asked for, else the customer's.
    currency: params.currency ?? customer.currency ?? 'usd',
    billingReason: 'manual',
    subscription,
    autoAdvance,
    finalizesAt: autoAdvance ? now + config.autoAdvanceDelay : null,
  });
  echo(invoice);
  Object.assign(invoice, settings);
  if (params.description !== undefined) invoice.description = params.description;
  // The footer defaults to the customer's invoice footer.
  invoice['footer'] = params.footer ?? customer.invoice_settings.footer;
  invoice.metadata = mergeMetadata({}, params.metadata);
  emit(state.log, now, 'invoice.created', invoice);
  if (autoAdvance && config.autoAdvanceDelay === 0) finalize(state, invoice, now);
  return invoice;
}

// Stripe names the path parameter `invoice` when retrieving, and `id` on pay and void.
export const getInvoice = ({ state, id }: Context<unknown>): Invoice => findInvoice(state, id, { param: 'invoice', status: 404 });

/** The card an invoice is paid with: the one asked for, else the invoice's (its subscription's) default, else the customer's. */
function paymentMethodFor(state: State, invoice: Invoice, requested: string | undefined, now: number): StoredPaymentMethod {
  const id = requested ?? (invoice['default_payment_method'] as string | null) ?? state.customers.get(invoice.customer)?.invoice_settings.default_payment_method ?? null;
  if (id === null) throw noPaymentMethod();
  const method = resolvePaymentMethod(state, id, now);
  if (!method) throw resourceMissing('PaymentMethod', id, 'payment_method', 400);
  return method;
}

export function payInvoice({ state, config, now, params, id }: Context<PayInvoiceParams>): Invoice {
  const invoice = findInvoice(state, id);
  if (invoice.status === 'paid') throw invalidState('Invoice is already paid');
  if (invoice.status === 'void') throw invalidState('This invoice is void and can no longer be paid.');
  // Paying a draft finalizes it first, in the same call; an invoice with nothing due is paid by that alone.
  if (invoice.status === 'draft') finalize(state, invoice, now);
  if (invoice.amount_remaining === 0) return invoice;
  if (params.paid_out_of_band) {
    markPaid(state, invoice, now, { outOfBand: true });
    return invoice;
  }
  // Stripe pays an invoice off session unless told the customer is there.
  const result = collect(state, config, now, invoice, paymentMethodFor(state, invoice, params.payment_method, now), { ...ON_SESSION, offSession: params.off_session ?? true });
  if (result.status === 'requires_action') throw paymentRequiresAction();
  if (result.status === 'failed') throw result.failure;
  return invoice;
}

/** Stripe's 402 when paying an invoice needs the customer to authenticate: the payment goes on through its payment intent. */
const paymentRequiresAction = (): StripeFailure =>
  fail(402, {
    type: 'card_error',
    code: 'invoice_payment_intent_requires_action',
    message:
      'This payment requires additional user action before it can be completed successfully. Payment can be completed using the PaymentIntent associated with the invoice. For more details see: https://stripe.com/docs/billing/subscriptions/overview#requires-action',
  });

export function voidInvoice({ state, now, id }: Context<unknown>): Invoice {
  const invoice = findInvoice(state, id);
  if (invoice.status === 'paid') throw invalidState('Invoices with `paid` payments cannot be voided.');
  // Stripe does not void drafts (they are deleted instead), so a draft gets the same refusal as any invoice that is not open.
  if (invoice.status !== 'open') throw invalidState("You can only pass in open invoices. This invoice isn't open.");
  voidOpenInvoice(state, invoice, now);
  return invoice;
}

export function listInvoices({ state, params }: Context<ListInvoiceParams>): ListPage<Invoice> {
  const matches = (invoice: Invoice): boolean =>
    (params.customer === undefined || invoice.customer === params.customer) &&
    (params.status === undefined || invoice.status === params.status) &&
    (params.collection_method === undefined || invoice['collection_method'] === params.collection_method) &&
    (params.subscription === undefined || invoice.parent?.subscription_details.subscription === params.subscription);
  return paginate({ url: '/v1/invoices', resource: 'invoice', all: newestFirst(state.invoices), matches }, params);
}
