/**
 * Named scenarios that make the emulator record a given event, as `stripe trigger` does on Stripe: each one is a
 * short series of API calls, so every event that comes with it (the customer, the invoice, the charge) happens too.
 */
import { misconfigured } from './errors.js';
import type { Emulator } from './index.js';

type Step = (call: (method: string, path: string, body?: string) => Promise<Record<string, any>>) => Promise<void>;

const RETURN_URL = 'return_url=https%3A%2F%2Fexample.com%2Freturn';

const customer: Step = async (call) => {
  await call('POST', '/v1/customers', 'name=Trigger+Customer&email=trigger%40example.com');
};

const priceOf = async (call: Parameters<Step>[0]): Promise<string> => {
  const product = await call('POST', '/v1/products', 'name=Trigger+Plan');
  const price = await call('POST', '/v1/prices', `product=${product.id}&unit_amount=2000&currency=usd&recurring[interval]=month`);
  return String(price.id);
};

const paymentIntent = (card: string, extra = ''): Step => async (call) => {
  await call('POST', '/v1/payment_intents', `amount=2000&currency=usd&payment_method=${card}&confirm=true&${RETURN_URL}${extra}`);
};

// A customer with the card attached and set as its default, as Stripe's subscription guides make one.
const subscriber = (card: string) => `name=Trigger+Subscriber&payment_method=${card}&invoice_settings[default_payment_method]=${card}`;

const subscription = (card: string): Step => async (call) => {
  const price = await priceOf(call);
  const made = await call('POST', '/v1/customers', subscriber(card));
  await call('POST', '/v1/subscriptions', `customer=${made.id}&items[0][price]=${price}`);
};

export const TRIGGERS: Readonly<Record<string, Step>> = {
  'customer.created': customer,
  'customer.updated': async (call) => {
    const made = await call('POST', '/v1/customers', 'name=Trigger+Customer');
    await call('POST', `/v1/customers/${made.id}`, 'metadata[updated]=true');
  },
  'customer.deleted': async (call) => {
    const made = await call('POST', '/v1/customers', 'name=Trigger+Customer');
    await call('DELETE', `/v1/customers/${made.id}`);
  },
  'product.created': async (call) => {
    await call('POST', '/v1/products', 'name=Trigger+Product');
  },
  'price.created': async (call) => {
    await priceOf(call);
  },
  'payment_intent.created': async (call) => {
    await call('POST', '/v1/payment_intents', 'amount=2000&currency=usd');
  },
  'payment_intent.succeeded': paymentIntent('pm_card_visa'),
  'charge.succeeded': paymentIntent('pm_card_visa'),
  'payment_intent.payment_failed': paymentIntent('pm_card_chargeDeclined'),
  'charge.failed': paymentIntent('pm_card_chargeDeclined'),
  'payment_intent.amount_capturable_updated': paymentIntent('pm_card_visa', '&capture_method=manual'),
  'charge.captured': async (call) => {
    const intent = await call('POST', '/v1/payment_intents', `amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&capture_method=manual&${RETURN_URL}`);
    await call('POST', `/v1/payment_intents/${intent.id}/capture`);
  },
  'payment_intent.canceled': async (call) => {
    const intent = await call('POST', '/v1/payment_intents', 'amount=2000&currency=usd');
    await call('POST', `/v1/payment_intents/${intent.id}/cancel`, 'cancellation_reason=requested_by_customer');
  },
  'customer.subscription.created': subscription('pm_card_visa'),
  'customer.subscription.updated': subscription('pm_card_visa'),
  'invoice.created': subscription('pm_card_visa'),
  'invoice.finalized': subscription('pm_card_visa'),
  'invoice.paid': subscription('pm_card_visa'),
  'invoice.payment_succeeded': subscription('pm_card_visa'),
  // Stripe's declining cards cannot be attached to a customer; this one attaches, then declines.
  'invoice.payment_failed': subscription('pm_card_chargeCustomerFail'),
  'invoice.voided': async (call) => {
    const price = await priceOf(call);
    const made = await call('POST', '/v1/customers', subscriber('pm_card_chargeCustomerFail'));
    const created = await call('POST', '/v1/subscriptions', `customer=${made.id}&items[0][price]=${price}`);
    await call('POST', `/v1/invoices/${created.latest_invoice}/void`);
  },
  'customer.subscription.deleted': async (call) => {
    const price = await priceOf(call);
    const made = await call('POST', '/v1/customers', subscriber('pm_card_visa'));
    const created = await call('POST', '/v1/subscriptions', `customer=${made.id}&items[0][price]=${price}`);
    await call('DELETE', `/v1/subscriptions/${created.id}`);
  },
};

/** Runs the scenario named `event` against `emulator`; an unknown name throws with the names there are. */
export async function trigger(emulator: Pick<Emulator, 'handle'>, event: string): Promise<void> {
  const steps = Object.hasOwn(TRIGGERS, event) ? TRIGGERS[event] : undefined;
  if (!steps) throw misconfigured(`There is no trigger "${String(event).slice(0, 80)}". Triggers: ${Object.keys(TRIGGERS).join(', ')}.`, 'event');
  await steps(async (method, path, body = '') => {
    const response = await emulator.handle(
      new Request(`https://api.stripe.com${path}`, {
        method,
        headers: { Authorization: 'Bearer sk_test_trigger', 'Content-Type': 'application/x-www-form-urlencoded' },
        ...(method === 'GET' ? {} : { body }),
      }),
    );
    const answer = (await response.json()) as Record<string, any>;
    // A decline is what some scenarios are for; any other failure means the scenario itself is wrong.
    if (!response.ok && answer.error?.type !== 'card_error') throw new Error(`trigger ${event}: ${method} ${path} answered ${response.status}: ${answer.error?.message}`);
    return answer;
  });
}
