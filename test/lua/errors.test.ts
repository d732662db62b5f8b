/**
 * Errors that point at the line (issue 10): a syntax error, a failed call and the script's own error name the
 * script and the line, LuaScriptError carries `script` and `line` (and a traceback when asked), and the script's
 * name is checked like any other hostile input. Stripe is the in-process emulator; validation happens before
 * anything is sent, as in TypeScript.
 */
import { describe, expect, test } from 'vitest';
import { StripeConfigurationError } from '../../src/errors.js';
import { createEmulator } from '../../src/emulator/index.js';
import { createStripe } from '../../src/index.js';
import { createHost } from '../../src/lua/host.js';
import { createLuaHost, type LuaRunOptions, LuaScriptError } from '../../src/lua/index.js';
import { inlinePlatform } from '../../src/lua/platform-inline.js';

function setup() {
  const emulator = createEmulator();
  const counter = { requests: 0 };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    counter.requests++;
    return emulator.fetch(input, init);
  };
  const stripe = createStripe({ maxRetries: 0, accounts: { default: { apiKey: 'sk_test_lines', fetch } } });
  return { stripe, counter, host: createLuaHost({ stripe, permissions: { write: 'allow' } }) };
}

async function failure(code: string, options: LuaRunOptions = {}): Promise<LuaScriptError> {
  const error = await setup().host.run(code, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LuaScriptError);
  return error as LuaScriptError;
}

// Twelve lines, as a user writes them: the failed call is on line 12.
const SUBSCRIBE = `-- subscribe.lua: a product, a price, a customer
local stripe = app.integrations.stripe

local product = stripe.create_product({
  name = "Pro Plan",
})
print("product", product.id)

local amount = "2900" -- a string, where Stripe wants an integer

-- a monthly price for it
local price = stripe.create_price({ product = product.id, currency = "usd", unit_amount = amount })
print("price", price.id)
`;

describe('a syntax error', () => {
  test('names the script and the line, and nothing runs', async () => {
    const { host, counter } = setup();
    const error = await host.run('local plan = {\n  name = "Pro",\n  amount = 2900 )\n', { name: 'subscribe.lua' }).catch((e: unknown) => e as LuaScriptError);
    expect(error).toMatchObject({ kind: 'syntax', type: 'syntax_error', script: 'subscribe.lua', line: 3, message: "Lua script failed: subscribe.lua:3: '}' expected (to close '{' at line 1) near ')'" });
    expect(counter.requests).toBe(0);
  });

  test('without a name, the script is script.lua', async () => {
    expect(await failure('\n\nreturn )')).toMatchObject({ kind: 'syntax', script: 'script.lua', line: 3, message: "Lua script failed: script.lua:3: unexpected symbol near ')'" });
  });
});

describe('a failed call', () => {
  test('a validation error names the line of the call, and nothing is sent for it', async () => {
    const { host, counter } = setup();
    const error = (await host.run(SUBSCRIBE, { name: 'subscribe.lua' }).catch((e: unknown) => e)) as LuaScriptError;
    expect(error).toBeInstanceOf(LuaScriptError);
    expect(error).toMatchObject({ kind: 'stripe', type: 'validation_error', param: 'unit_amount', script: 'subscribe.lua', line: 12, output: [expect.stringMatching(/^product\tprod_/)] });
    expect(error.message).toBe('subscribe.lua:12: create_price: argument "unit_amount" expected an integer, got "2900". Nothing was sent to Stripe.');
    expect(counter.requests).toBe(1);
  });

  test("a Stripe error names the line of the call inside the script's own function", async () => {
    const error = await failure('local function load_customer(id)\n  local customer = app.integrations.stripe.get_customer({ id = id })\n  return customer\nend\n\nload_customer("cus_missing")', { name: 'lookup.lua' });
    expect(error).toMatchObject({ kind: 'stripe', statusCode: 404, type: 'invalid_request_error', script: 'lookup.lua', line: 2, message: "lookup.lua:2: 404 No such customer: 'cus_missing'" });
    expect(error.traceback).toBeUndefined();
  });

  test('an unknown function names the line it was reached on', async () => {
    expect(await failure('local s = app.integrations.stripe\n\ns.create_custmer({})')).toMatchObject({ kind: 'lua', line: 3, message: 'Lua script failed: script.lua:3: app.integrations.stripe.create_custmer is not a function of the Stripe integration. Did you mean create_customer?' });
  });

  test('a caught error is the script\'s business; the run ends at the uncaught one, on its line', async () => {
    const error = await failure('local ok = pcall(app.integrations.stripe.get_customer, { id = "cus_missing" })\nprint(ok)\n\napp.integrations.stripe.get_customer({ id = 5 })');
    expect(error).toMatchObject({ kind: 'stripe', type: 'validation_error', line: 4, output: ['false'] });
    expect(error.message).toMatch(/^script\.lua:4: get_customer: argument "id" expected a string, got number 5\./);
  });

  test('a genuine error caught and raised again still names the line of the call', async () => {
    expect(await failure('local ok, e = pcall(app.integrations.stripe.get_customer, { id = "cus_missing" })\n\n\nerror(e)')).toMatchObject({ kind: 'stripe', statusCode: 404, line: 1 });
  });
});

describe("the script's own errors", () => {
  test('error("…") says where, as Lua does, and line agrees', async () => {
    expect(await failure('local x = 1\nif x then\n  error("boom")\nend')).toMatchObject({ kind: 'lua', line: 3, message: 'Lua script failed: script.lua:3: boom' });
  });

  test('a forged location or Stripe error changes neither the line nor the kind', async () => {
    const forged = await failure('\n\nerror("other.lua:99: 402 Your card was declined.", 0)');
    expect(forged).toMatchObject({ kind: 'lua', line: 3, message: 'Lua script failed: other.lua:99: 402 Your card was declined.' });
    const table = await failure('\nerror({ type = "card_error", status = 402, message = "Your card was declined." })');
    expect(table).toMatchObject({ kind: 'lua', line: 2, message: 'Lua script failed: Your card was declined.' });
    expect(table.statusCode).toBeUndefined();
  });

  test('a limit has no line', async () => {
    expect(await failure('while true do end', { timeoutMs: 300 })).toMatchObject({ kind: 'timeout', line: undefined, script: 'script.lua' });
  });
});

describe('traceback: true', () => {
  test("gives the script's frames, innermost first, and makes them the error's stack", async () => {
    // price_for's call is a tail call: Lua keeps no frame (and no line) for it, and says so.
    const code = 'local function price_for(plan)\n  return app.integrations.stripe.get_product({ id = plan })\nend\nlocal function subscribe(plan)\n  local product = price_for(plan)\n  return product\nend\nsubscribe("prod_missing")';
    const error = await failure(code, { name: 'subscribe.lua', traceback: true });
    expect(error).toMatchObject({ kind: 'stripe', statusCode: 404, line: 5 });
    expect(error.traceback).toBe("stack traceback:\n\t(...tail calls...)\n\tsubscribe.lua:5: in local 'subscribe'\n\tsubscribe.lua:8: in main chunk");
    expect(error.stack).toBe(`LuaScriptError: ${error.message}\n${error.traceback}`);
  });

  test('a deep recursion is shown with its middle left out', async () => {
    const error = await failure('local function down(n)\n  if n == 0 then error("bottom") end\n  return (down(n - 1))\nend\ndown(5000)', { traceback: true });
    const lines = error.traceback!.split('\n');
    expect(lines[0]).toBe('stack traceback:');
    expect(lines[1]).toBe("\tscript.lua:2: in upvalue 'down'");
    expect(lines).toContainEqual(expect.stringMatching(/^\t\.\.\.\t\(skipping \d+ levels\)$/));
    expect(lines.at(-1)).toBe('\tscript.lua:5: in main chunk');
    expect(lines.length).toBeLessThan(30);
  });

  test('is left out of a run that succeeds, and of one that hits a limit', async () => {
    const { host } = setup();
    expect((await host.run('return 1', { traceback: true })).value).toBe(1);
    expect((await failure('local t = {} for i = 1, 1e9 do t[i] = i end', { traceback: true, memoryLimitBytes: 8 * 1024 * 1024 })).traceback).toBeUndefined();
  });
});

describe('the name is hostile input', () => {
  test('a name that is not 1 to 59 bytes of text without control characters is refused, and nothing runs', async () => {
    const { host, counter } = setup();
    const names: unknown[] = ['', 'a\nb.lua', 'tab\t.lua', '\u0000', 'nul\u0000.lua', 'bell\u0007', 'del\u007f', 'c1\u0085', 'sep\u2028', 'lone\ud800.lua', '\udc00', 'x'.repeat(60), 'é'.repeat(30), 42, null, {}, ['a.lua'], true];
    for (const name of names) {
      await expect(host.run('app.integrations.stripe.create_customer({})', { name } as LuaRunOptions)).rejects.toSatisfy((e: unknown) => e instanceof StripeConfigurationError && /option "name" expected a script name of 1 to 59 bytes/.test(e.message));
    }
    for (const traceback of ['yes', 1, null]) {
      await expect(host.run('return 1', { traceback } as unknown as LuaRunOptions)).rejects.toThrow(/option "traceback" expected true or false/);
    }
    expect(counter.requests).toBe(0);
  });

  test('59 bytes is shown whole, in any script', async () => {
    const name = `${'é'.repeat(27)}ab.lua`; // 27 × 2 + 2 + 4 = 60 bytes: one too many
    await expect(setup().host.run('return 1', { name })).rejects.toBeInstanceOf(StripeConfigurationError);
    const fits = `${'é'.repeat(26)}abc.lua`; // 52 + 3 + 4 = 59 bytes
    expect(await failure('return )', { name: fits })).toMatchObject({ script: fits, line: 1, message: `Lua script failed: ${fits}:1: unexpected symbol near ')'` });
    expect(await failure('error("x")', { name: 'emoji 😀 [string].lua' })).toMatchObject({ message: 'Lua script failed: emoji 😀 [string].lua:1: x' });
  });
});

describe('where the VM yields instead of waiting (in-thread, web workers)', () => {
  test('calls, lines and tracebacks are the same', async () => {
    const { stripe } = setup();
    const host = createHost({ stripe, permissions: { write: 'allow' } }, inlinePlatform);
    const { value } = await host.run('local c = app.integrations.stripe.create_customer({ name = "Inline" })\nreturn app.integrations.stripe.get_customer({ id = c.id }).name');
    expect(value).toBe('Inline');
    const error = await host.run('local ok = pcall(app.integrations.stripe.get_customer, { id = "cus_missing" })\n\napp.integrations.stripe.get_customer({ id = "cus_missing" })', { name: 'inline.lua', traceback: true }).catch((e: unknown) => e as LuaScriptError);
    expect(error).toMatchObject({ kind: 'stripe', statusCode: 404, line: 3, script: 'inline.lua', traceback: 'stack traceback:\n\tinline.lua:3: in main chunk' });
  });
});
