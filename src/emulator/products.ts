import type { Context } from './context.js';
import { fail } from './errors.js';
import { newId } from './ids.js';
import { type ListPage, paginate } from './list.js';
import { findProduct } from './lookup.js';
import { emit } from './events.js';
import { copyDefined, mergeMetadata } from './metadata.js';
import { buildProduct, type Product } from './objects.js';
import { expand, type Fields, listFields, type Params } from './params.js';
import { newestFirst, type State } from './store.js';

const text = { type: 'string', emptyable: true } as const;

export const createProductFields = {
  id: { type: 'string' },
  name: { type: 'string', required: true },
  active: { type: 'boolean' },
  description: { type: 'string', emptyable: true, maxLength: 40000 },
  images: { type: 'array', emptyable: true, items: { type: 'string' } },
  metadata: { type: 'metadata' },
  shippable: { type: 'boolean' },
  statement_descriptor: { type: 'string', emptyable: true, maxLength: 22 },
  tax_code: text,
  unit_label: { type: 'string', emptyable: true, maxLength: 12 },
  url: text,
  expand,
} as const satisfies Fields;

export const listProductFields = { active: { type: 'boolean' }, shippable: { type: 'boolean' }, ...listFields } as const satisfies Fields;

type CreateParams = Params<typeof createProductFields>;

const COPIED = ['active', 'description', 'shippable', 'statement_descriptor', 'tax_code', 'unit_label', 'url'] as const;

/** Creates a product; `price_data` style shortcuts (prices made along with it) are used by prices.ts. */
export function insertProduct(state: State, now: number, params: CreateParams): Product {
  const id = params.id ?? newId('prod');
  if (state.products.has(id)) throw fail(400, { type: 'invalid_request_error', code: 'resource_already_exists', param: 'id', message: 'Product already exists.' });
  const product = buildProduct(id, now, params.name);
  copyDefined(product, params, COPIED);
  if (params.images !== undefined) product['images'] = params.images ?? [];
  product.metadata = mergeMetadata({}, params.metadata);
  state.products.set(id, product);
  emit(state.log, now, 'product.created', product);
  return product;
}

export const createProduct = ({ state, now, params }: Context<CreateParams>): Product => insertProduct(state, now, params);

export const getProduct = ({ state, id }: Context<unknown>): Product => findProduct(state, id);

export function listProducts({ state, params }: Context<Params<typeof listProductFields>>): ListPage<Product> {
  const matches = (product: Product): boolean =>
    (params.active === undefined || product.active === params.active) && (params.shippable === undefined || product['shippable'] === params.shippable);
  return paginate({ url: '/v1/products', resource: 'product', all: newestFirst(state.products), matches }, params);
}
