import { type Client, type ClientOptions, createClient, type RequestOptions } from './client.js';
import { isStripeError, StripeConfigurationError } from './errors.js';
import { describeName, describeValue, isPlainObject } from './validate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each function has its own argument type
type StripeFunction = (client: Client, args?: any, options?: RequestOptions) => Promise<unknown>;

/** The functions of one account, with the client already applied: `stripe.work.listInvoices({ status: 'open' })`. */
export type BoundFunctions<F> = {
  readonly [K in keyof F]: F[K] extends (client: Client, ...rest: infer P) => infer R ? (...rest: P) => R : never;
};

/** One account's options; `apiKey` may come from the options shared by all accounts. */
export type AccountOptions = Omit<ClientOptions, 'apiKey'> & { apiKey?: string };

/**
 * Either a single account (`apiKey` beside the other client options, named `default`), or several under
 * `accounts`, one of them named `default`. Options given beside `accounts` apply to every account.
 */
export type StripeOptions<Alias extends string = never> =
  | (ClientOptions & { accounts?: undefined })
  | (AccountOptions & { accounts: { readonly [A in Alias | 'default']: AccountOptions } });

// `Methods` lets generated code give the bound methods their own generic signatures (typed ID prefixes), which a
// mapped type over F cannot keep: inferring a generic function's parameters widens its type parameters.
export type Stripe<F, Alias extends string = never, Methods = BoundFunctions<F>> = Methods & {
  readonly [A in Alias | 'default']: Methods;
} & {
  /** The account aliases, `default` first. */
  readonly accounts: readonly (Alias | 'default')[];
};

const ALIAS_PATTERN = /^[a-z][a-z0-9_]*$/;
// `then` would make the object a thenable that `await` swallows; the others shadow members it already has.
const RESERVED = new Set(['accounts', 'then', 'constructor', 'prototype']);

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function checkAlias(alias: string, functionNames: readonly string[]): void {
  const clash = RESERVED.has(alias) || functionNames.some((name) => name === alias || snakeCase(name) === alias);
  if (ALIAS_PATTERN.test(alias) && !clash) return;
  const why = clash ? 'a name that is not a function or a reserved word' : 'a name matching ^[a-z][a-z0-9_]*$';
  throw new StripeConfigurationError(`createStripe: account alias expected ${why}, got ${describeValue(alias)}.`, { type: 'configuration_error', param: 'accounts' });
}

function clientFor(alias: string, options: ClientOptions): Client {
  try {
    return createClient(options);
  } catch (error) {
    if (!isStripeError(error)) throw error;
    throw new StripeConfigurationError(`createStripe: account "${alias}": ${error.message.replace(/^createClient: /, '')}`, { type: 'configuration_error', param: error.param });
  }
}

const refuse = (what: string, expected: string, value: unknown): never => {
  throw new StripeConfigurationError(`createStripe: ${what} expected ${expected}, got ${describeValue(value)}.`, { type: 'configuration_error', param: 'accounts' });
};

/** The shared options and each account's own, every object plain and read once; anything else is a configuration error. */
function readOptions(options: unknown): { entries: Array<[string, AccountOptions]> | undefined; shared: Record<string, unknown> } {
  let read: { accounts: unknown; entries: Array<[string, unknown]> | undefined; shared: Record<string, unknown> } | undefined;
  try {
    if (isPlainObject(options)) {
      const { accounts, ...shared } = options;
      // Each account's options copied here, inside the guard: a getter runs once, and one that throws is refused.
      const entries = isPlainObject(accounts) ? Object.entries(accounts).map(([alias, own]): [string, unknown] => [alias, isPlainObject(own) ? { ...own } : own]) : undefined;
      read = { accounts, shared, entries };
    }
  } catch {
    refuse('option "(options)"', 'a plain object whose properties can be read', 'an object whose properties threw when read');
  }
  if (!read) return refuse('option "(options)"', 'a plain object with apiKey, or accounts', options);
  const { accounts, entries, shared } = read;
  if (accounts !== undefined && !entries) refuse('option "accounts"', 'a plain object of account options by alias', accounts);
  for (const [alias, own] of entries ?? []) {
    if (!isPlainObject(own)) refuse(`account "${describeName(alias)}"`, 'a plain object of client options', own);
  }
  return { entries: entries as Array<[string, AccountOptions]> | undefined, shared };
}

function bindClient<F extends Record<string, StripeFunction>>(functions: F, client: Client): BoundFunctions<F> {
  const bound = Object.entries(functions).map(([name, fn]) => [name, (args?: unknown, options?: RequestOptions) => fn(client, args, options)]);
  return Object.freeze(Object.fromEntries(bound)) as BoundFunctions<F>;
}

/** Binds every function to every configured account. The runtime half of the generated `createStripe`. */
export function bindAccounts<F extends Record<string, StripeFunction>, Alias extends string>(functions: F, options: StripeOptions<Alias>): Stripe<F, Alias> {
  const read = readOptions(options);
  const { shared } = read;
  const entries = read.entries ?? [['default', {}]];
  if (!entries.some(([alias]) => alias === 'default')) {
    throw new StripeConfigurationError('createStripe: option "accounts" expected an account named "default" (plain calls use it), got none.', { type: 'configuration_error', param: 'accounts' });
  }
  const names = Object.keys(functions);
  entries.sort(([a], [b]) => (a === 'default' ? -1 : b === 'default' ? 1 : 0));
  const namespaces = Object.fromEntries(
    entries.map(([alias, own]) => {
      checkAlias(alias, names);
      return [alias, bindClient(functions, clientFor(alias, { ...shared, ...own } as ClientOptions))];
    }),
  );
  return Object.freeze({ ...namespaces.default, ...namespaces, accounts: Object.freeze(entries.map(([alias]) => alias)) }) as Stripe<F, Alias>;
}
