import { recordFunds } from './balance.js';
import { cardDeclined, chargeObject } from './charges.js';
import type { Context } from './context.js';
import { fail, invalidState, resourceMissing, type StripeFailure } from './errors.js';
import { emit, snapshot } from './events.js';
import { newId, randomString } from './ids.js';
import { buildInvoice, customerEcho, type Invoice, type InvoiceInput } from './invoice-object.js';
import { type ListPage, paginate } from './list.js';
import { findCustomer, findInvoice, findSubscription } from './lookup.js';
import { mergeMetadata } from './metadata.js';
import type { Config } from './options.js';
import type { CreateInvoiceParams, ListInvoiceParams, PayInvoiceParams } from './parameters/invoices.js';
import { resolvePaymentMethod, type StoredPaymentMethod } from './payment-methods.js';
import { newestFirst, type State } from './store.js';

/** Creates and stores a draft; with no lines its total is 0. The caller records `invoice.created` once it is filled in. */
export function insertInvoice(state: State, now: number, input: InvoiceInput): Invoice {
  const invoice = buildInvoice(newId('in'), now, input);
  state.invoices.set(invoice.id, invoice);
  return invoice;
}

/** Paid: `invoice.paid`, and `invoice.payment_succeeded` too when money (or nothing, for a $0 invoice) was collected rather than paid out of band. */
export function markPaid(state: State, invoice: Invoice, now: number, { outOfBand = false } = {}): void {
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
  activateSubscriptionOf(state, invoice, now);
}

/** A subscription waiting on its first payment becomes active once that invoice is paid, as on Stripe. */
function activateSubscriptionOf(state: State, invoice: Invoice, now: number): void {
  const id = invoice.parent?.subscription_details.subscription;
  const subscription = id === undefined ? undefined : state.subscriptions.get(id);
  if (subscription?.status !== 'incomplete' || subscription.latest_invoice !== invoice.id) return;
  const before = snapshot(subscription);
  subscription.status = 'active';
  emit(state.log, now, 'customer.subscription.updated', subscription, before);
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
  if (invoice.amount_due === 0) markPaid(state, invoice, now);
}

/** Finalizes the drafts whose one-hour `auto_advance` window has passed on the emulator clock. */
export function finalizeDueInvoices(state: State, now: number): void {
  for (const invoice of state.invoices.values()) {
    if (invoice.status === 'draft' && invoice.automatically_finalizes_at !== null && invoice.automatically_finalizes_at <= now) finalize(state, invoice, now);
  }
}

/** Charges an open invoice's remaining amount to the card; a decline leaves it open and answers Stripe's 402. */
export function collect(state: State, config: Config, now: number, invoice: Invoice, method: StoredPaymentMethod): void {
  invoice.attempt_count += 1;
  invoice.attempted = true;
  const chargeId = newId('ch');
  const made = { amount: invoice.amount_remaining, currency: invoice.currency, customer: invoice.customer, paymentIntent: null, method, captured: true };
  if (method.outcome.kind === 'decline') {
    emit(state.log, now, 'charge.failed', chargeObject(chargeId, now, made, method.outcome));
    emit(state.log, now, 'invoice.payment_failed', invoice);
    throw cardDeclined(method.outcome, chargeId, method);
  }
  recordFunds(state, config, now, invoice.amount_remaining, invoice.currency);
  emit(state.log, now, 'charge.succeeded', chargeObject(chargeId, now, made));
  markPaid(state, invoice, now);
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

function collectionSettings(params: CreateInvoiceParams, now: number) {
  const method = params.collection_method ?? 'charge_automatically';
  if (method === 'send_invoice' && params.days_until_due === undefined) {
    throw invalidState("If invoice collection method is 'send_invoice', you must specify 'due_date' or 'days_until_due'.");
  }
  if (method === 'charge_automatically' && params.days_until_due !== undefined) {
    throw invalidState("You can only specify 'due_date' or 'days_until_due' if invoice collection method is 'send_invoice'.");
  }
  return { collection_method: method, due_date: params.days_until_due === undefined ? null : now + params.days_until_due * 86_400 };
}

export function createInvoice({ state, config, now, params }: Context<CreateInvoiceParams>): Invoice {
  const customer = findCustomer(state, params.customer, { param: 'customer', status: 400 });
  const settings = collectionSettings(params, now);
  const subscription = subscriptionFor(state, params.subscription, customer.id);
  const autoAdvance = params.auto_advance ?? false;
  const invoice = insertInvoice(state, now, {
    customer,
    currency: customer.currency ?? 'usd',
    billingReason: 'manual',
    subscription,
    autoAdvance,
    finalizesAt: autoAdvance ? now + config.autoAdvanceDelay : null,
  });
  Object.assign(invoice, settings);
  if (params.description !== undefined) invoice.description = params.description;
  invoice.metadata = mergeMetadata({}, params.metadata);
  emit(state.log, now, 'invoice.created', invoice);
  if (autoAdvance && config.autoAdvanceDelay === 0) finalize(state, invoice, now);
  return invoice;
}

// Stripe names the path parameter `invoice` when retrieving, and `id` on pay and void.
export const getInvoice = ({ state, id }: Context<unknown>): Invoice => findInvoice(state, id, { param: 'invoice', status: 404 });

function paymentMethodFor(state: State, invoice: Invoice, requested: string | undefined, now: number): StoredPaymentMethod {
  const id = requested ?? state.customers.get(invoice.customer)?.invoice_settings.default_payment_method ?? null;
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
  collect(state, config, now, invoice, paymentMethodFor(state, invoice, params.payment_method, now));
  return invoice;
}

export function voidInvoice({ state, now, id }: Context<unknown>): Invoice {
  const invoice = findInvoice(state, id);
  if (invoice.status === 'paid') throw invalidState('Invoices with `paid` payments cannot be voided.');
  // Stripe does not void drafts (they are deleted instead), so a draft gets the same refusal as any invoice that is not open.
  if (invoice.status !== 'open') throw invalidState("You can only pass in open invoices. This invoice isn't open.");
  invoice.status = 'void';
  invoice.auto_advance = false;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.voided_at = now;
  emit(state.log, now, 'invoice.voided', invoice);
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
