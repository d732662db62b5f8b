import { describe, expect, test } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';
import { BASE, setup } from './helpers.js';

describe('every response', () => {
  test('carries a unique Request-Id, JSON, and Stripe-Version', async () => {
    const t = setup();
    const replies = [
      await t.post('/v1/customers', 'name=Acme'),
      await t.get('/v1/customers'),
      await t.get('/v1/balance'),
      await t.get('/v1/customers/cus_missing'),
      await t.post('/v1/customers', 'foo=1'),
      await t.get('/v1/nope'),
      await t.get('/v1/balance', { key: null }),
      await t.get('/v1/balance', { key: ['sk', 'live', '123456789012345678'].join('_') }),
    ];
    const ids = replies.map((reply) => reply.headers.get('request-id'));
    for (const id of ids) expect(id).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(new Set(ids).size).toBe(ids.length);
    for (const reply of replies) {
      expect(reply.headers.get('content-type')).toBe('application/json');
      expect(reply.headers.get('stripe-version')).toBe('2026-10-28.endive');
    }
  });

  test('a Stripe-Version the emulator does not speak is a 400 that names the one it does; its own is taken', async () => {
    const t = setup();
    const other = await t.get('/v1/balance', { headers: { 'Stripe-Version': '2025-03-31.basil' } });
    expect(other.status).toBe(400);
    // Stripe's wording for a version it refuses, with no code or param.
    expect(other.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/^Invalid Stripe API version: 2025-03-31\.basil\. /) });
    expect(other.body.error.code).toBeUndefined();
    expect(other.body.error.message).toContain('2026-10-28.endive');
    expect(other.headers.get('stripe-version')).toBe('2026-10-28.endive');
    expect((await t.get('/v1/balance', { headers: { 'Stripe-Version': '2026-10-28.endive' } })).status).toBe(200);
  });

  test('the apiVersion option changes the default', async () => {
    const t = setup({ apiVersion: '2026-01-28.clover' });
    expect((await t.get('/v1/balance')).headers.get('stripe-version')).toBe('2026-01-28.clover');
  });

  test('errors name the request in request_log_url', async () => {
    const reply = await setup().get('/v1/products/prod_missing');
    expect(reply.body.error.request_log_url).toBe(`https://dashboard.stripe.com/test/logs/${reply.headers.get('request-id')}?t=1700000000`);
  });
});

describe('fetch and reset', () => {
  test('fetch is a drop-in for globalThis.fetch: string, URL and Request inputs', async () => {
    const emulator = createEmulator();
    const init = { method: 'POST', headers: { Authorization: 'Bearer sk_test_123', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=Acme' };
    const fromString = await emulator.fetch(`${BASE}/v1/customers`, init);
    const fromUrl = await emulator.fetch(new URL('/v1/customers', BASE), init);
    const fromRequest = await emulator.fetch(new Request(`${BASE}/v1/customers?limit=5`, { headers: init.headers }));
    expect(fromString.status).toBe(200);
    expect(fromUrl.status).toBe(200);
    expect((await fromRequest.json()).data).toHaveLength(2);
  });

  test('the host does not matter: any base URL reaches the emulator', async () => {
    const emulator = createEmulator();
    const reply = await emulator.fetch('http://localhost:12111/v1/balance', { headers: { Authorization: 'Bearer sk_test_123' } });
    expect(reply.status).toBe(200);
  });

  test('reset() clears all state', async () => {
    const t = setup();
    const customer = (await t.post('/v1/customers', 'name=Acme')).body;
    await t.post('/v1/products', 'name=Pro');
    t.emulator.reset();
    expect((await t.get(`/v1/customers/${customer.id}`)).status).toBe(404);
    expect((await t.get('/v1/products')).body.data).toEqual([]);
  });

  test('emulators do not share state', async () => {
    const a = setup();
    const b = setup();
    await a.post('/v1/customers', 'name=Acme');
    expect((await b.get('/v1/customers')).body.data).toEqual([]);
  });
});
