/** The webhook example app receives the seed's subscribe workflow from the emulator and verifies every event. */
import { afterEach, expect, test } from 'vitest';
import type { Server } from 'node:http';
import { startReceiver, subscribeWithWebhooks } from '../examples/webhook-receiver.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

test('the example endpoint receives and verifies the subscribe workflow, in the order Stripe sends it', async () => {
  const received: string[] = [];
  const started = await startReceiver('whsec_example_test', (event) => received.push(event.type));
  server = started.server;
  await subscribeWithWebhooks(started.url, 'whsec_example_test');
  expect(received).toEqual([
    'product.created',
    'price.created',
    'customer.created',
    'customer.subscription.created',
    'invoice.created',
    'invoice.finalized',
    // The invoice is paid through a payment intent of its own, as on Stripe.
    'payment_intent.created',
    'charge.succeeded',
    'payment_intent.succeeded',
    'invoice.paid',
    'invoice.payment_succeeded',
    'customer.subscription.updated',
  ]);
});

test('the example endpoint refuses a delivery signed with another secret', async () => {
  const received: string[] = [];
  const started = await startReceiver('whsec_the_right_one', (event) => received.push(event.type));
  server = started.server;
  await subscribeWithWebhooks(started.url, 'whsec_someone_else', 1);
  expect(received).toEqual([]);
});
