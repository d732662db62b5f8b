import { recordFunds } from './balance.js';
import { chargeObject } from './charges.js';
import type { Context } from './context.js';
import { exclusiveParameters, fail, invalidState, resourceMissing, type StripeFailure } from './errors.js';
import { emit } from './events.js';
import { newId } from './ids.js';
import { settleInvoiceOf } from './invoices.js';
import { findCustomer, findPaymentIntent } from './lookup.js';
import { copyDefined, mergeMetadata } from './metadata.js';
import { buildPaymentIntent, type PaymentIntent, type PaymentIntentStatus } from './objects.js';
import type { Config } from './options.js';
import type {
  CancelPaymentIntentParams,
  CapturePaymentIntentParams,
  ConfirmPaymentIntentParams,
  CreatePaymentIntentParams,
  UpdatePaymentIntentParams,
} from './parameters/payment-intents.js';
import { resolvePaymentMethod, type StoredPaymentMethod } from './payment-methods.js';
import { attemptPayment, type AuthenticationOutcome, authenticate } from './payments.js';
import type { State } from './store.js';

const CONFIRMABLE: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELABLE: readonly PaymentIntentStatus[] = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const UPDATABLE: readonly PaymentIntentStatus[] = CONFIRMABLE;
const DESCRIPTIVE = ['description', 'receipt_email', 'setup_future_usage', 'statement_descriptor', 'statement_descriptor_suffix'] as const;

const unexpectedState = (intent: PaymentIntent, message: string, param?: string): StripeFailure =>
  invalidState(message, { code: 'payment_intent_unexpected_state', payment_intent: intent, ...(param ? { param } : {}) });

function methodFor(state: State, id: string, now: number): StoredPaymentMethod {
  const stored = resolvePaymentMethod(state, id, now);
  if (!stored) throw resourceMissing('PaymentMethod', id, 'payment_method', 400);
  return stored;
}

function missingPaymentMethod(intent: PaymentIntent): StripeFailure {
  const howTo = intent.customer
    ? `To confirm the PaymentIntent with ${intent.customer}, specify a payment method attached to this customer along with the customer ID.`
    : 'You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method or ConfirmationToken.';
  return unexpectedState(intent, `You cannot confirm this PaymentIntent because it's missing a payment method. ${howTo}`);
}

// Automatic payment methods may include redirect-based ones, so Stripe wants somewhere to send the customer back to.
const needsReturnUrl = (intent: PaymentIntent): boolean => intent.automatic_payment_methods?.enabled === true && intent.automatic_payment_methods.allow_redirects !== 'never';

const returnUrlRequired = (intent: PaymentIntent): StripeFailure =>
  invalidState(
    'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.',
    { payment_intent: intent },
  );

interface ConfirmInput {
  payment_method?: string;
  return_url?: string;
  capture_method?: PaymentIntent['capture_method'];
  /** `one_off` and `recurring` say why the customer is away; either way the payment is off-session. */
  off_session?: boolean | 'one_off' | 'recurring';
  error_on_requires_action?: boolean;
  use_stripe_sdk?: boolean;
}

// `echo` stores the confirm route's other parameters once the intent is known to be confirmable.
function confirm(state: State, config: Config, now: number, intent: PaymentIntent, input: ConfirmInput, echo: (target: object) => void = () => {}): PaymentIntent {
  if (intent.status === 'succeeded') throw unexpectedState(intent, 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.');
  if (!CONFIRMABLE.includes(intent.status)) {
    throw unexpectedState(intent, `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`);
  }
  const methodId = input.payment_method ?? intent.payment_method;
  if (methodId === null) throw missingPaymentMethod(intent);
  const method = methodFor(state, methodId, now);
  if (needsReturnUrl(intent) && input.return_url === undefined) throw returnUrlRequired(intent);
  echo(intent);
  if (input.capture_method) intent.capture_method = input.capture_method;
  const result = attemptPayment(state, config, now, intent, method, {
    offSession: input.off_session !== undefined && input.off_session !== false,
    returnUrl: input.return_url ?? null,
    errorOnRequiresAction: input.error_on_requires_action ?? false,
    useStripeSdk: input.use_stripe_sdk ?? false,
  });
  // An invoice's payment intent pays the invoice (and starts its subscription) when it succeeds.
  settleInvoiceOf(state, now, intent, result);
  if (result.status === 'failed') throw result.failure;
  return intent;
}

/**
 * The customer's answer on the bank's 3D Secure page, for tests (the emulator has no such page): `complete`
 * charges the card, `fail` leaves the intent waiting for another payment method. Either way the route answers
 * with the intent, as the redirect back to `return_url` would find it.
 */
export function authenticatePaymentIntent({ state, config, now, params, id }: Context<{ outcome: AuthenticationOutcome }>): PaymentIntent {
  const intent = findPaymentIntent(state, id);
  const method = intent.payment_method === null ? undefined : resolvePaymentMethod(state, intent.payment_method, now);
  if (intent.status !== 'requires_action' || !method) {
    throw unexpectedState(intent, `This PaymentIntent is not waiting for 3D Secure authentication: its status is ${intent.status}. Only a PaymentIntent with the status requires_action can be authenticated.`);
  }
  settleInvoiceOf(state, now, intent, authenticate(state, config, now, intent, method, params.outcome));
  return intent;
}

/**
 * Which payment methods the intent takes: the ones listed (`allowed_payment_method_types`, or the older
 * `payment_method_types`), else automatic payment methods. The emulator has cards only, so a list is kept as given.
 */
function paymentMethodSetup(state: State, params: CreatePaymentIntentParams) {
  const automatic = params.automatic_payment_methods;
  const listed = params.allowed_payment_method_types ?? params.payment_method_types;
  const listedAs = params.allowed_payment_method_types ? 'allowed_payment_method_types' : 'payment_method_types';
  if (automatic?.enabled && listed) throw exclusiveParameters(['automatic_payment_methods', listedAs]);
  // Without a list, Stripe turns automatic payment methods on (the default since API 2023-08-16).
  const settings = listed ? null : { enabled: automatic?.enabled ?? true, ...(automatic?.allow_redirects ? { allow_redirects: automatic.allow_redirects } : {}) };
  return {
    automatic_payment_methods: settings,
    allowed_payment_method_types: params.allowed_payment_method_types ?? null,
    payment_method_types: listed ?? ['card'],
    payment_method_configuration: settings?.enabled ? state.paymentMethodConfiguration : null,
  };
}

export function createPaymentIntent({ state, config, now, params, echo }: Context<CreatePaymentIntentParams>): PaymentIntent {
  // Stripe's default capture method has been automatic_async since API 2024-04-10.
  const { allowed_payment_method_types: allowed, ...setup } = paymentMethodSetup(state, params);
  const intent = buildPaymentIntent(newId('pi'), now, { amount: params.amount, currency: params.currency, capture_method: params.capture_method ?? 'automatic_async', ...setup });
  echo(intent);
  intent['allowed_payment_method_types'] = allowed;
  if (params.customer !== undefined) intent.customer = findCustomer(state, params.customer, { param: 'customer', status: 400 }).id;
  if (params.payment_method !== undefined) {
    intent.payment_method = methodFor(state, params.payment_method, now).object.id;
    intent.status = 'requires_confirmation';
  }
  copyDefined(intent, params, DESCRIPTIVE);
  intent.metadata = mergeMetadata({}, params.metadata);
  state.paymentIntents.set(intent.id, intent);
  emit(state.log, now, 'payment_intent.created', intent);
  // The payment method is already resolved (a token minted once) and set on the intent.
  if (params.confirm) confirm(state, config, now, intent, { ...params, payment_method: undefined });
  return intent;
}

export const getPaymentIntent = ({ state, id }: Context<unknown>): PaymentIntent => findPaymentIntent(state, id);

export function updatePaymentIntent({ state, now, params, id, echo }: Context<UpdatePaymentIntentParams>): PaymentIntent {
  const intent = findPaymentIntent(state, id);
  // Only what is charged is frozen once the intent is past confirmation; descriptions and metadata stay editable.
  for (const key of ['amount', 'currency', 'customer', 'payment_method'] as const) {
    if (params[key] !== undefined && !UPDATABLE.includes(intent.status)) {
      throw unexpectedState(intent, `This PaymentIntent's ${key} could not be updated because it has a status of ${intent.status}. You may only update the ${key} of a PaymentIntent with one of the following statuses: ${UPDATABLE.join(', ')}.`, key);
    }
  }
  if (params.amount !== undefined) intent.amount = params.amount;
  if (params.currency !== undefined) intent.currency = params.currency;
  if (params.customer !== undefined) intent.customer = findCustomer(state, params.customer, { param: 'customer', status: 400 }).id;
  if (params.payment_method !== undefined) {
    intent.payment_method = methodFor(state, params.payment_method, now).object.id;
    intent.status = 'requires_confirmation';
  }
  copyDefined(intent, params, DESCRIPTIVE);
  intent.metadata = mergeMetadata(intent.metadata, params.metadata);
  echo(intent);
  return intent;
}

export function confirmPaymentIntent({ state, config, now, params, id, echo }: Context<ConfirmPaymentIntentParams>): PaymentIntent {
  const intent = findPaymentIntent(state, id);
  copyDefined(intent, params, ['receipt_email', 'setup_future_usage']);
  return confirm(state, config, now, intent, params, echo);
}

export function capturePaymentIntent({ state, config, now, params, id, echo }: Context<CapturePaymentIntentParams>): PaymentIntent {
  const intent = findPaymentIntent(state, id);
  if (intent.status !== 'requires_capture') {
    throw unexpectedState(intent, `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`);
  }
  const amount = params.amount_to_capture ?? intent.amount_capturable;
  if (amount > intent.amount_capturable) {
    throw fail(400, {
      type: 'invalid_request_error',
      code: 'amount_too_large',
      param: 'amount_to_capture',
      message: `The amount_to_capture (${amount}) is greater than the amount that can be captured (${intent.amount_capturable}). Capture at most the PaymentIntent's amount_capturable.`,
    });
  }
  echo(intent);
  // A partial capture releases the rest of the hold.
  intent.amount_received = amount;
  intent.amount_capturable = 0;
  intent.status = 'succeeded';
  intent.metadata = mergeMetadata(intent.metadata, params.metadata);
  recordFunds(state, config, now, amount, intent.currency);
  const method = intent.payment_method === null ? undefined : resolvePaymentMethod(state, intent.payment_method, now);
  if (intent.latest_charge !== null && method) {
    const captured = chargeObject(intent.latest_charge, now, { amount: intent.amount, currency: intent.currency, customer: intent.customer, paymentIntent: intent.id, method, captured: true });
    emit(state.log, now, 'charge.captured', { ...captured, amount_captured: amount });
  }
  emit(state.log, now, 'payment_intent.succeeded', intent);
  return intent;
}

export function cancelPaymentIntent({ state, now, params, id, echo }: Context<CancelPaymentIntentParams>): PaymentIntent {
  const intent = findPaymentIntent(state, id);
  if (!CANCELABLE.includes(intent.status)) {
    throw unexpectedState(intent, `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`);
  }
  echo(intent);
  intent.status = 'canceled';
  intent.canceled_at = now;
  intent.cancellation_reason = params.cancellation_reason ?? null;
  intent.amount_capturable = 0;
  emit(state.log, now, 'payment_intent.canceled', intent);
  return intent;
}
