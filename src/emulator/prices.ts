import type { Context } from './context.js';
import { emit } from './events.js';
import { exclusiveParameters, fail, missingParameter } from './errors.js';
import { newId } from './ids.js';
import { type ListPage, paginate } from './list.js';
import { findProduct } from './lookup.js';
import { mergeMetadata } from './metadata.js';
import { buildPrice, type Interval, type Price, type Recurring } from './objects.js';
import type { CreatePriceParams, ListPriceParams } from './parameters/prices.js';
import { insertProduct } from './products.js';
import { newestFirst, type State } from './store.js';

type CreateParams = CreatePriceParams;

// Stripe bills at most every three years.
const MAX_INTERVAL_COUNT: Readonly<Record<Interval, number>> = { day: 1095, week: 156, month: 36, year: 3 };

function recurringFrom(params: CreateParams): Recurring | null {
  if (!params.recurring) return null;
  const { interval, interval_count: count = 1, trial_period_days: trial = null } = params.recurring;
  if (count > MAX_INTERVAL_COUNT[interval]) {
    throw fail(400, { type: 'invalid_request_error', param: 'recurring[interval_count]', message: `Invalid recurring[interval_count]: the maximum billing period is three years (${MAX_INTERVAL_COUNT[interval]} ${interval}s).` });
  }
  return { interval, interval_count: count, meter: null, trial_period_days: trial, usage_type: 'licensed' };
}

function productFor(state: State, now: number, params: CreateParams): string {
  if (params.product !== undefined && params.product_data !== undefined) throw exclusiveParameters(['product', 'product_data']);
  if (params.product_data) return insertProduct(state, now, params.product_data).id;
  if (params.product === undefined) throw missingParameter('product');
  return findProduct(state, params.product, { param: 'product', status: 400 }).id;
}

export function createPrice({ state, now, params, echo }: Context<CreateParams>): Price {
  if (params.unit_amount === undefined) throw missingParameter('unit_amount');
  const recurring = recurringFrom(params);
  const price = buildPrice(newId('price'), now, { product: productFor(state, now, params), currency: params.currency, unit_amount: params.unit_amount, recurring });
  echo(price);
  if (params.active !== undefined) price.active = params.active;
  if (params.nickname !== undefined) price.nickname = params.nickname;
  if (params.lookup_key !== undefined) price['lookup_key'] = params.lookup_key;
  if (params.tax_behavior !== undefined) price['tax_behavior'] = params.tax_behavior;
  price.metadata = mergeMetadata({}, params.metadata);
  state.prices.set(price.id, price);
  emit(state.log, now, 'price.created', price);
  return price;
}

export function listPrices({ state, params }: Context<ListPriceParams>): ListPage<Price> {
  const matches = (price: Price): boolean =>
    (params.active === undefined || price.active === params.active) &&
    (params.currency === undefined || price.currency === params.currency) &&
    (params.product === undefined || price.product === params.product) &&
    (params.type === undefined || price.type === params.type);
  return paginate({ url: '/v1/prices', resource: 'price', all: newestFirst(state.prices), matches }, params);
}
