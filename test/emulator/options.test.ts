import { describe, expect, test } from 'vitest';
import { createEmulator, trigger } from '../../src/emulator/index.js';
import { StripeConfigurationError } from '../../src/index.js';

// Whatever a caller hands createEmulator (or trigger) ends in the package's typed error, naming the option.
const refusal = (work: () => unknown): StripeConfigurationError => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(StripeConfigurationError);
    return error as StripeConfigurationError;
  }
  throw new Error('expected a StripeConfigurationError, and nothing was thrown');
};

const throwing = (name: string, on: object = {}) =>
  Object.defineProperty(on, name, {
    enumerable: true,
    get() {
      throw new Error(`the ${name} getter`);
    },
  });

describe('createEmulator options', () => {
  test.each([
    ['a number', 5, 'options', /options expected an object, got number 5/],
    ['null', null, 'options', /options expected an object, got null/],
    ['a list', [], 'options', /options expected an object/],
    ['a throwing getter', throwing('now'), 'options', /reading them threw \(the now getter\)/],
    ['a proxy whose traps throw', new Proxy({}, { ownKeys: () => { throw new Error('trap'); } }), 'options', /reading them threw/],
    ['a bigint card', { defaultPaymentMethod: 10n }, 'defaultPaymentMethod', /defaultPaymentMethod" expected null or a test token .*got a BigInt 10/],
    ['a made-up card', { defaultPaymentMethod: 'pm_made_up' }, 'defaultPaymentMethod', /got "pm_made_up"/],
    ['a clock that is not a function', { now: 1_700_000_000 }, 'now', /"now" expected a function/],
    ['an undated version', { apiVersion: 'latest' }, 'apiVersion', /"apiVersion" expected a dated version .*got "latest"/],
    ['a version that is not text', { apiVersion: 20261028 }, 'apiVersion', /"apiVersion" expected a dated version/],
    ['negative seconds', { autoAdvanceDelay: -1 }, 'autoAdvanceDelay', /whole number of seconds/],
    ['a listener that is not a function', { onEvent: 'log' }, 'onEvent', /"onEvent" expected a function, got "log"/],
    ['an endpoint whose secret getter throws', { webhooks: [throwing('secret', { url: 'http://127.0.0.1:9/hook' })] }, 'options', /reading them threw \(the secret getter\)/],
    ['an endpoint url that is a symbol', { webhooks: [{ url: Symbol('u') }] }, 'webhooks', /webhooks\[0\]\.url expected an absolute http\(s\) URL/],
  ])('%s is refused', (_name, options, param, message) => {
    const error = refusal(() => createEmulator(options as never));
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });

  test('a dated version of another release and a fixed clock are taken', () => {
    expect(() => createEmulator({ apiVersion: '2026-01-28.clover', now: () => 1_700_000_000 })).not.toThrow();
  });
});

describe('trigger', () => {
  test.each([['a misspelt name', 'invoice.piad'], ['an Object member', 'constructor'], ['a symbol', Symbol('x')]])('%s is refused', async (_name, event) => {
    const failure = await trigger(createEmulator(), event as string).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(StripeConfigurationError);
    expect((failure as StripeConfigurationError).param).toBe('event');
    expect((failure as Error).message).toMatch(/There is no trigger .*invoice\.paid/);
  });
});
