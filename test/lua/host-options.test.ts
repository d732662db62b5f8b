import { describe, expect, test } from 'vitest';
import { StripeConfigurationError } from '../../src/errors.js';
import { createStripe } from '../../src/index.js';
import { createEmulator } from '../../src/emulator/index.js';
import { createHost } from '../../src/lua/host.js';
import { createLuaHost } from '../../src/lua/index.js';
import type { Platform } from '../../src/lua/protocol.js';

const stripe = () => createStripe({ apiKey: 'sk_test_options', fetch: createEmulator().fetch });

/** What createLuaHost threw, which must be a StripeConfigurationError; fails when it returned a host. */
function refusal(options: unknown): StripeConfigurationError {
  let thrown: unknown;
  try {
    createLuaHost(options as Parameters<typeof createLuaHost>[0]);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StripeConfigurationError);
  return thrown as StripeConfigurationError;
}

describe('createLuaHost refuses options it cannot use, at once, naming them', () => {
  test.each([
    ['no options', undefined, 'the options', 'got nothing'],
    ['null', null, 'the options', 'got null'],
    ['a string', 'sk_test_x', 'the options', 'got a string'],
    ['no stripe', {}, 'option "stripe"', 'got nothing'],
    ['a client instead of createStripe', { stripe: { apiKey: 'sk_test_x' } }, 'option "stripe"', 'got an object'],
    ['accounts that are not names', { stripe: { accounts: [1, 2] } }, 'option "stripe"', 'got an object'],
    ['no accounts at all', { stripe: { accounts: [] } }, 'option "stripe"', 'got an object'],
  ])('%s', (_, options, option, given) => {
    const error = refusal(options);
    expect(error.message).toMatch(/^createLuaHost: /);
    expect(error.message).toContain(option);
    expect(error.message).toContain(given);
    expect(error.param).toBe(option);
  });

  test.each([
    ['permissions', 'allow', 'an object of read and write settings'],
    ['approve', true, 'a function'],
    ['onOutput', 'console.log', 'a function'],
  ])('option "%s" of the wrong kind', (name, value, expected) => {
    const error = refusal({ stripe: stripe(), [name]: value });
    expect(error.message).toContain(`option "${name}" expected ${expected}`);
  });

  test('options whose getters throw, or a revoked proxy, are refused without running the getter’s error through', () => {
    const throwing = { get stripe(): never {
      throw new Error('getter secret sk_test_leak');
    } };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const hostileStripe = { stripe: { get accounts(): never {
      throw new TypeError('boom');
    } } };
    for (const options of [throwing, proxy, hostileStripe]) {
      const error = refusal(options);
      expect(error.message).toContain('an object that throws when read');
      expect(error.message).not.toContain('sk_test_leak');
    }
  });

  test('options are read once: a getter that changes its answer later changes nothing', async () => {
    let reads = 0;
    const real = stripe();
    const host = createLuaHost({
      get stripe() {
        reads += 1;
        return reads === 1 ? real : (null as never);
      },
      permissions: { read: 'allow', write: 'allow' },
    });
    const result = await host.run('return app.integrations.stripe.create_customer({ name = "Read Once" }).name');
    expect(result.value).toBe('Read Once');
    expect(reads).toBe(1);
  });
});

describe('onOutput only observes', () => {
  test('a throwing or rejecting onOutput neither ends the run nor escapes it', async () => {
    const seen: string[] = [];
    for (const onOutput of [
      (line: string) => {
        seen.push(line);
        throw new Error('logger down');
      },
      async (line: string) => {
        seen.push(line);
        throw new Error('logger down, later');
      },
    ]) {
      const host = createLuaHost({ stripe: stripe(), onOutput });
      const result = await host.run('print("one") print("two") return 3');
      expect(result.value).toBe(3);
      expect(result.output).toEqual(['one', 'two']);
    }
    expect(seen).toEqual(['one', 'two', 'one', 'two']);
  });
});

describe('a VM that cannot start', () => {
  // A platform whose VM reports it broke while starting, as wasmoon does when its WebAssembly cannot be read.
  const broken = (why: string): Platform => ({
    name: 'broken',
    isolated: true,
    spawn() {
      let onMessage: (message: never) => void = () => {};
      return {
        send: () => {},
        listen(message) {
          onMessage = message as never;
          queueMicrotask(() => onMessage({ type: 'broken', message: why } as never));
        },
        terminate: () => {},
        hold: () => {},
      };
    },
  });

  test('rejects the run with a StripeConfigurationError saying why', async () => {
    const host = createHost({ stripe: stripe() }, broken('Requires read access to "glue.wasm"'));
    const error = await host.run('return 1').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(StripeConfigurationError);
    expect((error as Error).message).toBe('LuaHost.run: the Lua VM did not start: Requires read access to "glue.wasm"');
  });
});
