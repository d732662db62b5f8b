/**
 * This package as the per-call and pagination benchmarks run it: the build that ships (scripts/build.mjs, which
 * `npm run bench` runs into .cache/bench/package before measuring, bench/package.ts), not src/ through tsx, whose
 * transform wraps every function it creates and so costs ours per call what stripe-node, run from its own built
 * JS, does not pay. The Node entry is what Node resolves "." to (node:http unless given a `fetch`); the core entry
 * the fetch entry browsers, workerd, Bun and Deno get. Each is loaded when asked for.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Core from '../src/index.js';
import type * as NodeCore from '../src/node/core.js';
import { API_KEY, type Calls, CUSTOMER, LIST_LIMIT } from './contenders.js';
import { CACHE } from './package.js';

const DIST = join(CACHE, 'package', 'dist');

/** One entry of the built package, by its file in dist/ (`index.node.js`, `index.js`). */
export async function loadBuilt<T>(file: string): Promise<T> {
  const path = join(DIST, file);
  if (!existsSync(path)) throw new Error(`bench: ${path} is missing; \`npm run bench\` builds the package there first`);
  return (await import(pathToFileURL(path).href)) as T;
}

export const loadNodeEntry = (): Promise<typeof NodeCore> => loadBuilt('index.node.js');
export const loadCoreEntry = (): Promise<typeof Core> => loadBuilt('index.js');

/** Ours as contenders: `oursCalls` with default settings, as a Node user has them (or with the `fetch` given); `oursOnFetchCalls` the core entry on Node's global fetch. */
export async function oursContenders(): Promise<{ oursCalls(baseUrl: string, fetch?: Core.FetchLike): Calls; oursOnFetchCalls(baseUrl: string): Calls }> {
  const [nodeEntry, coreEntry] = await Promise.all([loadNodeEntry(), loadCoreEntry()]);
  // Each entry's functions with its own clients: the Node entry and the core entry are separate builds of the core
  // (scripts/build.mjs, one per family of platforms), and neither knows the other's clients.
  const callsOf = (entry: typeof Core, client: Core.Client): Calls => ({
    createCustomer: () => entry.createCustomer(client, CUSTOMER),
    listCustomers: () => entry.listCustomers(client, { limit: LIST_LIMIT }),
  });
  return {
    oursCalls: (baseUrl, fetch) => callsOf(nodeEntry, nodeEntry.createClient({ apiKey: API_KEY, baseUrl, ...(fetch && { fetch }) })),
    oursOnFetchCalls: (baseUrl) => callsOf(coreEntry, coreEntry.createClient({ apiKey: API_KEY, baseUrl })),
  };
}
