import type { DeliveryAttempt, WebhookEndpoint, WebhookRetry } from './delivery.js';
import type { EmulatorEvent } from './events.js';
import { API_VERSION_PATTERN } from '../client.js';
import { describeValue } from '../validate.js';
import { misconfigured } from './errors.js';
import { isTestToken, TEST_CARDS } from './payment-methods.js';

/** How an emulator behaves. Every option has a default; `createEmulator()` with none is a fresh test account. */
export interface EmulatorOptions {
  /**
   * A convenience Stripe does not have: a test card every new customer gets as
   * `invoice_settings.default_payment_method` (minted into a `pm_…` id and attached), so subscriptions and
   * invoices can be paid without first giving each customer a card. Off by default: as on Stripe, a new
   * customer has no default payment method unless the request gives one (`payment_method` and
   * `invoice_settings[default_payment_method]`). Any `pm_card_*` token from Stripe's testing docs works,
   * including declining ones such as `pm_card_chargeDeclined`, which are put on file without the bank check
   * that refuses them on Stripe.
   * @default null
   * @example createEmulator({ defaultPaymentMethod: 'pm_card_visa' })
   */
  defaultPaymentMethod?: string | null;
  /**
   * The clock, in Unix seconds. Pass a fixed or stepped clock for deterministic `created` values and to move
   * time forward (invoice auto-finalization, funds becoming available).
   * @default () => Math.floor(Date.now() / 1000)
   * @example let t = 1_700_000_000; createEmulator({ now: () => t });
   */
  now?: () => number;
  /**
   * The API version the emulator speaks: sent back in `Stripe-Version`, and the only version a request may ask
   * for (a request naming another gets a 400 that says which version this is; one naming none gets this one).
   * @default '2026-10-28.endive'
   */
  apiVersion?: string;
  /**
   * Seconds after creation at which an invoice created with `auto_advance=true` is finalized, like Stripe's
   * one-hour draft window. `0` finalizes at once.
   * @default 3600
   */
  autoAdvanceDelay?: number;
  /**
   * Seconds after a payment succeeds at which its funds move from `pending` to `available` in the balance.
   * @default 172800 (two days)
   */
  availableAfter?: number;
  /**
   * Endpoints to POST each event to, signed with `Stripe-Signature` as Stripe signs them, in the order the events
   * happened. Delivery never holds up or fails the API call that caused the event.
   * @example createEmulator({ webhooks: [{ url: 'http://127.0.0.1:3000/webhook', secret: 'whsec_test' }] })
   */
  webhooks?: readonly WebhookEndpoint[];
  /** How failed deliveries are retried. @default 4 attempts, 1 s then doubling, at most 10 s apart */
  webhookRetry?: WebhookRetry;
  /** Hears every event as it is recorded, in process: for tests without HTTP. An exception it throws is ignored. */
  onEvent?: (event: EmulatorEvent) => void;
  /** Hears every webhook delivery attempt, e.g. to log it. An exception it throws is ignored. */
  onDelivery?: (attempt: DeliveryAttempt) => void;
}

/** The options with every default filled in, resolved once. */
export interface Config {
  readonly defaultPaymentMethod: string | null;
  readonly now: () => number;
  readonly apiVersion: string;
  readonly autoAdvanceDelay: number;
  readonly availableAfter: number;
}

export const DEFAULT_API_VERSION = '2026-10-28.endive';

const DEFAULTS: Config = {
  defaultPaymentMethod: null,
  now: () => Math.floor(Date.now() / 1000),
  apiVersion: DEFAULT_API_VERSION,
  autoAdvanceDelay: 3600,
  availableAfter: 2 * 86_400,
};

function checkSeconds(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw misconfigured(`createEmulator: option "${name}" expected a whole number of seconds ≥ 0, got ${describeValue(value)}.`, name);
}

export function normalizeOptions(options: EmulatorOptions = {}): Config {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const config: Config = Object.freeze({ ...DEFAULTS, ...defined });
  const token = config.defaultPaymentMethod;
  if (token !== null && !isTestToken(token)) {
    throw misconfigured(`createEmulator: option "defaultPaymentMethod" expected null or a test token (${Object.keys(TEST_CARDS).join(', ')}), got ${describeValue(token)}.`, 'defaultPaymentMethod');
  }
  if (typeof config.now !== 'function') throw misconfigured(`createEmulator: option "now" expected a function returning Unix seconds, got ${describeValue(config.now)}.`, 'now');
  if (typeof config.apiVersion !== 'string' || !API_VERSION_PATTERN.test(config.apiVersion)) {
    throw misconfigured(`createEmulator: option "apiVersion" expected a dated version such as "${DEFAULT_API_VERSION}", got ${describeValue(config.apiVersion)}.`, 'apiVersion');
  }
  checkSeconds('autoAdvanceDelay', config.autoAdvanceDelay);
  checkSeconds('availableAfter', config.availableAfter);
  return config;
}
