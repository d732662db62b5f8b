import type { Context } from './context.js';
import { resourceMissing } from './errors.js';
import { newId, newInvoicePrefix } from './ids.js';
import { type ListPage, paginate } from './list.js';
import { findCustomer } from './lookup.js';
import { emit, snapshot } from './events.js';
import { copyDefined, mergeMetadata } from './metadata.js';
import { type Address, buildCustomer, type Customer, deletedCustomer } from './objects.js';
import type { CustomerParams, ListCustomerParams } from './parameters/customers.js';
import { attachPaymentMethod, mintPaymentMethod, resolvePaymentMethod, type StoredPaymentMethod } from './payment-methods.js';
import type { State } from './store.js';
import { endSubscription } from './subscriptions.js';

const EMPTY_ADDRESS: Address = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };

function paymentMethodNamed(state: State, value: string, param: string, now: number): StoredPaymentMethod {
  const stored = resolvePaymentMethod(state, value, now);
  if (!stored) throw resourceMissing('PaymentMethod', value, param, 400);
  return stored;
}

/**
 * The payment methods a request attaches: `payment_method`, and `invoice_settings[default_payment_method]`,
 * which names the same one when it repeats the token (Stripe's guides send both). Stripe only takes a default
 * that is attached to the customer; here a test token given only as the default is minted and attached too.
 * Attaching checks the card first, so a declining test card is refused (402) before anything is written.
 */
function attachments(state: State, customer: Customer, params: CustomerParams, now: number) {
  const attached = params.payment_method === undefined ? undefined : paymentMethodNamed(state, params.payment_method, 'payment_method', now);
  const wanted = params.invoice_settings?.default_payment_method;
  const defaultMethod =
    wanted === undefined || wanted === null ? wanted : wanted === params.payment_method && attached ? attached : paymentMethodNamed(state, wanted, 'invoice_settings[default_payment_method]', now);
  for (const stored of [attached, defaultMethod]) if (stored) attachPaymentMethod(stored, customer.id);
  return defaultMethod === undefined ? undefined : (defaultMethod?.object.id ?? null);
}

/** Stripe returns a shipping address with every address field, null where none was given. */
const shippingOf = (shipping: NonNullable<CustomerParams['shipping']>) => ({
  address: { ...EMPTY_ADDRESS, ...shipping.address },
  name: shipping.name,
  phone: shipping.phone ?? null,
});

function applyCustomerParams(state: State, customer: Customer, params: CustomerParams, now: number): void {
  const defaultMethod = attachments(state, customer, params, now);
  copyDefined(customer, params, ['balance', 'description', 'email', 'name', 'phone', 'tax_exempt']);
  if (params.preferred_locales !== undefined) customer['preferred_locales'] = params.preferred_locales ?? [];
  // An address is replaced as a whole; `address=` removes it.
  if (params.address !== undefined) customer.address = params.address === null ? null : { ...EMPTY_ADDRESS, ...params.address };
  if (params.shipping !== undefined) customer['shipping'] = params.shipping === null ? null : shippingOf(params.shipping);
  customer.metadata = mergeMetadata(customer.metadata, params.metadata);
  const settings = params.invoice_settings;
  if (settings?.footer !== undefined) customer.invoice_settings.footer = settings.footer;
  if (defaultMethod !== undefined) customer.invoice_settings.default_payment_method = defaultMethod;
}

export function createCustomer({ state, config, now, params, echo }: Context<CustomerParams>): Customer {
  const customer = buildCustomer(newId('cus'), now, newInvoicePrefix());
  echo(customer);
  // The emulator's convenience option (off unless asked for): a test card on file for every new customer. It is
  // set without the bank check, so a declining card can be put on file to test declines.
  if (config.defaultPaymentMethod !== null) {
    const stored = mintPaymentMethod(state, config.defaultPaymentMethod, now);
    stored.object.customer = customer.id;
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

export function updateCustomer({ state, now, params, id, echo }: Context<CustomerParams>): Customer {
  const customer = findCustomer(state, id);
  const before = snapshot(customer);
  applyCustomerParams(state, customer, params, now);
  echo(customer);
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
