import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPackageInto, root } from './helpers/build.js';

// `kosmo-stripe run` as a user meets it (issue 10): the package is built (tsc, as `npm run build` does) into a
// directory of its own, and the built binary runs a script from a folder of the user's, on the embedded emulator.
// Errors must point at the file and the line.
const scratch = mkdtempSync(join(tmpdir(), 'kosmo-cli-lua-'));
const build = join(scratch, 'package');
const BIN = join(build, 'dist/cli.js');
const work = join(scratch, 'project');
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kosmo(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: work, env: baseEnv, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const script = (name: string, text: string): string => {
  writeFileSync(join(work, name), text);
  return name;
};

beforeAll(() => {
  buildPackageInto(build);
  mkdirSync(work);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// What the user's subscribe.lua says: a product, then a price whose amount is a string (line 12).
const SUBSCRIBE = `-- subscribe.lua
local stripe = app.integrations.stripe

local product = stripe.create_product({
  name = "Pro Plan",
})
print("product", product.name)

local amount = "2900"

-- the monthly price
local price = stripe.create_price({ product = product.id, currency = "usd", unit_amount = amount, recurring_interval = "month" })
print("price", price.id)
`;

describe('kosmo-stripe run: errors name the file and the line', () => {
  test('a syntax error', async () => {
    const result = await kosmo(['run', script('broken.lua', 'local plan = {\n  name = "Pro",\n  amount = 2900 )\nprint(plan.name)\n')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kosmo-stripe run: Lua script failed: broken\.lua:3: '}' expected \(to close '\{' at line 1\) near '\)'$/m);
    expect(result.stdout).toBe('');
  });

  test('a failed call: the line of the call, after what the script printed', async () => {
    const result = await kosmo(['run', script('subscribe.lua', SUBSCRIBE), '--allow-write']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('product\tPro Plan\n');
    expect(result.stderr).toMatch(/^kosmo-stripe run: subscribe\.lua:12: create_price: argument "unit_amount" expected an integer, got "2900"\. Nothing was sent to Stripe\.$/m);
    // No traceback without --debug.
    expect(result.stderr).not.toContain('stack traceback');
  });

  test('a Stripe error from a call in a function of the script, in a subfolder', async () => {
    mkdirSync(join(work, 'jobs'), { recursive: true });
    const result = await kosmo(['run', script('jobs/lookup.lua', 'local function find(id)\n  local customer = app.integrations.stripe.get_customer({ id = id })\n  return customer.email\nend\n\nprint(find("cus_missing"))\n')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kosmo-stripe run: lookup\.lua:2: 404 No such customer: 'cus_missing'$/m);
  });

  test('a refused write is explained once, with the line', async () => {
    const result = await kosmo(['run', script('write.lua', '-- needs --allow-write\n\napp.integrations.stripe.create_customer({ name = "Acme" })\n'), '--read-only']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kosmo-stripe run: write\.lua:3: stripe_create_customer on account "default" was not run: --read-only refuses writes\. Nothing was sent\.$/m);
  });

  test('--debug prints the Lua traceback on stderr', async () => {
    const result = await kosmo(['run', script('deep.lua', 'local function price_of(amount)\n  local price = app.integrations.stripe.create_price({ product = "prod_x", currency = "usd", unit_amount = amount })\n  return price\nend\n\nprice_of("9")\n'), '--allow-write', '--debug']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kosmo-stripe run: deep\.lua:2: create_price: argument "unit_amount" expected an integer, got "9"\./m);
    expect(result.stderr).toContain("stack traceback:\n\tdeep.lua:2: in local 'price_of'\n\tdeep.lua:6: in main chunk\n");
  });

  test('--json: the error with its message as the library gives it', async () => {
    const result = await kosmo(['run', script('j.lua', '\napp.integrations.stripe.get_customer({ id = "cus_missing" })\n'), '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { type: 'invalid_request_error', status: 404, message: "j.lua:2: 404 No such customer: 'cus_missing'" } });
  });

  test('a file name with control characters is shown printable', async () => {
    const result = await kosmo(['run', script('odd\tname.lua', 'error("x")')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kosmo-stripe run: Lua script failed: odd\?name\.lua:1: x$/m);
  });
});
