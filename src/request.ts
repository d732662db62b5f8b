import ky from 'ky';
import { checkRequestOptions, type Client, credentialsOf, type RequestOptions } from './client.js';
import { encodeForm } from './encode-form.js';
import { StripeAPIError, toStripeError } from './errors.js';
import type { Operation } from './operation.js';
import { shapeResult, type WithRequestId } from './result.js';
import { retryPolicy } from './retry.js';
import { scrubber } from './scrub.js';
import { type Attempts, timedFetch } from './timed-fetch.js';
import { validateArgs } from './validate.js';
import { toWire } from './wire.js';

const newIdempotencyKey = (): string => crypto.randomUUID();

function buildHeaders(client: Client, authorization: string, method: Operation['method'], options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = {
    Authorization: authorization,
    'Stripe-Version': client.apiVersion,
    Accept: 'application/json',
  };
  const account = options.stripeAccount ?? client.stripeAccount;
  if (account) headers['Stripe-Account'] = account;
  if (method === 'POST') {
    // Stripe reads the form content type even from an empty body (pay, void); without it the call fails.
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    // Made once, before the first attempt: every retry sends the same key, so a write that reached Stripe
    // but lost its answer is never made twice. Keyed even with retries off, since the caller may repeat it.
    headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
  }
  return headers;
}

async function readJson(response: Response, name: string, scrub: (text: string) => string): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    const body: unknown = JSON.parse(text);
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through: not JSON
  }
  const requestId = response.headers.get('request-id');
  throw new StripeAPIError(`${name}: Stripe answered ${response.status} with something that is not a JSON object.`, {
    type: 'api_error',
    statusCode: response.status,
    requestId: requestId === null ? undefined : scrub(requestId),
  });
}

/**
 * The one request path every generated function calls: validate (nothing is sent when an argument is
 * wrong), encode, authenticate, send through ky with retries, and shape the result or map the failure.
 */
export async function request<T>(client: Client, operation: Operation, args: unknown = {}, options: RequestOptions = {}): Promise<WithRequestId<T>> {
  checkRequestOptions(operation.name, options);
  validateArgs(operation, args);
  const credentials = credentialsOf(client);
  const { path, params } = toWire(operation, args as Record<string, unknown>);
  const form = encodeForm(params);
  const isPost = operation.method === 'POST';
  const url = `${client.baseUrl}${path}${!isPost && form ? `?${form}` : ''}`;
  const timeout = options.timeout ?? client.timeout;
  const headers = buildHeaders(client, credentials.authorization, operation.method, options);
  const scrub = scrubber(credentials);
  const attempts: Attempts = { sent: false, delivered: 0 };
  try {
    const response = await ky(url, {
      method: operation.method,
      headers,
      body: isPost ? form : undefined,
      timeout,
      retry: retryPolicy(options.maxRetries ?? client.maxRetries),
      signal: options.signal,
      fetch: timedFetch(client.fetch ?? ((input, init) => globalThis.fetch(input, init)), attempts),
    });
    const requestId = response.headers.get('request-id');
    return shapeResult<T>(operation, await readJson(response, operation.name, scrub), requestId === null ? undefined : scrub(requestId));
  } catch (error) {
    throw await toStripeError(error, {
      function: operation.name,
      timeout,
      scrub,
      idempotencyKey: headers['Idempotency-Key'],
      sent: attempts.sent,
      maybeDelivered: attempts.delivered > 0,
      signal: options.signal,
    });
  }
}
