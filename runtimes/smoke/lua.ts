/**
 * The Lua check, for the runtimes that run the smoke from the command line (Node, Bun, Deno): there the VM runs in a
 * worker loaded from beside the installed entry. Kept out of suite.ts so that the page and workerd bundles, which
 * esbuild builds from suite.ts, do not take in the Lua VM.
 */
import { createStripe, StripeError } from '@kosmokrator/stripe';
import { assert, describe, rejection } from './suite.js';

/**
 * A Lua script makes a customer on an in-process emulator and fails on a missing one. The failure must be the
 * core's StripeError class: /lua and the core share their modules in the installed package, not copies of them.
 */
export async function luaScript(): Promise<string> {
  const [{ createLuaHost, LuaScriptError }, { createEmulator }] = await Promise.all([import('@kosmokrator/stripe/lua'), import('@kosmokrator/stripe/emulator')]);
  const stripe = createStripe({ apiKey: 'sk_test_x', fetch: createEmulator().fetch });
  const host = createLuaHost({ stripe, permissions: { read: 'allow', write: 'allow' } });
  const made = await host.run('local c = app.integrations.stripe.default.create_customer({ name = "Lua Smoke" })\nprint(c.name)\nreturn c.id');
  assert(typeof made.value === 'string' && made.value.startsWith('cus_'), `the script returned ${JSON.stringify(made.value)}`);
  assert(made.output.join('\n') === 'Lua Smoke', `the script printed ${JSON.stringify(made.output)}`);
  const failure = await rejection(() => host.run('local missing = app.integrations.stripe.default.get_customer({ id = "cus_missing" })\nreturn missing', { name: 'smoke.lua' }));
  assert(failure instanceof LuaScriptError, `expected LuaScriptError, got ${describe(failure)}`);
  assert(failure instanceof StripeError, 'the LuaScriptError is not the core entry\'s StripeError');
  assert(failure.message.includes('smoke.lua:1:'), `the error names no line: ${failure.message}`);
  return `${made.value} made from Lua; a missing customer failed at ${failure.message.split(' ')[0]}`;
}

