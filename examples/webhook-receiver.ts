/**
 * A webhook endpoint in plain Node `http`: it verifies each delivery's Stripe-Signature and reacts to the event.
 * Run on its own, it starts the endpoint, points the embedded emulator at it and runs the seed's subscribe
 * workflow, so the whole loop runs offline:
 *
 *   npx tsx examples/webhook-receiver.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createStripe } from '../src/index.js';
import { createEmulator } from '../src/emulator/index.js';
import { constructEvent, isEventType, type StripeEvent } from '../src/webhooks/index.js';

/** Listens on 127.0.0.1; `onEvent` gets every event whose signature holds. Resolves with the endpoint's URL. */
export async function startReceiver(secret: string, onEvent: (event: StripeEvent) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    // The signature covers the exact bytes, so the body is kept raw: never parse it before verifying.
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      try {
        const event = await constructEvent(Buffer.concat(chunks), request.headers['stripe-signature'] as string | undefined, secret);
        onEvent(event);
        response.writeHead(200).end();
      } catch (error) {
        response.writeHead(400).end(error instanceof Error ? error.message : 'bad request');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`, server };
}

/** The seed's subscribe workflow on an emulator that delivers its events to `url`; resolves once all are delivered. */
export async function subscribeWithWebhooks(url: string, secret: string, attempts = 4): Promise<void> {
  // The customer subscribes without giving a card, so the emulator puts its test card on file for new customers.
  const emulator = createEmulator({ defaultPaymentMethod: 'pm_card_visa', webhooks: [{ url, secret }], webhookRetry: { attempts } });
  const stripe = createStripe({ apiKey: 'sk_test_emulator', fetch: emulator.fetch });
  const product = await stripe.createProduct({ name: 'Pro Plan' });
  const price = await stripe.createPrice({ product: product.id, unit_amount: 2999, currency: 'usd', recurring_interval: 'month' });
  const customer = await stripe.createCustomer({ name: 'Jane Smith', email: 'jane.smith@example.com' });
  await stripe.createSubscription({ customer: customer.id, price: price.id });
  await emulator.webhooksIdle();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = 'whsec_example_secret';
  const { url, server } = await startReceiver(secret, (event) => {
    if (isEventType(event, 'invoice.paid')) console.log(`${event.type}  ${event.data.object.id} paid ${event.data.object.amount_paid} ${event.data.object.currency}`);
    else console.log(event.type);
  });
  await subscribeWithWebhooks(url, secret);
  server.close();
}
