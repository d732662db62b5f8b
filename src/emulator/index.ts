/**
 * @kosmokrator/stripe/emulator: an in-memory, stateful emulator of the 25 Stripe operations the package wraps.
 * It speaks Stripe's wire format (form-encoded requests, JSON answers, Stripe's errors) through web-standard
 * `Request`/`Response`, so it runs anywhere `fetch` does. Node's HTTP bridge is in `./serve.js`.
 *
 * @example
 * const emulator = createEmulator();
 * const client = createClient({ apiKey: 'sk_test_emulator', fetch: emulator.fetch });
 */
import { handle, type Runtime } from './handle.js';
import { type EmulatorOptions, normalizeOptions } from './options.js';
import { createState } from './store.js';

export type { EmulatorOptions } from './options.js';
export { DEFAULT_API_VERSION } from './options.js';
export { TEST_CARDS } from './payment-methods.js';

/** A running emulator. Each one has its own state; nothing is shared between emulators. */
export interface Emulator {
  /** Answers one request the way Stripe would. Never rejects: failures are Stripe error responses. */
  handle(request: Request): Promise<Response>;
  /** A drop-in for `globalThis.fetch` that answers from this emulator instead of the network. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Forgets every object, payment and idempotency key. */
  reset(): void;
}

/** Creates an emulator with empty state. */
export function createEmulator(options?: EmulatorOptions): Emulator {
  const runtime: Runtime = { state: createState(), config: normalizeOptions(options) };
  const answer = (request: Request): Promise<Response> => handle(runtime, request);
  return Object.freeze({
    handle: answer,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => answer(new Request(input, init)),
    reset: () => {
      runtime.state = createState();
    },
  });
}
