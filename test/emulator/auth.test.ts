import { describe, expect, test } from 'vitest';
import { setup } from './helpers.js';

const basic = (user: string, password = '') => `Basic ${btoa(`${user}:${password}`)}`;

describe('authentication', () => {
  test('no Authorization header: 401 asking for a key, in Stripe error shape', async () => {
    const t = setup();
    const reply = await t.get('/v1/balance', { key: null });
    expect(reply.status).toBe(401);
    expect(reply.body.error.type).toBe('invalid_request_error');
    expect(reply.body.error.message).toMatch(/^You did not provide an API key\. You need to provide your API key in the Authorization header, using Bearer auth/);
    expect(reply.headers.get('www-authenticate')).toBe('Basic realm="Stripe"');
  });

  const accepted: Array<[string, string]> = [
    ['Bearer with a secret test key', 'Bearer sk_test_123'],
    ['Bearer with a restricted test key', 'Bearer rk_test_51AbCdEf'],
    ['lower-case bearer scheme', 'bearer sk_test_123'],
    ['Basic with the key as user and no password', basic('sk_test_123')],
    ['Basic with a password (ignored)', basic('sk_test_123', 'whatever')],
  ];
  for (const [name, authorization] of accepted) {
    test(`accepts ${name}`, async () => {
      const reply = await setup().get('/v1/balance', { key: null, headers: { Authorization: authorization } });
      expect(reply.status).toBe(200);
      expect(reply.body.object).toBe('balance');
    });
  }

  const empty: Array<[string, string]> = [
    ['an empty Bearer', 'Bearer '],
    ['an unknown scheme', 'Token sk_test_123'],
    ['Basic with an empty user', basic('')],
  ];
  for (const [name, authorization] of empty) {
    test(`${name} counts as no key`, async () => {
      const reply = await setup().get('/v1/balance', { key: null, headers: { Authorization: authorization } });
      expect(reply.status).toBe(401);
      expect(reply.body.error.message).toMatch(/^You did not provide an API key/);
    });
  }

  // Built at run time, so no live-looking key sits in the source.
  for (const key of [['sk', 'live', '51HvLiveSecretKey0000abcd'].join('_'), ['rk', 'live', '51HvLiveRestricted9999wxyz'].join('_')]) {
    test(`refuses the live key ${key.slice(0, 8)}… and never repeats it`, async () => {
      const t = setup();
      for (const authorization of [`Bearer ${key}`, basic(key)]) {
        const reply = await t.post('/v1/customers', 'name=Acme', { key: null, headers: { Authorization: authorization } });
        expect(reply.status).toBe(401);
        expect(reply.body.error.message).toContain('never accepts live-mode API keys');
        const text = JSON.stringify(reply.body) + JSON.stringify(Object.fromEntries(reply.headers));
        expect(text).not.toContain(key);
        expect(text).not.toContain(key.slice(-4));
      }
      // Nothing was created by the refused request.
      expect((await t.get('/v1/customers')).body.data).toEqual([]);
    });
  }

  const malformed: Array<[string, string]> = [
    ['sk_test_abc-def-ghi-jkl-mnop', 'Invalid API Key provided: sk_test_****************mnop'],
    ['sk_test_', 'Invalid API Key provided: sk_test_****'],
    ['pk_test_51Publishable0000wxyz', 'Invalid API Key provided: pk_test_*****************wxyz'],
    ['hello', 'Invalid API Key provided: *****'],
  ];
  for (const [key, message] of malformed) {
    test(`a malformed key (${key}) is masked in the 401`, async () => {
      const reply = await setup().get('/v1/customers', { key });
      expect(reply.status).toBe(401);
      expect(reply.body.error).toEqual({ type: 'invalid_request_error', message });
      expect(JSON.stringify(reply.body)).not.toContain(key === 'sk_test_' ? 'sk_test_x' : key);
    });
  }

  test('authentication comes before routing: an unknown URL without a key is a 401', async () => {
    expect((await setup().get('/v1/nope', { key: null })).status).toBe(401);
  });
});
