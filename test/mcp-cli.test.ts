// The built `kosmo-stripe mcp` with the SDK's Client: over stdio (the embedded emulator), over Streamable HTTP
// (two accounts on a served emulator, elicitation, bearer token), and with the MCP Inspector's CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type CallToolResult, ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEmulator } from '../src/emulator/index.js';
import { type ServedEmulator, serveEmulator } from '../src/emulator/serve.js';
import { buildPackage, root } from './helpers/build.js';
import { expectMatchesOutputSchema, serveHttp } from './mcp-helpers.js';

const run = promisify(execFile);
const cli = join(root, 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'kosmo-mcp-'));
// No Stripe key from the developer's environment reaches these servers.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('STRIPE_') && name !== 'KOSMO_MCP_TOKEN')) as Record<string, string>;
const structured = (result: CallToolResult) => result.structuredContent as Record<string, any>;

let served: ServedEmulator;
const seen = { requests: 0 };

beforeAll(async () => {
  buildPackage();
  const emulator = createEmulator();
  served = await serveEmulator({ port: 0, emulator: { ...emulator, handle: (request: Request) => (seen.requests++, emulator.handle(request)) } });
}, 60_000);
afterAll(() => served?.close());

async function stdioClient(args: string[] = []) {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', ...args], env: cleanEnv, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr += chunk));
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(transport);
  return { client, stderr: () => stderr, call: (name: string, a: Record<string, unknown> = {}) => client.callTool({ name, arguments: a }) as Promise<CallToolResult> };
}

describe('stdio, the embedded emulator', () => {
  test('initialize, list tools and resources, read and write calls, validation error, Lua, a doc resource', async () => {
    const { client, call, stderr } = await stdioClient();
    try {
      expect(client.getServerVersion()).toMatchObject({ name: '@kosmokrator/stripe' });
      expect(client.getInstructions()).toContain('EMULATOR');
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(28);
      const created = await call('stripe_create_customer', { email: 'ada@example.com' });
      expect(created.isError, JSON.stringify(created.structuredContent)).toBeFalsy();
      expect(created._meta).toMatchObject({ 'kosmokrator/mode': 'emulator' });
      await expectMatchesOutputSchema(client, 'stripe_create_customer', created.structuredContent);
      const listed = await call('stripe_list_customers');
      expect(structured(listed).customers).toHaveLength(1);
      await expectMatchesOutputSchema(client, 'stripe_list_customers', listed.structuredContent);
      const invalid = await call('stripe_get_customer', { id: 'prod_123' });
      expect(invalid.isError).toBe(true);
      expect(structured(invalid).error).toMatchObject({ type: 'validation_error', param: 'id' });
      const lua = await call('stripe_run_lua', { script: 'print("hi")\nreturn #app.integrations.stripe.list_customers({}).customers' });
      expect(structured(lua)).toEqual({ value: 1, output: ['hi'] });
      const { resources } = await client.listResources();
      expect(resources).toHaveLength(26);
      const doc = await client.readResource({ uri: 'stripe-doc://integrations.stripe.create_customer' });
      expect((doc.contents[0] as { text: string }).text).toContain('create_customer');
      expect(stderr()).toContain('embedded Stripe emulator');
    } finally {
      await client.close();
    }
  }, 20_000);

  test('--read-only lists no write tools and refuses them', async () => {
    const { client, call } = await stdioClient(['--read-only']);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).not.toContain('stripe_create_customer');
      expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
      expect(structured(await call('stripe_create_customer', { email: 'x@example.com' })).error.message).toContain('read-only');
    } finally {
      await client.close();
    }
  }, 15_000);

  test('--help, --version, usage errors (exit 2), and the message when the SDK is not installed (exit 1)', async () => {
    const help = await run(process.execPath, [cli, 'mcp', '--help'], { env: cleanEnv });
    expect(help.stdout).toContain('--http');
    expect((await run(process.execPath, [cli, 'mcp', '--version'], { env: cleanEnv })).stdout).toMatch(/^kosmo-stripe \d/);
    for (const args of [['--bogus'], ['--port', '3000'], ['--http', '--host', '0.0.0.0'], ['--read-only', '--allow-write']]) {
      const failed = await run(process.execPath, [cli, 'mcp', ...args], { env: cleanEnv }).catch((error) => error);
      expect(failed.code, args.join(' ')).toBe(2);
      expect(failed.stdout).toBe('');
    }
    const hooks = join(dir, 'no-sdk.mjs');
    writeFileSync(hooks, `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@modelcontextprotocol/sdk')) throw Object.assign(new Error("Cannot find package '@modelcontextprotocol/sdk'"), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}`);
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});\n`);
    const missing = await run(process.execPath, ['--import', register, cli, 'mcp'], { env: cleanEnv }).catch((error) => error);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('npm install @modelcontextprotocol/sdk');
    expect(missing.stderr).toContain('npx -y -p @kosmokrator/stripe -p @modelcontextprotocol/sdk kosmo-stripe mcp');
  }, 20_000);
});

describe('Streamable HTTP', () => {
  test('two accounts on a served emulator: account argument, elicitation accepted and declined, a denied write sends nothing', async () => {
    const config = join(dir, 'accounts.json');
    writeFileSync(config, JSON.stringify({ accounts: { default: { apiKey: 'sk_test_default' }, work: { apiKey: 'sk_test_work' } }, permissions: { write: 'ask', work: { write: 'deny' } } }));
    const server = await serveHttp(cli, ['--config', config], { ...cleanEnv, STRIPE_API_BASE: served.url });
    const client = new Client({ name: 'test', version: '1' }, { capabilities: { elicitation: { form: {} } } });
    let answer: ElicitResult = { action: 'accept', content: { approve: true } };
    const messages: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => (messages.push(String(request.params.message)), answer));
    const call = (name: string, a: Record<string, unknown> = {}) => client.callTool({ name, arguments: a }) as Promise<CallToolResult>;
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
      const { tools } = await client.listTools();
      expect((tools[0]!.inputSchema.properties as any).account.enum).toEqual(['default', 'work']);
      const work = await call('stripe_list_customers', { account: 'work' });
      expect(work.isError, JSON.stringify(work.structuredContent)).toBeFalsy();
      expect(work._meta).toMatchObject({ 'kosmokrator/account': 'work', 'kosmokrator/mode': 'emulator' });
      const before = seen.requests;
      const denied = await call('stripe_create_customer', { account: 'work', email: 'x@example.com' });
      expect(structured(denied).error).toMatchObject({ type: 'permission_denied' });
      expect(seen.requests).toBe(before);
      const accepted = await call('stripe_create_customer', { email: 'yes@example.com' });
      expect(accepted.isError, JSON.stringify(accepted.structuredContent)).toBeFalsy();
      await expectMatchesOutputSchema(client, 'stripe_create_customer', accepted.structuredContent);
      expect(messages[0]).toMatch(/function: create_customer[\s\S]*account: default[\s\S]*mode: emulator[\s\S]*yes@example\.com/);
      expect(seen.requests).toBe(before + 1);
      answer = { action: 'decline' };
      const declined = await call('stripe_create_customer', { email: 'no@example.com' });
      expect(structured(declined).error.message).toContain('declined');
      expect(seen.requests).toBe(before + 1);
    } finally {
      await client.close();
      await server.stop();
    }
  }, 20_000);

  test('--host with a bearer token: 401 without it, served with it', async () => {
    const server = await serveHttp(cli, ['--host', '0.0.0.0', '--token', 's3cret-token'], cleanEnv);
    const url = server.url.replace('0.0.0.0', '127.0.0.1');
    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } });
      const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(401);
      expect((await fetch(url, { method: 'POST', headers: { ...headers, authorization: 'Bearer wrong' }, body })).status).toBe(401);
      const client = new Client({ name: 'test', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: 'Bearer s3cret-token' } } }));
      expect((await client.listTools()).tools).toHaveLength(28);
      await client.close();
    } finally {
      await server.stop();
    }
  }, 15_000);

  test('without a token, a request naming another Host is refused (DNS rebinding)', async () => {
    const server = await serveHttp(cli, [], cleanEnv);
    try {
      const response = await fetch(server.url, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' }, body: '{}' });
      expect([403, 400]).toContain(response.status);
    } finally {
      await server.stop();
    }
  }, 15_000);
});

test('the MCP Inspector CLI (offline, from node_modules) lists the tools and calls one', async () => {
  const inspector = join(root, 'node_modules/@modelcontextprotocol/inspector-cli/build/cli.js');
  // inspector-cli 1.0.3 finds its own package.json relative to the working directory; dist/ gives it ../package.json.
  const options = { cwd: join(root, 'dist'), env: cleanEnv, timeout: 25_000 };
  const [listed, called] = await Promise.all([
    run(process.execPath, [inspector, '--cli', process.execPath, cli, 'mcp', '--method', 'tools/list'], options),
    run(process.execPath, [inspector, '--cli', process.execPath, cli, 'mcp', '--method', 'tools/call', '--tool-name', 'stripe_create_customer', '--tool-arg', 'email=inspector@example.com'], options),
  ]);
  const names = (JSON.parse(listed.stdout) as { tools: { name: string }[] }).tools.map((t) => t.name);
  expect(names).toHaveLength(28);
  expect(names).toContain('stripe_create_customer');
  const result = JSON.parse(called.stdout);
  expect(result.structuredContent).toMatchObject({ object: 'customer', email: 'inspector@example.com' });
  expect(result._meta).toMatchObject({ 'kosmokrator/mode': 'emulator' });
}, 30_000);
