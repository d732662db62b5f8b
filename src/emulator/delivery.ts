/**
 * Webhook delivery: each endpoint gets its events POSTed in the order they happened, signed as Stripe signs
 * them, on a queue of its own so a slow or failing endpoint never holds up an API call or another endpoint. A
 * failed attempt (not 2xx, refused, timed out) is retried with backoff, a bounded number of times.
 */
import { computeSignature, formatSignatureHeader } from '../webhooks/signature.js';
import type { EmulatorEvent } from './events.js';
import { describeValue } from '../validate.js';
import { misconfigured } from './errors.js';
import { randomString } from './ids.js';

export interface WebhookEndpoint {
  /** Where events are POSTed. */
  readonly url: string;
  /** The signing secret; one is made up (`whsec_…`) when none is given. */
  readonly secret?: string;
  /** The event types this endpoint takes: exact names, `invoice.*`, or `*`. @default ['*'] */
  readonly events?: readonly string[];
}

export interface WebhookRetry {
  /** Attempts in all, the first included. @default 4 */
  readonly attempts?: number;
  /** Milliseconds before the first retry; each later one waits twice as long. @default 1000 */
  readonly firstDelayMs?: number;
  /** The longest wait between attempts. @default 10000 */
  readonly maxDelayMs?: number;
  /** Milliseconds an attempt may take before it counts as failed. @default 10000 */
  readonly timeoutMs?: number;
}

/** One attempt to deliver one event to one endpoint. */
export interface DeliveryAttempt {
  readonly event: string;
  readonly type: string;
  readonly url: string;
  readonly attempt: number;
  /** The endpoint's HTTP status, or undefined when no answer came. */
  readonly status: number | undefined;
  readonly ok: boolean;
  /** Why the attempt failed, when it did. */
  readonly error?: string;
}

export interface ResolvedEndpoint {
  readonly url: string;
  readonly secret: string;
  readonly events: readonly string[];
}

const DEFAULT_RETRY: Required<WebhookRetry> = { attempts: 4, firstDelayMs: 1000, maxDelayMs: 10_000, timeoutMs: 10_000 };

export const takesEvent = (endpoint: ResolvedEndpoint, type: string): boolean =>
  endpoint.events.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));

function checkEndpoint(endpoint: WebhookEndpoint, index: number): ResolvedEndpoint {
  const where = `createEmulator: webhooks[${index}]`;
  if (endpoint === null || typeof endpoint !== 'object') throw misconfigured(`${where} expected an object with a url, got ${describeValue(endpoint)}.`, 'webhooks');
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    throw misconfigured(`${where}.url expected an absolute http(s) URL, got ${describeValue(endpoint.url)}.`, 'webhooks');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw misconfigured(`${where}.url expected an http(s) URL, got the protocol ${url.protocol}`, 'webhooks');
  if (endpoint.secret !== undefined && (typeof endpoint.secret !== 'string' || endpoint.secret === '')) throw misconfigured(`${where}.secret expected a non-empty string.`, 'webhooks');
  const events = endpoint.events ?? ['*'];
  if (!Array.isArray(events) || events.length === 0 || !events.every((type) => typeof type === 'string' && type !== '')) throw misconfigured(`${where}.events expected a non-empty list of event types.`, 'webhooks');
  return { url: url.href, secret: endpoint.secret ?? `whsec_${randomString(32)}`, events: [...events] };
}

function checkRetry(retry: WebhookRetry = {}): Required<WebhookRetry> {
  const resolved = { ...DEFAULT_RETRY, ...Object.fromEntries(Object.entries(retry).filter(([, value]) => value !== undefined)) };
  for (const [name, value] of Object.entries(resolved)) {
    const least = name === 'attempts' || name === 'timeoutMs' ? 1 : 0;
    if (!Number.isInteger(value) || value < least || value > 2 ** 31 - 1) throw misconfigured(`createEmulator: option "webhookRetry.${name}" expected an integer of at least ${least}, got ${describeValue(value)}.`, 'webhookRetry');
  }
  return resolved;
}

export const resolveEndpoints = (endpoints: readonly WebhookEndpoint[] = []): ResolvedEndpoint[] => {
  if (!Array.isArray(endpoints)) throw misconfigured('createEmulator: option "webhooks" expected a list of { url, secret?, events? }.', 'webhooks');
  return endpoints.map(checkEndpoint);
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Stripe's own delivery header values, so handlers that look at them see what they would in production. */
const USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';

export interface Deliverer {
  /** Queues an event for every endpoint that takes its type. Returns at once. */
  enqueue(event: EmulatorEvent): void;
  /** Settles once every queued delivery has been made or given up. */
  idle(): Promise<void>;
  /** Every attempt so far, oldest first. */
  attempts(): DeliveryAttempt[];
}

/**
 * Delivers through `send` (the global fetch unless a test gives another). `onDelivered` hears each event that an
 * endpoint took, so the event's `pending_webhooks` can count down as Stripe's does; `onAttempt` hears every attempt.
 */
export function createDeliverer(
  endpoints: readonly ResolvedEndpoint[],
  retryOptions: WebhookRetry | undefined,
  onDelivered: (eventId: string) => void,
  onAttempt: ((attempt: DeliveryAttempt) => void) | undefined,
  send: typeof fetch = (input, init) => globalThis.fetch(input, init),
): Deliverer {
  const retry = checkRetry(retryOptions);
  const queues = new Map<ResolvedEndpoint, Promise<void>>(endpoints.map((endpoint) => [endpoint, Promise.resolve()]));
  const log: DeliveryAttempt[] = [];

  async function attempt(endpoint: ResolvedEndpoint, event: EmulatorEvent, payload: string, number: number): Promise<boolean> {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await computeSignature(new TextEncoder().encode(payload), endpoint.secret, timestamp);
    const record = (status: number | undefined, ok: boolean, error?: string): boolean => {
      const entry: DeliveryAttempt = { event: event.id, type: event.type, url: endpoint.url, attempt: number, status, ok, ...(error === undefined ? {} : { error }) };
      log.push(entry);
      try {
        onAttempt?.({ ...entry });
      } catch {
        // A listener's failure never stops delivery.
      }
      return ok;
    };
    try {
      const response = await send(endpoint.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': formatSignatureHeader(timestamp, signature), 'User-Agent': USER_AGENT },
        body: payload,
        signal: AbortSignal.timeout(retry.timeoutMs),
      });
      // The endpoint's answer is not read beyond its status; cancelling the body frees the connection.
      await response.body?.cancel().catch(() => undefined);
      return record(response.status, response.ok, response.ok ? undefined : `answered ${response.status}`);
    } catch (error) {
      return record(undefined, false, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }

  async function deliver(endpoint: ResolvedEndpoint, event: EmulatorEvent): Promise<void> {
    // Stripe pretty-prints the events it sends.
    const payload = JSON.stringify(event, null, 2);
    for (let number = 1; number <= retry.attempts; number += 1) {
      if (await attempt(endpoint, event, payload, number)) {
        onDelivered(event.id);
        return;
      }
      if (number < retry.attempts) await sleep(Math.min(retry.firstDelayMs * 2 ** (number - 1), retry.maxDelayMs));
    }
  }

  return {
    enqueue(event) {
      for (const [endpoint, queue] of queues) {
        if (!takesEvent(endpoint, event.type)) continue;
        queues.set(endpoint, queue.then(() => deliver(endpoint, event)));
      }
    },
    async idle() {
      // A delivery may queue behind one that is running; wait until no queue moved while waiting.
      for (;;) {
        const pending = [...queues.values()];
        await Promise.all(pending);
        if (pending.every((queue, index) => queue === [...queues.values()][index])) return;
      }
    },
    attempts: () => log.map((entry) => ({ ...entry })),
  };
}
