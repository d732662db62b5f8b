// Type-level tests: `npm run typecheck` fails when one of these stops holding (the runtime part is trivial).
import { expectTypeOf, test } from 'vitest';
import {
  type Client,
  type Customer,
  createClient,
  createPrice,
  createStripe,
  getCustomer,
  getSubscription,
  listCustomers,
  paginate,
  type PaymentIntent,
  createPaymentIntent,
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
