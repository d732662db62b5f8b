import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { serveEmulator } from '../src/emulator/serve.js';
import { buildPackage, root } from './helpers/build.js';

const BIN = join(root, 'dist/cli.js');
// A clean environment: no key from the machine running the tests may reach the command.
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kosmo(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: root, env: { ...baseEnv, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'kosmo-cli-'));
const file = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => buildPackage(), 60_000);

describe('usage', () => {
  test('--help lists the commands; no command is a usage error', async () => {
    const help = await kosmo(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['run', 'call', 'docs', 'tools', 'emulator']) expect(help.stdout).toContain(`kosmo-stripe ${command}`);
    expect((await kosmo([])).code).toBe(2);
  });

  test('each command has --help', async () => {
    const result = await kosmo(['call', '--help']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^kosmo-stripe call <tool>/);
  });

  test('an unknown command, an unknown option and a bad value exit 2 with the usage', async () => {
    expect(await kosmo(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frobnicate"') });
    expect(await kosmo(['docs', '--colour'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --colour') });
    expect(await kosmo(['tools', '--format', 'xml'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of catalogue, openai, anthropic, mcp') });
    expect(await kosmo(['run'])).toMatchObject({ code: 2, stderr: expect.stringContaining('run takes exactly one script file') });
    expect(await kosmo(['run', 'missing.lua'])).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read missing.lua') });
  });
});

describe('docs and tools', () => {
  test('docs prints a page, and names close matches for an unknown one', async () => {
    const page = await kosmo(['docs', 'integrations.stripe.create_price']);
    expect(page.code).toBe(0);
    expect(page.stdout).toContain('Tool `stripe_create_price`');
    const missing = await kosmo(['docs', 'integrations.stripe.create_prise']);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('Close matches: "integrations.stripe.create_price"') });
  });

  test('tools prints the catalogue in each format', async () => {
    const mcp = JSON.parse((await kosmo(['tools', '--format', 'mcp'])).stdout);
    expect(mcp.tools).toHaveLength(25);
    const openai = JSON.parse((await kosmo(['tools', '--format', 'openai'])).stdout);
    expect(openai[0]).toMatchObject({ type: 'function', function: { name: 'stripe_create_customer' } });
  });
});

describe('run', () => {
  test('with no key it runs on the emulator, says so on stderr, and prints the output and the value', async () => {
    const result = await kosmo(['run', 'examples/subscribe-customer.lua']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('running on the embedded Stripe emulator');
    expect(result.stdout).toMatch(/^product +prod_\w+ +Pro Plan$/m);
    expect(result.stdout).toMatch(/"status": "active"/);
  });

  test('--json gives output and value as one object', async () => {
    const result = await kosmo(['run', file('v.lua', 'print("hi") return { n = 1 }'), '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ output: ['hi'], value: { n: 1 } });
  });

  test('a failing script exits 1 with the error; limits apply', async () => {
    const failed = await kosmo(['run', file('f.lua', 'app.integrations.stripe.get_customer({ id = "cus_missing" })')]);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/^kosmo-stripe run: f\.lua:1: 404 No such customer: 'cus_missing'/m) });
    const slow = await kosmo(['run', file('s.lua', 'while true do end'), '--time-limit', '200']);
    expect(slow).toMatchObject({ code: 1, stderr: expect.stringContaining('time limit of 200 ms') });
  });
});

describe('call, against accounts from a config file', () => {
  test('reads, and writes only when allowed', async () => {
    const server = await serveEmulator({ port: 0 });
    try {
      const config = file('accounts.json', JSON.stringify({ accounts: { default: { apiKey: 'sk_test_cli', baseUrl: server.url } } }));
      const denied = await kosmo(['call', 'stripe_create_customer', '--arg', 'name=Acme', '--config', config]);
      expect(denied).toMatchObject({ code: 1, stderr: expect.stringContaining('writes need --allow-write when there is no terminal to ask') });
      const readOnly = await kosmo(['call', 'create_customer', '--arg', 'name=Acme', '--read-only', '--config', config]);
      expect(readOnly.stderr).toContain('--read-only refuses writes');
      const created = await kosmo(['call', 'stripe_create_customer', '--arg', 'name=Acme Corp', '--arg', 'metadata={"tier":"pro"}', '--allow-write', '--config', config]);
      expect(created.code).toBe(0);
      const customer = JSON.parse(created.stdout);
      expect(customer).toMatchObject({ object: 'customer', name: 'Acme Corp', metadata: { tier: 'pro' } });
      const listed = JSON.parse((await kosmo(['call', 'stripe_list_customers', '--arg', 'limit=5', '--config', config])).stdout);
      expect(listed.customers.map((c: { id: string }) => c.id)).toEqual([customer.id]);
      const named = await kosmo(['call', 'stripe_create_payment_intent', '--amount', '5000', '--currency', 'usd', '--customer', customer.id, '--allow-write', '--config', config]);
      expect(JSON.parse(named.stdout)).toMatchObject({ object: 'payment_intent', amount: 5000, currency: 'usd', customer: customer.id });
      const typo = await kosmo(['call', 'stripe_create_payment_intent', '--amout', '5000', '--currency', 'usd', '--allow-write', '--config', config]);
      expect(typo).toMatchObject({ code: 2, stderr: expect.stringContaining('argument "amout" expected one of the arguments') });
      expect(typo.stderr).toContain('Did you mean "amount"?');
      const bad = await kosmo(['call', 'stripe_list_customers', '--args', '{"limit": 500}', '--config', config]);
      expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('list_customers: argument "limit" expected an integer from 1 to 100, got number 500') });
    } finally {
      await server.close();
    }
  });
});

describe('emulator', () => {
  test('serves on 127.0.0.1 and stops on SIGTERM', async () => {
    const child: ChildProcess = spawn(process.execPath, [BIN, 'emulator', '--port', '0'], { cwd: root, env: baseEnv });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString());
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error('the emulator exited early')));
    });
    const response = await fetch(`${url}/v1/balance`, { headers: { Authorization: 'Bearer sk_test_cli' } });
    expect(response.status).toBe(200);
    expect((await response.json()).object).toBe('balance');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
