import { StripeError } from '../errors.js';
import type { Outcome, StopReason } from './protocol.js';

export type LuaFailureKind = 'stripe' | 'lua' | 'syntax' | 'timeout' | 'memory' | 'output';

/** A script that did not finish: a Stripe error it did not catch, a Lua error, or a limit it ran into. */
export class LuaScriptError extends StripeError {
  override name = 'LuaScriptError';
  /** The lines the script printed before it stopped. */
  readonly output: string[];
  readonly kind: LuaFailureKind;

  constructor(message: string, fields: { kind: LuaFailureKind; output: string[]; error?: Record<string, unknown> }) {
    const e = fields.error ?? {};
    const text = (key: string): string | undefined => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
    super(message, { type: text('type') ?? fields.kind, statusCode: typeof e.status === 'number' ? e.status : undefined, code: text('code'), decline_code: text('decline_code'), param: text('param'), requestId: text('request_id') });
    this.kind = fields.kind;
    this.output = fields.output;
  }
}

export interface Limits {
  readonly timeoutMs: number;
  readonly memoryLimitBytes: number;
  readonly outputLimitBytes: number;
}

export function limitError(reason: StopReason, limits: Limits, output: string[]): LuaScriptError {
  const message = {
    timeout: `Lua script stopped: it ran longer than its time limit of ${limits.timeoutMs} ms.`,
    memory: `Lua script stopped: it needed more than its memory limit of ${limits.memoryLimitBytes} bytes.`,
    output: `Lua script stopped: it printed more than its output limit of ${limits.outputLimitBytes} bytes.`,
  }[reason];
  return new LuaScriptError(message, { kind: reason, output });
}

// Errors the prelude makes itself that are about the script, not about Stripe.
const LUA_TYPES = new Set(['lua_error', 'unknown_function', 'read_only']);

/** The run's result, or the error to reject it with, from the prelude's outcome text. */
export function decodeOutcome(text: string, limits: Limits, output: string[]): { value: unknown; output: string[] } | LuaScriptError {
  let outcome: Outcome;
  try {
    outcome = JSON.parse(text) as Outcome;
  } catch {
    return new LuaScriptError('Lua script failed: the host could not read its outcome.', { kind: 'lua', output });
  }
  if ('ok' in outcome) return { value: outcome.value, output };
  if ('stop' in outcome) return limitError(outcome.stop, limits, output);
  if ('syntax' in outcome) return new LuaScriptError(`Lua script failed: ${String(outcome.syntax).split('\n')[0]}`, { kind: 'syntax', output, error: { type: 'syntax_error', message: outcome.syntax } });
  const error = outcome.error ?? {};
  const message = String(error.message ?? 'Lua script failed');
  // Only an error the bridge made can be a Stripe error: a table the script raised is a Lua error, whatever it says.
  if (outcome.genuine && !LUA_TYPES.has(String(error.type))) return new LuaScriptError(message, { kind: 'stripe', output, error });
  return new LuaScriptError(`Lua script failed: ${message.split('\n')[0]}`, { kind: 'lua', output, ...(outcome.genuine && { error }) });
}
