import { expect, test } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';
import { serveEmulator } from '../../src/emulator/serve.js';

const auth = { Authorization: 'Bearer sk_test_123' };

test('serves on 127.0.0.1 with an ephemeral port, shares the emulator, and closes', async () => {
  const emulator = createEmulator();
  const server = await serveEmulator({ port: 0, emulator });
  try {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const created = await fetch(`${server.url}/v1/customers`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=Acme&metadata[tier]=pro',
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('request-id')).toMatch(/^req_/);
    const customer = await created.json();
    expect(customer).toMatchObject({ object: 'customer', name: 'Acme', metadata: { tier: 'pro' } });
    // The in-process emulator sees what came in over HTTP.
    const direct = await emulator.fetch(`https://api.stripe.com/v1/customers/${customer.id}`, { headers: auth });
    expect((await direct.json()).id).toBe(customer.id);
    const missing = await fetch(`${server.url}/v1/customers/cus_missing`, { headers: auth });
    expect(missing.status).toBe(404);
    const unauthenticated = await fetch(`${server.url}/v1/balance`);
    expect(unauthenticated.status).toBe(401);
  } finally {
    await server.close();
  }
  await expect(fetch(`${server.url}/v1/balance`, { headers: auth })).rejects.toThrow();
});

test('each server gets its own emulator by default', async () => {
  const [a, b] = await Promise.all([serveEmulator({ port: 0 }), serveEmulator({ port: 0 })]);
  try {
    await fetch(`${a.url}/v1/products`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=Pro' });
    const listed = await (await fetch(`${b.url}/v1/products`, { headers: auth })).json();
    expect(listed.data).toEqual([]);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
