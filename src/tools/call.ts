import { operations } from '../../generated/operations.js';
import { tools } from '../../generated/tools/catalogue.js';
import type { RequestOptions } from '../client.js';
import { isStripeError, StripeError } from '../errors.js';
import { closestNames } from '../suggest.js';
import { validateArgs } from '../validate.js';
import type { ToolDefinition } from '../tool-definition.js';
import { type Approve, authorize, type Permissions } from './permissions.js';

export interface CallToolOptions extends Omit<RequestOptions, 'stripeAccount'> {
  /** The account alias to call with. @default 'default' */
  account?: string;
  /** @default read allow, write ask */
  permissions?: Permissions;
  /** Decides calls whose permission is `ask`; without it they are denied. */
  approve?: Approve;
}

/** What `createStripe` returns, as far as running tools needs it: the aliases and a namespace of methods for each. */
export type StripeAccounts = { readonly accounts: readonly string[] };

/** A tool name or account that does not exist; `suggestions` holds the closest names. */
export class StripeUnknownToolError extends StripeError {
  override name = 'StripeUnknownToolError';
  constructor(message: string, readonly suggestions: readonly string[]) {
    super(message, { type: 'unknown_tool', code: 'unknown_tool' });
  }
}

const camelCase = (name: string): string => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The catalogue entry for `stripe_create_customer`, `create_customer` or `stripe.stripe_create_customer`. */
export function findTool(name: string): ToolDefinition {
  const tool = tools.find((t) => t.name === name || t.function === name || t.fullName === name);
  if (tool) return tool;
  const candidates = tools.map((t) => (name.startsWith('stripe_') ? t.name : t.function));
  const suggestions = closestNames(String(name), candidates);
  const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
  throw new StripeUnknownToolError(`There is no Stripe tool "${name}".${hint}`, suggestions);
}

/** Runs a tool by its catalogue name through the typed client: the same validation, errors and retries. */
export async function callTool(stripe: StripeAccounts, name: string, args: unknown = {}, options: CallToolOptions = {}): Promise<unknown> {
  const { account = 'default', permissions, approve, ...requestOptions } = options;
  const tool = findTool(name);
  const namespace = (stripe as unknown as Record<string, Record<string, (args: unknown, options?: RequestOptions) => Promise<unknown>>>)[account];
  if (!stripe.accounts.includes(account) || !namespace) {
    throw new StripeUnknownToolError(`${tool.name}: there is no account "${account}" (configured: ${stripe.accounts.join(', ')}).`, closestNames(account, stripe.accounts));
  }
  // Arguments are checked before anyone is asked: nobody should approve a call that would be refused anyway.
  validateArgs(operations[tool.function]!, args);
  await authorize({ tool: tool.name, function: tool.function, account, operation: tool.operation, args }, permissions, approve);
  return namespace[camelCase(tool.function)]!(args, requestOptions);
}

/** Stripe's and our error fields as plain data, for an agent to read. */
export interface ToolError {
  readonly type: string;
  readonly code: string | undefined;
  readonly decline_code: string | undefined;
  readonly param: string | undefined;
  readonly message: string;
  readonly status: number | undefined;
  readonly request_id: string | undefined;
}

export type ToolOutcome = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: ToolError };

/** Plain data for any error; one that is not a StripeError is reported as `internal_error`. */
export function toToolError(error: unknown): ToolError {
  if (isStripeError(error)) {
    return { type: error.type, code: error.code, decline_code: error.decline_code, param: error.param, message: error.message, status: error.statusCode, request_id: error.requestId };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { type: 'internal_error', code: undefined, decline_code: undefined, param: undefined, message, status: undefined, request_id: undefined };
}

/** `callTool` for agent loops: never throws, always `{ ok, result }` or `{ ok, error }`. */
export async function callToolSafe(stripe: StripeAccounts, name: string, args?: unknown, options?: CallToolOptions): Promise<ToolOutcome> {
  try {
    return { ok: true, result: await callTool(stripe, name, args, options) };
  } catch (error) {
    return { ok: false, error: toToolError(error) };
  }
}
