import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { bundleOf } from '../scripts/bundle.js';

// Each function's route and name are in its own module only, so finding one in a bundle means that module came along.
const spec = parse(readFileSync(new URL('../spec/functions.yaml', import.meta.url), 'utf8'));
const functions = Object.entries<any>(spec.functions).map(([name, fn]) => ({ name, marker: `name:"${name}"` }));

test('importing createCustomer brings in no other function', async () => {
  const { code } = await bundleOf(['createClient', 'createCustomer']);
  expect(code).toContain('name:"create_customer"');
  const others = functions.filter(({ name }) => name !== 'create_customer' && code.includes(`name:"${name}"`));
  expect(others).toEqual([]);
  // Nor the multi-account wrapper or pagination, which this import does not use.
  expect(code).not.toContain('account alias');
  expect(code).not.toContain('starting_after');
}, 30_000);

test('importing everything brings in all 25, and the bundle builds for a browser (no Node built-ins)', async () => {
  const { code } = await bundleOf(['createStripe', 'paginate']);
  expect(functions.filter(({ marker }) => !code.includes(marker))).toEqual([]);
  expect(code).not.toMatch(/from"node:|require\("node:/);
  // Nothing of the other entry points: the emulator, the Lua VM, the docs pages, the tool catalogue.
  expect(code).not.toContain('Unrecognized request URL');
  expect(code).not.toContain('wasmoon');
  expect(code).not.toContain('Lua API Reference');
  expect(code).not.toContain('inputSchema');
  expect(code).not.toContain('signature_verification_error');
}, 30_000);

test('the webhooks entry bundles for a browser, on WebCrypto alone', async () => {
  const { code } = await bundleOf(['constructEvent', 'generateTestHeader'], './src/webhooks/index.ts');
  expect(code).toContain('signature_verification_error');
  expect(code).not.toMatch(/from"node:|require\("node:/);
  expect(code).not.toContain('name:"create_customer"');
}, 30_000);

test('the emulator entry bundles for a browser too (no Node built-ins)', async () => {
  const { code } = await bundleOf(['createEmulator'], './src/emulator/index.ts');
  expect(code).toContain('Unrecognized request URL');
  expect(code).not.toMatch(/from"node:|require\("node:/);
}, 30_000);
