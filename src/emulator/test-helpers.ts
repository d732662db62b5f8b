/**
 * Routes of the emulator's own, for tests: what a customer would do on a page the emulator does not have. They
 * live under Stripe's `/v1/test_helpers/` namespace (where Stripe keeps its test-mode-only actions) but are not
 * Stripe operations, so they are kept apart from the route table of Stripe's operations.
 */
import { type Route, route } from './context.js';
import type { Fields } from './params.js';
import { authenticatePaymentIntent } from './payment-intents.js';
import { AUTHENTICATION_OUTCOMES } from './payments.js';

/** `outcome=complete` or `outcome=fail`: the button the customer presses on the bank's 3D Secure page. */
export const authenticatePaymentIntentFields = {
  outcome: { type: 'enum', required: true, values: AUTHENTICATION_OUTCOMES },
} as const satisfies Fields;

export const TEST_HELPER_ROUTES: readonly Route[] = [route('POST', '/v1/test_helpers/payment_intents/:id/authenticate', authenticatePaymentIntentFields, authenticatePaymentIntent)];
