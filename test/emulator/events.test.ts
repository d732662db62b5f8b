/**
 * The emulator's events: which ones a call records and in what order (Stripe's names), what each carries, the
 * events routes, and signed webhook deliveries checked with the official stripe package's verifier.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, test } from 'vitest';
import { trigger, TRIGGERS } from '../../src/emulator/index.js';
import { constructEvent } from '../../src/webhooks/index.js';
import { createCustomer, createRecurringPrice, setup } from './helpers.js';

const types = (t: ReturnType<typeof setup>) => t.emulator.events().map((event) => event.type);

describe('events recorded by the emulator', () => {
  test('a paid subscription: the customer, product, price, then the subscription and its first invoice in order', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`);
    expect(subscription.body.status).toBe('active');
    expect(types(t)).toEqual([
      'customer.created',
      'product.created',
      'price.created',
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      // Stripe pays a finalized invoice through a payment intent of its own.
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.updated',
    ]);
    const events = t.emulator.events();
    const created = events.find((event) => event.type === 'customer.subscription.created')!;
    expect(created.data.object).toMatchObject({ id: subscription.body.id, object: 'subscription', status: 'incomplete' });
    const updated = events.at(-1)!;
    expect(updated.data.object).toMatchObject({ id: subscription.body.id, status: 'active' });
    expect(updated.data.previous_attributes).toEqual({ status: 'incomplete' });
    const charge = events.find((event) => event.type === 'charge.succeeded')!.data.object;
    expect(charge).toMatchObject({ object: 'charge', amount: 2999, currency: 'usd', customer: customer.id, paid: true, captured: true, status: 'succeeded' });
    expect(String(charge.id)).toMatch(/^ch_/);
  });

  test('a declined first invoice: charge.failed, payment_intent.payment_failed and invoice.payment_failed, and the subscription stays incomplete', async () => {
    const t = setup({ defaultPaymentMethod: 'pm_card_chargeDeclined' });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`);
    expect(subscription.body.status).toBe('incomplete');
    expect(types(t).slice(3)).toEqual([
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
      'invoice.payment_failed',
    ]);
    const failed = t.emulator.events().find((event) => event.type === 'charge.failed')!.data.object;
    expect(failed).toMatchObject({ paid: false, status: 'failed', failure_code: 'card_declined', outcome: { reason: 'generic_decline' } });
  });

  test('every event has Stripe envelope fields, with the request id and idempotency key that caused it', async () => {
    const t = setup({ webhooks: [{ url: 'http://127.0.0.1:9/never', events: ['customer.*'] }], webhookRetry: { attempts: 1 } });
    const reply = await t.post('/v1/customers', 'name=Acme', { headers: { 'Idempotency-Key': 'order-7' } });
    await t.post('/v1/products', 'name=Widget');
    const [customer, product] = t.emulator.events();
    expect(customer).toEqual({
      id: expect.stringMatching(/^evt_[A-Za-z0-9]{24}$/),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: t.clock.now,
      data: { object: reply.body },
      livemode: false,
      pending_webhooks: 1,
      request: { id: reply.headers.get('request-id'), idempotency_key: 'order-7' },
      type: 'customer.created',
    });
    // No endpoint takes product events.
    expect(product!.pending_webhooks).toBe(0);
    await t.emulator.webhooksIdle();
  });

  test('an update carries previous_attributes: changed fields with their old values, new metadata keys as null', async () => {
    const t = setup();
    const customer = await createCustomer(t, 'name=Old+Name&metadata[a]=1');
    await t.post(`/v1/customers/${customer.id}`, 'name=New+Name&metadata[b]=2');
    const updated = t.emulator.events().at(-1)!;
    expect(updated.type).toBe('customer.updated');
    expect(updated.data.previous_attributes).toEqual({ name: 'Old Name', metadata: { b: null } });
    expect(updated.data.object).toMatchObject({ name: 'New Name', metadata: { a: '1', b: '2' } });
    // An update that changes nothing records nothing.
    await t.post(`/v1/customers/${customer.id}`, 'name=New+Name');
    expect(types(t)).toEqual(['customer.created', 'customer.updated']);
  });

  test('payment intents: manual capture, capture, cancel and declines', async () => {
    const t = setup();
    const manual = await t.post('/v1/payment_intents', 'amount=500&currency=usd&capture_method=manual&payment_method=pm_card_visa&confirm=true&return_url=https%3A%2F%2Fexample.com');
    expect(manual.body.status).toBe('requires_capture');
    await t.post(`/v1/payment_intents/${manual.body.id}/capture`, 'amount_to_capture=300');
    const declined = await t.post('/v1/payment_intents', 'amount=500&currency=usd&payment_method=pm_card_chargeDeclined&confirm=true&return_url=https%3A%2F%2Fexample.com');
    expect(declined.status).toBe(402);
    await t.post(`/v1/payment_intents/${declined.body.error.payment_intent.id}/cancel`, '');
    expect(types(t)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.captured',
      'payment_intent.succeeded',
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
      'payment_intent.canceled',
    ]);
    const captured = t.emulator.events()[3]!.data.object;
    expect(captured).toMatchObject({ captured: true, amount: 500, amount_captured: 300 });
  });

  test('an invoice finalized after the auto-advance delay: invoice.finalized with no request', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const invoice = await t.post('/v1/invoices', `customer=${customer.id}&auto_advance=true`);
    expect(invoice.body.status).toBe('draft');
    t.clock.now += 3601;
    await t.get(`/v1/invoices/${invoice.body.id}`);
    const events = t.emulator.events();
    expect(events.map((event) => event.type)).toEqual(['customer.created', 'invoice.created', 'invoice.finalized', 'invoice.paid', 'invoice.payment_succeeded']);
    expect(events[2]!.request).toEqual({ id: null, idempotency_key: null });
    expect(events[2]!.created).toBe(t.clock.now);
  });

  test('cancelling: customer.subscription.deleted; deleting a customer: its subscriptions end, then customer.deleted', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`);
    await t.del(`/v1/customers/${customer.id}`);
    const last = t.emulator.events().slice(-2);
    expect(last.map((event) => event.type)).toEqual(['customer.subscription.deleted', 'customer.deleted']);
    expect(last[0]!.data.object).toMatchObject({ id: subscription.body.id, status: 'canceled' });
    expect(last[1]!.data.object).toMatchObject({ id: customer.id, object: 'customer' });
  });

  test('a replayed idempotent request records nothing new; a refused one records nothing', async () => {
    const t = setup();
    await t.post('/v1/customers', 'name=A', { headers: { 'Idempotency-Key': 'k' } });
    await t.post('/v1/customers', 'name=A', { headers: { 'Idempotency-Key': 'k' } });
    await t.post('/v1/customers', 'nmae=A');
    expect(types(t)).toEqual(['customer.created']);
  });
});

describe('triggers', () => {
  for (const name of Object.keys(TRIGGERS)) {
    test(`${name} records a ${name} event`, async () => {
      const t = setup();
      await trigger(t.emulator, name);
      expect(types(t)).toContain(name);
    });
  }

  test('an unknown trigger names the ones there are', async () => {
    await expect(trigger(setup().emulator, 'invoice.piad')).rejects.toThrow(/There is no trigger "invoice.piad".*invoice.paid/);
    await expect(trigger(setup().emulator, 'constructor')).rejects.toThrow(/There is no trigger/);
  });
});

describe('GET /v1/events', () => {
  test('lists newest first, filters by type, wildcard, types[] and created, paginates, and retrieves one', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    t.clock.now += 10;
    await createRecurringPrice(t);
    await t.post(`/v1/customers/${customer.id}`, 'name=Renamed');
    const all = await t.get('/v1/events');
    expect(all.body).toMatchObject({ object: 'list', url: '/v1/events', has_more: false });
    expect(all.body.data.map((event: { type: string }) => event.type)).toEqual(['customer.updated', 'price.created', 'product.created', 'customer.created']);
    expect((await t.get('/v1/events?type=customer.updated')).body.data).toHaveLength(1);
    expect((await t.get('/v1/events?type=customer.*')).body.data.map((e: { type: string }) => e.type)).toEqual(['customer.updated', 'customer.created']);
    expect((await t.get('/v1/events?types[]=price.created&types[]=product.created')).body.data).toHaveLength(2);
    expect((await t.get(`/v1/events?created[lt]=${t.clock.now}`)).body.data.map((e: { type: string }) => e.type)).toEqual(['customer.created']);
    const page = await t.get('/v1/events?limit=2');
    expect(page.body.has_more).toBe(true);
    const next = await t.get(`/v1/events?limit=2&starting_after=${page.body.data[1].id}`);
    expect(next.body.data.map((e: { type: string }) => e.type)).toEqual(['product.created', 'customer.created']);
    const one = await t.get(`/v1/events/${all.body.data[0].id}`);
    expect(one.body).toEqual(all.body.data[0]);
  });

  test('an unknown event is 404 resource_missing; type and types together are refused', async () => {
    const t = setup();
    const missing = await t.get('/v1/events/evt_nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', message: "No such event: 'evt_nope'", param: 'id' });
    expect((await t.get('/v1/events?type=a&types[]=b')).status).toBe(400);
    expect((await t.get('/v1/events?colour=red')).status).toBe(400);
  });
});

describe('webhook delivery', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  interface Received {
    body: string;
    signature: string;
  }

  /** A receiver on 127.0.0.1 whose answers come from `status` (by delivery number), recording every request. */
  async function receiver(status: (n: number) => number | 'hang' = () => 200) {
    const received: Received[] = [];
    const server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(request.headers['stripe-signature']) });
        const answer = status(received.length);
        if (answer === 'hang') return;
        response.writeHead(answer).end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, received };
  }

  test('POSTs each event in order, signed so that the official stripe package and ours both verify it', async () => {
    const endpoint = await receiver();
    const secret = 'whsec_delivery_suite_secret';
    const t = setup({ webhooks: [{ url: endpoint.url, secret }] });
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`);
    await t.emulator.webhooksIdle();
    const official = new Stripe('sk_test_verifier');
    const verified = [];
    for (const { body, signature } of endpoint.received) {
      const theirs = official.webhooks.constructEvent(body, signature, secret);
      const ours = await constructEvent(body, signature, secret);
      expect(ours).toEqual(JSON.parse(JSON.stringify(theirs)));
      verified.push(ours.type);
    }
    expect(verified).toEqual(types(t));
    // Delivered: nothing is pending any more.
    expect(t.emulator.events().every((event) => event.pending_webhooks === 0)).toBe(true);
    expect((await t.get('/v1/events?delivery_success=false')).body.data).toEqual([]);
  });

  test('only the types an endpoint asked for; a made-up secret is whsec_ and listed', async () => {
    const endpoint = await receiver();
    const t = setup({ webhooks: [{ url: endpoint.url, events: ['product.created'] }] });
    await createCustomer(t);
    await t.post('/v1/products', 'name=Widget');
    await t.emulator.webhooksIdle();
    const [listed] = t.emulator.webhookEndpoints;
    expect(listed!.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    expect(endpoint.received.map(({ body }) => JSON.parse(body).type)).toEqual(['product.created']);
    await constructEvent(endpoint.received[0]!.body, endpoint.received[0]!.signature, listed!.secret);
  });

  test('a failing endpoint is retried with backoff, bounded, and later events wait their turn', async () => {
    const endpoint = await receiver((n) => (n <= 2 ? 500 : 200));
    const t = setup({ webhooks: [{ url: endpoint.url, secret: 'whsec_x' }], webhookRetry: { attempts: 3, firstDelayMs: 20, maxDelayMs: 40 } });
    await createCustomer(t);
    await t.post('/v1/products', 'name=Widget');
    await t.emulator.webhooksIdle();
    expect(t.emulator.deliveries().map(({ type, attempt, status }) => [type, attempt, status])).toEqual([
      ['customer.created', 1, 500],
      ['customer.created', 2, 500],
      ['customer.created', 3, 200],
      ['product.created', 1, 200],
    ]);
    const down = setup({ webhooks: [{ url: 'http://127.0.0.1:9/closed', secret: 'whsec_x' }], webhookRetry: { attempts: 2, firstDelayMs: 10 } });
    await createCustomer(down);
    await down.emulator.webhooksIdle();
    expect(down.emulator.deliveries()).toHaveLength(2);
    expect(down.emulator.deliveries().every((attempt) => !attempt.ok && attempt.status === undefined)).toBe(true);
    expect((await down.get('/v1/events?delivery_success=false')).body.data).toHaveLength(1);
  });

  test('an endpoint that never answers does not hold up the API call, and times out', async () => {
    const endpoint = await receiver(() => 'hang');
    const t = setup({ webhooks: [{ url: endpoint.url, secret: 'whsec_x' }], webhookRetry: { attempts: 1, timeoutMs: 200 } });
    const reply = await t.post('/v1/customers', 'name=Quick');
    expect(reply.status).toBe(200);
    // The call has its answer while the delivery is still waiting on the endpoint.
    expect(t.emulator.deliveries()).toEqual([]);
    await t.emulator.webhooksIdle();
    expect(t.emulator.deliveries()[0]).toMatchObject({ ok: false, status: undefined });
  });

  test('onEvent hears every event in process; its exceptions never fail the call', async () => {
    const heard: string[] = [];
    const t = setup({
      onEvent: (event) => {
        heard.push(event.type);
        throw new Error('listener bug');
      },
    });
    expect((await t.post('/v1/customers', 'name=A')).status).toBe(200);
    expect(heard).toEqual(['customer.created']);
  });

  test('onDelivery hears each attempt', async () => {
    const endpoint = await receiver();
    const attempts: string[] = [];
    const t = setup({ webhooks: [{ url: endpoint.url, secret: 'whsec_x' }], onDelivery: (attempt) => attempts.push(`${attempt.type} ${attempt.status}`) });
    await createCustomer(t);
    await t.emulator.webhooksIdle();
    expect(attempts).toEqual(['customer.created 200']);
  });

  test('bad webhook options are refused when the emulator is made', () => {
    expect(() => setup({ webhooks: [{ url: 'not a url' }] })).toThrow(/webhooks\[0\]\.url/);
    expect(() => setup({ webhooks: [{ url: 'ftp://x' }] })).toThrow(/http/);
    expect(() => setup({ webhooks: [{ url: 'http://x', events: [] }] })).toThrow(/events/);
    expect(() => setup({ webhookRetry: { attempts: 0 } })).toThrow(/attempts/);
    expect(() => setup({ webhookRetry: { firstDelayMs: Number.NaN } })).toThrow(/firstDelayMs/);
    expect(() => setup({ webhooks: 'http://x' as never })).toThrow(/list/);
    expect(() => setup({ webhooks: [null as never] })).toThrow(/webhooks\[0\]/);
    expect(() => setup({ webhooks: [{ url: 'http://x', secret: 42 as never }] })).toThrow(/secret/);
    expect(() => setup({ onEvent: 'log' as never })).toThrow(/onEvent/);
    expect(() => setup({ onDelivery: {} as never })).toThrow(/onDelivery/);
  });
});
