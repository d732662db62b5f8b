import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { createStripe } from '../src/index.js';
import { callTool, callToolSafe, findTool, StripePermissionDeniedError, StripeUnknownToolError, toAnthropicTools, toMcpTools, toOpenAITools, tools } from '../src/tools/index.js';
import { literalCalls, seedExamples, seedParameterTables } from './helpers/seed.js';

const ajv = new Ajv2020({ strict: true, allErrors: true });
const SEED_TYPES: Record<string, string> = { string: 'string', integer: 'integer', boolean: 'boolean', object: 'object' };

describe('the tool catalogue', () => {
  test('has the seed\'s 25 tools with their names, full names, Lua paths and operations', () => {
    // The seed's function reference lists list_products before get_product; the order is not part of the API.
    expect(tools.map((t) => t.name).sort()).toEqual(seedParameterTables.map((s) => s.tool).sort());
    for (const seed of seedParameterTables) {
      const tool = findTool(seed.tool);
      expect(tool).toMatchObject({ fullName: `stripe.${seed.tool}`, luaPath: `app.integrations.stripe.${seed.function}`, operation: seed.operation });
    }
  });

  test('each input schema has exactly the seed\'s parameters, types and required flags', () => {
    for (const seed of seedParameterTables) {
      const schema = findTool(seed.tool).inputSchema as { properties: Record<string, { type: string }>; required: string[]; additionalProperties: boolean };
      expect(Object.keys(schema.properties), seed.tool).toEqual(seed.parameters.map((p) => p.parameter));
      expect(Object.values(schema.properties).map((p) => p.type), seed.tool).toEqual(seed.parameters.map((p) => SEED_TYPES[p.type]));
      expect(schema.required, seed.tool).toEqual(seed.parameters.filter((p) => p.required).map((p) => p.parameter));
      expect(schema.additionalProperties).toBe(false);
    }
  });

  test("every input schema accepts the seed's examples and rejects an unknown argument", () => {
    const calls = seedExamples.filter((e) => e.section.startsWith('app.integrations.stripe.')).flatMap((e) => literalCalls(e.lua));
    expect(calls.length).toBeGreaterThanOrEqual(35);
    expect(new Set(calls.map((c) => c.function)).size).toBe(25);
    for (const call of calls) {
      const validate = ajv.compile(findTool(call.function).inputSchema);
      // The seed lists "automatic" as a cancellation reason Stripe never accepts; its examples do not use it.
      expect(validate(call.args), `${call.function} ${JSON.stringify(call.args)} ${ajv.errorsText(validate.errors)}`).toBe(true);
      expect(validate({ ...call.args, surprise: 1 }), call.function).toBe(false);
    }
  });

  test('schemas carry the runtime rules: enums, bounds, ID patterns', () => {
    const check = (tool: string, args: unknown) => ajv.compile(findTool(tool).inputSchema)(args);
    expect(check('stripe_cancel_payment_intent', { id: 'pi_1', cancellation_reason: 'automatic' })).toBe(false);
    expect(check('stripe_list_customers', { limit: 101 })).toBe(false);
    expect(check('stripe_get_customer', { id: 'prod_1' })).toBe(false);
    expect(check('stripe_create_price', { product: 'prod_1', unit_amount: -1, currency: 'usd' })).toBe(false);
    expect(check('stripe_create_customer', { metadata: { tier: 5 } })).toBe(false);
    expect(check('stripe_get_balance', {})).toBe(true);
  });
});

describe('adapters', () => {
  test('OpenAI function tools', () => {
    const [first] = toOpenAITools();
    expect(first).toEqual({ type: 'function', function: { name: 'stripe_create_customer', description: tools[0]!.description, parameters: expect.objectContaining({ type: 'object', additionalProperties: false }) } });
    expect(first!.function.parameters).not.toHaveProperty('$schema');
  });

  test('Anthropic tools', () => {
    const byName = Object.fromEntries(toAnthropicTools().map((t) => [t.name, t]));
    expect(byName.stripe_create_price!.input_schema).toMatchObject({ type: 'object', required: ['product', 'unit_amount', 'currency'] });
  });

  test('MCP tools/list with read-only and destructive hints', () => {
    const { tools: listed } = toMcpTools();
    expect(listed).toHaveLength(25);
    const hints = Object.fromEntries(listed.map((t) => [t.name, [t.annotations.readOnlyHint, t.annotations.destructiveHint]]));
    expect(hints.stripe_get_customer).toEqual([true, false]);
    expect(hints.stripe_create_customer).toEqual([false, false]);
    for (const name of ['stripe_delete_customer', 'stripe_cancel_payment_intent', 'stripe_cancel_subscription', 'stripe_void_invoice']) expect(hints[name], name).toEqual([false, true]);
    expect(listed.filter((t) => t.annotations.destructiveHint)).toHaveLength(4);
  });
});

describe('callTool', () => {
  /** A Stripe that records requests and answers with a customer (or a card decline for payment intents). */
  function recordingStripe(accounts: Record<string, string> = { default: 'sk_test_default' }) {
    const requests: string[] = [];
    const fetch = async (input: Request | URL | string, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push(`${request.method} ${new URL(request.url).pathname}`);
      if (request.url.includes('/v1/payment_intents')) {
        return Response.json({ error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } }, { status: 402, headers: { 'Request-Id': 'req_declined' } });
      }
      return Response.json({ id: 'cus_1', object: 'customer' }, { headers: { 'Request-Id': 'req_ok' } });
    };
    const stripe = createStripe({ fetch, maxRetries: 0, accounts: Object.fromEntries(Object.entries(accounts).map(([alias, apiKey]) => [alias, { apiKey }])) as never });
    return { stripe, requests };
  }

  test('a read runs by default, by tool name, function name or full name', async () => {
    const { stripe, requests } = recordingStripe();
    for (const name of ['stripe_get_customer', 'get_customer', 'stripe.stripe_get_customer']) {
      expect(await callTool(stripe, name, { id: 'cus_1' })).toEqual({ id: 'cus_1', object: 'customer' });
    }
    expect(requests).toEqual(Array(3).fill('GET /v1/customers/cus_1'));
  });

  test('a write asks by default, and without approve it is denied with nothing sent', async () => {
    const { stripe, requests } = recordingStripe();
    await expect(callTool(stripe, 'stripe_create_customer', { name: 'x' })).rejects.toThrow(StripePermissionDeniedError);
    await expect(callTool(stripe, 'stripe_create_customer', { name: 'x' })).rejects.toThrow(/set to "ask" by permissions.write, and no approve callback was given. Pass approve\(call\), or set permissions.write to "allow"/);
    expect(requests).toEqual([]);
  });

  test('approve decides ask calls and sees the call', async () => {
    const { stripe, requests } = recordingStripe();
    const seen: unknown[] = [];
    const approve = (call: unknown) => (seen.push(call), true);
    await callTool(stripe, 'stripe_create_customer', { name: 'x' }, { approve });
    expect(seen).toEqual([{ tool: 'stripe_create_customer', function: 'create_customer', account: 'default', operation: 'write', args: { name: 'x' } }]);
    await expect(callTool(stripe, 'stripe_create_customer', { name: 'x' }, { approve: async () => false })).rejects.toThrow(/the approve callback declined it/);
    expect(requests).toEqual(['POST /v1/customers']);
  });

  test('invalid arguments are refused before anyone is asked to approve the call', async () => {
    const { stripe, requests } = recordingStripe();
    const seen: unknown[] = [];
    const approve = (call: unknown) => (seen.push(call), true);
    await expect(callTool(stripe, 'stripe_create_price', { product: 'prod_1', unit_amount: -5, currency: 'usd' }, { approve })).rejects.toThrow(
      /^create_price: argument "unit_amount" expected a non-negative integer, got number -5\./,
    );
    await expect(callTool(stripe, 'stripe_create_customer', { nmae: 'x' }, { approve })).rejects.toThrow(/Did you mean "name"\?/);
    expect(seen).toEqual([]);
    expect(requests).toEqual([]);
  });

  test('permissions per account win over the shared ones', async () => {
    const { stripe, requests } = recordingStripe({ default: 'sk_test_a', work: 'sk_test_b' });
    const permissions = { write: 'allow', work: { write: 'deny' }, read: 'allow' } as const;
    await callTool(stripe, 'stripe_create_customer', { name: 'x' }, { permissions });
    await expect(callTool(stripe, 'stripe_create_customer', { name: 'x' }, { permissions, account: 'work' })).rejects.toThrow(
      'stripe_create_customer on account "work" was not run: write calls are set to "deny" by permissions.work.write. Set permissions.work.write to "allow" (or "ask") to permit them.',
    );
    await expect(callTool(stripe, 'stripe_get_balance', {}, { permissions: { read: 'deny' }, account: 'work' })).rejects.toThrow(/read calls are set to "deny" by permissions.read/);
    expect(requests).toEqual(['POST /v1/customers']);
  });

  test('unknown tools and accounts are named with suggestions', async () => {
    const { stripe } = recordingStripe();
    await expect(callTool(stripe, 'stripe_create_custmer', {})).rejects.toThrow('There is no Stripe tool "stripe_create_custmer". Did you mean "stripe_create_customer"?');
    await expect(callTool(stripe, 'create_custmer', {})).rejects.toThrow('There is no Stripe tool "create_custmer". Did you mean "create_customer"?');
    await expect(callTool(stripe, 'stripe_get_balance', {}, { account: 'wrok' })).rejects.toThrow(StripeUnknownToolError);
  });

  test('callToolSafe never throws: results, Stripe errors and denials as data', async () => {
    const { stripe } = recordingStripe();
    expect(await callToolSafe(stripe, 'stripe_get_customer', { id: 'cus_1' })).toEqual({ ok: true, result: { id: 'cus_1', object: 'customer' } });
    expect(await callToolSafe(stripe, 'stripe_get_payment_intent', { id: 'pi_1' })).toEqual({
      ok: false,
      error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', param: undefined, message: '402 Your card has insufficient funds.', status: 402, request_id: 'req_declined' },
    });
    expect(await callToolSafe(stripe, 'stripe_void_invoice', { id: 'in_1' })).toMatchObject({ ok: false, error: { type: 'permission_denied', code: 'permission_denied' } });
    expect(await callToolSafe(stripe, 'stripe_get_customer', { id: 5 })).toMatchObject({ ok: false, error: { type: 'validation_error', param: 'id' } });
  });
});
