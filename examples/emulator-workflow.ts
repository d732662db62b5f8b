/**
 * The seed document's two main workflows, run against the embedded emulator instead of Stripe:
 * product → monthly price → customer → subscription, then a one-time payment.
 *
 *   npx tsx examples/emulator-workflow.ts
 *
 * No network and no real key: the client's `fetch` is the emulator's, and the emulator only takes test keys.
 */
import { createStripe, isStripeError } from '../src/index.js';
import { createEmulator } from '../src/emulator/index.js';

// The customer below subscribes without giving a card, so the emulator puts its test card on file for new customers.
const emulator = createEmulator({ defaultPaymentMethod: 'pm_card_visa' });
const stripe = createStripe({ apiKey: 'sk_test_emulator', fetch: emulator.fetch });

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;

async function subscribeCustomer(): Promise<void> {
  const product = await stripe.createProduct({ name: 'Pro Plan', description: 'Full access to pro features' });
  console.log(`product       ${product.id}  ${product.name}`);

  const price = await stripe.createPrice({ product: product.id, unit_amount: 2999, currency: 'usd', recurring_interval: 'month' });
  console.log(`price         ${price.id}  ${money(price.unit_amount ?? 0, price.currency)} / ${price.recurring?.interval}`);

  const customer = await stripe.createCustomer({ name: 'Jane Smith', email: 'jane@example.com' });
  console.log(`customer      ${customer.id}  ${customer.name} <${customer.email}>`);

  const subscription = await stripe.createSubscription({ customer: customer.id, price: price.id });
  const period = `${new Date(subscription.current_period_start * 1000).toISOString().slice(0, 10)} → ${new Date(subscription.current_period_end * 1000).toISOString().slice(0, 10)}`;
  console.log(`subscription  ${subscription.id}  ${subscription.status}, period ${period}`);

  const invoice = await stripe.getInvoice({ id: String(subscription.latest_invoice) });
  console.log(`first invoice ${invoice.id}  ${invoice.number} ${invoice.status}, ${money(invoice.amount_paid, invoice.currency)} paid`);
}

async function chargeOnce(): Promise<void> {
  const customer = await stripe.createCustomer({ name: 'Bob Johnson', email: 'bob@example.com' });
  const intent = await stripe.createPaymentIntent({ amount: 5000, currency: 'usd', customer: customer.id, description: 'One-time purchase' });
  console.log(`payment       ${intent.id}  ${intent.status}`);

  // Automatic payment methods may redirect, so Stripe (and the emulator) want a return_url on confirm.
  const confirmed = await stripe.confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_visa', return_url: 'https://example.com/payment/complete' });
  console.log(`confirmed     ${confirmed.id}  ${confirmed.status}, ${money(confirmed.amount_received, confirmed.currency)} received`);

  try {
    const declined = await stripe.createPaymentIntent({ amount: 1200, currency: 'usd', customer: customer.id });
    await stripe.confirmPaymentIntent({ id: declined.id, payment_method: 'pm_card_chargeDeclined', return_url: 'https://example.com/payment/complete' });
  } catch (error) {
    if (!isStripeError(error)) throw error;
    console.log(`declined      ${error.code}/${error.decline_code}: ${error.message}`);
  }
}

await subscribeCustomer();
await chargeOnce();
const balance = await stripe.getBalance({});
console.log(`balance       pending ${balance.pending.map((funds) => money(funds.amount, funds.currency)).join(', ')}`);
