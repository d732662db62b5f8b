/**
 * The parameters each route's handler acts on (dotted for a part of an object parameter). Every other parameter
 * the route accepts is "accepted, not modelled": it is validated like the rest, then stored on the object's field
 * of the same name where the object has one (echo.ts), and otherwise has no effect. src/emulator/README.md lists
 * them; test/emulator/echo.test.ts keeps the list and this table in step. A handler that starts acting on a
 * parameter adds it here.
 */
const LIST = ['created', 'ending_before', 'limit', 'starting_after'];

const CUSTOMER = ['address', 'balance', 'description', 'email', 'invoice_settings.default_payment_method', 'invoice_settings.footer', 'metadata', 'name', 'phone', 'preferred_locales', 'shipping', 'tax_exempt'];

const PRODUCT = ['active', 'description', 'id', 'images', 'metadata', 'name', 'shippable', 'statement_descriptor', 'tax_code', 'unit_label', 'url'];

const PAYMENT_INTENT_TEXT = ['description', 'receipt_email', 'setup_future_usage', 'statement_descriptor', 'statement_descriptor_suffix'];

// What confirming reads, whether on its own route or with `confirm=true` on create.
const CONFIRMING = ['capture_method', 'error_on_requires_action', 'off_session', 'payment_method', 'return_url', 'use_stripe_sdk'];

export const MODELLED: Readonly<Record<string, readonly string[]>> = {
  'POST /v1/customers': [...CUSTOMER, 'payment_method'],
  'GET /v1/customers': [...LIST, 'email'],
  'GET /v1/customers/:id': [],
  'POST /v1/customers/:id': CUSTOMER,
  'DELETE /v1/customers/:id': [],
  'POST /v1/products': PRODUCT,
  'GET /v1/products': [...LIST, 'active', 'shippable'],
  'GET /v1/products/:id': [],
  'POST /v1/prices': [
    'active',
    'currency',
    'lookup_key',
    'metadata',
    'nickname',
    'product',
    ...PRODUCT.filter((name) => !['description', 'images', 'shippable', 'url'].includes(name)).map((name) => `product_data.${name}`),
    'recurring.interval',
    'recurring.interval_count',
    'recurring.trial_period_days',
    'tax_behavior',
    'unit_amount',
  ],
  'GET /v1/prices': [...LIST, 'active', 'currency', 'product', 'type'],
  'POST /v1/payment_intents': [
    ...CONFIRMING,
    ...PAYMENT_INTENT_TEXT,
    'allowed_payment_method_types',
    'amount',
    'automatic_payment_methods',
    'confirm',
    'currency',
    'customer',
    'metadata',
    'payment_method_types',
  ],
  'GET /v1/payment_intents/:id': [],
  'POST /v1/payment_intents/:id': [...PAYMENT_INTENT_TEXT, 'amount', 'currency', 'customer', 'metadata', 'payment_method'],
  'POST /v1/payment_intents/:id/confirm': [...CONFIRMING, 'receipt_email', 'setup_future_usage'],
  'POST /v1/payment_intents/:id/cancel': ['cancellation_reason'],
  'POST /v1/payment_intents/:id/capture': ['amount_to_capture', 'metadata'],
  'POST /v1/invoices': ['auto_advance', 'collection_method', 'currency', 'customer', 'days_until_due', 'description', 'due_date', 'footer', 'metadata', 'subscription'],
  'GET /v1/invoices': [...LIST, 'collection_method', 'customer', 'status', 'subscription'],
  'GET /v1/invoices/:id': [],
  'POST /v1/invoices/:id/pay': ['off_session', 'paid_out_of_band', 'payment_method'],
  'POST /v1/invoices/:id/void': [],
  'POST /v1/subscriptions': [
    'cancel_at',
    'cancel_at_period_end',
    'collection_method',
    'customer',
    'days_until_due',
    'default_payment_method',
    'description',
    'items.metadata',
    'items.price',
    'items.quantity',
    'metadata',
    'off_session',
    'payment_behavior',
    'payment_settings',
    'trial_end',
    'trial_period_days',
  ],
  'GET /v1/subscriptions/:id': [],
  'DELETE /v1/subscriptions/:id': ['cancellation_details.comment', 'cancellation_details.feedback'],
  'GET /v1/balance': [],
  'GET /v1/events': [...LIST, 'delivery_success', 'type', 'types'],
  'GET /v1/events/:id': [],
};
