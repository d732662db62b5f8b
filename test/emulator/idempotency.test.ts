import { describe, expect, test } from 'vitest';
import { setup } from './helpers.js';

const keyed = (key: string, apiKey?: string) => ({ headers: { 'Idempotency-Key': key }, ...(apiKey ? { key: apiKey } : {}) });

describe('Idempotency-Key', () => {
  test('the same key and parameters replay the first response and create nothing new', async () => {
    const t = setup();
    const first = await t.post('/v1/customers', 'name=Acme&metadata[tier]=pro', keyed('order-42'));
    t.clock.now += 5;
    const second = await t.post('/v1/customers', 'metadata[tier]=pro&name=Acme', keyed('order-42'));
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(second.headers.get('request-id')).not.toBe(first.headers.get('request-id'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect((await t.get('/v1/customers')).body.data).toHaveLength(1);
  });

  test('the same key with other parameters: 400 idempotency_error', async () => {
    const t = setup();
    await t.post('/v1/customers', 'name=Acme', keyed('order-42'));
    const reply = await t.post('/v1/customers', 'name=Other', keyed('order-42'));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      type: 'idempotency_error',
      message: "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'order-42' if you meant to execute a different request.",
    });
    expect((await t.get('/v1/customers')).body.data).toHaveLength(1);
  });

  test('the same key on another endpoint is a mismatch too', async () => {
    const t = setup();
    await t.post('/v1/products', 'name=Acme', keyed('k1'));
    expect((await t.post('/v1/customers', 'name=Acme', keyed('k1'))).body.error.type).toBe('idempotency_error');
  });

  test('keys are scoped to the API key', async () => {
    const t = setup();
    const mine = await t.post('/v1/customers', 'name=Acme', keyed('shared', 'sk_test_first'));
    const theirs = await t.post('/v1/customers', 'name=Acme', keyed('shared', 'sk_test_second'));
    expect(theirs.status).toBe(200);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  test('a declined confirm is stored and replayed as the same 402', async () => {
    const t = setup();
    const created = (await t.post('/v1/payment_intents', 'amount=100&currency=usd&payment_method_types[0]=card')).body;
    const body = 'payment_method=pm_card_chargeDeclined';
    const first = await t.post(`/v1/payment_intents/${created.id}/confirm`, body, keyed('confirm-1'));
    const second = await t.post(`/v1/payment_intents/${created.id}/confirm`, body, keyed('confirm-1'));
    expect(first.status).toBe(402);
    expect(second.status).toBe(402);
    expect(second.body).toEqual(first.body);
  });

  test('a request refused by validation is not stored, so the key can be used again', async () => {
    const t = setup();
    expect((await t.post('/v1/products', 'name=Acme&colour=red', keyed('k2'))).status).toBe(400);
    const retry = await t.post('/v1/products', 'name=Acme', keyed('k2'));
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  test('keys expire after 24 hours', async () => {
    const t = setup();
    const first = await t.post('/v1/customers', 'name=Acme', keyed('daily'));
    t.clock.now += 24 * 3600;
    const later = await t.post('/v1/customers', 'name=Acme', keyed('daily'));
    expect(later.body.id).not.toBe(first.body.id);
  });

  test('GET and DELETE ignore the key', async () => {
    const t = setup();
    const customer = (await t.post('/v1/customers', 'name=Acme')).body;
    const first = await t.get(`/v1/customers/${customer.id}`, keyed('read'));
    const deleted = await t.del(`/v1/customers/${customer.id}`, '', keyed('read'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(deleted.body).toEqual({ id: customer.id, object: 'customer', deleted: true });
  });

  test('reset() forgets keys along with everything else', async () => {
    const t = setup();
    const first = await t.post('/v1/customers', 'name=Acme', keyed('k3'));
    t.emulator.reset();
    const after = await t.post('/v1/customers', 'name=Acme', keyed('k3'));
    expect(after.body.id).not.toBe(first.body.id);
    expect((await t.get('/v1/customers')).body.data).toHaveLength(1);
  });
});
