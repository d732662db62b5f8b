/** Finding stored objects by id, failing the way Stripe does when there is no such object. */
import { type ResourceName, resourceMissing } from './errors.js';
import type { Invoice } from './invoice-object.js';
import type { Customer, PaymentIntent, Price, Product, Subscription } from './objects.js';
import type { State } from './store.js';

/**
 * Where the id came from decides the answer: an id in the path is a 404 naming the path parameter, an id in the
 * body names that parameter (Stripe answers most of those with 400).
 */
export interface IdSource {
  param: string;
  status: number;
}

const PATH_ID: IdSource = { param: 'id', status: 404 };

function find<T>(map: ReadonlyMap<string, T>, resource: ResourceName, id: string, source: IdSource): T {
  const found = map.get(id);
  if (found === undefined) throw resourceMissing(resource, id, source.param, source.status);
  return found;
}

/** A customer that exists and is not deleted. */
export function findCustomer(state: State, id: string, source: IdSource = PATH_ID): Customer {
  if (state.deletedCustomers.has(id)) throw resourceMissing('customer', id, source.param, source.status);
  return find(state.customers, 'customer', id, source);
}

export const findProduct = (state: State, id: string, source: IdSource = PATH_ID): Product => find(state.products, 'product', id, source);

export const findPrice = (state: State, id: string, source: IdSource = PATH_ID): Price => find(state.prices, 'price', id, source);

// Stripe names the path parameter of payment intent routes `intent`.
export const findPaymentIntent = (state: State, id: string): PaymentIntent => find(state.paymentIntents, 'payment_intent', id, { param: 'intent', status: 404 });

export const findInvoice = (state: State, id: string, source: IdSource = PATH_ID): Invoice => find(state.invoices, 'invoice', id, source);

export const findSubscription = (state: State, id: string, source: IdSource = PATH_ID): Subscription => find(state.subscriptions, 'subscription', id, source);
