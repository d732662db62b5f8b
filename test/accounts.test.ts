import { describe, expect, test } from 'vitest';
import { createStripe, StripeConfigurationError } from '../src/index.js';

/** A fetch that records which key each request was made with and answers with an empty list or object. */
function recorder() {
  const calls: Array<{ key: string; method: string; path: string; account: string | null }> = [];
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    const request = new Request(input, init);
    const key = atob((request.headers.get('authorization') ?? '').replace('Basic ', '')).replace(/:$/, '');
    const url = new URL(request.url);
    calls.push({ key, method: request.method, path: url.pathname, account: request.headers.get('stripe-account') });
    const body = request.method === 'GET' && url.pathname === '/v1/invoices' ? { object: 'list', data: [], has_more: false, url: '/v1/invoices' } : { id: 'x', object: 'thing' };
    return Response.json(body);
  };
  return { calls, fetch };
}

describe('createStripe', () => {
  test('a single apiKey is the default account, reached plainly and as .default', async () => {
    const { calls, fetch } = recorder();
    const stripe = createStripe({ apiKey: 'sk_test_one', fetch });
    await stripe.createCustomer({ name: 'x' });
    await stripe.default.getBalance({});
    expect(stripe.accounts).toEqual(['default']);
    expect(calls.map((c) => [c.key, c.method, c.path])).toEqual([
      ['sk_test_one', 'POST', '/v1/customers'],
      ['sk_test_one', 'GET', '/v1/balance'],
    ]);
  });

  test('named accounts use their own keys; shared options apply to all', async () => {
    const { calls, fetch } = recorder();
    const stripe = createStripe({ fetch, stripeAccount: 'acct_shared', accounts: { default: { apiKey: 'sk_test_k1' }, work: { apiKey: 'sk_test_k2', stripeAccount: 'acct_work' } } });
    await stripe.createCustomer({ name: 'x' });
    const invoices = await stripe.work.listInvoices({ status: 'open' });
    expect(invoices).toEqual({ invoices: [], has_more: false });
    expect(stripe.accounts).toEqual(['default', 'work']);
    expect(calls.map((c) => [c.key, c.account])).toEqual([
      ['sk_test_k1', 'acct_shared'],
      ['sk_test_k2', 'acct_work'],
    ]);
  });

  test('has all 25 functions on every account', () => {
    const stripe = createStripe({ accounts: { default: { apiKey: 'sk_test_1' }, personal: { apiKey: 'sk_test_2' } } });
    const methods = Object.keys(stripe.personal).sort();
    expect(methods).toHaveLength(25);
    expect(methods).toContain('cancelSubscription');
    expect(Object.keys(stripe.default).sort()).toEqual(methods);
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['no default account', { accounts: { work: { apiKey: 'sk_test_1' } } }, /named "default"/],
    ['alias with capitals', { accounts: { default: { apiKey: 'sk_test_1' }, Work: { apiKey: 'sk_test_2' } } }, /\^\[a-z\]\[a-z0-9_\]\*\$.*"Work"/],
    ['alias that is a function name', { accounts: { default: { apiKey: 'sk_test_1' }, create_customer: { apiKey: 'sk_test_2' } } }, /not a function or a reserved word.*"create_customer"/],
    ['alias that would make it a thenable', { accounts: { default: { apiKey: 'sk_test_1' }, then: { apiKey: 'sk_test_2' } } }, /reserved/],
    ['account without a key', { accounts: { default: { apiKey: 'sk_test_1' }, work: {} } }, /account "work": option "apiKey"/],
    ['options that are null', null as never, /^createStripe: option "\(options\)" expected a plain object with apiKey, or accounts, got null\.$/],
    ['options that are a key string', 'sk_test_1' as never, /option "\(options\)" expected a plain object .* got a string that looks like a Stripe secret key \(redacted\)/],
    ['accounts that are not an object', { apiKey: 'sk_test_1', accounts: ['sk_test_2'] }, /option "accounts" expected a plain object of account options by alias, got an array of 1/],
    ['an account given as a bare key', { accounts: { default: 'sk_test_1' } }, /account "default" expected a plain object of client options, got a string that looks like a Stripe secret key/],
    ['options whose getter throws', Object.defineProperty({}, 'apiKey', { enumerable: true, get: () => { throw new Error('vault down'); } }), /option "\(options\)" expected a plain object whose properties can be read/],
    ['an account whose getter throws', { accounts: { default: Object.defineProperty({}, 'apiKey', { enumerable: true, get: () => { throw new Error('vault down'); } }) } }, /expected a plain object whose properties can be read/],
  ];
  for (const [name, options, message] of bad) {
    test(`refuses ${name}`, () => {
      expect(() => createStripe(options as never)).toThrow(StripeConfigurationError);
      expect(() => createStripe(options as never)).toThrow(message);
    });
  }
});
