import { readDoc } from '../docs/index.js';
import { StripeConfigurationError } from '../errors.js';
import { describeValue } from '../validate.js';
import { type Approve, callToolSafe, type Permissions, type StripeAccounts, toToolError, tools } from '../tools/index.js';
import { answerText } from './answer.js';
import { decodeOutcome, type Limits, limitError, LuaScriptError } from './outcome.js';
import type { FromVm, Platform, VmHandle } from './protocol.js';

export { type LuaFailureKind, LuaScriptError } from './outcome.js';

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
  /**
   * The script's name, which errors and tracebacks give with the line (`subscribe.lua:12: create_price: …`): 1 to
   * 59 bytes of UTF-8 (all that Lua shows of a name), no control characters. @default 'script.lua'
   */
  readonly name?: string;
  /** Give a failed run's error a Lua traceback of the script's frames (`error.traceback`, and `error.stack`). @default false */
  readonly traceback?: boolean;
  /** Wall-clock limit for the whole script, Stripe calls included. @default 30000 */
  readonly timeoutMs?: number;
  /** Limit on the memory the Lua state may allocate. @default 67108864 (64 MiB) */
  readonly memoryLimitBytes?: number;
  /** Limit on all the text the script prints, in UTF-8 bytes, one byte per line end included. @default 1048576 (1 MiB) */
  readonly outputLimitBytes?: number;
}

export interface LuaRunResult {
  /** The script's return value as plain JavaScript (tables become objects or arrays; nil becomes undefined). */
  readonly value: unknown;
  /** The lines the script printed. */
  readonly output: string[];
}

export interface LuaHost {
  run(code: string, options?: LuaRunOptions): Promise<LuaRunResult>;
}

const DEFAULTS: Limits = { timeoutMs: 30_000, memoryLimitBytes: 64 * 1024 * 1024, outputLimitBytes: 1024 * 1024 };
const DEFAULT_NAME = 'script.lua';
/** Lua shows at most this many bytes of a chunk name (LUA_IDSIZE - 1); a longer one would be cut in every message. */
const NAME_MAX_BYTES = 59;
const FUNCTION_NAMES = tools.map((tool) => tool.function);
/** How long a finished run's VM may take to close its state (finalizers included) before it is terminated. */
const RESET_LIMIT_MS = 500;
/** How long a new VM may take to start (compile the WebAssembly module). */
const START_LIMIT_MS = 30_000;

const utf8Length = (text: string): number => {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
    if (code >= 0xd800 && code <= 0xdbff) i++;
  }
  return bytes;
};

/**
 * VMs ready to run, shared by the hosts of one platform: at most one waits idle (warm), never one that ran a
 * script without closing its state cleanly afterwards. A VM that hit a limit, or had calls in flight, is
 * terminated, and a fresh one starts in the background to be the next warm one. A run that asks while the last
 * run's VM is still closing its state waits for it (a millisecond or two) rather than starting another worker.
 */
class Pool {
  private idle: VmHandle | undefined;
  private starting: Promise<VmHandle> | undefined;
  /** The VM closing the last run's state: it resolves to the VM once ready, or to nothing if it is discarded. */
  private resetting: Promise<VmHandle | undefined> | undefined;

  constructor(private readonly platform: Platform) {}

  async acquire(): Promise<VmHandle> {
    const warm = this.idle;
    if (warm) {
      this.idle = undefined;
      return warm;
    }
    const resetting = this.resetting;
    if (resetting) {
      this.resetting = undefined;
      const vm = await resetting;
      if (vm) return vm;
      return this.acquire();
    }
    const starting = this.starting;
    if (starting) {
      this.starting = undefined;
      return starting;
    }
    return this.start();
  }

  /**
   * The run is over and its VM ran to the end: close its state; keep it if that goes cleanly, quickly. A run
   * waiting for it (see acquire) gets it; otherwise it becomes the idle one, unless there is one already.
   */
  recycle(vm: VmHandle): void {
    let settle: (ready: VmHandle | undefined) => void = () => {};
    const resetting = new Promise<VmHandle | undefined>((resolve) => (settle = resolve));
    this.resetting = resetting;
    const claimed = (): boolean => this.resetting !== resetting;
    const fail = (): void => {
      if (!claimed()) this.resetting = undefined;
      this.discard(vm);
      settle(undefined);
    };
    const timer = setTimeout(fail, RESET_LIMIT_MS);
    vm.listen(
      (message) => {
        if (message.type !== 'ready' && message.type !== 'broken') return;
        clearTimeout(timer);
        if (message.type === 'broken') return fail();
        if (claimed()) return settle(vm);
        this.resetting = undefined;
        settle(undefined);
        if (this.idle || this.starting) return this.discard(vm, false);
        vm.hold(false);
        vm.listen(() => {}, () => this.idle === vm && (this.idle = undefined));
        this.idle = vm;
      },
      () => {
        clearTimeout(timer);
        fail();
      },
    );
    vm.send({ type: 'reset' });
  }

  discard(vm: VmHandle, warmUp = this.platform.isolated): void {
    vm.listen(() => {}, () => {});
    vm.terminate();
    if (warmUp && !this.idle && !this.starting) {
      this.starting = this.start();
      this.starting.catch(() => (this.starting = undefined));
    }
  }

  private start(): Promise<VmHandle> {
    return new Promise((resolve, reject) => {
      const vm = this.platform.spawn();
      vm.hold(false);
      const timer = setTimeout(() => {
        vm.terminate();
        reject(didNotStart(`no answer within ${START_LIMIT_MS / 1000} s`));
      }, START_LIMIT_MS);
      vm.listen(
        (message) => {
          if (message.type === 'ready') {
            clearTimeout(timer);
            resolve(vm);
          } else if (message.type === 'broken') {
            clearTimeout(timer);
            vm.terminate();
            reject(didNotStart(message.message));
          }
        },
        (error) => {
          clearTimeout(timer);
          reject(didNotStart(error instanceof Error ? error.message : String(error)));
        },
      );
    });
  }
}

/**
 * A VM that cannot start is the host program's setup, not the script's doing (wasmoon missing, its WebAssembly
 * unreadable, as on Deno without read permission for it): a configuration error, which the run rejects with.
 */
const didNotStart = (why: string): StripeConfigurationError =>
  new StripeConfigurationError(`LuaHost.run: the Lua VM did not start: ${why}`, { type: 'configuration_error' });

const pools = new WeakMap<Platform, Pool>();
let runs = 0;

/**
 * One run: the host side of the bridge (Stripe calls through callToolSafe, lua_read_doc, print), the limits, and
 * settling exactly once. Once settled, no call of the run starts, calls in flight are aborted, and nothing the
 * VM still sends for the run is read.
 */
function runOn(vm: VmHandle, pool: Pool, host: HostSettings, code: string, settings: RunSettings): Promise<LuaRunResult> {
  const { stripe, accounts, permissions, approve, onOutput } = host;
  const { limits, name, traceback } = settings;
  const run = ++runs;
  const output: string[] = [];
  const record = { script: name, output };
  const aborter = new AbortController();
  const inFlight = new Set<number>();
  let printed = 0;
  let ended = false;
  return new Promise<LuaRunResult>((resolve, reject) => {
    const settle = (result: LuaRunResult | LuaScriptError, vmFinished: boolean): void => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      aborter.abort();
      if (vmFinished && inFlight.size === 0) pool.recycle(vm);
      else pool.discard(vm);
      if (result instanceof LuaScriptError) reject(result);
      else resolve(result);
    };
    const timer = setTimeout(() => settle(limitError('timeout', limits, record), false), limits.timeoutMs);
    // An approval that arrives after the run ended sends nothing.
    const guardedApprove: Approve | undefined = approve && (async (call) => (await approve(call)) && !ended);
    // Answers go to the script as JSON text (answer.ts); one that cannot be written is an error the script sees.
    const reply = (call: number, answer: unknown): void => {
      if (ended) return;
      vm.send({ type: 'reply', run, call, text: answerText(answer) });
    };

    const onMessage = (message: FromVm): void => {
      if (ended || !('run' in message) || message.run !== run) return;
      switch (message.type) {
        case 'print': {
          printed += utf8Length(message.line) + 1;
          if (printed > limits.outputLimitBytes) return settle(limitError('output', limits, record), false);
          output.push(message.line);
          if (onOutput) tell(onOutput, message.line);
          return;
        }
        case 'call': {
          let args: unknown;
          try {
            args = JSON.parse(message.args);
          } catch {
            return reply(message.call, { ok: false, error: { type: 'lua_error', message: 'the arguments could not be read' } });
          }
          inFlight.add(message.call);
          void callToolSafe(stripe, message.name, args, { account: message.account, permissions, approve: guardedApprove, signal: aborter.signal }).then((outcome) => {
            inFlight.delete(message.call);
            reply(message.call, outcome);
          });
          return;
        }
        case 'doc': {
          let answer: unknown;
          try {
            answer = { ok: true, text: readDoc(message.page) };
          } catch (error) {
            answer = { ok: false, error: toToolError(error) };
          }
          return reply(message.call, answer);
        }
        case 'done':
          return settle(decodeOutcome(message.outcome, limits, record), true);
      }
    };
    const onExit = (error: unknown): void => {
      const text = error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : String(error);
      if (/OUT_OF_MEMORY|out of memory/i.test(text)) return settle(limitError('memory', limits, record), false);
      settle(new LuaScriptError(`Lua script failed: the Lua VM stopped unexpectedly (${text.trim()}).`, { kind: 'lua', ...record }), false);
    };
    vm.listen(onMessage, onExit);
    vm.hold(true);
    vm.send({ type: 'run', run, code: String(code), name, traceback, ...limits, accounts, functions: FUNCTION_NAMES });
  });
}

// Timers hold at most 2^31-1 ms; a limit has to be a whole, positive number of its unit.
const LIMIT_MAX = 2 ** 31 - 1;
// Control characters (C0, DEL, C1), line and paragraph separators, and lone surrogates (which have no UTF-8).
const NOT_IN_A_NAME = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface RunSettings {
  readonly limits: Limits;
  readonly name: string;
  readonly traceback: boolean;
}

/** Throws the StripeConfigurationError for a value `fn` cannot use; `given` describes it ('nothing' when missing). */
function refusal(fn: string, what: string, expected: string, given: string): never {
  throw new StripeConfigurationError(`${fn}: ${what} expected ${expected}, got ${given}.`, { type: 'configuration_error', param: what });
}
const described = (value: unknown): string => (value === undefined ? 'nothing' : describeValue(value));

/** The run's settings with defaults filled in; a script that is not text or an option out of its range is refused. */
function checkRun(code: unknown, runOptions: unknown): RunSettings {
  const refuse = (what: string, expected: string, value: unknown): never => refusal('LuaHost.run', what, expected, described(value));
  if (typeof code !== 'string') refuse('the script', 'Lua source text (a string)', code);
  if (runOptions === null || typeof runOptions !== 'object') refuse('the options', 'an object of limits', runOptions);
  const given = runOptions as Record<string, unknown>;
  const limits = { ...DEFAULTS };
  for (const name of Object.keys(DEFAULTS) as Array<keyof Limits>) {
    const value = given[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMIT_MAX) refuse(`option "${name}"`, `an integer from 1 to ${LIMIT_MAX}`, value);
    limits[name] = value as number;
  }
  const name = given.name === undefined ? DEFAULT_NAME : given.name;
  if (typeof name !== 'string' || name === '' || utf8Length(name) > NAME_MAX_BYTES || NOT_IN_A_NAME.test(name)) {
    refuse('option "name"', `a script name of 1 to ${NAME_MAX_BYTES} bytes of UTF-8 without control characters`, name);
  }
  const traceback = given.traceback === undefined ? false : given.traceback;
  if (typeof traceback !== 'boolean') refuse('option "traceback"', 'true or false', traceback);
  return { limits, name: name as string, traceback: traceback as boolean };
}

/**
 * Hands a printed line to the host's `onOutput`, which only observes (as the client's hooks do): what it throws, or
 * a promise it returns rejects with, is dropped, so that a broken logger cannot end a run or crash the process.
 */
function tell(onOutput: (line: string) => unknown, line: string): void {
  try {
    const returned = onOutput(line);
    if (returned !== null && typeof returned === 'object' && typeof (returned as { then?: unknown }).then === 'function') (returned as Promise<unknown>).then(undefined, () => {});
  } catch {
    // dropped, see above
  }
}

/** The host's options as read once by `checkHost`: a getter cannot answer differently, or throw, at a later run. */
interface HostSettings {
  readonly stripe: StripeAccounts;
  readonly accounts: readonly string[];
  readonly permissions: Permissions | undefined;
  readonly approve: Approve | undefined;
  readonly onOutput: ((line: string) => void) | undefined;
}

/** createLuaHost's options, checked: what it cannot use is refused at once, naming the option, and no VM starts. */
function checkHost(options: unknown): HostSettings {
  const refuse = (what: string, expected: string, value: unknown): never => refusal('createLuaHost', what, expected, described(value));
  if (options === null || typeof options !== 'object') return refuse('the options', 'an object with `stripe` (what createStripe returns)', options);
  let given: Record<'stripe' | 'permissions' | 'approve' | 'onOutput', unknown>;
  let accounts: unknown;
  try {
    const { stripe, permissions, approve, onOutput } = options as Record<string, unknown>;
    given = { stripe, permissions, approve, onOutput };
    const listed = stripe !== null && typeof stripe === 'object' ? (stripe as { accounts?: unknown }).accounts : undefined;
    accounts = Array.isArray(listed) ? [...(listed as unknown[])] : undefined;
  } catch {
    // A throwing getter or a revoked proxy, here or in `stripe.accounts`: nothing of it can be relied on.
    return refusal('createLuaHost', 'the options', 'a plain object with `stripe` (what createStripe returns)', 'an object that throws when read');
  }
  const { stripe, permissions, approve, onOutput } = given;
  const named = Array.isArray(accounts) && accounts.length > 0 && accounts.every((account) => typeof account === 'string');
  if (!named) refuse('option "stripe"', 'what createStripe returns (an object listing its `accounts`)', stripe);
  if (permissions !== undefined && (permissions === null || typeof permissions !== 'object')) refuse('option "permissions"', 'an object of read and write settings', permissions);
  if (approve !== undefined && typeof approve !== 'function') refuse('option "approve"', 'a function', approve);
  if (onOutput !== undefined && typeof onOutput !== 'function') refuse('option "onOutput"', 'a function', onOutput);
  return {
    stripe: stripe as StripeAccounts,
    accounts: Object.freeze(accounts as string[]),
    permissions: permissions as Permissions | undefined,
    approve: approve as Approve | undefined,
    onOutput: onOutput as ((line: string) => void) | undefined,
  };
}

/**
 * Runs agents' Lua against Stripe: `app.integrations.stripe.<fn>(table)` (plus `.default` and `.<alias>`),
 * `lua_read_doc(page)`, `print` and `json`, in a sandbox with a time, a memory and an output limit. The Lua VM runs
 * in a worker (where the platform has one) that the host terminates at a limit, whatever the script is doing; the
 * Stripe bridge stays in the host and is reached over messages. Calls look synchronous to the script: it is
 * suspended while the request runs. Each run gets a fresh Lua state.
 */
export function createHost(options: LuaHostOptions, platform: Platform): LuaHost {
  const host = checkHost(options);
  let pool = pools.get(platform);
  if (!pool) pools.set(platform, (pool = new Pool(platform)));
  const shared = pool;
  return {
    async run(code, runOptions = {}) {
      const settings = checkRun(code, runOptions);
      return runOn(await shared.acquire(), shared, host, code, settings);
    },
  };
}
