/**
 * `expand[]`: the fields of a response that Stripe returns as ids (or leaves out) until asked, and how a request
 * asks for them. Each object the emulator returns has a shape here naming its expandable fields, as Stripe's API
 * 2026-10-28.endive has them: ids of other objects, embedded objects and lists to walk through, and includable
 * fields (such as an invoice's `confirmation_secret`) that appear only when expanded. `checkExpand` refuses a path
 * before the request runs, as Stripe does, so a refused POST writes nothing; `expandBody` then answers with a copy
 * of the handler's object in which each path is filled in.
 */
import { fail, type StripeFailure } from './errors.js';
import { invoiceIncludables } from './invoice-payments.js';
import { deletedCustomer, type Price } from './objects.js';
import type { State } from './store.js';

/** The objects an id can be expanded into; `null` for the kinds the emulator keeps none of (the id is left as it is). */
type Kind = 'customer' | 'invoice' | 'payment_intent' | 'payment_method' | 'price' | 'product' | 'subscription';

/** What one field of an object does when it is named in `expand[]`. */
type Edge =
  /** An id (or an array of ids) of an object of that kind; the path may go on into that object. */
  | { readonly ref: Kind | null }
  /** An object inside this one (or an array of them), whose own fields may be expanded. */
  | { readonly within: Shape }
  /** A list envelope; the path goes on through its `data`, to items of this shape. */
  | { readonly list: Shape }
  /** A field Stripe leaves out unless it is expanded, computed from the stored object. */
  | { readonly include: Includable; readonly shape?: Shape };

type Shape = { readonly [field: string]: Edge };

type Includable = (state: State, id: string) => unknown;

// Kinds of object Stripe expands but the emulator does not keep: these fields are null, or an id of nothing.
const ELSEWHERE = { ref: null } as const;

const liability = { within: { liability: { within: { account: ELSEWHERE } } } } as const;

const list = (url: string, data: unknown[] = []) => ({ object: 'list', data, has_more: false, total_count: data.length, url });

const invoiceIncludable =
  (field: 'confirmation_secret' | 'payments'): Includable =>
  (state, id) => {
    const invoice = state.invoices.get(id);
    return invoice === undefined ? null : invoiceIncludables(state, invoice)[field];
  };

// Stripe's defaults for a customer that has never had a cash balance, credit balance or tax details.
const CUSTOMER_INCLUDABLES: Readonly<Record<string, Includable>> = {
  cash_balance: (_state, id) => ({ object: 'cash_balance', available: null, customer: id, customer_account: null, livemode: false, settings: { reconciliation_mode: 'automatic', using_merchant_default: true } }),
  invoice_credit_balance: () => ({}),
  sources: (_state, id) => list(`/v1/customers/${id}/sources`),
  tax: () => ({ automatic_tax: 'unrecognized_location', ip_address: null, location: null, provider: 'stripe' }),
  tax_ids: (_state, id) => list(`/v1/customers/${id}/tax_ids`),
};

const PRODUCT: Shape = { default_price: { ref: 'price' }, tax_code: ELSEWHERE };

const PRICE: Shape = {
  product: { ref: 'product' },
  currency_options: {
    include: (state, id) => {
      const price = state.prices.get(id) as Price | undefined;
      if (!price) return null;
      const options = { custom_unit_amount: null, tax_behavior: price['tax_behavior'], unit_amount: price.unit_amount, unit_amount_decimal: price['unit_amount_decimal'] };
      return { [price.currency]: options };
    },
  },
};

const PAYMENT_METHOD: Shape = {
  customer: { ref: 'customer' },
  card: { within: { generated_from: { within: { setup_attempt: ELSEWHERE } } } },
  sepa_debit: { within: { generated_from: { within: { charge: ELSEWHERE, setup_attempt: ELSEWHERE } } } },
};

const PAYMENT_INTENT: Shape = {
  application: ELSEWHERE,
  customer: { ref: 'customer' },
  latest_charge: ELSEWHERE,
  on_behalf_of: ELSEWHERE,
  payment_method: { ref: 'payment_method' },
  payment_record: ELSEWHERE,
  review: ELSEWHERE,
  source: ELSEWHERE,
  transfer_data: { within: { destination: ELSEWHERE } },
};

const PLAN: Shape = { product: { ref: 'product' } };

const SUBSCRIPTION_ITEM: Shape = {
  discounts: ELSEWHERE,
  plan: { within: PLAN },
  price: { within: PRICE },
};

const SUBSCRIPTION: Shape = {
  application: ELSEWHERE,
  automatic_tax: liability,
  billing_schedules: { within: { applies_to: { within: { price: { ref: 'price' } } } } },
  cancellation_details: { within: { feedback_option: ELSEWHERE } },
  customer: { ref: 'customer' },
  default_payment_method: { ref: 'payment_method' },
  default_source: ELSEWHERE,
  discounts: ELSEWHERE,
  invoice_settings: { within: { account_tax_ids: ELSEWHERE, issuer: { within: { account: ELSEWHERE } } } },
  items: { list: SUBSCRIPTION_ITEM },
  latest_invoice: { ref: 'invoice' },
  on_behalf_of: ELSEWHERE,
  pending_setup_intent: ELSEWHERE,
  pending_update: { within: { discounts: ELSEWHERE } },
  schedule: ELSEWHERE,
  test_clock: ELSEWHERE,
  transfer_data: { within: { destination: ELSEWHERE } },
};

const CUSTOMER: Shape = {
  default_source: ELSEWHERE,
  invoice_settings: { within: { default_payment_method: { ref: 'payment_method' } } },
  test_clock: ELSEWHERE,
  subscriptions: {
    include: (state, id) =>
      list(
        `/v1/customers/${id}/subscriptions`,
        Array.from(state.subscriptions.values())
          .filter((subscription) => subscription.customer === id && subscription.status !== 'canceled')
          .reverse(),
      ),
    shape: { data: { within: SUBSCRIPTION } },
  },
  ...Object.fromEntries(Object.entries(CUSTOMER_INCLUDABLES).map(([field, include]) => [field, { include }])),
};

const INVOICE_LINE: Shape = {
  discount_amounts: { within: { discount: ELSEWHERE } },
  discounts: ELSEWHERE,
  pretax_credit_amounts: { within: { credit_balance_transaction: ELSEWHERE, discount: ELSEWHERE } },
  pricing: { within: { price_details: { within: { price: { ref: 'price' } } } } },
  subscription: { ref: 'subscription' },
};

const INVOICE_PAYMENT: Shape = {
  invoice: { ref: 'invoice' },
  payment: { within: { charge: ELSEWHERE, payment_intent: { ref: 'payment_intent' }, payment_record: ELSEWHERE } },
};

const INVOICE: Shape = {
  account_tax_ids: ELSEWHERE,
  application: ELSEWHERE,
  automatic_tax: liability,
  confirmation_secret: { include: invoiceIncludable('confirmation_secret') },
  customer: { ref: 'customer' },
  default_payment_method: { ref: 'payment_method' },
  default_source: ELSEWHERE,
  discounts: ELSEWHERE,
  from_invoice: { within: { invoice: { ref: 'invoice' } } },
  issuer: { within: { account: ELSEWHERE } },
  latest_revision: { ref: 'invoice' },
  lines: { list: INVOICE_LINE },
  on_behalf_of: ELSEWHERE,
  parent: { within: { subscription_details: { within: { subscription: { ref: 'subscription' } } } } },
  payments: { include: invoiceIncludable('payments'), shape: { data: { within: INVOICE_PAYMENT } } },
  shipping_cost: { within: { shipping_rate: ELSEWHERE } },
  test_clock: ELSEWHERE,
  total_discount_amounts: { within: { discount: ELSEWHERE } },
  total_pretax_credit_amounts: { within: { credit_balance_transaction: ELSEWHERE, discount: ELSEWHERE } },
};

/** The expandable fields of each object the emulator returns, by its `object` (and by the kinds ids name). */
export const SHAPES = {
  balance: {},
  customer: CUSTOMER,
  event: {},
  invoice: INVOICE,
  invoice_payment: INVOICE_PAYMENT,
  line_item: INVOICE_LINE,
  payment_intent: PAYMENT_INTENT,
  payment_method: PAYMENT_METHOD,
  plan: PLAN,
  price: PRICE,
  product: PRODUCT,
  subscription: SUBSCRIPTION,
  subscription_item: SUBSCRIPTION_ITEM,
} as const satisfies Record<string, Shape>;

type Returned = keyof typeof SHAPES;

const RESOURCES: Readonly<Record<string, Returned>> = {
  balance: 'balance',
  customers: 'customer',
  events: 'event',
  invoices: 'invoice',
  payment_intents: 'payment_intent',
  prices: 'price',
  products: 'product',
  subscriptions: 'subscription',
};

/** What a route answers with: the object of its resource, or a list of them (a GET on a collection). */
export function returnedBy(method: string, path: string): { shape: Shape; list: boolean } {
  const resource = path.split('/')[2] ?? '';
  const returned = RESOURCES[resource];
  const list = method === 'GET' && !path.includes(':id') && returned !== 'balance';
  return { shape: returned === undefined ? {} : SHAPES[returned], list };
}

function find(state: State, kind: Kind, id: string): unknown {
  switch (kind) {
    case 'customer':
      return state.deletedCustomers.has(id) ? deletedCustomer(id) : state.customers.get(id);
    case 'invoice':
      return state.invoices.get(id);
    case 'payment_intent':
      return state.paymentIntents.get(id);
    case 'payment_method':
      return state.paymentMethods.get(id)?.object;
    case 'price':
      return state.prices.get(id);
    case 'product':
      return state.products.get(id);
    case 'subscription':
      return state.subscriptions.get(id);
  }
}

const MAX_LEVELS = 4;

const cannotExpand = (path: string, hint?: string): StripeFailure =>
  fail(400, { type: 'invalid_request_error', message: `This property cannot be expanded (${path}).${hint ? ` You may want to try expanding '${hint}' instead.` : ''}` });

/** Paths merged into a tree: `['customer', 'customer.invoice_settings']` walks `customer` once. */
interface Tree {
  [segment: string]: Tree;
}

const shapeAfter = (edge: Edge): Shape => ('within' in edge ? edge.within : 'list' in edge ? edge.list : 'include' in edge ? (edge.shape ?? {}) : edge.ref === null ? {} : SHAPES[edge.ref]);

/** Checks one path against a shape and adds it to the tree; throws Stripe's 400 for a field that cannot be expanded. */
function addPath(tree: Tree, shape: Shape, segments: readonly string[]): void {
  let node = tree;
  let current = shape;
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index] as string;
    const edge = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (edge === undefined) throw cannotExpand(segments.slice(0, index + 1).join('.'));
    node[segment] ??= Object.create(null) as Tree;
    node = node[segment] as Tree;
    current = shapeAfter(edge);
    // A list is walked through its `data`, as at the top of a list answer.
    if ('list' in edge && index + 1 < segments.length) {
      index += 1;
      if (segments[index] !== 'data') throw cannotExpand(segments.slice(0, index + 1).join('.'));
      node['data'] ??= Object.create(null) as Tree;
      node = node['data'] as Tree;
    }
  }
}

/**
 * The validated paths of `expand[]` for what a route returns, as a tree; throws Stripe's 400 for a path that is
 * too deep or names a field that cannot be expanded. A list's paths start with `data.`.
 */
export function checkExpand(returned: { shape: Shape; list: boolean }, paths: readonly string[] | null | undefined): Tree {
  const tree = Object.create(null) as Tree;
  for (const path of paths ?? []) {
    const segments = path.split('.');
    if (segments.length > MAX_LEVELS) throw fail(400, { type: 'invalid_request_error', message: 'You cannot expand more than 4 levels of a property.' });
    if (!returned.list) {
      addPath(tree, returned.shape, segments);
      continue;
    }
    const [first = '', ...rest] = segments;
    if (first !== 'data') throw cannotExpand(first, `data.${first}`);
    tree['data'] ??= Object.create(null) as Tree;
    if (rest.length > 0) addPath(tree['data'] as Tree, returned.shape, rest);
  }
  return tree;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Fills in one object's fields along the tree; `object` is already a copy, so it can be changed in place.
function fill(state: State, object: Record<string, unknown>, shape: Shape, tree: Tree): void {
  for (const [field, below] of Object.entries(tree)) {
    const edge = shape[field];
    if (edge === undefined) continue;
    if ('include' in edge) {
      const id = object['id'];
      if (typeof id === 'string') object[field] = structuredClone(edge.include(state, id));
    } else if ('ref' in edge && edge.ref !== null) {
      const kind = edge.ref;
      const expandOne = (value: unknown): unknown => (typeof value === 'string' ? (structuredClone(find(state, kind, value)) ?? value) : value);
      object[field] = Array.isArray(object[field]) ? (object[field] as unknown[]).map(expandOne) : expandOne(object[field]);
    }
    descend(state, object[field], shapeAfter(edge), 'list' in edge ? (below['data'] ?? {}) : below);
  }
}

function descend(state: State, value: unknown, shape: Shape, tree: Tree): void {
  if (Object.keys(tree).length === 0) return;
  if (Array.isArray(value)) for (const item of value) descend(state, item, shape, tree);
  else if (isRecord(value)) {
    if (value['object'] === 'list' && Array.isArray(value['data']) && !Object.hasOwn(shape, 'data')) descend(state, value['data'], shape, tree);
    else fill(state, value, shape, tree);
  }
}

/** A copy of a route's answer with each checked path expanded; the stored objects are left as they are. */
export function expandBody(state: State, returned: { shape: Shape; list: boolean }, body: unknown, tree: Tree): unknown {
  if (Object.keys(tree).length === 0) return body;
  const copy = structuredClone(body);
  if (returned.list && isRecord(copy)) descend(state, copy['data'], returned.shape, tree['data'] ?? {});
  else descend(state, copy, returned.shape, tree);
  return copy;
}
