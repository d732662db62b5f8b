/**
 * Webhook signatures, checked against the official `stripe` package as an independent verifier: what we sign it
 * accepts, what it signs we accept, and both refuse the same forgeries.
 */
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { constructEvent, generateTestHeader, isEventType, type StripeEvent, StripeSignatureVerificationError } from '../src/webhooks/index.js';
import { StripeError } from '../src/errors.js';

const official = new Stripe('sk_test_webhooks_verifier');
const secret = 'whsec_test_secret_for_the_webhook_suite';
const NOW = 1_767_000_000;

const event = {
  id: 'evt_1QwebhookTest',
  object: 'event',
  api_version: '2026-10-28.endive',
  created: NOW - 5,
  data: { object: { id: 'in_1Qtest', object: 'invoice', amount_paid: 2000, status: 'paid' }, previous_attributes: { status: 'open' } },
  livemode: false,
  pending_webhooks: 1,
  request: { id: 'req_abc', idempotency_key: 'key-1' },
  type: 'invoice.paid',
};
const payload = JSON.stringify(event, null, 2);

/** The official library's verdict: the event, or the reason-free error it throws. */
function officialVerdict(body: string, header: string, key: string, tolerance = 300, now = NOW): 'ok' | string {
  try {
    official.webhooks.constructEvent(body, header, key, tolerance, undefined, now * 1000);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(Stripe.errors.StripeSignatureVerificationError);
    return (error as Error).message;
  }
}

async function ourReason(body: string | Uint8Array, header: string | undefined, key: string | string[], now = NOW): Promise<string> {
  try {
    await constructEvent(body, header, key, { now });
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(StripeSignatureVerificationError);
    expect(error).toBeInstanceOf(StripeError);
    for (const text of [String(error), JSON.stringify(error), (error as Error).stack ?? '']) expect(text).not.toContain(typeof key === 'string' ? key : key[0]);
    return (error as StripeSignatureVerificationError).reason;
  }
}

describe('constructEvent and the official stripe package agree', () => {
  it('accepts our header in the official verifier and the official test header in ours', async () => {
    const ours = await generateTestHeader({ payload, secret, timestamp: NOW - 10 });
    expect(ours).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(officialVerdict(payload, ours, secret)).toBe('ok');
    const theirs = official.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW - 10 });
    expect(theirs).toBe(ours);
    const verified = await constructEvent(payload, theirs, secret, { now: NOW });
    expect(verified).toEqual(event);
  });

  it('takes the raw body as a string, Uint8Array or ArrayBuffer', async () => {
    const header = official.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW });
    const bytes = new TextEncoder().encode(payload);
    expect((await constructEvent(bytes, header, secret, { now: NOW })).id).toBe(event.id);
    expect((await constructEvent(bytes.buffer, header, secret, { now: NOW })).id).toBe(event.id);
  });

  it('finds the matching one of several v1 signatures, and the right one of several secrets', async () => {
    const header = official.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW });
    const signature = header.split('v1=')[1]!;
    const several = `t=${NOW},v1=${'0'.repeat(64)},v0=${'1'.repeat(64)},v1=${signature}`;
    expect(officialVerdict(payload, several, secret)).toBe('ok');
    expect(await ourReason(payload, several, secret)).toBe('ok');
    expect(await ourReason(payload, header, ['whsec_old_rotated_out', secret])).toBe('ok');
  });

  const forgeries: Array<[string, () => Promise<[string, string | undefined, string, number?]>, string]> = [
    ['a tampered payload', async () => [payload.replace('2000', '200000'), official.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW }), secret], 'no_matching_signature'],
    ['a wrong secret', async () => [payload, official.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else', timestamp: NOW }), secret], 'no_matching_signature'],
    ['a stale timestamp', async () => [payload, official.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW - 301 }), secret], 'timestamp_outside_tolerance'],
    ['a malformed header', async () => [payload, 'v1=deadbeef', secret], 'malformed_header'],
    ['a header with no v1 signature', async () => [payload, `t=${NOW},v0=${'a'.repeat(64)}`, secret], 'malformed_header'],
    ['a signature that is not hex', async () => [payload, `t=${NOW},v1=${'z'.repeat(64)}`, secret], 'no_matching_signature'],
  ];
  for (const [name, make, reason] of forgeries) {
    it(`refuses ${name} with reason ${reason}, as the official verifier refuses it`, async () => {
      const [body, header, key] = await make();
      expect(officialVerdict(body, header!, key)).not.toBe('ok');
      expect(await ourReason(body, header, key)).toBe(reason);
    });
  }

  it('counts the tolerance in whole seconds as the official verifier does', async () => {
    const header = official.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW - 300 });
    expect(officialVerdict(payload, header, secret, 300, NOW + 0.9)).toBe('ok');
    expect(await ourReason(payload, header, secret, NOW + 0.9)).toBe('ok');
    expect(officialVerdict(payload, header, secret, 300, NOW + 1)).not.toBe('ok');
    expect(await ourReason(payload, header, secret, NOW + 1)).toBe('timestamp_outside_tolerance');
  });

  it('says when there is no header, which the official verifier refuses too', async () => {
    expect(() => official.webhooks.constructEvent(payload, undefined as never, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(() => official.webhooks.constructEvent(payload, '', secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(await ourReason(payload, undefined, secret)).toBe('no_header');
    expect(await ourReason(payload, '', secret)).toBe('no_header');
  });
});

describe('the raw-body mistake and hostile inputs', () => {
  it('refuses an already-parsed object and says how to get the raw body', async () => {
    const header = await generateTestHeader({ payload, secret, timestamp: NOW });
    const error = await constructEvent(event as never, header, secret, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripeSignatureVerificationError);
    expect((error as StripeSignatureVerificationError).reason).toBe('payload_not_raw');
    for (const hint of ['express.raw', 'c.req.text()', 'request.text()', 'Buffer.concat']) expect((error as Error).message).toContain(hint);
  });

  it('ends every hostile value in a typed error', async () => {
    const header = await generateTestHeader({ payload, secret, timestamp: NOW });
    const values: unknown[] = [null, undefined, 42, NaN, {}, [], Symbol('x'), () => 1, new Date(), 'x'.repeat(100_000)];
    for (const value of values) {
      for (const call of [
        () => constructEvent(value as never, header, secret, { now: NOW }),
        () => constructEvent(payload, value as never, secret, { now: NOW }),
        () => constructEvent(payload, header, value as never, { now: NOW }),
        () => constructEvent(payload, header, secret, { tolerance: value as never, now: NOW }),
      ]) {
        const outcome = await call().then(() => 'ok', (e: unknown) => e);
        if (outcome !== 'ok') expect(outcome).toBeInstanceOf(StripeSignatureVerificationError);
      }
    }
  });

  it('refuses a valid signature over something that is not an event', async () => {
    const body = '{"object":"customer"}';
    const header = await generateTestHeader({ payload: body, secret, timestamp: NOW });
    expect(await ourReason(body, header, secret)).toBe('payload_not_an_event');
  });
});

describe('typed events', () => {
  it('narrows data.object by type and keeps unknown types generic', async () => {
    const verified: StripeEvent = await constructEvent(payload, await generateTestHeader({ payload, secret, timestamp: NOW }), secret, { now: NOW });
    expect(isEventType(verified, 'invoice.paid', 'invoice.payment_failed')).toBe(true);
    if (isEventType(verified, 'invoice.paid')) {
      const amount: number = verified.data.object.amount_paid;
      expect(amount).toBe(2000);
    }
    const odd = JSON.stringify({ ...event, type: 'issuing_card.created', data: { object: { id: 'ic_1', object: 'issuing.card' } } });
    const generic = await constructEvent(odd, await generateTestHeader({ payload: odd, secret, timestamp: NOW }), secret, { now: NOW });
    expect(isEventType(generic, 'invoice.paid')).toBe(false);
    expect(generic.data.object.object).toBe('issuing.card');
  });
});
