/**
 * @kosmokrator/stripe/emulator: an in-memory, stateful emulator of the 25 Stripe operations the package wraps.
 * It speaks Stripe's wire format (form-encoded requests, JSON answers, Stripe's errors) through web-standard
 * `Request`/`Response`, so it runs anywhere `fetch` does. Node's HTTP bridge is in `./serve.js`.
 *
 * @example
 * const emulator = createEmulator();
 * const client = createClient({ apiKey: 'sk_test_emulator', fetch: emulator.fetch });
 */
import { isStripeError, StripeInvalidRequestError } from '../errors.js';
import { describeValue } from '../validate.js';
import { createDeliverer, type DeliveryAttempt, resolveEndpoints, takesEvent } from './delivery.js';
import type { EmulatorEvent, EventSettings } from './events.js';
import { misconfigured } from './errors.js';
import { handle, type Runtime } from './handle.js';
import { type EmulatorOptions, normalizeOptions } from './options.js';
import type { AuthenticationOutcome } from './payments.js';
import { createState } from './store.js';

export type { DeliveryAttempt, WebhookEndpoint, WebhookRetry } from './delivery.js';
export type { EmulatorEvent } from './events.js';
export { trigger, TRIGGERS } from './triggers.js';

export type { EmulatorOptions } from './options.js';
export type { AuthenticationOutcome } from './payments.js';
export { DEFAULT_API_VERSION } from './options.js';
export { TEST_CARDS } from './payment-methods.js';

/** A running emulator. Each one has its own state; nothing is shared between emulators. */
export interface Emulator {
  /**
   * Answers one request the way Stripe would. Failures are Stripe error responses; it rejects (with the signal's
   * reason, as fetch does) only when the request's signal was aborted, and then the request changed nothing.
   */
  handle(request: Request): Promise<Response>;
  /** A drop-in for `globalThis.fetch` that answers from this emulator instead of the network. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Forgets every object, payment, event and idempotency key. */
  reset(): void;
  /** Every event recorded so far, oldest first (copies). */
  events(): EmulatorEvent[];
  /** The webhook endpoints with their signing secrets (made up where none was given). */
  readonly webhookEndpoints: readonly { readonly url: string; readonly secret: string; readonly events: readonly string[] }[];
  /** Every webhook delivery attempt so far, oldest first. */
  deliveries(): DeliveryAttempt[];
  /** Settles once every queued webhook delivery has been made or given up. */
  webhooksIdle(): Promise<void>;
  /**
   * What the customer does on the bank's 3D Secure page, which the emulator does not have: `complete` charges the
   * card of a payment intent in `requires_action` (an invoice's intent then pays the invoice and starts its
   * subscription), `fail` leaves it waiting for another payment method. Resolves to the payment intent; rejects
   * with Stripe's error message when the intent is missing or not waiting for authentication. Over HTTP the same
   * is `POST /v1/test_helpers/payment_intents/{id}/authenticate` with `outcome=complete|fail`.
   */
  authenticatePaymentIntent(id: string, outcome: AuthenticationOutcome): Promise<Record<string, unknown>>;
}

/**
 * The options as plain data, each read once; what is not an object is refused here, and a getter or proxy trap
 * that throws while they are read is refused by createEmulator.
 */
function readOptions(options: EmulatorOptions | undefined): EmulatorOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw misconfigured(`createEmulator: options expected an object, got ${describeValue(options)}.`, 'options');
  }
  return { ...options };
}

/** Creates an emulator with empty state. */
export function createEmulator(given?: EmulatorOptions): Emulator {
  try {
    return start(readOptions(given));
  } catch (error) {
    // A getter or proxy trap deeper in the options (a webhook endpoint's, say) is refused the same way.
    if (isStripeError(error)) throw error;
    throw misconfigured(`createEmulator: options expected plain data, but reading them threw (${error instanceof Error ? error.message : describeValue(error)}).`, 'options');
  }
}

function start(options: EmulatorOptions): Emulator {
  const config = normalizeOptions(options);
  const endpoints = resolveEndpoints(options?.webhooks);
  const runtime: Runtime = { state: undefined as never, config };
  // A delivered event counts down its pending_webhooks, as on Stripe; an event of a reset state is simply gone.
  const deliverer = createDeliverer(endpoints, options?.webhookRetry, (id) => {
    const event = runtime.state.log.events.get(id);
    if (event) event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
  }, options?.onDelivery);
  const onEvent = options?.onEvent;
  for (const name of ['onEvent', 'onDelivery'] as const) {
    if (options?.[name] !== undefined && typeof options[name] !== 'function') throw misconfigured(`createEmulator: option "${name}" expected a function, got ${describeValue(options[name])}.`, name);
  }
  const events: EventSettings = {
    apiVersion: config.apiVersion,
    endpointsFor: (type) => endpoints.filter((endpoint) => takesEvent(endpoint, type)).length,
    listeners: [
      (event) => deliverer.enqueue(event),
      ...(onEvent
        ? [
            (event: EmulatorEvent) => {
              // A listener's failure is the test's business, never the API call's.
              try {
                onEvent(event);
              } catch {}
            },
          ]
        : []),
    ],
  };
  runtime.state = createState(events);
  const answer = (request: Request): Promise<Response> => handle(runtime, request);
  return Object.freeze({
    handle: answer,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => answer(new Request(input, init)),
    reset: () => {
      runtime.state = createState(events);
    },
    events: () => structuredClone(Array.from(runtime.state.log.events.values())),
    webhookEndpoints: Object.freeze(endpoints.map((endpoint) => Object.freeze({ ...endpoint }))),
    deliveries: () => deliverer.attempts(),
    webhooksIdle: () => deliverer.idle(),
    authenticatePaymentIntent: async (id: string, outcome: AuthenticationOutcome) => {
      const request = new Request(`https://api.stripe.com/v1/test_helpers/payment_intents/${encodeURIComponent(String(id))}/authenticate`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sk_test_emulator', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ outcome: String(outcome) }),
      });
      const response = await answer(request);
      const body = (await response.json()) as Record<string, unknown> & { error?: { message?: string; param?: string } };
      // The emulator's own Stripe-shaped refusal, as the typed error a client would have made of it.
      if (!response.ok) {
        throw new StripeInvalidRequestError(`authenticatePaymentIntent: ${body.error?.message ?? `the emulator answered ${response.status}`}`, {
          type: 'invalid_request_error',
          statusCode: response.status,
          param: body.error?.param,
        });
      }
      return body;
    },
  });
}
