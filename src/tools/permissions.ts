import { StripeError } from '../errors.js';

/** What happens to a call: it runs, it asks first, or it is refused. */
export type PermissionMode = 'allow' | 'ask' | 'deny';

export interface OperationPermissions {
  /** @default 'allow' */
  read?: PermissionMode;
  /** @default 'ask' */
  write?: PermissionMode;
}

/**
 * `{ read, write }` for every account, `{ <alias>: { read, write } }` per account, or both: an account's own
 * setting wins over the shared one, which wins over the defaults (read allow, write ask).
 */
export type Permissions = OperationPermissions & { readonly [alias: string]: OperationPermissions | PermissionMode | undefined };

/** A call waiting for a decision, as the `approve` callback sees it. */
export interface PendingCall {
  readonly tool: string;
  readonly function: string;
  readonly account: string;
  readonly operation: 'read' | 'write';
  readonly args: unknown;
}

export type Approve = (call: PendingCall) => boolean | Promise<boolean>;

const DEFAULTS: Required<OperationPermissions> = { read: 'allow', write: 'ask' };
const MODES = new Set<unknown>(['allow', 'ask', 'deny']);

/** A call the permissions refused; nothing was sent. The message says which setting to change. */
export class StripePermissionDeniedError extends StripeError {
  override name = 'StripePermissionDeniedError';
  constructor(message: string, readonly setting: string) {
    super(message, { type: 'permission_denied', code: 'permission_denied' });
  }
}

/** The mode for one account and operation, and the setting it came from (for the denial message). */
export function permissionFor(permissions: Permissions | undefined, account: string, operation: 'read' | 'write'): { mode: PermissionMode; setting: string } {
  const own = permissions?.[account];
  const perAccount = typeof own === 'object' ? own[operation] : undefined;
  if (perAccount !== undefined) return { mode: checkMode(perAccount, `permissions.${account}.${operation}`), setting: `permissions.${account}.${operation}` };
  const shared = permissions?.[operation];
  if (shared !== undefined) return { mode: checkMode(shared, `permissions.${operation}`), setting: `permissions.${operation}` };
  return { mode: DEFAULTS[operation], setting: `permissions.${operation}` };
}

function checkMode(mode: unknown, setting: string): PermissionMode {
  if (MODES.has(mode)) return mode as PermissionMode;
  throw new StripePermissionDeniedError(`${setting} must be "allow", "ask" or "deny", not ${JSON.stringify(mode)}.`, setting);
}

/** Resolves to nothing when the call may run; rejects with a StripePermissionDeniedError otherwise. */
export async function authorize(call: PendingCall, permissions: Permissions | undefined, approve: Approve | undefined): Promise<void> {
  const { mode, setting } = permissionFor(permissions, call.account, call.operation);
  if (mode === 'allow') return;
  const label = `${call.tool} on account "${call.account}"`;
  if (mode === 'deny') {
    throw new StripePermissionDeniedError(`${label} was not run: ${call.operation} calls are set to "deny" by ${setting}. Set ${setting} to "allow" (or "ask") to permit them.`, setting);
  }
  if (!approve) {
    throw new StripePermissionDeniedError(`${label} was not run: ${call.operation} calls are set to "ask" by ${setting}, and no approve callback was given. Pass approve(call), or set ${setting} to "allow".`, setting);
  }
  if (!(await approve(call))) {
    throw new StripePermissionDeniedError(`${label} was not run: the approve callback declined it (${setting} is "ask").`, setting);
  }
}
