import { readFileSync } from 'node:fs';
import { type ClientOptions, createStripe } from '../index.js';
import type { Permissions, StripeAccounts } from '../tools/index.js';
import { UsageError } from './args.js';

/** The accounts a command runs against, and whether they are the embedded emulator. */
export interface CliStripe {
  readonly stripe: StripeAccounts;
  readonly emulated: boolean;
}

const ALIAS_VARIABLE = /^STRIPE_SECRET_KEY_([A-Z][A-Z0-9_]*)$/;

/**
 * Keys from the environment (`STRIPE_SECRET_KEY`, and `STRIPE_SECRET_KEY_<ALIAS>` for more accounts) or from a
 * config file (`{ "accounts": { "default": { "apiKey": "…" }, … } }`, each account taking the client options,
 * `baseUrl` among them). None at all means the emulator.
 */
export function accountsFrom(env: NodeJS.ProcessEnv, configPath: string | undefined): Record<string, ClientOptions> {
  if (configPath) {
    let config: { accounts?: Record<string, ClientOptions> };
    try {
      config = JSON.parse(readFileSync(configPath, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read the config file ${configPath}: ${(error as Error).message}`);
    }
    if (!config.accounts || typeof config.accounts !== 'object') throw new UsageError(`${configPath} has no "accounts" object`);
    return config.accounts;
  }
  const accounts: Record<string, ClientOptions> = {};
  if (env.STRIPE_SECRET_KEY) accounts.default = { apiKey: env.STRIPE_SECRET_KEY };
  for (const [name, value] of Object.entries(env)) {
    const alias = ALIAS_VARIABLE.exec(name)?.[1];
    if (alias && value) accounts[alias.toLowerCase()] = { apiKey: value };
  }
  return accounts;
}

/** createStripe over the configured accounts, or over the emulator (one emulator, every account) when there are none. */
export async function stripeFor(accounts: Record<string, ClientOptions>): Promise<CliStripe> {
  if (Object.keys(accounts).length > 0) {
    if (!accounts.default) throw new UsageError('set STRIPE_SECRET_KEY (the default account) as well as the STRIPE_SECRET_KEY_<ALIAS> ones');
    return { stripe: createStripe({ accounts }), emulated: false };
  }
  const { createEmulator } = await import('../emulator/index.js');
  const emulator = createEmulator();
  const stripe = createStripe({ fetch: emulator.fetch, apiKey: 'sk_test_emulator' });
  return { stripe, emulated: true };
}

/**
 * The permissions of a command: on the emulator nothing real can happen, so writes are allowed; with a real key
 * writes ask (a terminal prompt) unless --allow-write or --read-only says otherwise.
 */
export function permissionsFor(flags: Record<string, string | true>, emulated: boolean): Permissions {
  if (flags['allow-write'] && flags['read-only']) throw new UsageError('--allow-write and --read-only contradict each other');
  if (flags['read-only']) return { read: 'allow', write: 'deny' };
  if (flags['allow-write'] || emulated) return { read: 'allow', write: 'allow' };
  return { read: 'allow', write: 'ask' };
}
