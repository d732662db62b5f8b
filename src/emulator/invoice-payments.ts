/**
 * The payment intent behind an invoice. Stripe makes one when it finalizes an invoice with money due and
 * records it as the invoice's default `invoice_payment`; the invoice names it only through its includable
 * fields, `confirmation_secret` and `payments` (returned when asked for with `expand[]`). Confirming that intent
 * is how an incomplete subscription's first invoice gets paid.
 */
import { emit } from './events.js';
import { newId } from './ids.js';
import type { Invoice } from './invoice-object.js';
import { buildPaymentIntent, type PaymentIntent } from './objects.js';
import type { State } from './store.js';

export type InvoicePaymentStatus = 'open' | 'paid' | 'canceled';

/** Stripe's `invoice_payment` object. */
export interface InvoicePayment {
  id: string;
  object: 'invoice_payment';
  amount_paid: number | null;
  amount_requested: number;
  created: number;
  currency: string;
  invoice: string;
  is_default: boolean;
  livemode: false;
  payment: { type: 'payment_intent'; payment_intent: string };
  status: InvoicePaymentStatus;
  status_transitions: { canceled_at: number | null; paid_at: number | null };
}

// Stripe describes an invoice's payment intent by why the invoice was made.
const DESCRIPTIONS: Readonly<Record<string, string>> = { subscription_create: 'Subscription creation', manual: 'Payment for Invoice' };

/** Makes the invoice's payment intent at finalization, as Stripe does for an invoice with money due. */
export function openInvoicePayment(state: State, now: number, invoice: Invoice, setupFutureUsage: PaymentIntent['setup_future_usage']): PaymentIntent {
  const intent = buildPaymentIntent(newId('pi'), now, {
    amount: invoice.amount_due,
    currency: invoice.currency,
    capture_method: 'automatic',
    automatic_payment_methods: null,
    payment_method_types: ['card'],
    payment_method_configuration: null,
  });
  intent.customer = invoice.customer;
  intent.description = DESCRIPTIONS[String(invoice['billing_reason'])] ?? 'Payment for Invoice';
  intent.setup_future_usage = setupFutureUsage;
  state.paymentIntents.set(intent.id, intent);
  state.invoicePayments.set(invoice.id, {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: invoice.amount_due,
    created: now,
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: intent.id },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  });
  emit(state.log, now, 'payment_intent.created', intent);
  return intent;
}

/** The invoice's payment intent, once it is finalized with money due. */
export function invoiceIntent(state: State, invoice: string): PaymentIntent | undefined {
  const payment = state.invoicePayments.get(invoice);
  return payment === undefined ? undefined : state.paymentIntents.get(payment.payment.payment_intent);
}

/** The invoice a payment intent was made for, if it was made for one. */
export function invoiceOfIntent(state: State, intent: string): Invoice | undefined {
  for (const payment of state.invoicePayments.values()) {
    if (payment.payment.payment_intent === intent) return state.invoices.get(payment.invoice);
  }
  return undefined;
}

/** Records how the invoice's payment ended. */
export function closeInvoicePayment(state: State, invoice: Invoice, status: 'paid' | 'canceled', now: number): void {
  const payment = state.invoicePayments.get(invoice.id);
  if (payment === undefined || payment.status !== 'open') return;
  payment.status = status;
  if (status === 'paid') {
    payment.amount_paid = payment.amount_requested;
    payment.status_transitions.paid_at = now;
  } else payment.status_transitions.canceled_at = now;
}

/**
 * The invoice's includable fields, for `expand[]=confirmation_secret` and `expand[]=payments` (and
 * `latest_invoice.…` from a subscription): the client secret of its payment intent (null while there is none)
 * and the list of its invoice payments.
 */
export function invoiceIncludables(state: State, invoice: Invoice) {
  const payment = state.invoicePayments.get(invoice.id);
  const intent = invoiceIntent(state, invoice.id);
  return {
    confirmation_secret: intent ? { client_secret: intent.client_secret, type: 'payment_intent' } : null,
    payments: {
      object: 'list' as const,
      data: payment ? [structuredClone(payment)] : [],
      has_more: false,
      total_count: payment ? 1 : 0,
      url: `/v1/invoices/${invoice.id}/payments`,
    },
  };
}
