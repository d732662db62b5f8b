import ky from 'ky';
import { checkRequestOptions, type Client, credentialsOf, type FetchLike, type RequestOptions } from './client.js';
import { encodeForm } from './encode-form.js';
import { neverConnected, StripeAPIError, toStripeError } from './errors.js';
import type { Operation } from './operation.js';
import { shapeResult, type WithRequestId } from './result.js';
import { retryPolicy } from './retry.js';
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

/** Every form the key can take on the wire or in an echo: raw, the Basic credential, its base64 (with and without
 * the ':' and the padding, standard and URL-safe), and each of those percent-encoded. Longest first. */
function secretForms(apiKey: string, authorization: string): string[] {
  const forms = new Set<string>();
  const base = [authorization, apiKey];
  for (const text of [`${apiKey}:`, apiKey]) {
    const b64 = btoa(text);
    base.push(b64, b64.replace(/=+$/, ''));
    base.push(b64.replace(/\+/g, '-').replace(/\//g, '_'), b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  }
  for (const form of base) {
    forms.add(form);
    const encoded = encodeURIComponent(form);
    forms.add(encoded);
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
    forms.add(encoded.replace(/%20/g, '+'));
  }
  return Array.from(forms)
    .filter((form) => form.length >= 8)
    .sort((a, b) => b.length - a.length);
}

const scrubber = ({ apiKey, authorization }: { apiKey: string; authorization: string }): ((text: string) => string) => {
  const forms = secretForms(apiKey, authorization);
  const hides = (text: string): boolean => forms.some((form) => text.includes(form));
  return (text: string): string => {
    let out = String(text);
    for (const form of forms) if (out.includes(form)) out = out.split(form).join('[redacted key]');
    // Any percent-encoding of a form (each character escaped, say): a run that decodes to one goes whole.
    if (out.includes('%')) {
      out = out.replace(/(?:%[0-9A-Fa-f]{2}|[\w.~+\-])*%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2}|[\w.~+\-])*/g, (run) => {
        let decoded: string;
        try {
          decoded = decodeURIComponent(run.replace(/\+/g, ' '));
        } catch {
          decoded = run;
        }
        return hides(decoded) ? '[redacted key]' : run;
      });
    }
    return out;
  };
};

// Statuses whose Response must have a null body, as the fetch standard has it.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** What the attempts of one call did, for the message of its failure. */
interface Attempts {
  /** An attempt reached the transport. */
  sent: boolean;
  /** Attempts that may have reached the server (every attempt made, less those refused before connecting). */
  delivered: number;
}

const signalOf = (input: RequestInfo | URL, init: RequestInit | undefined): AbortSignal | undefined =>
  init?.signal ?? (typeof Request !== 'undefined' && input instanceof Request ? input.signal : undefined);

/**
 * The transport as ky sees it: the answer resolves only once its whole body has arrived, so ky's per-attempt
 * timeout (which aborts the request's signal) covers the body as well as the headers, on every fetch. An abort
 * rejects at once even with a fetch that ignores signals, and a fetch that is never called sent nothing.
 */
function timedFetch(inner: FetchLike, attempts: Attempts): FetchLike {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = signalOf(input, init);
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let settled = false;
      const onAbort = (): void => settle(reject, signal?.reason);
      function settle<V>(done: (value: V) => void, value: V): void {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        done(value);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      attempts.sent = true;
      attempts.delivered += 1;
      let answer: Promise<Response>;
      try {
        answer = Promise.resolve(inner(input, init));
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer
        .then(
          async (response) => {
            const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
            return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
          },
          (error: unknown) => {
            if (neverConnected(error)) attempts.delivered -= 1;
            throw error;
          },
        )
        .then(
          (response) => settle(resolve, response),
          (error: unknown) => settle(reject, error),
        );
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
