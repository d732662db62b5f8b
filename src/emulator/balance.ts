import type { Context } from './context.js';
import type { Config } from './options.js';
import type { State } from './store.js';

/** Adds a successful payment to the balance: pending at first, available `availableAfter` seconds later. */
export function recordFunds(state: State, config: Config, now: number, amount: number, currency: string): void {
  if (amount > 0) state.ledger.push({ amount, currency, availableOn: now + config.availableAfter });
}

const entry = (amount: number, currency: string) => ({ amount, currency, source_types: { card: amount } });

/** Per currency (usd when nothing has been paid yet), what is available now and what is still pending. */
export function getBalance({ state, now }: Context<unknown>) {
  const currencies = Array.from(new Set(state.ledger.map((funds) => funds.currency)));
  if (currencies.length === 0) currencies.push('usd');
  const total = (currency: string, available: boolean): number =>
    state.ledger.filter((funds) => funds.currency === currency && (funds.availableOn <= now) === available).reduce((sum, funds) => sum + funds.amount, 0);
  return {
    object: 'balance',
    available: currencies.map((currency) => entry(total(currency, true), currency)),
    livemode: false,
    pending: currencies.map((currency) => entry(total(currency, false), currency)),
  };
}
