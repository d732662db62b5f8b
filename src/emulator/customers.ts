import type { Context } from './context.js';
import { resourceMissing } from './errors.js';
import { newId, newInvoicePrefix } from './ids.js';
import { type ListPage, paginate } from './list.js';
import { findCustomer } from './lookup.js';
import { emit, snapshot } from './events.js';
import { copyDefined, mergeMetadata } from './metadata.js';
import { type Address, buildCustomer, type Customer, deletedCustomer } from './objects.js';
import type { CustomerParams, ListCustomerParams } from './parameters/customers.js';
import { mintPaymentMethod, resolvePaymentMethod } from './payment-methods.js';
import type { State } from './store.js';
import { endSubscription } from './subscriptions.js';

const EMPTY_ADDRESS: Address = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

// Stripe only accepts a payment method already attached to the customer; test tokens are minted and attached here.
function defaultPaymentMethodFor(state: State, customer: Customer, value: string | null, now: number): string | null {
  if (value === null) return null;
  const stored = resolvePaymentMethod(state, value, now);
  if (!stored) throw resourceMissing('PaymentMethod', value, 'invoice_settings[default_payment_method]', 400);
  stored.object['customer'] = customer.id;
  return stored.object.id;
}

function applyCustomerParams(state: State, customer: Customer, params: CustomerParams, now: number): void {
  copyDefined(customer, params, ['balance', 'description', 'email', 'name', 'phone', 'tax_exempt']);
  if (params.preferred_locales !== undefined) customer['preferred_locales'] = params.preferred_locales ?? [];
  // An address is replaced as a whole; `address=` removes it.
  if (params.address !== undefined) customer.address = params.address === null ? null : { ...EMPTY_ADDRESS, ...params.address };
  customer.metadata = mergeMetadata(customer.metadata, params.metadata);
  const settings = params.invoice_settings;
  if (settings?.footer !== undefined) customer.invoice_settings.footer = settings.footer;
  if (settings?.default_payment_method !== undefined) {
    customer.invoice_settings.default_payment_method = defaultPaymentMethodFor(state, customer, settings.default_payment_method, now);
  }
}

export function createCustomer({ state, config, now, params }: Context<CustomerParams>): Customer {
  const customer = buildCustomer(newId('cus'), now, newInvoicePrefix());
  if (config.defaultPaymentMethod !== null) {
    const stored = mintPaymentMethod(state, config.defaultPaymentMethod, now);
    stored.object['customer'] = customer.id;
    customer.invoice_settings.default_payment_method = stored.object.id;
  }
  applyCustomerParams(state, customer, params, now);
  state.customers.set(customer.id, customer);
  emit(state.log, now, 'customer.created', customer);
  return customer;
}

/** A deleted customer can still be retrieved: Stripe answers with the deleted stub. */
export function getCustomer({ state, id }: Context<unknown>) {
  return state.deletedCustomers.has(id) ? deletedCustomer(id) : findCustomer(state, id);
}

export function updateCustomer({ state, now, params, id }: Context<CustomerParams>): Customer {
  const customer = findCustomer(state, id);
  const before = snapshot(customer);
  applyCustomerParams(state, customer, params, now);
  emit(state.log, now, 'customer.updated', customer, before);
  return customer;
}

/** Deleting a customer also cancels its subscriptions at once, as Stripe does. */
export function deleteCustomer({ state, now, id }: Context<unknown>) {
  const customer = findCustomer(state, id);
  state.deletedCustomers.add(id);
  for (const subscription of state.subscriptions.values()) {
    if (subscription.customer === id && subscription.status !== 'canceled') endSubscription(state, subscription, now);
  }
  emit(state.log, now, 'customer.deleted', customer);
  return deletedCustomer(id);
}

export function listCustomers({ state, params }: Context<ListCustomerParams>): ListPage<Customer> {
  const all = Array.from(state.customers.values())
    .filter((customer) => !state.deletedCustomers.has(customer.id))
    .reverse();
  return paginate({ url: '/v1/customers', resource: 'customer', all, matches: (customer) => params.email === undefined || customer.email === params.email }, params);
}
