import { readFileSync } from 'node:fs';
import { type ClientOptions, createStripe } from '../index.js';
import type { Permissions, StripeAccounts } from '../tools/index.js';
import { UsageError } from './args.js';
import { type FetchLike, type Watcher, watchFetch } from './progress.js';

/** Where the calls go: the embedded emulator, an emulator served on the loopback, or Stripe with test or live keys. */
export type ModeKind = 'emulator' | 'test' | 'live';

export interface Mode {
  readonly kind: ModeKind;
  /** Said on stderr before anything runs. */
  readonly banner: string;
  /** For the approval prompt, e.g. `test (STRIPE_SECRET_KEY is a test key)`. */
  readonly label: (account: string) => string;
}

/** The accounts a command runs against, how they are reached, and the watcher of every attempt. */
export interface CliStripe {
  readonly stripe: StripeAccounts;
  readonly mode: Mode;
  readonly watcher: Watcher;
}

/** The options of a command that shape each request. */
export interface RequestSettings {
  readonly timeout?: number | undefined;
  readonly maxRetries?: number | undefined;
  readonly err: (text: string) => void;
  readonly tty: boolean;
  readonly beforeSend?: () => void;
}

interface Account {
  readonly apiKey: string;
  /** Where the key came from: `STRIPE_SECRET_KEY_WORK`, or `accounts.work.apiKey in file.json`. */
  readonly source: string;
  readonly options: Omit<ClientOptions, 'apiKey'>;
}

const ALIAS_VARIABLE = /^STRIPE_SECRET_KEY_([A-Z][A-Z0-9_]*)$/;
const KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;
/** The key kosmo-stripe uses for an emulator when no key is set; any sk_test_ key works there. */
export const EMULATOR_KEY = 'sk_test_emulator';

/** Refuses a key that is not a secret or restricted key, naming where it came from and never showing it. */
function checkKey(key: unknown, source: string): string {
  if (typeof key === 'string' && KEY.test(key)) return key;
  const prefix = typeof key === 'string' ? /^[a-z]{2,5}_(test_|live_)?/.exec(key)?.[0] : undefined;
  const what = prefix?.startsWith('pk_') ? 'a publishable key (pk_…), which cannot call these functions'
    : prefix?.startsWith('whsec_') ? 'a webhook signing secret (whsec_…)'
    : typeof key === 'string' ? (prefix ? `a value starting "${prefix}"` : 'a value of another shape') : `${typeof key}`;
  throw new UsageError(`${source} is ${what}, not a secret or restricted key (sk_test_…, sk_live_…, rk_test_…, rk_live_…).`);
}

/**
 * Keys from the environment (`STRIPE_SECRET_KEY`, and `STRIPE_SECRET_KEY_<ALIAS>` for more accounts) or from a
 * config file (`{ "accounts": { "default": { "apiKey": "…" }, … } }`, each account taking the client options,
 * `baseUrl` among them). None at all means the emulator.
 */
export function accountsFrom(env: NodeJS.ProcessEnv, configPath: string | undefined): Record<string, Account> {
  const accounts: Record<string, Account> = {};
  if (configPath) {
    let config: { accounts?: Record<string, ClientOptions> };
    try {
      config = JSON.parse(readFileSync(configPath, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read the config file ${configPath}: ${(error as Error).message}`);
    }
    if (!config.accounts || typeof config.accounts !== 'object') throw new UsageError(`${configPath} has no "accounts" object`);
    for (const [alias, { apiKey, ...options }] of Object.entries(config.accounts)) {
      const source = `accounts.${alias}.apiKey in ${configPath}`;
      accounts[alias] = { apiKey: checkKey(apiKey, source), source, options };
    }
    return accounts;
  }
  if (env.STRIPE_SECRET_KEY) accounts.default = { apiKey: checkKey(env.STRIPE_SECRET_KEY, 'STRIPE_SECRET_KEY'), source: 'STRIPE_SECRET_KEY', options: {} };
  for (const [name, value] of Object.entries(env)) {
    const alias = ALIAS_VARIABLE.exec(name)?.[1];
    if (alias && value) accounts[alias.toLowerCase()] = { apiKey: checkKey(value, name), source: name, options: {} };
  }
  return accounts;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** `STRIPE_API_BASE`: a URL; on the loopback it is taken to be `kosmo-stripe emulator` (or another Stripe emulator). */
function apiBase(env: NodeJS.ProcessEnv): { url: string; emulator: boolean } | undefined {
  const raw = env.STRIPE_API_BASE;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`STRIPE_API_BASE is not a URL: "${raw}" (for the emulator: STRIPE_API_BASE=http://127.0.0.1:12111)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`STRIPE_API_BASE must be an http or https URL, not "${raw}"`);
  return { url: raw.replace(/\/+$/, ''), emulator: LOOPBACK.has(url.hostname) };
}

const isLive = (key: string): boolean => key.includes('_live_');

/**
 * createStripe over the configured accounts, or over an emulator: the one served at STRIPE_API_BASE on the loopback,
 * or else (no key at all) a fresh embedded one. Every account's fetch is watched for progress and failures.
 */
export async function stripeFor(env: NodeJS.ProcessEnv, configPath: string | undefined, settings: RequestSettings): Promise<CliStripe> {
  try {
    return await connect(env, configPath, settings);
  } catch (error) {
    // The client refused an option: from a flag or the config file, so the command line is at fault.
    if (!(error instanceof Error) || error.name !== 'StripeConfigurationError') throw error;
    const flag = /"(maxRetries|timeout)"/.exec(error.message)?.[1];
    throw new UsageError(`${error.message}${flag ? ` (from --${flag === 'maxRetries' ? 'max-retries' : 'timeout'})` : configPath ? ` (in ${configPath})` : ''}`);
  }
}

async function connect(env: NodeJS.ProcessEnv, configPath: string | undefined, settings: RequestSettings): Promise<CliStripe> {
  const accounts = accountsFrom(env, configPath);
  const base = apiBase(env);
  const aliases = Object.keys(accounts);
  if (aliases.length > 0 && !accounts.default) throw new UsageError(`set STRIPE_SECRET_KEY (the default account) as well as ${aliases.map((a) => accounts[a]!.source).join(', ')}`);
  const common = { ...(settings.timeout !== undefined && { timeout: settings.timeout }), ...(settings.maxRetries !== undefined && { maxRetries: settings.maxRetries }) };
  const maxRetries = settings.maxRetries ?? 2;
  const watch = (inner: FetchLike, server: string) => watchFetch(inner, { err: settings.err, maxRetries, server, tty: settings.tty, ...(settings.beforeSend && { beforeSend: settings.beforeSend }) });

  if (aliases.length === 0 && !base) {
    const { createEmulator } = await import('../emulator/index.js');
    // The seed's workflows subscribe new customers without giving them a card, so they get a test card on file.
    const watcher = watch(createEmulator({ defaultPaymentMethod: 'pm_card_visa' }).fetch, 'the emulator');
    const stripe = createStripe({ ...common, fetch: watcher.fetch, apiKey: EMULATOR_KEY });
    const banner = 'kosmo-stripe: no STRIPE_SECRET_KEY set: running on the embedded Stripe emulator (test data only, nothing is charged; it is gone when the command ends).\n';
    return { stripe, watcher, mode: { kind: 'emulator', banner, label: () => 'emulator (embedded)' } };
  }

  const watcher = watch(globalThis.fetch, base?.emulator ? 'the emulator' : 'Stripe');
  const baseUrl = base ? { baseUrl: base.url } : {};
  if (base?.emulator) {
    const live = Object.values(accounts).find((account) => isLive(account.apiKey));
    if (live) throw new UsageError(`STRIPE_API_BASE (${base.url}) is taken to be the emulator, which takes only test keys, and ${live.source} is a live key`);
    const options = aliases.length === 0 ? { default: { apiKey: EMULATOR_KEY } } : Object.fromEntries(aliases.map((alias) => [alias, { apiKey: accounts[alias]!.apiKey, ...accounts[alias]!.options }]));
    const stripe = createStripe({ ...common, ...baseUrl, fetch: watcher.fetch, accounts: options as { default: ClientOptions } });
    const banner = `kosmo-stripe: emulator at ${base.url} (STRIPE_API_BASE): test data only, nothing is charged.\n`;
    return { stripe, watcher, mode: { kind: 'emulator', banner, label: () => `emulator (${base.url})` } };
  }
  if (aliases.length === 0) throw new UsageError(`STRIPE_API_BASE (${base!.url}) is not on the loopback, so it is not taken to be the emulator: set STRIPE_SECRET_KEY too`);
  const options = Object.fromEntries(aliases.map((alias) => [alias, { apiKey: accounts[alias]!.apiKey, ...accounts[alias]!.options }]));
  const stripe = createStripe({ ...common, ...baseUrl, fetch: watcher.fetch, accounts: options as { default: ClientOptions } });
  const live = Object.values(accounts).filter((account) => isLive(account.apiKey));
  const where = base ? ` at ${base.url}` : '';
  const banner = live.length > 0
    ? `kosmo-stripe: LIVE mode${where}: ${live.map((account) => account.source).join(', ')} ${live.length === 1 ? 'is a live key' : 'are live keys'}. Writes change real data and can move real money.\n`
    : `kosmo-stripe: test mode${where} (${aliases.map((alias) => accounts[alias]!.source).join(', ')}): Stripe test data, nothing is charged.\n`;
  const label = (account: string) => {
    const chosen = accounts[account];
    if (!chosen) return 'unknown';
    return isLive(chosen.apiKey) ? `LIVE (${chosen.source} is a live key: real data, real money)` : `test (${chosen.source} is a test key)`;
  };
  return { stripe, watcher, mode: { kind: live.length > 0 ? 'live' : 'test', banner, label } };
}

/**
 * The permissions of a command: on an emulator nothing real can happen, so writes are allowed; with a real key
 * writes ask (a terminal prompt) unless --allow-write or --read-only says otherwise.
 */
export function permissionsFor(flags: Record<string, string | true>, emulated: boolean): Permissions {
  if (flags['read-only']) return { read: 'allow', write: 'deny' };
  if (flags['allow-write'] || emulated) return { read: 'allow', write: 'allow' };
  return { read: 'allow', write: 'ask' };
}

/** Checked with the other usage errors, before anything runs. */
export function checkPermissionFlags(flags: Record<string, string | true>): void {
  if (flags['allow-write'] && flags['read-only']) throw new UsageError('--allow-write and --read-only contradict each other');
}
