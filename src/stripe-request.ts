/**
 * The escape hatch for the rest of Stripe's API: any v1 path, sent the way the generated functions send theirs.
 * Only the shape of the call is checked here (method, path, plain-data params); Stripe checks the rest.
 */
import { checkRequestOptions, type Client, type RequestOptions } from './client.js';
import { encodeForm } from './encode-form.js';
import { StripeValidationError, type ValidationIssue } from './errors.js';
import type { HttpMethod, Operation } from './operation.js';
import { send } from './request.js';
import { shapeResult, type WithRequestId } from './result.js';
import { describeName, describeValue, isPlainObject, isWellFormed } from './validate.js';

const NAME = 'stripeRequest';
const METHODS: readonly string[] = ['GET', 'POST', 'DELETE'] satisfies HttpMethod[];
// Segments of letters, digits and `_ - . ~ :` (every v1 path and ID is made of them); no query, no escapes.
const PATH = /^\/v1(?:\/[A-Za-z0-9_.~:-]+)+$/;
const MAX_PATH_LENGTH = 512;
// Stripe's own parameters nest a few levels (`items[0][price_data][recurring][interval]`); deeper is a mistake.
const MAX_DEPTH = 16;
const MAX_ISSUES = 10;

const issue = (argument: string, expected: string, received: string, hint?: string): ValidationIssue => ({ argument, expected, received, ...(hint && { hint }) });

function methodIssue(method: unknown): ValidationIssue | undefined {
  if (typeof method === 'string' && METHODS.includes(method)) return undefined;
  const hint = typeof method === 'string' && METHODS.includes(method.toUpperCase()) ? ` Write it in capitals: "${method.toUpperCase()}".` : undefined;
  return issue('method', '"GET", "POST" or "DELETE"', describeValue(method), hint);
}

/** Why a path cannot be sent, most specific reason first, or undefined. */
function pathProblem(path: string): string | undefined {
  if (path.length > MAX_PATH_LENGTH) return ` It is longer than ${MAX_PATH_LENGTH} characters.`;
  if (/[\u0000-\u0020\u007F-\u009F]/.test(path)) return ' It holds a space, line break or other control character.';
  if (/^[a-z][a-z0-9+.-]*:|^\/\/|\\/i.test(path)) return ' Give the path alone: the host comes from the client (baseUrl).';
  if (!path.startsWith('/v1/')) return ' Stripe\'s API paths start with /v1/.';
  if (/[?#]/.test(path)) return ' Put query parameters in params, not in the path.';
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return ' A "." or ".." segment would leave the path given.';
  return PATH.test(path) ? undefined : ' Segments may hold letters, digits and _ - . ~ : only, with no empty segment.';
}

function pathIssue(path: unknown): ValidationIssue | undefined {
  const expected = 'a Stripe API path such as "/v1/customers/cus_123"';
  if (typeof path !== 'string') return issue('path', expected, describeValue(path));
  const problem = pathProblem(path);
  return problem === undefined ? undefined : issue('path', expected, describeValue(path), problem);
}

/**
 * A copy of `value` made only of what the form encoding can send (strings, finite numbers, booleans, null, Dates,
 * arrays and plain objects), each property read once, so what is encoded is what was checked. Problems go to
 * `issues`, named by their place in Stripe's bracket notation (`params[metadata][plan]`).
 */
function plainData(value: unknown, at: string, depth: number, ancestors: Set<object>, issues: ValidationIssue[]): unknown {
  const bad = (expected: string, received = describeValue(value)): undefined => void issues.push(issue(at, expected, received));
  const leaf = 'a string, number, boolean, null, Date, array or plain object';
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return value;
    case 'string':
      return isWellFormed(value) ? value : bad('text without lone surrogates', 'a string with a lone surrogate');
    case 'number':
      return Number.isFinite(value) ? value : bad('a finite number');
    case 'object':
      break;
    default:
      return bad(leaf);
  }
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? bad('a valid Date', 'an invalid Date') : new Date(value.getTime());
  if (!Array.isArray(value) && !isPlainObject(value)) return bad(leaf);
  if (ancestors.has(value)) return bad('data without cycles', 'an object that contains itself');
  if (depth >= MAX_DEPTH) return bad(`data nested at most ${MAX_DEPTH} levels deep`, 'deeper nesting');
  ancestors.add(value);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : Object.create(null);
  const entries = Array.isArray(value) ? Array.from(value, (item, index): [string, unknown] => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (issues.length >= MAX_ISSUES) break;
    (copy as Record<string, unknown>)[key] = plainData(item, `${at}[${describeName(key)}]`, depth + 1, ancestors, issues);
  }
  ancestors.delete(value);
  return copy;
}

function paramsOf(params: unknown, issues: ValidationIssue[]): Record<string, unknown> {
  if (params === undefined) return {};
  try {
    if (isPlainObject(params)) return plainData(params, 'params', 0, new Set(), issues) as Record<string, unknown>;
    issues.push(issue('params', 'a plain object of Stripe parameters, or nothing', describeValue(params)));
  } catch {
    // A getter or Proxy trap threw (or the Proxy is revoked): nothing of it can be trusted or sent.
    issues.push(issue('params', 'a plain object whose properties can be read', 'an object whose properties threw when read'));
  }
  return {};
}

function refuse(issues: readonly ValidationIssue[]): never {
  const lines = issues.map((found) => `argument "${found.argument}" expected ${found.expected}, got ${found.received}.${found.hint ?? ''}`);
  throw new StripeValidationError(`${NAME}: ${lines.join(' ')} Nothing was sent to Stripe.`, { function: NAME, issues });
}

/**
 * Calls any Stripe API v1 endpoint, for the parts of Stripe the 25 functions do not cover, with the same
 * authentication, bracket form encoding (a query string for GET and DELETE, a form body for POST), retries,
 * idempotency keys (one per POST, kept across its retries), typed StripeErrors and hooks as they have.
 *
 * **Not validated against Stripe's API:** only the shape of the call is checked before anything is sent (the
 * method, a `/v1/…` path with no host, query or `..`, and params that are plain data). Parameter names, types and
 * values go to Stripe as given, and Stripe's 400 answers them. The result is Stripe's JSON object as it arrived,
 * typed `unknown` unless you give a type (which is then your claim, not checked), with a non-enumerable
 * `requestId`.
 *
 * @example
 * const session = await stripeRequest<{ id: string; url: string }>(client, 'POST', '/v1/billing_portal/sessions', {
 *   customer: 'cus_123',
 *   return_url: 'https://example.com/account',
 * });
 * @example
 * const refunds = await stripeRequest(client, 'GET', '/v1/refunds', { limit: 3, charge: 'ch_123' });
 */
export async function stripeRequest<T = unknown>(
  client: Client,
  method: HttpMethod,
  path: `/v1/${string}`,
  params?: Readonly<Record<string, unknown>>,
  options?: RequestOptions,
): Promise<unknown extends T ? unknown : WithRequestId<T>> {
  checkRequestOptions(NAME, options);
  const issues = [methodIssue(method), pathIssue(path)].filter((found): found is ValidationIssue => found !== undefined);
  const values = paramsOf(params, issues);
  if (issues.length > 0) refuse(issues);
  const answer = await send(client, { function: NAME, method, path, form: encodeForm(values) }, options ?? {});
  const operation: Operation = { name: NAME, method, path, args: {} };
  return shapeResult(operation, answer.body, answer.requestId) as unknown extends T ? unknown : WithRequestId<T>;
}
