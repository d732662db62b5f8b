import { inspect } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { API_VERSION, createClient, StripeConfigurationError } from '../src/index.js';

afterEach(() => vi.unstubAllGlobals());

describe('createClient', () => {
  test('fills every default', () => {
    expect({ ...createClient({ apiKey: 'sk_test_abc' }) }).toEqual({
      baseUrl: 'https://api.stripe.com',
      apiVersion: '2026-10-28.endive',
      maxRetries: 2,
      timeout: 80_000,
      fetch: undefined,
      stripeAccount: undefined,
      mode: 'test',
      onRequest: undefined,
      onResponse: undefined,
      hookBodies: false,
    });
    expect(API_VERSION).toBe('2026-10-28.endive');
  });

  test('is frozen and keeps the key out of sight', () => {
    const client = createClient({ apiKey: ['sk', 'live', 'SECRETkey123'].join('_') }) // built, so no live-looking key sits in the source;
    expect(Object.isFrozen(client)).toBe(true);
    expect(client.mode).toBe('live');
    expect(JSON.stringify(client)).not.toContain('SECRETkey123');
    expect(inspect(client, { depth: 5 })).not.toContain('SECRETkey123');
    expect(Object.values(client).join(' ')).not.toContain('SECRETkey123');
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a missing key', {}, /option "apiKey" expected a Stripe secret key .* got nothing/],
    ['a publishable key', { apiKey: 'pk_test_123' }, /got a publishable key/],
    ['a malformed key, without echoing it', { apiKey: 'not-a-key-SECRET' }, /got a string of 16 characters that is not a Stripe key/],
    ['negative retries', { apiKey: 'sk_test_1', maxRetries: -1 }, /option "maxRetries" expected an integer of at least 0 and at most 10, got number -1/],
    ['a zero timeout', { apiKey: 'sk_test_1', timeout: 0 }, /option "timeout" expected an integer of at least 1/],
    ['a relative base URL', { apiKey: 'sk_test_1', baseUrl: '/stripe' }, /option "baseUrl" expected an absolute URL, got "\/stripe"/],
    ['an onRequest hook that is not a function', { apiKey: 'sk_test_1', onRequest: 'console.log' }, /option "onRequest" expected a function taking one state object, got "console.log"/],
    ['an onResponse hook that is not a function', { apiKey: 'sk_test_1', onResponse: { log: true } }, /option "onResponse" expected a function taking one state object, got an object/],
    ['hookBodies that is not a boolean', { apiKey: 'sk_test_1', hookBodies: 'yes' }, /option "hookBodies" expected a boolean, got "yes"/],
    ['a misspelt hook, with a suggestion', { apiKey: 'sk_test_1', onResponce: () => undefined }, /"onResponce" is not an option .*onResponse/],
  ];
  for (const [name, options, message] of bad) {
    test(`refuses ${name}`, () => {
      let caught: unknown;
      try {
        createClient(options as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StripeConfigurationError);
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toContain('SECRET');
    });
  }
});

describe('in a browser', () => {
  const pretendBrowser = () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
  };

  test('refuses a secret key and says why', () => {
    pretendBrowser();
    expect(() => createClient({ apiKey: 'sk_test_abc' })).toThrow(/must not be used in a browser, where anyone who opens the page can read it/);
    expect(() => createClient({ apiKey: 'rk_live_abc' })).toThrow(StripeConfigurationError);
  });

  test('accepts it with dangerouslyAllowBrowser', () => {
    pretendBrowser();
    expect(createClient({ apiKey: 'sk_test_abc', dangerouslyAllowBrowser: true }).mode).toBe('test');
  });

  test('a server runtime is not a browser', () => expect(createClient({ apiKey: 'sk_test_abc' }).mode).toBe('test'));
});
