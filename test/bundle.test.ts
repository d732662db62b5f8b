import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { bundleOf, moduleShares } from '../scripts/bundle.js';
import { buildPackageInto } from './helpers/build.js';

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

test('the per-module breakdown accounts for the bundle, and each sizeable module costs gzip bytes', async () => {
  const names = ['createClient', 'createCustomer'];
  const [bundle, shares] = await Promise.all([bundleOf(names), moduleShares(names)]);
  const modules = shares.map((share) => share.module);
  for (const module of ['src/validate.ts', 'src/errors.ts', 'src/client.ts', 'generated/create-customer.ts']) expect(modules).toContain(module);
  expect(modules.some((module) => module.startsWith('node_modules/ky/'))).toBe(true);
  // esbuild's own counts leave out only the closing export statement and its helpers.
  const minified = shares.reduce((sum, share) => sum + share.minified, 0);
  expect(minified).toBeLessThanOrEqual(bundle.minified);
  expect(minified).toBeGreaterThan(bundle.minified * 0.97);
  // Leaving out a module of half a kilobyte or more always makes the gzipped bundle smaller, by less than the module.
  for (const share of shares.filter((s) => s.minified >= 500)) {
    expect(share.gzip, share.module).toBeGreaterThan(0);
    expect(share.gzip, share.module).toBeLessThan(share.minified);
  }
}, 60_000);

test('an app bundling the shipped dist/ gets what bundling the sources gives: the chunks still tree-shake', async () => {
  // The size budget is measured from src/; users bundle dist/, whose entries re-export from shared chunks.
  const dir = mkdtempSync(join(tmpdir(), 'kosmo-dist-bundle-'));
  try {
    buildPackageInto(dir);
    const names = ['createClient', 'createCustomer'];
    const [fromSource, fromDist] = await Promise.all([bundleOf(names), bundleOf(names, join(dir, 'dist', 'index.js'))]);
    expect(fromDist.code).toContain('name:"create_customer"');
    expect(functions.filter(({ name }) => name !== 'create_customer' && fromDist.code.includes(`name:"${name}"`))).toEqual([]);
    expect(fromDist.code).not.toContain('account alias');
    expect(Math.abs(fromDist.minified - fromSource.minified)).toBeLessThan(fromSource.minified * 0.01);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
