import { StripeError } from '../errors.js';
import type { Outcome, StopReason } from './protocol.js';

export type LuaFailureKind = 'stripe' | 'lua' | 'syntax' | 'timeout' | 'memory' | 'output';

/** What a failure carries about the run it ended. */
export interface RunRecord {
  /** The script's name (`LuaRunOptions.name`). */
  readonly script: string;
  /** The lines the script printed. */
  readonly output: string[];
}

interface Failure extends RunRecord {
  readonly kind: LuaFailureKind;
  readonly error?: Record<string, unknown>;
  readonly line?: number | undefined;
  readonly traceback?: string | undefined;
}

/** A script that did not finish: a Stripe error it did not catch, a Lua error, or a limit it ran into. */
export class LuaScriptError extends StripeError {
  override name = 'LuaScriptError';
  /** The lines the script printed before it stopped. */
  readonly output: string[];
  readonly kind: LuaFailureKind;
  /** The script's name, as the run was given it (`name`, default `script.lua`): locations read `script:line:`. */
  readonly script: string;
  /**
   * The line of the script that made the call that failed, or raised the error; for a syntax error, the line the
   * parser stopped at. Undefined for a limit.
   */
  readonly line: number | undefined;
  /** With the run option `traceback: true`, the script's frames when the error was raised (also in `stack`). */
  readonly traceback: string | undefined;

  constructor(message: string, fields: Failure) {
    const e = fields.error ?? {};
    const text = (key: string): string | undefined => (typeof e[key] === 'string' ? (e[key] as string) : undefined);
    super(message, { type: text('type') ?? fields.kind, statusCode: typeof e.status === 'number' ? e.status : undefined, code: text('code'), decline_code: text('decline_code'), param: text('param'), requestId: text('request_id') });
    this.kind = fields.kind;
    this.output = fields.output;
    this.script = fields.script;
    this.line = fields.line;
    this.traceback = fields.traceback;
    // The JavaScript stack says nothing about the script; where a traceback was asked for, it is the stack.
    if (fields.traceback !== undefined) this.stack = `${this.name}: ${message}\n${fields.traceback}`;
  }
}

export interface Limits {
  readonly timeoutMs: number;
  readonly memoryLimitBytes: number;
  readonly outputLimitBytes: number;
}

export function limitError(reason: StopReason, limits: Limits, run: RunRecord): LuaScriptError {
  const message = {
    timeout: `Lua script stopped: it ran longer than its time limit of ${limits.timeoutMs} ms.`,
    memory: `Lua script stopped: it needed more than its memory limit of ${limits.memoryLimitBytes} bytes.`,
    output: `Lua script stopped: it printed more than its output limit of ${limits.outputLimitBytes} bytes.`,
  }[reason];
  return new LuaScriptError(message, { kind: reason, ...run });
}

// Errors the prelude makes itself that are about the script, not about Stripe.
const LUA_TYPES = new Set(['lua_error', 'unknown_function', 'read_only']);

const lineOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined);

/** The run's result, or the error to reject it with, from the prelude's outcome text. */
export function decodeOutcome(text: string, limits: Limits, run: RunRecord): { value: unknown; output: string[] } | LuaScriptError {
  let outcome: Outcome;
  try {
    outcome = JSON.parse(text) as Outcome;
  } catch {
    return new LuaScriptError('Lua script failed: the host could not read its outcome.', { kind: 'lua', ...run });
  }
  if ('ok' in outcome) return { value: outcome.value, output: run.output };
  if ('stop' in outcome) return limitError(outcome.stop, limits, run);
  if ('syntax' in outcome) {
    // Lua's parser names the script and the line itself: `subscribe.lua:3: '}' expected near ')'`.
    return new LuaScriptError(`Lua script failed: ${String(outcome.syntax).split('\n')[0]}`, { kind: 'syntax', ...run, line: lineOf(outcome.line), error: { type: 'syntax_error', message: outcome.syntax } });
  }
  const error = outcome.error ?? {};
  const message = String(error.message ?? 'Lua script failed');
  const located = { ...run, line: lineOf(outcome.line), traceback: typeof outcome.traceback === 'string' ? outcome.traceback : undefined };
  // A Lua error raised with a string already says where (`subscribe.lua:5: …`, as error() puts it); the bridge's and
  // the prelude's errors are tables, so the line of the call that failed goes in front of their message here.
  const where = outcome.genuine && located.line !== undefined ? `${run.script}:${located.line}: ` : '';
  // Only an error the bridge made can be a Stripe error: a table the script raised is a Lua error, whatever it says.
  if (outcome.genuine && !LUA_TYPES.has(String(error.type))) return new LuaScriptError(`${where}${message}`, { kind: 'stripe', ...located, error });
  return new LuaScriptError(`Lua script failed: ${where}${message.split('\n')[0]}`, { kind: 'lua', ...located, ...(outcome.genuine && { error }) });
}
