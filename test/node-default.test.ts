/**
 * On Node the package's "." resolves to src/node/core.ts: the core, with createNodeFetch (node:http) as the
 * transport when no `fetch` is given. Which transport carried a request is read on the server: Node's fetch
 * (undici) always sends `sec-fetch-mode: cors`, node:http never does.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as core from '../src/index.js';
import * as onNode from '../src/node/core.js';
import { root } from './helpers/build.js';

const seen: IncomingHttpHeaders[] = [];
let server: Server;
let baseUrl: string;
const customer = { id: 'cus_node1', object: 'customer', name: 'Jane Doe' };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Request-Id': `req_${seen.length}` }).end(JSON.stringify(customer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const transportOf = (headers: IncomingHttpHeaders): string => (headers['sec-fetch-mode'] === 'cors' ? 'fetch' : 'node:http');
const lastTransport = (): string => transportOf(seen.at(-1)!);

describe('the transport a client sends with', () => {
  it('on the Node entry, without fetch: node:http', async () => {
    const client = onNode.createClient({ apiKey: 'sk_test_node', baseUrl });
    expect(typeof client.fetch).toBe('function');
    expect(await onNode.createCustomer(client, { name: 'Jane Doe' })).toEqual(customer);
    expect(lastTransport()).toBe('node:http');
    expect(seen.at(-1)!.authorization).toBe(`Basic ${btoa('sk_test_node:')}`);
  });

  it('on the core entry, without fetch: the global fetch, looked up at call time', async () => {
    const client = core.createClient({ apiKey: 'sk_test_node', baseUrl });
    expect(client.fetch).toBeUndefined();
    await core.getCustomer(client, { id: 'cus_node1' });
    expect(lastTransport()).toBe('fetch');
  });

  it('a fetch given still wins on the Node entry', async () => {
    const calls: string[] = [];
    const given: core.FetchLike = (input, init) => (calls.push(String(input)), globalThis.fetch(input, init));
    const client = onNode.createClient({ apiKey: 'sk_test_node', baseUrl, fetch: given });
    expect(client.fetch).toBe(given);
    await onNode.getCustomer(client, { id: 'cus_node1' });
    expect(calls).toEqual([`${baseUrl}/v1/customers/cus_node1`]);
    expect(lastTransport()).toBe('fetch');
  });

  it('createStripe on the Node entry: node:http for every account, except one given its own fetch', async () => {
    const stripe = onNode.createStripe({ baseUrl, accounts: { default: { apiKey: 'sk_test_a' }, work: { apiKey: 'sk_test_b', fetch: (input, init) => globalThis.fetch(input, init) } } });
    await stripe.getCustomer({ id: 'cus_node1' });
    expect(lastTransport()).toBe('node:http');
    await stripe.work.getCustomer({ id: 'cus_node1' });
    expect(lastTransport()).toBe('fetch');
    await onNode.createStripe({ apiKey: 'sk_test_c', baseUrl, fetch: undefined }).getCustomer({ id: 'cus_node1' });
    expect(lastTransport()).toBe('node:http');
  });
});

describe('the Node entry is the core otherwise', () => {
  it('exports the same names, the same classes and functions', () => {
    expect(Object.keys(onNode).sort()).toEqual(Object.keys(core).sort());
    const differ = Object.keys(core).filter((name) => (onNode as Record<string, unknown>)[name] !== (core as Record<string, unknown>)[name]);
    expect(differ.sort()).toEqual(['createClient', 'createStripe']);
  });

  const hostile: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'sk_test_x'],
    ['an unknown option', { apiKey: 'sk_test_x', fetchh: () => undefined }],
    ['a fetch that is not a function', { apiKey: 'sk_test_x', fetch: 'fetch' }],
    ['a Proxy whose traps throw', new Proxy({}, { ownKeys: () => { throw new Error('trap'); }, get: () => { throw new Error('trap'); } })],
  ];
  it.each(hostile)('refuses %s as the core does', (_name, options) => {
    const failure = (create: (options: never) => unknown): unknown => {
      try {
        create(options as never);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    for (const [mine, theirs] of [[onNode.createClient, core.createClient], [onNode.createStripe, core.createStripe]] as const) {
      const error = failure(mine);
      expect(error).toBeInstanceOf(core.StripeConfigurationError);
      expect((error as Error).message).toBe((failure(theirs) as Error).message);
    }
  });

  it('runs an options getter once', async () => {
    let reads = 0;
    const options = { apiKey: 'sk_test_x', baseUrl, get timeout() { reads += 1; return 5_000; } };
    await onNode.createStripe(options).getCustomer({ id: 'cus_node1' });
    expect(reads).toBe(1);
    expect(lastTransport()).toBe('node:http');
  });
});

describe('package.json', () => {
  const exports = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>> }).exports['.']!;

  it('resolves "." to the Node entry under node, and to the fetch entry in Bun, Deno, workerd and browsers, which match first', () => {
    // A runtime takes the first condition it matches, in the order written; Bun and Deno match `node` too.
    expect(Object.keys(exports)).toEqual(['types', 'workerd', 'bun', 'deno', 'browser', 'node', 'default']);
    expect(exports.node).toBe('./dist/index.node.js');
    for (const condition of ['workerd', 'bun', 'deno', 'browser', 'default']) expect(exports[condition]).toBe('./dist/index.js');
  });
});

describe('importing loads no HTTP machinery', () => {
  // Each entry bundled with its dynamic imports kept as chunks of their own, loaded only when reached (as the
  // published modules are), and ky left to node_modules; then imported in a fresh Node, whose module list says
  // whether its fetch implementation (undici) or node:http was loaded.
  const loadedBy = async (entry: string): Promise<string[]> => {
    const dir = join(root, '.cache', 'test-node-default', entry.replace(/\W+/g, '-'));
    rmSync(dir, { recursive: true, force: true });
    await build({ entryPoints: { entry: join(root, entry) }, bundle: true, splitting: true, format: 'esm', platform: 'node', packages: 'external', outdir: dir, outExtension: { '.js': '.mjs' }, logLevel: 'silent' });
    const script = `await import(${JSON.stringify(join(dir, 'entry.mjs'))}); console.log(JSON.stringify(process.moduleLoadList.filter((name) => /undici|NativeModule (http|https|_http_client|zlib)$/.test(name))));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as string[];
  };

  it('the Node entry: neither Node’s fetch nor node:http', async () => expect(await loadedBy('src/node/core.ts')).toEqual([]), 30_000);
  it('the core entry: not Node’s fetch', async () => expect(await loadedBy('src/index.ts')).toEqual([]), 30_000);
});
