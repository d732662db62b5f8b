/**
 * `@kosmokrator/stripe/webhooks`: verify the `Stripe-Signature` of a webhook and read its event, typed. WebCrypto
 * only, so it runs in browsers, workers and edge runtimes; the core entry does not load it.
 */
import { StripeError } from '../errors.js';
import { computeSignature, formatSignatureHeader, matchesAny, parseSignatureHeader } from './signature.js';
import type { StripeEvent } from './events.js';

export { type Charge, type EventObjects, isEventType, type KnownEventType, type KnownStripeEvent, type StripeEvent, type StripeEventOf, type StripeObject, type UnknownStripeEvent } from './events.js';

export type SignatureFailure = 'no_header' | 'malformed_header' | 'no_matching_signature' | 'timestamp_outside_tolerance' | 'payload_not_raw' | 'no_secret' | 'payload_not_an_event' | 'invalid_option';

/** The webhook did not prove it came from Stripe (or could not be checked). The message never holds a secret. */
export class StripeSignatureVerificationError extends StripeError {
  override name = 'StripeSignatureVerificationError';
  constructor(
    message: string,
    readonly reason: SignatureFailure,
  ) {
    super(message, { type: 'signature_verification_error', code: reason });
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason };
  }
}

export type RawPayload = string | Uint8Array | ArrayBuffer;

export interface ConstructEventOptions {
  /** Seconds a signature's timestamp may lie in the past; 0 turns the check off. @default 300, as Stripe's libraries */
  tolerance?: number;
  /** The current time in seconds, for tests. @default Date.now() / 1000 */
  now?: number;
}

const RAW_BODY_HELP =
  'Pass the exact raw body as a string, Uint8Array or ArrayBuffer, not a parsed object: re-serialised JSON never matches the signature. ' +
  "Node's http: collect the request's chunks and Buffer.concat them. Express: express.raw({ type: 'application/json' }) on the webhook route, then req.body. " +
  "Hono: await c.req.text(). Next.js route handlers: await request.text().";

const fail = (reason: SignatureFailure, message: string): never => {
  throw new StripeSignatureVerificationError(message, reason);
};

function payloadBytes(payload: unknown): Uint8Array {
  if (typeof payload === 'string') return new TextEncoder().encode(payload);
  if (payload instanceof Uint8Array) return payload;
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  return fail('payload_not_raw', `constructEvent: the payload is ${payload === null ? 'null' : typeof payload === 'object' ? 'an already-parsed object' : typeof payload}. ${RAW_BODY_HELP}`);
}

function secretList(secret: unknown): string[] {
  const secrets = Array.isArray(secret) ? secret : [secret];
  const usable = secrets.filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  if (usable.length === 0 || usable.length !== secrets.length) {
    fail('no_secret', "constructEvent: expected the endpoint's signing secret (\"whsec_…\") or a list of them, got none or a value that is not a non-empty string.");
  }
  return usable;
}

function checkTolerance(tolerance: unknown): number {
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    fail('invalid_option', `constructEvent: option "tolerance" expected a non-negative number of seconds, got ${String(tolerance)}.`);
  }
  return tolerance as number;
}

/**
 * Checks a webhook's `Stripe-Signature` against the endpoint secret(s) and returns the event. Several `v1`
 * signatures in the header and several secrets (while one is rotated out) are each tried; a timestamp older than
 * `tolerance` seconds is refused, so a captured webhook cannot be replayed later.
 */
export async function constructEvent(payload: RawPayload, signatureHeader: string | null | undefined, secret: string | readonly string[], options: ConstructEventOptions = {}): Promise<StripeEvent> {
  const bytes = payloadBytes(payload);
  const secrets = secretList(secret);
  const tolerance = checkTolerance(options.tolerance ?? 300);
  if (signatureHeader === undefined || signatureHeader === null || signatureHeader === '') {
    return fail('no_header', 'constructEvent: the request has no Stripe-Signature header; it was not sent by Stripe, or the header was dropped on the way.');
  }
  const header = typeof signatureHeader === 'string' ? parseSignatureHeader(signatureHeader) : undefined;
  if (!header) return fail('malformed_header', 'constructEvent: the Stripe-Signature header is not of the form "t=<timestamp>,v1=<signature>".');
  if (!(await matchesAny(bytes, header.timestamp, header.signatures, secrets))) {
    return fail('no_matching_signature', "constructEvent: no signature in the Stripe-Signature header matches the payload under the given secret(s). Check that the secret is this endpoint's and that the body reached you unchanged.");
  }
  // Whole seconds, as Stripe's libraries count the age.
  const age = Math.floor(options.now ?? Date.now() / 1000) - header.timestamp;
  if (tolerance > 0 && age > tolerance) {
    return fail('timestamp_outside_tolerance', `constructEvent: the signature's timestamp is ${age} s old, beyond the tolerance of ${tolerance} s.`);
  }
  return parseEvent(bytes);
}

function parseEvent(bytes: Uint8Array): StripeEvent {
  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return fail('payload_not_an_event', 'constructEvent: the signature is valid but the payload is not JSON.');
  }
  const isEvent = event !== null && typeof event === 'object' && (event as { object?: unknown }).object === 'event' && typeof (event as { type?: unknown }).type === 'string';
  return isEvent ? (event as StripeEvent) : fail('payload_not_an_event', 'constructEvent: the signature is valid but the payload is not a Stripe event object.');
}

export interface TestHeaderOptions {
  /** The body that will be sent, exactly. An object is serialised with JSON.stringify first. */
  payload: RawPayload | Record<string, unknown>;
  secret: string;
  /** Unix seconds. @default now */
  timestamp?: number;
}

/** A `Stripe-Signature` header for a payload, as Stripe would send it: for tests of webhook handlers. */
export async function generateTestHeader({ payload, secret, timestamp = Math.floor(Date.now() / 1000) }: TestHeaderOptions): Promise<string> {
  const raw = typeof payload === 'string' || payload instanceof Uint8Array || payload instanceof ArrayBuffer ? payload : JSON.stringify(payload);
  const [key] = secretList(secret);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) fail('invalid_option', `generateTestHeader: option "timestamp" expected whole seconds since 1970, got ${String(timestamp)}.`);
  return formatSignatureHeader(timestamp, await computeSignature(payloadBytes(raw), key!, timestamp));
}
