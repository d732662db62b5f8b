// Type-level tests: `npm run typecheck` fails when one of these stops holding (the runtime part is trivial).
import { expectTypeOf, test } from 'vitest';
import {
  cancelPaymentIntent,
  cancelSubscription,
  capturePaymentIntent,
  type Client,
  confirmPaymentIntent,
  createInvoice,
  type Customer,
  createClient,
  createPrice,
  createStripe,
  createSubscription,
  deleteCustomer,
  getCustomer,
  type GetCustomerParams,
  getInvoice,
  getPaymentIntent,
  getProduct,
  getSubscription,
  listCustomers,
  listInvoices,
  listPrices,
  listProducts,
  paginate,
  payInvoice,
  type PaymentIntent,
  createPaymentIntent,
  type StripeId,
  updateCustomer,
  updatePaymentIntent,
  voidInvoice,
} from '../src/index.js';

const client = {} as Client;

test('results are Stripe objects with a request id', () => {
  expectTypeOf<Awaited<ReturnType<typeof createPaymentIntent>>>().toMatchTypeOf<PaymentIntent>();
  expectTypeOf<Awaited<ReturnType<typeof createPaymentIntent>>['requestId']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<Awaited<ReturnType<typeof listCustomers>>['customers']>().toEqualTypeOf<Customer[]>();
  expectTypeOf<Awaited<ReturnType<typeof getSubscription>>['current_period_end']>().toEqualTypeOf<number>();
  expectTypeOf<Awaited<ReturnType<typeof getCustomer>>['id']>().toEqualTypeOf<string>();
});

test('paginate yields the list items', () => {
  expectTypeOf(paginate(listCustomers, client, { limit: 10 })).toEqualTypeOf<AsyncGenerator<Customer, void, undefined>>();
});

test('arguments are checked at compile time', () => {
  const compileOnly = () => {
    // @ts-expect-error currency is required
    void createPrice(client, { product: 'prod_1', unit_amount: 100 });
    // @ts-expect-error not an interval Stripe knows
    void createPrice(client, { product: 'prod_1', unit_amount: 100, currency: 'usd', recurring_interval: 'fortnight' });
    // @ts-expect-error unknown argument
    void paginate(listCustomers, client, { limt: 10 });
    // @ts-expect-error createClient needs a key
    createClient({});
  };
  expectTypeOf(compileOnly).toBeFunction();
});

test('createStripe knows its account aliases', () => {
  const compileOnly = () => {
    const stripe = createStripe({ accounts: { default: { apiKey: 'sk_test_1' }, work: { apiKey: 'sk_test_2' } } });
    expectTypeOf(stripe.work.listInvoices).toBeFunction();
    expectTypeOf(stripe.createCustomer).toBeFunction();
    // @ts-expect-error no such account
    void stripe.personal;
  };
  expectTypeOf(compileOnly).toBeFunction();
});

// The prefixes are Stripe's (https://docs.stripe.com/api): cus_ customers, prod_ products, price_ prices, pi_ payment
// intents, in_ invoices, sub_ subscriptions, pm_ payment methods (card_ and src_ for the older objects Stripe still takes).
test('StripeId checks a literal against the prefix and leaves a plain string alone', () => {
  expectTypeOf<StripeId<'cus_', 'cus_123'>>().toEqualTypeOf<'cus_123'>();
  expectTypeOf<StripeId<'cus_', 'sub_123'>>().toEqualTypeOf<`cus_${string}`>();
  expectTypeOf<StripeId<'cus_', string>>().toEqualTypeOf<string>();
  expectTypeOf<StripeId<'cus_', `cus_${string}`>>().toEqualTypeOf<`cus_${string}`>();
  expectTypeOf<StripeId<'pm_' | 'card_', 'card_1'>>().toEqualTypeOf<'card_1'>();
  // Without type arguments a parameter type is the loose variant, for arguments built ahead of the call.
  expectTypeOf<GetCustomerParams['id']>().toEqualTypeOf<string>();
});

test('an ID literal with the wrong prefix is a compile error in every function that takes one', () => {
  const compileOnly = () => {
    // @ts-expect-error a subscription ID is not a customer ID
    void getCustomer(client, { id: 'sub_1' });
    // @ts-expect-error
    void updateCustomer(client, { id: 'cust_1' });
    // @ts-expect-error
    void deleteCustomer(client, { id: 'prod_1' });
    // @ts-expect-error
    void listCustomers(client, { starting_after: 'in_1' });
    // @ts-expect-error
    void getProduct(client, { id: 'price_1' });
    // @ts-expect-error
    void listProducts(client, { starting_after: 'cus_1' });
    // @ts-expect-error a product ID is not a price ID
    void createPrice(client, { product: 'price_1', unit_amount: 100, currency: 'usd' });
    // @ts-expect-error
    void listPrices(client, { product: 'pi_1' });
    // @ts-expect-error
    void listPrices(client, { starting_after: 'prod_1' });
    // @ts-expect-error
    void createPaymentIntent(client, { amount: 100, currency: 'usd', customer: 'sub_1' });
    // @ts-expect-error
    void getPaymentIntent(client, { id: 'pm_1' });
    // @ts-expect-error
    void updatePaymentIntent(client, { id: 'in_1' });
    // @ts-expect-error
    void confirmPaymentIntent(client, { id: 'cus_1' });
    // @ts-expect-error a payment intent is not a payment method
    void confirmPaymentIntent(client, { id: 'pi_1', payment_method: 'pi_1' });
    // @ts-expect-error
    void capturePaymentIntent(client, { id: 'ch_1' });
    // @ts-expect-error
    void cancelPaymentIntent(client, { id: 'seti_1' });
    // @ts-expect-error
    void createInvoice(client, { customer: 'in_1' });
    // @ts-expect-error
    void createInvoice(client, { customer: 'cus_1', subscription: 'si_1' });
    // @ts-expect-error
    void getInvoice(client, { id: 'inv_1' });
    // @ts-expect-error
    void listInvoices(client, { customer: 'acct_1' });
    // @ts-expect-error
    void listInvoices(client, { starting_after: 'ii_1' });
    // @ts-expect-error
    void payInvoice(client, { id: 'pi_1' });
    // @ts-expect-error
    void voidInvoice(client, { id: 'sub_1' });
    // @ts-expect-error
    void createSubscription(client, { customer: 'sub_1', price: 'price_1' });
    // @ts-expect-error a product where the price goes, a common slip
    void createSubscription(client, { customer: 'cus_1', price: 'prod_1' });
    // @ts-expect-error
    void getSubscription(client, { id: 'si_1' });
    // @ts-expect-error
    void cancelSubscription(client, { id: 'sub' });
    // A union of literals is checked member by member.
    const either = Math.random() > 0.5 ? 'cus_1' : 'sub_1';
    // @ts-expect-error
    void getCustomer(client, { id: either });
    // A template literal type of another object is refused too.
    const subscriptionId = 'sub_1' as `sub_${string}`;
    // @ts-expect-error
    void getCustomer(client, { id: subscriptionId });
  };
  expectTypeOf(compileOnly).toBeFunction();
});

test('right prefixes and plain strings compile without a cast', () => {
  const compileOnly = (fromDatabase: string) => {
    void getCustomer(client, { id: 'cus_1' });
    void getCustomer(client, { id: fromDatabase });
    void getCustomer(client, { id: `cus_${fromDatabase}` });
    void listCustomers(client, { starting_after: fromDatabase, limit: 10 });
    void createPrice(client, { product: 'prod_1', unit_amount: 100, currency: 'usd' });
    void createPaymentIntent(client, { amount: 100, currency: 'usd', customer: fromDatabase });
    void confirmPaymentIntent(client, { id: 'pi_1', payment_method: 'pm_card_visa' });
    void confirmPaymentIntent(client, { id: fromDatabase, payment_method: 'card_1' });
    void confirmPaymentIntent(client, { id: 'pi_1', payment_method: 'src_1' });
    void createInvoice(client, { customer: 'cus_1', subscription: fromDatabase });
    void createSubscription(client, { customer: fromDatabase, price: 'price_1' });
    void cancelSubscription(client, { id: 'sub_1' });
    const row: { customer_id: string } = { customer_id: fromDatabase };
    void createSubscription(client, { customer: row.customer_id, price: row.customer_id });
    // Arguments typed with the loose parameter type pass as they are.
    const params: GetCustomerParams = { id: fromDatabase };
    void getCustomer(client, params);
    void paginate(listCustomers, client, { starting_after: fromDatabase });
  };
  expectTypeOf(compileOnly).toBeFunction();
});

test('createStripe methods check ID prefixes as the functions do', () => {
  const compileOnly = (fromDatabase: string) => {
    const stripe = createStripe({ accounts: { default: { apiKey: 'sk_test_1' }, work: { apiKey: 'sk_test_2' } } });
    void stripe.getCustomer({ id: 'cus_1' });
    void stripe.work.getCustomer({ id: fromDatabase });
    void stripe.createCustomer();
    // @ts-expect-error
    void stripe.getCustomer({ id: 'sub_1' });
    // @ts-expect-error
    void stripe.work.createSubscription({ customer: 'cus_1', price: 'prod_1' });
    // @ts-expect-error unknown argument, still
    void stripe.work.getCustomer({ id: 'cus_1', expand: ['x'] });
  };
  expectTypeOf(compileOnly).toBeFunction();
});
