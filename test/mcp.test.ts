// createMcpServer in process, with the SDK's Client over an in-memory transport: tools, schemas, permissions,
// elicitation, read-only, accounts, Lua and docs. The binary over stdio and HTTP is in mcp-cli.test.ts.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { type CallToolResult, ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, test } from 'vitest';
import { createEmulator } from '../src/emulator/index.js';
import { createStripe } from '../src/index.js';
import { createMcpServer, type McpServerOptions } from '../src/mcp/index.js';
import { tools } from '../src/tools/index.js';
import { expectMatchesOutputSchema } from './mcp-helpers.js';

function counted() {
  const emulator = createEmulator();
  const seen = { requests: 0 };
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    seen.requests++;
    return emulator.fetch(input, init);
  };
  return { seen, fetch };
}

async function connect(options: Omit<McpServerOptions, 'stripe'> & { stripe?: McpServerOptions['stripe'] }, elicit?: (message: string) => ElicitResult) {
  const { seen, fetch } = counted();
  const stripe = options.stripe ?? createStripe({ apiKey: 'sk_test_mcp', fetch });
  const server = createMcpServer({ mode: 'emulator', ...options, stripe });
  const client = new Client({ name: 'test', version: '1' }, { capabilities: elicit ? { elicitation: { form: {} } } : {} });
  const messages: string[] = [];
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      messages.push(String(request.params.message));
      return elicit(String(request.params.message));
    });
  }
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), client.connect(b)]);
  const call = (name: string, args: Record<string, unknown> = {}) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
  return { client, call, seen, messages };
}

const structured = (result: CallToolResult) => result.structuredContent as Record<string, any>;

describe('tools', () => {
  test('lists the 25 catalogue tools with titles, annotations and output schemas, plus Lua and the docs', async () => {
    const { client } = await connect({ permissions: { write: 'allow' } });
    const { tools: listed } = await client.listTools();
    expect(listed.map((t) => t.name)).toEqual([...tools.map((t) => t.name), 'stripe_run_lua', 'stripe_read_doc', 'stripe_search_docs']);
    const create = listed.find((t) => t.name === 'stripe_create_customer')!;
    expect(create).toMatchObject({ title: 'Create a customer', annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true } });
    expect(create.inputSchema.properties).not.toHaveProperty('account');
    expect(listed.find((t) => t.name === 'stripe_delete_customer')!.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
    expect(listed.find((t) => t.name === 'stripe_get_balance')!.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true });
    for (const tool of listed) expect(tool.outputSchema?.type, tool.name).toBe('object');
  });

  test('read and write calls on the emulator: structuredContent matches each outputSchema, _meta says emulator', async () => {
    const { client, call } = await connect({ permissions: { write: 'allow' } });
    const created = await call('stripe_create_customer', { email: 'ada@example.com', name: 'Ada' });
    expect(created.isError).toBeFalsy();
    expect(structured(created)).toMatchObject({ object: 'customer', email: 'ada@example.com' });
    expect(created._meta).toMatchObject({ 'kosmokrator/mode': 'emulator', 'kosmokrator/account': 'default' });
    await expectMatchesOutputSchema(client, 'stripe_create_customer', created.structuredContent);
    const id = structured(created).id;
    for (const [name, args] of [['stripe_get_customer', { id }], ['stripe_list_customers', { limit: 5 }], ['stripe_get_balance', {}], ['stripe_list_products', {}], ['stripe_delete_customer', { id }], ['stripe_get_customer', { id }]] as const) {
      const result = await call(name, args);
      expect(result.isError, `${name}: ${JSON.stringify(result.structuredContent)}`).toBeFalsy();
      await expectMatchesOutputSchema(client, name, result.structuredContent);
    }
    expect(structured(await call('stripe_list_customers'))).toMatchObject({ customers: [], has_more: false });
  });

  test('a validation error is isError with the structured error, param and "did you mean", and nothing is sent', async () => {
    const { client, call, seen } = await connect({ permissions: { write: 'allow' } });
    const result = await call('stripe_create_customer', { nmae: 'Ada' });
    expect(result.isError).toBe(true);
    expect(structured(result).error).toMatchObject({ type: 'validation_error', param: 'nmae' });
    expect(structured(result).error.message).toContain('Did you mean "name"?');
    expect(structured(result).error).toHaveProperty('decline_code', null);
    expect(structured(result).error).toHaveProperty('request_id', null);
    await expectMatchesOutputSchema(client, 'stripe_create_customer', result.structuredContent);
    expect(seen.requests).toBe(0);
    const unknown = await call('stripe_create_custmer', {});
    expect(unknown.isError).toBe(true);
    expect(structured(unknown).error.message).toContain('Did you mean "stripe_create_customer"?');
  });

  test('a Stripe error from the emulator keeps its type, code and request_id', async () => {
    const { call } = await connect({});
    const result = await call('stripe_get_customer', { id: 'cus_missing' });
    expect(result.isError).toBe(true);
    expect(structured(result).error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', status: 404 });
    expect(structured(result).error.request_id).toMatch(/^req_/);
  });
});

describe('permissions', () => {
  test('a denied write is an error result and nothing is sent', async () => {
    const { call, seen } = await connect({ permissions: { write: 'deny' } });
    const result = await call('stripe_create_customer', { email: 'x@example.com' });
    expect(result.isError).toBe(true);
    expect(structured(result).error).toMatchObject({ type: 'permission_denied' });
    expect(structured(result).error.message).toContain('permissions.write');
    expect(seen.requests).toBe(0);
    expect((await call('stripe_get_balance')).isError).toBeFalsy();
    expect(seen.requests).toBe(1);
  });

  test('ask: elicitation shows function, account, mode and arguments; accepted runs, declined sends nothing', async () => {
    let answer: ElicitResult = { action: 'accept', content: { approve: true } };
    const { call, seen, messages } = await connect({ permissions: { write: 'ask' }, describeMode: () => 'emulator (embedded)' }, () => answer);
    const accepted = await call('stripe_create_customer', { email: 'yes@example.com' });
    expect(accepted.isError, JSON.stringify(accepted.structuredContent)).toBeFalsy();
    expect(messages[0]).toContain('function: create_customer');
    expect(messages[0]).toContain('account: default');
    expect(messages[0]).toContain('mode: emulator (embedded)');
    expect(messages[0]).toContain('yes@example.com');
    expect(seen.requests).toBe(1);
    answer = { action: 'decline' };
    const declined = await call('stripe_create_customer', { email: 'no@example.com' });
    expect(declined.isError).toBe(true);
    expect(structured(declined).error).toMatchObject({ type: 'permission_denied' });
    expect(structured(declined).error.message).toContain('the user declined it');
    answer = { action: 'accept', content: { approve: false } };
    expect((await call('stripe_create_customer', { email: 'no@example.com' })).isError).toBe(true);
    expect(seen.requests).toBe(1);
  });

  test('ask without elicitation support is a denial that says how to allow it', async () => {
    const { call, seen } = await connect({ permissions: { write: 'ask' } });
    const result = await call('stripe_create_customer', { email: 'x@example.com' });
    expect(structured(result).error.type).toBe('permission_denied');
    expect(structured(result).error.message).toContain('does not support elicitation');
    expect(structured(result).error.message).toContain('--allow-write');
    expect(seen.requests).toBe(0);
  });

  test('an approve callback decides instead of elicitation', async () => {
    const asked: string[] = [];
    const { call } = await connect({ permissions: { write: 'ask' }, approve: (pending) => (asked.push(pending.function), true) });
    expect((await call('stripe_create_product', { name: 'Pro' })).isError).toBeFalsy();
    expect(asked).toEqual(['create_product']);
  });

  test('read-only lists no write tools, refuses them if called, and scripts cannot write', async () => {
    const { client, call, seen } = await connect({ readOnly: true, permissions: { write: 'allow', default: { write: 'allow' } } });
    const { tools: listed } = await client.listTools();
    expect(listed.filter((t) => tools.find((c) => c.name === t.name)?.operation === 'write')).toEqual([]);
    expect(listed.map((t) => t.name)).toContain('stripe_list_customers');
    const refused = await call('stripe_create_customer', { email: 'x@example.com' });
    expect(structured(refused).error).toMatchObject({ type: 'permission_denied' });
    expect(structured(refused).error.message).toContain('read-only');
    const script = await call('stripe_run_lua', { script: 'return app.integrations.stripe.create_customer({ email = "x@example.com" }).id' });
    expect(script.isError).toBe(true);
    expect(seen.requests).toBe(0);
    const server = await connect({ readOnly: true });
    expect((await server.client.getInstructions()) ?? '').toContain('Read-only');
  });
});

describe('accounts, mode, Lua and docs', () => {
  test('a second account: account enum on every tool, calls go with its key, unknown account suggests', async () => {
    const { fetch } = counted();
    const keys: string[] = [];
    const stripe = createStripe({
      fetch: (input: RequestInfo | URL, init?: RequestInit) => (keys.push(atob((new Request(input, init).headers.get('authorization') ?? '').replace(/^Basic /, ''))), fetch(input, init)),
      accounts: { default: { apiKey: 'sk_test_default' }, work: { apiKey: 'sk_test_work' } },
    });
    const { client, call } = await connect({ stripe, permissions: { write: 'allow', work: { write: 'deny' } }, mode: { default: 'emulator', work: 'emulator' } });
    const { tools: listed } = await client.listTools();
    for (const tool of listed.filter((t) => t.name !== 'stripe_run_lua' && !t.name.includes('doc'))) {
      expect((tool.inputSchema.properties as any).account, tool.name).toMatchObject({ enum: ['default', 'work'], default: 'default' });
    }
    expect(structured(await call('stripe_list_customers', { account: 'work' }))).toHaveProperty('has_more');
    expect(keys.at(-1)).toContain('sk_test_work');
    const denied = await call('stripe_create_customer', { account: 'work', email: 'x@example.com' });
    expect(structured(denied).error.message).toContain('permissions.work.write');
    expect(keys).toHaveLength(1);
    const result = await call('stripe_create_customer', { account: 'default', email: 'x@example.com' });
    expect(result._meta).toMatchObject({ 'kosmokrator/account': 'default' });
    expect(keys.at(-1)).toContain('sk_test_default');
    const wrong = await call('stripe_get_balance', { account: 'wrok' });
    expect(structured(wrong).error.message).toContain('Did you mean "work"?');
  });

  test('the mode is in the instructions and in _meta: emulator, and live said as live', async () => {
    const emulated = await connect({});
    expect(emulated.client.getInstructions()).toContain('EMULATOR');
    const live = await connect({ mode: 'live', permissions: { read: 'allow' } });
    expect(live.client.getInstructions()).toContain('LIVE');
    expect((await live.call('stripe_get_balance'))._meta).toMatchObject({ 'kosmokrator/mode': 'live' });
    const unknown = await connect({ mode: undefined as never });
    expect(unknown.client.getInstructions()).toContain('treat writes as real');
  });

  test('stripe_run_lua returns value and output, with the same permissions', async () => {
    const { client, call } = await connect({ permissions: { write: 'allow' } });
    const result = await call('stripe_run_lua', { script: 'local c = app.integrations.stripe.create_customer({ email = "lua@example.com" })\nprint("made " .. c.object)\nreturn { email = c.email }' });
    expect(result.isError, JSON.stringify(result.structuredContent)).toBeFalsy();
    expect(structured(result)).toEqual({ value: { email: 'lua@example.com' }, output: ['made customer'] });
    await expectMatchesOutputSchema(client, 'stripe_run_lua', result.structuredContent);
    const broken = await call('stripe_run_lua', { script: 'error("boom")' });
    expect(broken.isError).toBe(true);
    await expectMatchesOutputSchema(client, 'stripe_run_lua', broken.structuredContent);
  }, 20_000);

  test('docs: tools and resources', async () => {
    const { client, call } = await connect({});
    const page = await call('stripe_read_doc', { page: 'integrations.stripe.create_customer' });
    expect(structured(page).text).toContain('create_customer');
    await expectMatchesOutputSchema(client, 'stripe_read_doc', page.structuredContent);
    const missing = await call('stripe_read_doc', { page: 'integrations.stripe.create_custmer' });
    expect(structured(missing).error).toMatchObject({ type: 'doc_not_found', param: 'page' });
    const hits = await call('stripe_search_docs', { query: 'invoice' });
    expect(structured(hits).hits.length).toBeGreaterThan(0);
    await expectMatchesOutputSchema(client, 'stripe_search_docs', hits.structuredContent);
    const { resources } = await client.listResources();
    expect(resources[0]).toMatchObject({ uri: 'stripe-doc://integrations.stripe', name: 'integrations.stripe', mimeType: 'text/markdown' });
    expect(resources.map((r) => r.name)).toContain('integrations.stripe.create_customer');
    const read = await client.readResource({ uri: 'stripe-doc://integrations.stripe.get_balance' });
    expect(read.contents[0]).toMatchObject({ uri: 'stripe-doc://integrations.stripe.get_balance', mimeType: 'text/markdown' });
    await expect(client.readResource({ uri: 'stripe-doc://integrations.stripe.nope' })).rejects.toThrow(/no page/);
  });
});

describe('isolation', () => {
  test('the core bundle has none of the MCP server or the SDK', async () => {
    const { bundleOf } = await import('../scripts/bundle.js');
    const { code } = await bundleOf(['createStripe', 'paginate']);
    expect(code).not.toContain('modelcontextprotocol');
    expect(code).not.toContain('stripe-doc://');
    expect(code).not.toContain('elicitation');
  }, 30_000);

  test('nothing outside src/mcp imports it or the SDK, except the CLI dispatch by dynamic import', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.includes('src/mcp/')) {
          const text = readFileSync(path, 'utf8');
          const staticImport = /^import[^;]*from ['"](@modelcontextprotocol\/sdk[^'"]*|\.\.?\/(\.\.\/)*mcp\/[^'"]*)['"]/m.test(text);
          const dynamic = /import\(['"](@modelcontextprotocol|\.\.\/mcp\/)/.test(text);
          if (staticImport || (dynamic && !path.endsWith('src/cli/main.ts'))) offenders.push(path);
        }
      }
    };
    walk(join(import.meta.dirname, '../src'));
    walk(join(import.meta.dirname, '../generated'));
    expect(offenders).toEqual([]);
  });
});
