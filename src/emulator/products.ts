import type { Context } from './context.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { type ListPage, paginate } from './list.js';
import { findProduct } from './lookup.js';
import { emit } from './events.js';
import { copyDefined, mergeMetadata } from './metadata.js';
import { buildProduct, type Product } from './objects.js';
import type { CreateProductParams, ListProductParams } from './parameters/products.js';
import { newestFirst, type State } from './store.js';

type CreateParams = CreateProductParams;

const COPIED = ['active', 'description', 'shippable', 'statement_descriptor', 'tax_code', 'unit_label', 'url'] as const;

/** Creates a product; `price_data` style shortcuts (prices made along with it) are used by prices.ts. */
export function insertProduct(state: State, now: number, params: CreateParams, echo: (target: object) => void = () => {}): Product {
  const id = params.id ?? newId('prod');
  if (state.products.has(id)) throw fail(400, { type: 'invalid_request_error', code: 'resource_already_exists', param: 'id', message: 'Product already exists.' });
  const product = buildProduct(id, now, params.name);
  echo(product);
  copyDefined(product, params, COPIED);
  if (params.images !== undefined) product['images'] = params.images ?? [];
  product.metadata = mergeMetadata({}, params.metadata);
  state.products.set(id, product);
  emit(state.log, now, 'product.created', product);
  return product;
}

export const createProduct = ({ state, now, params, echo }: Context<CreateParams>): Product => insertProduct(state, now, params, echo);

export const getProduct = ({ state, id }: Context<unknown>): Product => findProduct(state, id);

export function listProducts({ state, params }: Context<ListProductParams>): ListPage<Product> {
  const matches = (product: Product): boolean =>
    (params.active === undefined || product.active === params.active) && (params.shippable === undefined || product['shippable'] === params.shippable);
  return paginate({ url: '/v1/products', resource: 'product', all: newestFirst(state.products), matches }, params);
}
