/**
 * The route table: the 25 Stripe operations the emulator answers, and Stripe's events routes, each with the
 * parameters it accepts.
 * Anything else is Stripe's "Unrecognized request URL".
 */
import { getBalance } from './balance.js';
import { type Method, type Route, route } from './context.js';
import { createCustomer, deleteCustomer, getCustomer, listCustomers, updateCustomer } from './customers.js';
import { getEvent, listEvents } from './events.js';
import { createInvoice, getInvoice, listInvoices, payInvoice, voidInvoice } from './invoices.js';
import { createCustomerFields, deleteCustomerFields, getCustomerFields, listCustomerFields, updateCustomerFields } from './parameters/customers.js';
import { getEventFields, listEventFields } from './parameters/events.js';
import { createInvoiceFields, getInvoiceFields, listInvoiceFields, payInvoiceFields, voidInvoiceFields } from './parameters/invoices.js';
import {
  cancelPaymentIntentFields,
  capturePaymentIntentFields,
  confirmPaymentIntentFields,
  createPaymentIntentFields,
  getPaymentIntentFields,
  updatePaymentIntentFields,
} from './parameters/payment-intents.js';
import { createPriceFields, listPriceFields } from './parameters/prices.js';
import { createProductFields, getProductFields, listProductFields } from './parameters/products.js';
import { expandOnly } from './parameters/shared.js';
import { cancelSubscriptionFields, createSubscriptionFields, getSubscriptionFields } from './parameters/subscriptions.js';
import { cancelPaymentIntent, capturePaymentIntent, confirmPaymentIntent, createPaymentIntent, getPaymentIntent, updatePaymentIntent } from './payment-intents.js';
import { createPrice, listPrices } from './prices.js';
import { createProduct, getProduct, listProducts } from './products.js';
import { cancelSubscription, createSubscription, getSubscription } from './subscriptions.js';
import { TEST_HELPER_ROUTES } from './test-helpers.js';

export const ROUTES: readonly Route[] = [
  route('POST', '/v1/customers', createCustomerFields, createCustomer),
  route('GET', '/v1/customers', listCustomerFields, listCustomers),
  route('GET', '/v1/customers/:id', getCustomerFields, getCustomer),
  route('POST', '/v1/customers/:id', updateCustomerFields, updateCustomer),
  route('DELETE', '/v1/customers/:id', deleteCustomerFields, deleteCustomer),
  route('POST', '/v1/products', createProductFields, createProduct),
  route('GET', '/v1/products', listProductFields, listProducts),
  route('GET', '/v1/products/:id', getProductFields, getProduct),
  route('POST', '/v1/prices', createPriceFields, createPrice),
  route('GET', '/v1/prices', listPriceFields, listPrices),
  route('POST', '/v1/payment_intents', createPaymentIntentFields, createPaymentIntent),
  route('GET', '/v1/payment_intents/:id', getPaymentIntentFields, getPaymentIntent),
  route('POST', '/v1/payment_intents/:id', updatePaymentIntentFields, updatePaymentIntent),
  route('POST', '/v1/payment_intents/:id/confirm', confirmPaymentIntentFields, confirmPaymentIntent),
  route('POST', '/v1/payment_intents/:id/cancel', cancelPaymentIntentFields, cancelPaymentIntent),
  route('POST', '/v1/payment_intents/:id/capture', capturePaymentIntentFields, capturePaymentIntent),
  route('POST', '/v1/invoices', createInvoiceFields, createInvoice),
  route('GET', '/v1/invoices', listInvoiceFields, listInvoices),
  route('GET', '/v1/invoices/:id', getInvoiceFields, getInvoice),
  route('POST', '/v1/invoices/:id/pay', payInvoiceFields, payInvoice),
  route('POST', '/v1/invoices/:id/void', voidInvoiceFields, voidInvoice),
  route('POST', '/v1/subscriptions', createSubscriptionFields, createSubscription),
  route('GET', '/v1/subscriptions/:id', getSubscriptionFields, getSubscription),
  route('DELETE', '/v1/subscriptions/:id', cancelSubscriptionFields, cancelSubscription),
  route('GET', '/v1/balance', expandOnly, getBalance),
  route('GET', '/v1/events', listEventFields, listEvents),
  route('GET', '/v1/events/:id', getEventFields, getEvent),
];

export interface RouteMatch {
  route: Route;
  id: string;
}

// A malformed escape cannot name an object; treating it as no id makes the URL unrecognized.
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}

function matchPath(pattern: string, path: string): string | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  let id = '';
  for (let i = 0; i < want.length; i += 1) {
    const part = got[i] as string;
    if (want[i] === ':id') {
      if (part === '') return null;
      id = safeDecode(part);
      if (id === '') return null;
    } else if (want[i] !== part) return null;
  }
  return id;
}

/** The route for a method and path, with the `{id}` segment; undefined when Stripe would not recognize the URL. */
export function matchRoute(method: string, path: string, routes: readonly Route[] = [...ROUTES, ...TEST_HELPER_ROUTES]): RouteMatch | undefined {
  for (const candidate of routes) {
    if (candidate.method !== (method as Method)) continue;
    const id = matchPath(candidate.path, path);
    if (id !== null) return { route: candidate, id };
  }
  return undefined;
}
