/**
 * `@kosmokrator/stripe` as Node resolves it (the `node` condition of the package's "." export): the core entry,
 * re-exported whole, except that a client made without a `fetch` sends through `createNodeFetch()` (node:http with
 * keep-alive) instead of Node's built-in fetch, which is slower per call. Nothing else differs, and `fetch` given
 * to `createClient` or `createStripe` still wins. Browsers, workerd, Deno and Bun get `../index.js` itself.
 */
import { type Client, type ClientOptions, type FetchLike, newClient } from '../client.js';
import { createStripe as createStripeOnFetch, type StripeClient, type StripeOptions } from '../index.js';
import { isPlainObject } from '../validate.js';
import { createNodeFetch } from './node-fetch.js';

export * from '../index.js';

// One transport for every client made here, as Node has one global agent: accounts share kept-alive sockets.
// It loads node:http at its first request, so importing this entry loads nothing of Node's HTTP stack.
const nodeFetch: FetchLike = /* @__PURE__ */ createNodeFetch();

/**
 * `options` with `fetch` filled in when it is missing (or undefined); anything else, including what the core
 * will refuse, goes on unchanged so that the core's checks and messages apply. Property descriptors are copied,
 * so a getter still runs once, when the core reads it.
 */
function withNodeFetch<T>(options: T): T {
  try {
    if (!isPlainObject(options)) return options;
    const descriptors = Object.getOwnPropertyDescriptors(options);
    const given = descriptors.fetch;
    if (given !== undefined && !('value' in given && given.value === undefined)) return options;
    return Object.create(Object.getPrototypeOf(options), { ...descriptors, fetch: { value: nodeFetch, enumerable: true, writable: true, configurable: true } }) as T;
  } catch {
    return options;
  }
}

/** {@link createClient} of the core, sending through `createNodeFetch()` unless `fetch` is given. */
export function createClient(options: ClientOptions): Client {
  return newClient(options, nodeFetch);
}

/** {@link createStripe} of the core, every account sending through `createNodeFetch()` unless given a `fetch`. */
export function createStripe<Alias extends string = never>(options: StripeOptions<Alias>): StripeClient<Alias> {
  return createStripeOnFetch(withNodeFetch(options));
}
