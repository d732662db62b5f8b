/**
 * All of an emulator's state, as plain maps. Maps keep insertion order, which is creation order, so a list is
 * the map's values read backwards (newest first), as Stripe lists them.
 */
import { createEventLog, type EventLog, type EventSettings } from './events.js';
import { newId } from './ids.js';
import type { Invoice } from './invoice-object.js';
import type { InvoicePayment } from './invoice-payments.js';
import type { Customer, PaymentIntent, Price, Product, Subscription } from './objects.js';
import type { StoredPaymentMethod } from './payment-methods.js';

/** Money that reached the account: what `GET /v1/balance` adds up. */
export interface LedgerEntry {
  amount: number;
  currency: string;
  /** When the funds move from `pending` to `available` (Unix seconds). */
  availableOn: number;
}

/** A stored response for an `Idempotency-Key`, replayed as it was. */
export interface IdempotentEntry {
  fingerprint: string;
  createdAt: number;
  requestId: string;
  status: number;
  body: string;
}

export interface State {
  /** A made-up account id, used in hosted invoice URLs. */
  readonly accountId: string;
  /** The payment method configuration automatic payment methods point at. */
  readonly paymentMethodConfiguration: string;
  readonly customers: Map<string, Customer>;
  /** Ids of deleted customers: still retrievable (as the deleted stub), never listed. */
  readonly deletedCustomers: Set<string>;
  readonly products: Map<string, Product>;
  readonly prices: Map<string, Price>;
  readonly paymentIntents: Map<string, PaymentIntent>;
  readonly invoices: Map<string, Invoice>;
  readonly subscriptions: Map<string, Subscription>;
  readonly paymentMethods: Map<string, StoredPaymentMethod>;
  /** Each finalized invoice's default payment (its payment intent), by invoice id. */
  readonly invoicePayments: Map<string, InvoicePayment>;
  readonly ledger: LedgerEntry[];
  /** Keyed by API key and idempotency key together, so two keys never share an entry. */
  readonly idempotency: Map<string, IdempotentEntry>;
  /** Every event, oldest first, and who hears them. */
  readonly log: EventLog;
}

export function createState(events?: EventSettings): State {
  return {
    accountId: newId('acct').slice(0, 21),
    paymentMethodConfiguration: newId('pmc'),
    customers: new Map(),
    deletedCustomers: new Set(),
    products: new Map(),
    prices: new Map(),
    paymentIntents: new Map(),
    invoices: new Map(),
    subscriptions: new Map(),
    paymentMethods: new Map(),
    invoicePayments: new Map(),
    ledger: [],
    idempotency: new Map(),
    log: createEventLog(events),
  };
}

/** Newest first. */
export const newestFirst = <T>(map: ReadonlyMap<string, T>): T[] => Array.from(map.values()).reverse();
