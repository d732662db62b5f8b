/**
 * What a Stripe call answers reaches the script as the same data (src/lua/answer.ts sends it as JSON, push.ts builds the tables):
 * strings of every awkward kind, keys that are Lua keywords or not names at all, integers and floats, nulls and
 * holes, nesting. Each answer comes from a stand-in for the Stripe accounts, and the script sends it back (the
 * host's JSON codec, the other direction) or inspects it in Lua.
 */
import { describe, expect, test } from 'vitest';
import { createLuaHost, LuaScriptError } from '../../src/lua/index.js';
import type { StripeAccounts } from '../../src/tools/index.js';

/** Accounts whose get_customer answers `answer` (whatever the arguments), as createStripe's would. */
const answering = (answer: () => unknown): StripeAccounts => ({ accounts: ['default'], default: { getCustomer: async () => answer() } }) as unknown as StripeAccounts;

async function roundTrip(answer: unknown): Promise<unknown> {
  const host = createLuaHost({ stripe: answering(() => answer) });
  return (await host.run('return app.integrations.stripe.get_customer({ id = "cus_1" })')).value;
}

// Every character that could end or bend a Lua string literal, and more.
const AWKWARD = ['"', '\\', "'", '\n', '\r', '\t', '\0', '\u0001', '\u001f', '\u007f', ']]', '[[', ']=', '--', '\\"', '\\\\', '\\u0041', '\\n', '\u00e9', '\u2028', '\u{1F600}', '\u{10FFFF}', '%s', '${x}', '{', '}', ','];

describe('answers reach the script as the data they are', () => {
  test('awkward strings, as values and as keys, come back exactly', async () => {
    const answer: Record<string, unknown> = { id: 'cus_1', all: AWKWARD.join(''), each: AWKWARD, code: '"] = os.exit() --[[', 'end': 'keyword key', nil: 'nil key', 'a b': 'space key', '1': 'digit key', '': 'empty key', '"]=1,["x': 'quote key' };
    for (const [i, piece] of AWKWARD.entries()) answer[`k${piece}${i}`] = piece;
    expect(await roundTrip(answer)).toEqual(answer);
  });

  test('random strings of awkward pieces round-trip', async () => {
    const answers = Array.from({ length: 200 }, (_, n) => Array.from({ length: 1 + (n % 7) }, (_, i) => AWKWARD[(n * 31 + i * 17) % AWKWARD.length]).join(''));
    expect(await roundTrip({ answers })).toEqual({ answers });
  });

  test('integers stay integers, floats floats, and null is nil', async () => {
    const host = createLuaHost({ stripe: answering(() => ({ n: 42, big: 2 ** 53, neg: -7, f: 1.5, e: 1e21, tiny: 5e-7, none: null, list: [1, null, 3], flags: [true, false] })) });
    const { output } = await host.run(`
      local r = app.integrations.stripe.get_customer({ id = "cus_1" })
      print(math.type(r.n), r.n, math.type(r.big), r.big, math.type(r.neg), r.neg)
      print(math.type(r.f), r.f, math.type(r.e), math.type(r.tiny), r.tiny)
      print(r.none == nil, rawget(r, "none"), r.list[1], r.list[2], r.list[3], r.flags[1], r.flags[2])`);
    expect(output).toEqual(['integer\t42\tinteger\t9007199254740992\tinteger\t-7', 'float\t1.5\tfloat\tfloat\t5e-07', 'true\tnil\t1\tnil\t3\ttrue\tfalse']);
  });

  test('a lone surrogate arrives as the JSON codec reads it', async () => {
    const host = createLuaHost({ stripe: answering(() => ({ s: 'a\ud800b', t: '\udfff' })) });
    const { value } = await host.run(`
      local r = app.integrations.stripe.get_customer({ id = "cus_1" })
      return { r.s == json.decode('"a\\\\ud800b"'), r.t == json.decode('"\\\\udfff"'), #r.s }`);
    expect(value).toEqual([true, true, 5]);
  });

  test('deep nesting arrives whole', async () => {
    let deep: Record<string, unknown> = { leaf: 'here' };
    for (let i = 0; i < 60; i++) deep = { next: deep };
    const host = createLuaHost({ stripe: answering(() => deep) });
    const { value } = await host.run(`
      local node, depth = app.integrations.stripe.get_customer({ id = "cus_1" }), 0
      while node.next do node, depth = node.next, depth + 1 end
      return { depth, node.leaf }`);
    expect(value).toEqual([60, 'here']);
  });

  test('an answer that cannot be written (a cycle) is an error the script can catch, not a hang', async () => {
    const cyclic: Record<string, unknown> = { id: 'cus_1' };
    cyclic.self = cyclic;
    const host = createLuaHost({ stripe: answering(() => cyclic) });
    const { value } = await host.run('local ok, e = pcall(app.integrations.stripe.get_customer, { id = "cus_1" }) return { ok, e.type, e.message }', { timeoutMs: 5_000 });
    expect(value).toEqual([false, 'lua_error', expect.stringMatching(/^the answer could not be passed to Lua: the value is nested more than 100 deep/)]);
    const error = await host.run('app.integrations.stripe.get_customer({ id = "cus_1" })', { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuaScriptError);
    expect(error).toMatchObject({ kind: 'lua' });
  });

  test('an answer nested deeper than 100 levels, without a cycle, is an error the script can catch', async () => {
    let deep: Record<string, unknown> = { leaf: 'here' };
    for (let i = 0; i < 150; i++) deep = { next: deep };
    const host = createLuaHost({ stripe: answering(() => deep) });
    const { value } = await host.run('local ok, e = pcall(app.integrations.stripe.get_customer, { id = "cus_1" }) return { ok, e.type, e.message }', { timeoutMs: 5_000 });
    expect(value).toEqual([false, 'lua_error', 'the answer could not be passed to Lua: the value is nested more than 100 deep (a cycle?)']);
  });

  test('a BigInt, or a getter that throws, in an answer is an error the script can catch', async () => {
    const hostile = [{ balance: 10n }, { get id(): string { throw new Error('no id for you'); } }];
    const messages = [];
    for (const answer of hostile) {
      const host = createLuaHost({ stripe: answering(() => answer) });
      messages.push((await host.run('local ok, e = pcall(app.integrations.stripe.get_customer, { id = "cus_1" }) return { ok, e.type, e.message }', { timeoutMs: 5_000 })).value);
    }
    expect(messages).toEqual([
      [false, 'lua_error', 'the answer could not be passed to Lua: a BigInt cannot be passed to Lua'],
      [false, 'lua_error', 'the answer could not be passed to Lua: no id for you'],
    ]);
  });

  test('an answer larger than the memory limit stops the run at the limit, even inside pcall', async () => {
    const big = { id: 'cus_1', items: Array.from({ length: 20_000 }, (_, i) => ({ n: i, text: `item ${i} `.repeat(20) })) };
    const host = createLuaHost({ stripe: answering(() => big) });
    const error = await host.run('for i = 1, 3 do pcall(app.integrations.stripe.get_customer, { id = "cus_1" }) end return "finished"', { memoryLimitBytes: 2_000_000, timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuaScriptError);
    expect(error).toMatchObject({ kind: 'memory' });
    // The next run on the same host is unharmed.
    expect((await host.run('return #app.integrations.stripe.get_customer({ id = "cus_1" }).items', { timeoutMs: 20_000 })).value).toBe(20_000);
  });

  test('long answers of every kind of text (docs-sized) arrive byte for byte, lone surrogates as the JSON codec reads them', async () => {
    const text = Array.from({ length: 5_000 }, (_, i) => AWKWARD[i % AWKWARD.length]).join('');
    const lone = `${text}\ud800${text}\udc00`;
    const host = createLuaHost({ stripe: answering(() => ({ text, lone, escaped: JSON.stringify(lone) })) });
    const { value } = await host.run('local r = app.integrations.stripe.get_customer({ id = "cus_1" }) return { r.text, r.lone == json.decode(r.escaped), #r.lone - 2 * #r.text }');
    expect(value).toEqual([text, true, 6]);
  });
});
