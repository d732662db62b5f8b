import { describe, expect, test } from 'vitest';
import { createStripe } from '../../src/index.js';
import { createLuaHost, LuaScriptError } from '../../src/lua/index.js';

/** A small fake Stripe: records requests; answers customers, a list with nulls and nested arrays, and a decline. */
function fakeStripe() {
  const requests: Array<{ key: string; method: string; path: string; body: string }> = [];
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = await request.text();
    requests.push({ key: atob(request.headers.get('authorization')!.slice(6)).slice(0, -1), method: request.method, path: url.pathname, body });
    if (url.pathname.startsWith('/v1/payment_intents')) {
      return Response.json({ error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' } }, { status: 402, headers: { 'Request-Id': 'req_decline' } });
    }
    if (request.method === 'GET' && url.pathname === '/v1/customers') {
      const data = [{ id: 'cus_2', email: null, metadata: {}, balance: 0 }, { id: 'cus_1', email: 'jane@example.com', metadata: { tier: 'pro' }, balance: -250 }];
      return Response.json({ object: 'list', url: '/v1/customers', has_more: false, data });
    }
    const params = Object.fromEntries(new URLSearchParams(body));
    return Response.json({ id: 'cus_new', object: 'customer', name: params.name ?? null, email: null, balance: 0, metadata: {} });
  };
  const stripe = createStripe({ fetch, maxRetries: 0, accounts: { default: { apiKey: 'sk_test_main' }, work: { apiKey: 'sk_test_work' } } });
  return { stripe, requests };
}

const run = async (code: string, options: Parameters<typeof createLuaHost>[0]['permissions'] = { write: 'allow' }) => {
  const fake = fakeStripe();
  const result = await createLuaHost({ stripe: fake.stripe, permissions: options }).run(code, { timeoutMs: 2_000 });
  return { ...result, requests: fake.requests };
};

const failure = async (code: string, limits = { timeoutMs: 2_000 }) => {
  const host = createLuaHost({ stripe: fakeStripe().stripe, permissions: { write: 'allow' } });
  try {
    await host.run(code, limits);
  } catch (error) {
    return error as LuaScriptError;
  }
  throw new Error('the script did not fail');
};

describe('calls from Lua', () => {
  test('look synchronous and send what the table says', async () => {
    const { value, requests } = await run('local c = app.integrations.stripe.create_customer({ name = "Acme Corp", metadata = { tier = "enterprise" } }) return c.id');
    expect(value).toBe('cus_new');
    expect(requests).toEqual([{ key: 'sk_test_main', method: 'POST', path: '/v1/customers', body: 'name=Acme%20Corp&metadata[tier]=enterprise' }]);
  });

  test('.default and .<alias> pick the account', async () => {
    const { requests } = await run('app.integrations.stripe.default.get_balance({}) app.integrations.stripe.work.get_balance({}) app.integrations.stripe.stripe_get_balance({})');
    expect(requests.map((r) => r.key)).toEqual(['sk_test_main', 'sk_test_work', 'sk_test_main']);
  });

  test('results: lists index from 1, # works, null is nil, integers stay integers', async () => {
    const { output } = await run(`
      local r = app.integrations.stripe.list_customers({ limit = 2 })
      print(#r.customers, r.customers[1].id, r.customers[2].id, r.has_more)
      print(r.customers[1].email == nil, r.customers[2].metadata.tier, math.type(r.customers[2].balance), r.customers[2].balance)
      for i, c in ipairs(r.customers) do print(i, c.id) end`);
    expect(output).toEqual(['2\tcus_2\tcus_1\tfalse', 'true\tpro\tinteger\t-250', '1\tcus_2', '2\tcus_1']);
  });

  test('the return value comes back as plain JavaScript', async () => {
    const { value } = await run('return { n = 3, f = 1.5, list = { "a", "b" }, nested = { ok = true }, empty = {} }');
    expect(value).toEqual({ n: 3, f: 1.5, list: ['a', 'b'], nested: { ok: true }, empty: {} });
    expect((await run('print("x")')).value).toBeUndefined();
  });

  test('a failed call is a Lua error with Stripe\'s fields, catchable with pcall', async () => {
    const { output } = await run(`
      local ok, err = pcall(app.integrations.stripe.get_payment_intent, { id = "pi_123" })
      print(ok, err.status, err.type, err.code, err.decline_code, err.request_id)
      print(tostring(err))`);
    expect(output).toEqual(['false\t402\tcard_error\tcard_declined\tgeneric_decline\treq_decline', '402 Your card was declined.']);
  });

  test('an uncaught Stripe error rejects the run with its fields and the output so far', async () => {
    const error = await failure('print("before") app.integrations.stripe.get_payment_intent({ id = "pi_1" })');
    expect(error).toBeInstanceOf(LuaScriptError);
    expect(error).toMatchObject({ kind: 'stripe', statusCode: 402, type: 'card_error', code: 'card_declined', requestId: 'req_decline', output: ['before'], script: 'script.lua', line: 1 });
    expect(error.message).toBe('script.lua:1: 402 Your card was declined.');
  });

  test('bad arguments are refused before sending, as in TypeScript', async () => {
    const { output, requests } = await run('local ok, err = pcall(app.integrations.stripe.get_customer, { id = 5 }) print(err.type, err.param, err.message)');
    expect(output).toEqual(['validation_error\tid\tget_customer: argument "id" expected a string, got number 5. Nothing was sent to Stripe.']);
    expect(requests).toEqual([]);
  });

  test('an unknown function names the closest one', async () => {
    const error = await failure('app.integrations.stripe.create_custmer({})');
    expect(error.message).toBe('Lua script failed: script.lua:1: app.integrations.stripe.create_custmer is not a function of the Stripe integration. Did you mean create_customer?');
    expect((await failure('app.integrations.stripe.wrok.get_balance({})')).message).toMatch(/Did you mean work\?/);
  });

  test('a permission denial says which setting to change, and sends nothing', async () => {
    const fake = fakeStripe();
    const host = createLuaHost({ stripe: fake.stripe, permissions: { work: { write: 'deny' }, write: 'allow' } });
    const { output } = await host.run('local ok, err = pcall(app.integrations.stripe.work.create_customer, { name = "x" }) print(err.type, err.message)');
    expect(output[0]).toBe('permission_denied\tstripe_create_customer on account "work" was not run: write calls are set to "deny" by permissions.work.write. Set permissions.work.write to "allow" (or "ask") to permit them.');
    expect(fake.requests).toEqual([]);
  });

  test('lua_read_doc serves the same pages as readDoc, and json round-trips', async () => {
    const { output } = await run(`
      print(lua_read_doc("integrations.stripe.get_balance"):match("^# .app.integrations.stripe.get_balance"))
      print(select(2, pcall(lua_read_doc, "integrations.stripe.nope")).type)
      local t = json.decode('{"a":[1,2,{"b":null}],"s":"\\\\u00e9"}')
      print(#t.a, t.a[3].b == nil, t.s, json.encode({ x = 1, y = { true, false } }))`);
    expect(output).toEqual(['# `app.integrations.stripe.get_balance', 'doc_not_found', '3\ttrue\té\t{"x":1,"y":[true,false]}']);
  });
});

describe('json', () => {
  test('json.decode reads what JSON allows, and says where it stops', async () => {
    const { output } = await run(String.raw`
      local t = json.decode([==[{"a":[1,2.5,-3e2,true,false,null], "s":"x\u00e9\ud83d\ude00\n\"q\"\/\\", "n": {}}]==])
      print(#t.a, math.type(t.a[1]), t.a[2], math.type(t.a[3]), t.a[3], t.a[4], t.a[5], t.a[6], next(t.n))
      print(t.s == "x\u{e9}\u{1F600}\n\"q\"/\\")
      for _, text in ipairs({ '[1,]', '{"a" 1}', '"abc', '[1 2]', '{"a":1} x', [["\q"]], '', '{"a":tru}' }) do
        print(select(2, pcall(json.decode, text)))
      end`);
    expect(output).toEqual([
      '5\tinteger\t2.5\tfloat\t-300.0\ttrue\tfalse\tnil\tnil',
      'true',
      'json.decode: unexpected character at character 4',
      'json.decode: expected : at character 6',
      'json.decode: unterminated string at character 5',
      'json.decode: expected , or ] at character 4',
      'json.decode: trailing characters at character 8',
      'json.decode: bad escape at character 2',
      'json.decode: unexpected character at character 1',
      'json.decode: unexpected character at character 6',
    ]);
  });
});

describe('the sandbox', () => {
  test('has no io, os beyond the clock, require, package, debug, dofile, string.dump or binary load, and says so', async () => {
    const { output } = await run(`
      for _, name in ipairs({ "io", "require", "package", "debug", "dofile", "loadfile", "coroutine", "collectgarbage" }) do
        print(select(2, pcall(load("return " .. name))))
      end
      print(select(2, pcall(function() return os.execute end)), select(2, pcall(function() return string.dump end)), select(2, pcall(function() return ("").dump end)))
      print(rawget(_G, "io"), rawget(os, "getenv"))
      print(type(os.time()), type(os.clock()))
      print(load("return 1 + 1")(), load(string.char(27) .. "Lua"))`);
    expect(output.slice(0, 8)).toEqual(['io', 'require', 'package', 'debug', 'dofile', 'loadfile', 'coroutine', 'collectgarbage'].map((name) => `[string "return ${name}"]:1: ${name} is not available in this sandbox`));
    expect(output.slice(8)).toEqual([
      'script.lua:5: os.execute is not available in this sandbox\tscript.lua:5: string.dump is not available in this sandbox\tscript.lua:5: string.dump is not available in this sandbox',
      'nil\tnil',
      'number\tnumber',
      '2\tnil\tattempt to load a binary chunk (mode is \'t\')',
    ]);
    const failed = await failure('io.write("x")');
    expect(failed).toMatchObject({ kind: 'lua', message: 'Lua script failed: script.lua:1: io is not available in this sandbox', line: 1 });
  });

  test('a runaway loop stops at the time limit and the host stays usable', async () => {
    const host = createLuaHost({ stripe: fakeStripe().stripe });
    const started = Date.now();
    await expect(host.run('while true do end', { timeoutMs: 300 })).rejects.toMatchObject({ kind: 'timeout', message: 'Lua script stopped: it ran longer than its time limit of 300 ms.' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await host.run('return 40 + 2')).value).toBe(42);
  });

  test('a runaway loop inside pcall still stops', async () => {
    expect((await failure('pcall(function() while true do end end) while true do end', { timeoutMs: 300 })).kind).toBe('timeout');
  });

  test('memory: a huge string and a growing table stop with a clear error', async () => {
    expect((await failure('local s = string.rep("x", 1e10)')).message).toMatch(/resulting string too large/);
    const grown = await failure('local t = {} for i = 1, 1e9 do t[i] = i end');
    expect(grown).toMatchObject({ kind: 'memory' });
    expect(grown.message).toMatch(/memory limit of 67108864 bytes/);
  });

  test('syntax errors are reported as such', async () => {
    expect(await failure('local x =')).toMatchObject({ kind: 'syntax', message: "Lua script failed: script.lua:1: unexpected symbol near <eof>", line: 1 });
  });
});
