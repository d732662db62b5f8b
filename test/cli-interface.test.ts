import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import Stripe from 'stripe';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPackageInto, root } from './helpers/build.js';

// The command's interface as a user meets it, on the built binary: exit codes, --version, --json, the banner,
// progress while it waits, the approval prompt, and the emulator shared across commands. Built into a directory
// of its own (with the package.json the command reads its version from), so test/cli.test.ts rebuilding dist/ at
// the same time cannot hand this file a half-written module.
const scratch = mkdtempSync(join(tmpdir(), 'kosmo-cli-interface-'));
const build = join(scratch, 'package');
const BIN = join(build, 'dist/cli.js');
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
const VERSION = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
// Built at run time, so no scanner takes these for leaked keys.
const TEST_KEY = ['sk', 'test', 'cliinterface'].join('_');
const LIVE_KEY = ['sk', 'live', 'cliinterface'].join('_');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function kosmo(args: string[], env: Record<string, string> = {}, timeout = 30_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: root, env: { ...baseEnv, ...env }, timeout }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const file = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

/** Starts `kosmo-stripe emulator` and reads the URL it prints. */
async function startEmulator(extra: string[] = []): Promise<{ child: ChildProcess; url: string; stdout: () => string; stderr: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...extra], { cwd: root, env: baseEnv });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /export STRIPE_API_BASE=(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(`the emulator exited early: ${err}`)));
  });
  const stop = () => {
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    return exited;
  };
  return { child, url, stdout: () => out, stderr: () => err, stop };
}

beforeAll(() => {
  buildPackageInto(build);
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A loopback port nothing listens on: a connection there is refused, and nothing is sent. */
let closedPort = 0;
beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});

describe('exit codes', () => {
  test('--help lists the table', async () => {
    const help = await kosmo(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 {2}done\n {2}1 {2}the call or script failed/);
    expect(help.stdout).toContain('2  the command line was wrong');
  });

  // Each row of the table: 2 for the command line, 1 for a call or script that failed, 0 for done.
  const rows: Array<[string, string[], Record<string, string>, number, string]> = [
    ['no command', [], {}, 2, 'no command given'],
    ['an unknown command', ['frobnicate'], {}, 2, 'unknown command "frobnicate"'],
    ['an unknown tool', ['call', 'create_custmer'], {}, 2, 'Did you mean "create_customer"?'],
    ['an unknown flag', ['tools', '--colour'], {}, 2, 'unknown option --colour'],
    ['an unknown argument of a tool', ['call', 'create_customer', '--nmae', 'Acme'], {}, 2, 'argument "nmae"'],
    ['an unknown docs page', ['docs', 'create_prise'], {}, 2, 'Close matches: "integrations.stripe.create_price"'],
    ['a malformed value', ['call', 'list_customers', '--limit', '500'], {}, 2, 'expected an integer from 1 to 100'],
    ['a malformed number flag', ['call', 'list_customers', '--timeout', 'soon'], {}, 2, '--timeout expects a positive whole number'],
    ['a negative --max-retries', ['call', 'list_customers', '--max-retries', '-1'], {}, 2, '--max-retries expects a non-negative whole number'],
    ['malformed --args', ['call', 'list_customers', '--args', '{limit'], {}, 2, '--args is not valid JSON'],
    ['an emulator default card that is not a test card', ['emulator', '--port', '0', '--default-payment-method', 'pm_card_made_up'], {}, 2, '--default-payment-method expects none or a test card such as pm_card_visa, got "pm_card_made_up"'],
    ['a publishable key in the environment', ['call', 'list_customers'], { STRIPE_SECRET_KEY: 'pk_test_abc' }, 2, 'STRIPE_SECRET_KEY is a publishable key'],
    ['a bad alias key, named by its variable', ['call', 'list_customers'], { STRIPE_SECRET_KEY: TEST_KEY, STRIPE_SECRET_KEY_WORK: 'nonsense' }, 2, 'STRIPE_SECRET_KEY_WORK is a value of another shape'],
    ['a Stripe error', ['call', 'get_customer', '--id', 'cus_missing'], {}, 1, "No such customer: 'cus_missing'"],
    ['a script file that cannot be read', ['run', '__missing__.lua'], {}, 2, 'cannot read __missing__.lua'],
    ['done', ['call', 'list_customers', '--limit', '1'], {}, 0, 'embedded Stripe emulator'],
  ];
  test.each(rows)('%s', async (_, args, env, code, text) => {
    const result = await kosmo(args, env);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(text);
  });

  test('a script that fails exits 1', async () => {
    const result = await kosmo(['run', file('boom.lua', 'error("boom")')]);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('boom') });
  });

  test('the key is never shown in the message about it', async () => {
    const result = await kosmo(['call', 'list_customers'], { STRIPE_SECRET_KEY: 'pk_test_secretvalue123' });
    expect(result.stderr).not.toContain('secretvalue123');
  });

  test('usage errors come before the banner: none is printed', async () => {
    const result = await kosmo(['call', 'list_customers', '--limit', '500']);
    expect(result.stderr).not.toContain('emulator');
  });
});

describe('--version', () => {
  test.each([[[]], [['run']], [['call']], [['docs']], [['tools']], [['emulator']]])('kosmo-stripe %s --version', async (words) => {
    const result = await kosmo([...words, '--version']);
    expect(result).toMatchObject({ code: 0, stdout: `kosmo-stripe ${VERSION}\n` });
  });
});

describe('--json', () => {
  const oneObject = (run: Run) => {
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]!) as { ok: boolean; error: Record<string, unknown> };
  };

  test.each([
    ['a Stripe error', ['call', 'get_customer', '--id', 'cus_missing', '--json'], 1, { type: 'invalid_request_error', status: 404 }],
    ['an unknown tool', ['call', 'nope', '--json'], 2, { type: 'unknown_tool' }],
    ['a usage error', ['tools', '--format', 'xml', '--json'], 2, { type: 'usage_error' }],
    ['an unknown page', ['docs', 'nope', '--json'], 2, { type: 'doc_not_found' }],
    ['a failed script', ['run', '__missing__.lua', '--json'], 2, { type: 'usage_error' }],
  ])('%s: exactly one { ok: false, error } object on stdout', async (_, args, code, fields) => {
    const result = await kosmo(args as string[]);
    expect(result.code).toBe(code);
    const outcome = oneObject(result);
    expect(outcome).toMatchObject({ ok: false, error: { ...fields, message: expect.any(String) } });
  });

  test('a failing script with --json', async () => {
    const result = await kosmo(['run', file('j.lua', 'app.integrations.stripe.get_customer({ id = "cus_missing" })'), '--json']);
    expect(result.code).toBe(1);
    expect(oneObject(result)).toMatchObject({ ok: false, error: { status: 404, type: 'invalid_request_error' } });
  });

  test('the old call --json {…} says to use --args', async () => {
    const result = await kosmo(['call', 'list_customers', '--json', '{"limit":3}']);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining("--args '{\"limit\":3}'") });
    const ok = await kosmo(['call', 'list_customers', '--args', '{"limit":3}', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ customers: [], has_more: false });
  });

  test('docs takes the short names call takes', async () => {
    for (const name of ['create_customer', 'stripe_create_customer', 'integrations.stripe.create_customer']) {
      const result = await kosmo(['docs', name, '--json']);
      expect(JSON.parse(result.stdout)).toMatchObject({ page: 'integrations.stripe.create_customer', markdown: expect.stringContaining('create_customer') });
    }
  });
});

describe('the mode banner', () => {
  test('a live key gets a plain warning on stderr before anything is sent', async () => {
    const config = file('live.json', JSON.stringify({ accounts: { default: { apiKey: LIVE_KEY, baseUrl: `http://127.0.0.1:${closedPort}` } } }));
    const result = await kosmo(['call', 'list_customers', '--config', config, '--max-retries', '0']);
    expect(result.stderr).toMatch(/^kosmo-stripe: LIVE mode: accounts\.default\.apiKey in .*live\.json is a live key\. Writes change real data and can move real money\.$/m);
    expect(result.stderr).toContain('The connection was refused (ECONNREFUSED): nothing was sent.');
    expect(result.code).toBe(1);
  });

  test('a test key says test mode', async () => {
    const config = file('test.json', JSON.stringify({ accounts: { default: { apiKey: TEST_KEY, baseUrl: `http://127.0.0.1:${closedPort}` } } }));
    const result = await kosmo(['call', 'list_customers', '--config', config, '--max-retries', '0']);
    expect(result.stderr).toMatch(/^kosmo-stripe: test mode/m);
  });
});

describe('waiting for an answer', () => {
  let stalled: Server;
  let url = '';
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    stalled = createServer((socket) => {
      sockets.add(socket); // reads the request and never answers
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(stalled.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => stalled.close(resolve));
  });

  test('a server that never answers: stderr says what it waits for after ~2 s, and the timeout ends it', async () => {
    const result = await kosmo(['call', 'list_customers', '--timeout', '3000', '--max-retries', '0'], { STRIPE_API_BASE: url }, 15_000);
    expect(result.stderr).toMatch(/waiting for the emulator: GET \/v1\/customers, 2\.\d s…/);
    expect(result.stderr).toContain('It was a read: nothing was changed');
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(8000);
  }, 20_000);

  test('each retry says attempt n of m and why; a write prints its idempotency key and the command to repeat it', async () => {
    const result = await kosmo(['call', 'create_customer', '--name', 'Acme', '--timeout', '1000', '--max-retries', '1'], { STRIPE_API_BASE: url }, 15_000);
    expect(result.stderr).toContain('retrying POST /v1/customers: attempt 2 of 2, because no answer came in time');
    const key = /its idempotency key was ([\w-]+)/.exec(result.stderr)?.[1];
    expect(key).toBeDefined();
    expect(result.stderr).toContain(`kosmo-stripe call stripe_create_customer --idempotency-key ${key} --args '{"name":"Acme"}'`);
    expect(result.code).toBe(1);
  }, 20_000);

  test('run takes --timeout and --max-retries too, and a script\'s write that may have reached Stripe prints the call that repeats it', async () => {
    const script = file('write.lua', 'return app.integrations.stripe.create_customer({ name = "Acme" })');
    const result = await kosmo(['run', script, '--timeout', '1000', '--max-retries', '0'], { STRIPE_API_BASE: url }, 15_000);
    expect(result.code).toBe(1);
    const key = /its idempotency key was ([\w-]+)/.exec(result.stderr)?.[1];
    expect(result.stderr).toContain(`kosmo-stripe call stripe_create_customer --idempotency-key ${key} --args '{"name":"Acme"}'`);
  }, 20_000);

  test('a host name that does not resolve: nothing was sent', async () => {
    const result = await kosmo(['call', 'create_customer', '--name', 'Acme', '--allow-write', '--max-retries', '0'], { STRIPE_SECRET_KEY: TEST_KEY, STRIPE_API_BASE: 'http://kosmo-stripe.invalid' });
    expect(result.stderr).toMatch(/did not resolve \((ENOTFOUND|EAI_AGAIN)\): nothing was sent/);
  });
});

describe('the approval prompt', () => {
  test('without a terminal, writes need --allow-write', async () => {
    const config = file('ask.json', JSON.stringify({ accounts: { default: { apiKey: TEST_KEY, baseUrl: `http://127.0.0.1:${closedPort}` } } }));
    const result = await kosmo(['call', 'create_customer', '--name', 'Acme', '--config', config]);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('writes need --allow-write when there is no terminal to ask') });
  });

  // util-linux's `script` gives the command a pseudo-terminal, as a user's shell would.
  test.skipIf(!existsSync('/usr/bin/script'))('on a terminal it shows function, account, mode and arguments, and "n" declines', async () => {
    // Declined, so nothing is sent to Stripe: no network is needed.
    {
      const child = spawn('script', ['-qec', `${process.execPath} ${BIN} call create_customer --name Acme`, '/dev/null'], { env: { ...baseEnv, STRIPE_SECRET_KEY: TEST_KEY, TERM: 'dumb' } });
      let seen = '';
      const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.stdout.on('data', (chunk: Buffer) => {
        const before = seen;
        seen += chunk.toString();
        if (!before.includes('[y/N]') && seen.includes('[y/N]')) child.stdin.write('n\n');
      });
      const code = await done;
      expect(seen).toContain('stripe_create_customer is a write. Run it?');
      expect(seen).toMatch(/function +create_customer/);
      expect(seen).toMatch(/account +default/);
      expect(seen).toMatch(/mode +test \(STRIPE_SECRET_KEY is a test key\)/);
      expect(seen).toMatch(/arguments +\{\s+"name": "Acme"\s+\}/);
      expect(seen).toContain('was declined at the prompt; nothing was sent.');
      expect(code).toBe(1);
    }
  }, 20_000);
});

describe('the emulator across commands', () => {
  test('prints STRIPE_API_BASE; commands pointed there share its state, as the emulator; one log line per request', async () => {
    const emulator = await startEmulator();
    try {
      expect(emulator.stdout()).toContain(`export STRIPE_API_BASE=${emulator.url} STRIPE_SECRET_KEY=sk_test_emulator`);
      const env = { STRIPE_API_BASE: emulator.url };
      const created = await kosmo(['call', 'create_customer', '--name', 'Shared'], env);
      expect(created.code).toBe(0);
      expect(created.stderr).toContain(`emulator at ${emulator.url} (STRIPE_API_BASE)`);
      const id = (JSON.parse(created.stdout) as { id: string }).id;
      const fetched = await kosmo(['call', 'get_customer', '--id', id], env);
      expect(JSON.parse(fetched.stdout)).toMatchObject({ id, name: 'Shared' });
      const missing = await kosmo(['call', 'get_customer', '--id', 'cus_missing', '--json'], env);
      expect(missing.code).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(emulator.stderr()).toMatch(/^POST \/v1\/customers 200 req_\w+ \d+ ms$/m);
      expect(emulator.stderr()).toMatch(/^GET \/v1\/customers\/cus_missing 404 req_\w+ \d+ ms$/m);
      // Its error bodies carry no dashboard URL for a request id Stripe never saw.
      const response = await fetch(`${emulator.url}/v1/customers/cus_missing`, { headers: { Authorization: 'Bearer sk_test_x' } });
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect(body.error.type).toBe('invalid_request_error');
      expect(body.error).not.toHaveProperty('request_log_url');
      expect(JSON.stringify(body)).not.toContain('dashboard.stripe.com');
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
  }, 30_000);

  test('a port in use says so and suggests --port', async () => {
    const emulator = await startEmulator(['--quiet']);
    try {
      const port = new URL(emulator.url).port;
      const result = await kosmo(['emulator', '--port', port]);
      expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining(`port ${port} on 127.0.0.1 is in use`) });
      expect(result.stderr).toContain('--port');
    } finally {
      await emulator.stop();
    }
  }, 20_000);
});

describe('webhooks from the emulator command', () => {
  test('--forward-to delivers signed events that the official stripe package verifies; --trigger makes them', async () => {
    const received: Array<{ body: string; signature: string }> = [];
    const server = createHttpServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(request.headers['stripe-signature']) });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    const secret = 'whsec_cli_interface_secret';
    const emulator = await startEmulator(['--forward-to', target, '--webhook-secret', secret, '--trigger', 'payment_intent.succeeded']);
    try {
      // The emulator logs a delivery once the endpoint has answered it, so wait for the log line too.
      const done = () => received.some(({ body }) => body.includes('"payment_intent.succeeded"')) && /^--> payment_intent\.succeeded /m.test(emulator.stderr());
      for (let waited = 0; !done() && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(emulator.stdout()).toContain(`Forwarding events to ${target}. Your webhook signing secret is ${secret}`);
      const official = new Stripe(TEST_KEY);
      const types = received.map(({ body, signature }) => official.webhooks.constructEvent(body, signature, secret).type);
      expect(types).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
      expect(emulator.stderr()).toMatch(/^--> payment_intent\.succeeded \[evt_\w+\] http:\/\/127\.0\.0\.1:\d+\/hook 200$/m);
      expect(emulator.stderr()).toContain('Triggered payment_intent.succeeded');
    } finally {
      await emulator.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 30_000);

  test('--trigger list prints the scenarios; an unknown one and a secret without --forward-to are usage errors', async () => {
    const list = await kosmo(['emulator', '--trigger', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')).toEqual(expect.arrayContaining(['invoice.payment_failed', 'customer.subscription.deleted', 'payment_intent.succeeded']));
    const typo = await kosmo(['emulator', '--trigger', 'invoice.piad']);
    expect(typo).toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean invoice.paid?') });
    const lonely = await kosmo(['emulator', '--webhook-secret', 'whsec_abcdefgh12']);
    expect(lonely).toMatchObject({ code: 2, stderr: expect.stringContaining('--webhook-secret needs --forward-to') });
    const badUrl = await kosmo(['emulator', '--forward-to', 'ftp://x']);
    expect(badUrl.code).toBe(2);
  }, 30_000);
});
