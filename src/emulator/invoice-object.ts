/** The invoice and its line items: the largest object the emulator returns, so it has a file of its own. */
import { newId } from './ids.js';
import type { Customer, Metadata, Period, Price, SubscriptionItem } from './objects.js';

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface InvoiceLine {
  id: string;
  object: 'line_item';
  amount: number;
  [field: string]: unknown;
}

export interface StatusTransitions {
  finalized_at: number | null;
  marked_uncollectible_at: number | null;
  paid_at: number | null;
  voided_at: number | null;
}

export interface Invoice {
  id: string;
  object: 'invoice';
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  attempted: boolean;
  auto_advance: boolean;
  automatically_finalizes_at: number | null;
  created: number;
  currency: string;
  customer: string;
  description: string | null;
  lines: { object: 'list'; data: InvoiceLine[]; has_more: false; total_count: number; url: string };
  metadata: Metadata;
  next_payment_attempt: number | null;
  number: string | null;
  parent: { type: 'subscription_details'; quote_details: null; subscription_details: { metadata: Metadata; subscription: string } } | null;
  status: InvoiceStatus;
  status_transitions: StatusTransitions;
  [field: string]: unknown;
}

/** What an invoice is made from. `subscription` links it to a subscription (Stripe's `parent.subscription_details`). */
export interface InvoiceInput {
  customer: Customer;
  currency: string;
  billingReason: 'manual' | 'subscription_create';
  subscription: { id: string; metadata: Metadata } | null;
  autoAdvance: boolean;
  /** When Stripe would finalize a draft on its own; null when auto_advance is off. */
  finalizesAt: number | null;
}

const MONEY_SYMBOLS: Readonly<Record<string, string>> = { usd: '$', eur: '€', gbp: '£', jpy: '¥', cad: 'CA$', aud: 'A$' };
// Zero-decimal currencies are written without cents: ¥1000, not ¥10.00.
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

export function formatMoney(amount: number, currency: string): string {
  const value = ZERO_DECIMAL.has(currency) ? String(amount) : (amount / 100).toFixed(2);
  const symbol = MONEY_SYMBOLS[currency];
  return symbol ? `${symbol}${value}` : `${value} ${currency.toUpperCase()}`;
}

/** Stripe's line description for a subscription item: `1 × Pro Plan (at $29.99 / month)`. */
export function describeItem(productName: string, price: Price, quantity: number): string {
  const recurring = price.recurring;
  const every = !recurring ? '' : recurring.interval_count === 1 ? ` / ${recurring.interval}` : ` every ${recurring.interval_count} ${recurring.interval}s`;
  return `${quantity} × ${productName} (at ${formatMoney(price.unit_amount, price.currency)}${every})`;
}

export interface LineInput {
  item: SubscriptionItem;
  description: string;
  amount: number;
  period: Period;
}

export function buildSubscriptionLine(invoice: string, line: LineInput): InvoiceLine {
  const { item } = line;
  return {
    id: newId('il'),
    object: 'line_item',
    amount: line.amount,
    currency: item.price.currency,
    description: line.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice,
    livemode: false,
    metadata: {},
    parent: {
      invoice_item_details: null,
      subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: item.subscription, subscription_item: item.id },
      type: 'subscription_item_details',
    },
    period: { end: line.period.end, start: line.period.start },
    pretax_credit_amounts: [],
    pricing: { price_details: { price: item.price.id, product: item.price.product }, type: 'price_details', unit_amount_decimal: String(item.price.unit_amount) },
    quantity: item.quantity,
    quantity_decimal: String(item.quantity),
    subscription: item.subscription,
    subtotal: line.amount,
    taxes: [],
  };
}

/** The customer fields an invoice copies; Stripe refreshes them until the invoice is finalized. */
export const customerEcho = (customer: Customer) => ({
  customer_address: customer.address,
  customer_email: customer.email,
  customer_name: customer.name,
  customer_phone: customer.phone,
  customer_shipping: customer['shipping'] ?? null,
  customer_tax_exempt: customer['tax_exempt'] ?? 'none',
  customer_tax_ids: [],
});

/** Every amount on the invoice follows from its lines: no tax, discounts, credit balance or shipping here. */
export function invoiceAmounts(lines: readonly InvoiceLine[], paid: number) {
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  return {
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: paid,
    amount_remaining: total - paid,
    amount_shipping: 0,
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
  };
}

// Fields that stay at Stripe's default for every invoice the emulator makes.
const INVOICE_DEFAULTS = {
  account_country: 'US',
  account_name: null,
  account_tax_ids: null,
  application: null,
  automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
  collection_method: 'charge_automatically',
  custom_fields: null,
  customer_account: null,
  default_payment_method: null,
  default_source: null,
  default_tax_rates: [],
  discounts: [],
  due_date: null,
  effective_at: null,
  ending_balance: null,
  footer: null,
  from_invoice: null,
  hosted_invoice_url: null,
  invoice_pdf: null,
  issuer: { type: 'self' },
  last_finalization_error: null,
  latest_revision: null,
  livemode: false,
  on_behalf_of: null,
  payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
  post_payment_credit_notes_amount: 0,
  pre_payment_credit_notes_amount: 0,
  receipt_number: null,
  shipping_cost: null,
  shipping_details: null,
  starting_balance: 0,
  statement_descriptor: null,
  test_clock: null,
  total_discount_amounts: [],
  total_pretax_credit_amounts: [],
  total_taxes: [],
} as const;

// Stripe writes `id` and `object` first and every other field in alphabetical order.
function stripeOrder<T extends { id: string; object: string }>(value: T): T {
  const { id, object, ...rest } = value;
  return { id, object, ...Object.fromEntries(Object.keys(rest).sort().map((key) => [key, rest[key as keyof typeof rest]])) } as T;
}

export function buildInvoice(id: string, created: number, input: InvoiceInput): Invoice {
  const { subscription } = input;
  return stripeOrder<Invoice>({
    id,
    object: 'invoice',
    ...INVOICE_DEFAULTS,
    ...invoiceAmounts([], 0),
    attempt_count: 0,
    attempted: false,
    auto_advance: input.autoAdvance,
    automatically_finalizes_at: input.finalizesAt,
    billing_reason: input.billingReason,
    created,
    currency: input.currency,
    customer: input.customer.id,
    ...customerEcho(input.customer),
    description: null,
    lines: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/invoices/${id}/lines` },
    metadata: {},
    // Stripe tries to collect an automatically advancing invoice about an hour after it is created.
    next_payment_attempt: input.finalizesAt,
    number: null,
    parent: subscription ? { quote_details: null, subscription_details: { metadata: subscription.metadata, subscription: subscription.id }, type: 'subscription_details' } : null,
    period_end: created,
    period_start: created,
    // Stripe renders subscription invoices with the subscription's settings (null) and manual ones with the account's.
    rendering: subscription ? null : { amount_tax_display: null, pdf: { page_size: 'auto' }, template: null, template_version: null },
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    webhooks_delivered_at: created,
  });
}

/** Puts lines on a draft and recomputes its amounts. */
export function setLines(invoice: Invoice, lines: InvoiceLine[]): void {
  Object.assign(invoice, invoiceAmounts(lines, invoice.amount_paid));
  invoice.lines = { ...invoice.lines, data: lines, total_count: lines.length };
}
