import { LuaFactory } from 'wasmoon';
import { readDoc } from '../docs/index.js';
import { StripeError } from '../errors.js';
import { closestNames } from '../suggest.js';
import { type Approve, callToolSafe, type Permissions, type StripeAccounts, toToolError, tools } from '../tools/index.js';
import { JSON_LUA } from './json.lua.js';
import { PRELUDE_LUA } from './prelude.lua.js';

export interface LuaHostOptions {
  /** What `createStripe` returns; its accounts become `app.integrations.stripe.<alias>`. */
  readonly stripe: StripeAccounts;
  /** @default read allow, write ask */
  readonly permissions?: Permissions;
  /** Decides calls whose permission is `ask`; without it they are denied. */
  readonly approve?: Approve;
  /** Called with each line the script prints, as it prints it. */
  readonly onOutput?: (line: string) => void;
}

export interface LuaRunOptions {
  /** Wall-clock limit for the whole script, Stripe calls included. @default 30000 */
  readonly timeoutMs?: number;
  /** Limit on the memory the Lua state may allocate. @default 67108864 (64 MiB) */
  readonly memoryLimitBytes?: number;
}

export interface LuaRunResult {
  /** The script's return value as plain JavaScript (tables become objects or arrays; nil becomes undefined). */
  readonly value: unknown;
  /** The lines the script printed. */
  readonly output: string[];
}

export type LuaFailureKind = 'stripe' | 'lua' | 'syntax' | 'timeout' | 'memory';

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

export interface LuaHost {
  run(code: string, options?: LuaRunOptions): Promise<LuaRunResult>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;
const PRELUDE = PRELUDE_LUA.replace('__JSON__', JSON_LUA);
const FUNCTION_NAMES = tools.map((tool) => tool.function);

// Compiling the WebAssembly module is the slow part of starting; one compiled module serves every run.
let factory: LuaFactory | undefined;
const luaFactory = (): LuaFactory => (factory ??= new LuaFactory());

const LUA_TYPES = new Set(['lua_error', 'unknown_function', 'read_only']);
const kindOf = (type: unknown): LuaFailureKind => (type === 'syntax_error' ? 'syntax' : type === undefined || LUA_TYPES.has(String(type)) ? 'lua' : 'stripe');

function bridge(options: LuaHostOptions, output: string[], signal: AbortSignal) {
  const { stripe, permissions, approve, onOutput } = options;
  return {
    __call: async (account: string, name: string, argsJson: string): Promise<string> => {
      const outcome = await callToolSafe(stripe, name, JSON.parse(argsJson), { account, permissions, approve, signal });
      return JSON.stringify(outcome);
    },
    __read_doc: (page: string): string => {
      try {
        return JSON.stringify({ ok: true, text: readDoc(page) });
      } catch (error) {
        return JSON.stringify({ ok: false, error: toToolError(error) });
      }
    },
    __print: (line: string): void => {
      output.push(line);
      onOutput?.(line);
    },
    __suggest: (name: string): string => {
      const [best] = closestNames(name.replace(/^stripe_/, ''), [...FUNCTION_NAMES, ...stripe.accounts]);
      return best === undefined ? '' : ` Did you mean ${best}?`;
    },
    __clock: (): number => performance.now() / 1000,
    __accounts: JSON.stringify(stripe.accounts),
    __functions: JSON.stringify(FUNCTION_NAMES),
  };
}

interface Limits {
  readonly timeoutMs: number;
  readonly memoryLimit: number;
}

/**
 * The error for a script that did not finish. A limit can surface as a JavaScript rejection or, when the script
 * ran inside pcall, as a Lua error the prelude caught: both are recognised by Lua's own wording.
 */
function scriptError(error: Record<string, unknown>, output: string[], limits: Limits): LuaScriptError {
  const message = String(error.message ?? 'Lua script failed');
  if (message.includes('timeout exceeded')) return new LuaScriptError(`Lua script stopped: it ran longer than its time limit of ${limits.timeoutMs} ms.`, { kind: 'timeout', output });
  if (message.includes('not enough memory')) return new LuaScriptError(`Lua script stopped: it needed more than its memory limit of ${limits.memoryLimit} bytes.`, { kind: 'memory', output });
  const kind = kindOf(error.type);
  return new LuaScriptError(kind === 'stripe' ? message : `Lua script failed: ${message.split('\n')[0]}`, { kind, output, error });
}

/**
 * Runs agents' Lua against Stripe: `app.integrations.stripe.<fn>(table)` (plus `.default` and `.<alias>`),
 * `lua_read_doc(page)`, `print` and `json`, in a sandbox with a time and a memory limit. Calls look synchronous to
 * the script: it is suspended while the request runs. Each run gets a fresh Lua state, so a script that hit a
 * limit leaves nothing behind for the next.
 */
export function createLuaHost(options: LuaHostOptions): LuaHost {
  return {
    async run(code, runOptions = {}) {
      const timeoutMs = runOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const memoryLimit = runOptions.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT;
      const output: string[] = [];
      const aborter = new AbortController();
      // A Stripe call in flight when time runs out is cancelled, so the limit holds for the whole script.
      const timer = setTimeout(() => aborter.abort(), timeoutMs);
      const engine = await luaFactory().createEngine({ traceAllocations: true, injectObjects: false, enableProxy: false });
      try {
        engine.global.setMemoryMax(memoryLimit);
        for (const [name, value] of Object.entries({ ...bridge(options, output, aborter.signal), __source: String(code) })) engine.global.set(name, value);
        const thread = engine.global.newThread();
        thread.loadString(PRELUDE, '=host');
        const limits = { timeoutMs, memoryLimit };
        let result: unknown;
        try {
          [result] = await thread.run(0, { timeout: timeoutMs });
        } catch (error) {
          throw scriptError({ message: error instanceof Error ? error.message : String(error) }, output, limits);
        }
        const outcome = JSON.parse(String(result)) as { ok: boolean; value?: unknown; error?: Record<string, unknown> };
        if (outcome.ok) return { value: outcome.value, output };
        throw scriptError(outcome.error ?? {}, output, limits);
      } finally {
        clearTimeout(timer);
        engine.global.close();
      }
    },
  };
}
