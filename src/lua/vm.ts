import { LuaFactory } from 'wasmoon';
import { closestNames } from '../suggest.js';
import { JSON_LUA } from './json.lua.js';
import { PRELUDE_LUA } from './prelude.lua.js';
import type { FromVm, RunRequest, StopReason, ToVm } from './protocol.js';
import { type LuaApi, luaApi } from './push.js';

/**
 * The VM side: a worker's whole job (or the in-thread fallback's). It runs one script at a time in a fresh Lua
 * state, reaches the host's Stripe bridge and docs only through messages, and closes the state with the bridge
 * off before it takes another run.
 */

const PRELUDE = PRELUDE_LUA.replace('__JSON__', JSON_LUA);
/** How long finalizers may run while a finished run's state is closed; the host also bounds the reset. */
const CLOSE_BUDGET_MS = 100;


type Engine = Awaited<ReturnType<LuaFactory['createEngine']>>;

interface Current {
  readonly run: number;
  readonly engine: Engine;
  /** The bridge's C functions in this state (push.ts). */
  readonly api: LuaApi;
  readonly pending: Map<number, (text: string) => void>;
  /** The answer to the call the script is waiting on, which the prelude takes when it resumes. */
  reply: string | undefined;
  /** The bridge works only while this is set; cleared when the run is done or ended. */
  active: boolean;
  ended: StopReason | undefined;
  done: boolean;
}

const ENDED = (reason: StopReason): string => JSON.stringify({ ended: reason });

function thrownOutcome(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('timeout exceeded')) return JSON.stringify({ stop: 'timeout' });
  if (message.includes('not enough memory')) return JSON.stringify({ stop: 'memory' });
  return JSON.stringify({ error: { type: 'lua_error', message } });
}

export interface Vm {
  handle(message: ToVm): void;
}

export interface VmOptions {
  /**
   * Never close a finished state; drop the whole WebAssembly instance instead and make a new one for the next
   * run. For the in-thread fallback: Lua runs finalizers with hooks off while a state closes, so in the host's own
   * thread a looping `__gc` could not be stopped, whereas an instance that is dropped runs none.
   */
  readonly dropInstances?: boolean;
  /**
   * Blocks until the host's next message and returns it, where the platform can (Node's workers: Atomics.wait
   * and receiveMessageOnPort). A call then waits for its answer inside the bridge function the script called (push.ts),
   * instead of yielding the Lua thread: a yield unwinds the WebAssembly stack through a JavaScript exception and
   * waits a turn of the event loop, which costs more than the rest of the bridge together.
   */
  readonly receive?: () => ToVm;
  /** Where wasmoon's WebAssembly file is, where wasmoon would not find it on its own (see worker-web.ts). */
  readonly wasmUrl?: string | undefined;
}

/** A VM that answers `post` with `ready` once its WebAssembly module is compiled. */
export function createVm(post: (message: FromVm) => void, options: VmOptions = {}): Vm {
  let current: Current | undefined;
  let nextCall = 0;
  // Compiling the WebAssembly module is the slow part of starting; one module serves every run of this VM.
  let factory: LuaFactory | undefined;
  const luaFactory = (): LuaFactory => (factory ??= new LuaFactory(options.wasmUrl));

  const close = (state: Current): void => {
    state.active = false;
    // From here any error a finalizer's pcall catches ends it (the prelude's must_stop sees `ended`).
    state.ended ??= 'timeout';
    for (const resolve of state.pending.values()) resolve(ENDED(state.ended ?? 'timeout'));
    state.pending.clear();
    if (options.dropInstances) factory = undefined;
    else {
      // Finalizers run as the state closes, with the bridge off (Lua runs them with hooks off, so the host bounds
      // a worker's reset with a timer of its own and terminates a worker that does not answer).
      state.engine.global.setTimeout(Date.now() + CLOSE_BUDGET_MS);
      state.engine.global.close();
      state.api.release();
    }
    if (current === state) current = undefined;
  };

  const start = async (request: RunRequest): Promise<void> => {
    const engine = await luaFactory().createEngine({ traceAllocations: true, injectObjects: false, enableProxy: false });
    const api = luaApi(engine.global as unknown as Parameters<typeof luaApi>[0]);
    const state: Current = { run: request.run, engine, api, pending: new Map(), reply: undefined, active: true, ended: undefined, done: false };
    current = state;
    const { receive } = options;
    // Where the platform can wait for the host here (receive), a call waits inside the C function the script
    // called, which then pushes the answer (push.ts).
    const askNow = (message: (call: number) => FromVm, receive: () => ToVm): string => {
      if (!state.active) return ENDED(state.ended ?? 'timeout');
      const call = ++nextCall;
      let answer: string | undefined;
      state.pending.set(call, (text) => (answer = text));
      post(message(call));
      // During a run the host sends only answers (and, to in-thread VMs, which never get here, aborts).
      while (answer === undefined) {
        const next = receive();
        if (next.type === 'reply' || next.type === 'abort') handle(next);
      }
      return answer;
    };
    // Elsewhere a call answers with a promise that the prelude yields to the thread runner, which resumes the
    // script once the answer is in `state.reply` (the prelude then takes it with __take). (wasmoon's own
    // promise:await() compiles a new WebAssembly function for every call it waits on.)
    const askLater = (message: (call: number) => FromVm): Promise<void> => {
      if (!state.active) {
        state.reply = ENDED(state.ended ?? 'timeout');
        return Promise.resolve();
      }
      const call = ++nextCall;
      return new Promise<void>((resolve) => {
        state.pending.set(call, (text) => {
          state.reply = text;
          resolve();
        });
        post(message(call));
      });
    };
    const callMessage = (account: string, name: string, args: string) => (call: number): FromVm => ({ type: 'call', run: request.run, call, account, name, args });
    const docMessage = (page: string) => (call: number): FromVm => ({ type: 'doc', run: request.run, call, page });
    const bridge: Record<string, number> = {
      __clock: api.numbering(() => performance.now() / 1000),
      __take: api.answering(() => {
        const text = state.reply ?? ENDED(state.ended ?? 'timeout');
        state.reply = undefined;
        return text;
      }),
    };
    if (receive) {
      bridge.__call = api.answering((_, argument) => askNow(callMessage(argument(1), argument(2), argument(3)), receive));
      bridge.__read_doc = api.answering((_, argument) => askNow(docMessage(argument(1)), receive));
    }
    const names = [...request.functions, ...request.accounts];
    const globals: Record<string, unknown> = {
      ...(!receive && {
        __call: (account: string, name: string, args: string) => askLater(callMessage(account, name, args)),
        __read_doc: (page: string) => askLater(docMessage(page)),
      }),
      __print: (line: string): void => {
        if (state.active) post({ type: 'print', run: request.run, line });
      },
      __suggest: (name: string): string => {
        const [best] = closestNames(name.replace(/^stripe_/, ''), names);
        return best === undefined ? '' : ` Did you mean ${best}?`;
      },
      __ended: (): string | undefined => state.ended,
      __accounts: JSON.stringify(request.accounts),
      __functions: JSON.stringify(request.functions),
      __source: String(request.code),
      __name: String(request.name),
      __traceback: request.traceback === true,
      __output_limit: request.outputLimitBytes,
      __deadline: (performance.now() + request.timeoutMs) / 1000,
    };
    let outcome: string;
    try {
      api.limitMemory(request.memoryLimitBytes);
      for (const [name, value] of Object.entries(globals)) engine.global.set(name, value);
      for (const [name, fn] of Object.entries(bridge)) api.setGlobal(name, fn);
      const thread = engine.global.newThread();
      thread.loadString(PRELUDE, '=host');
      const [result] = await thread.run(0, { timeout: request.timeoutMs });
      outcome = String(result);
    } catch (error) {
      outcome = thrownOutcome(error);
    }
    state.done = true;
    const wasActive = state.active;
    state.active = false;
    if (wasActive) post({ type: 'done', run: request.run, outcome });
    else close(state);
  };

  const reset = (): void => {
    try {
      if (current) close(current);
      post({ type: 'ready' });
    } catch (error) {
      post({ type: 'broken', message: error instanceof Error ? error.message : String(error) });
    }
  };

  void luaFactory()
    .getLuaModule()
    .then(
      () => post({ type: 'ready' }),
      (error: unknown) => post({ type: 'broken', message: error instanceof Error ? error.message : String(error) }),
    );

  const handle = (message: ToVm): void => {
    switch (message.type) {
      case 'run':
        void start(message);
        return;
      case 'reply':
        if (current?.run === message.run && current.active) {
          const resolve = current.pending.get(message.call);
          current.pending.delete(message.call);
          resolve?.(message.text);
        }
        return;
      case 'reset':
        reset();
        return;
      case 'abort':
        if (current?.run === message.run) {
          const state = current;
          state.ended = message.reason;
          if (state.done) close(state);
          else {
            // The script resumes with `ended` (the prelude stops it) and the state closes when it is done.
            state.active = false;
            for (const resolve of state.pending.values()) resolve(ENDED(message.reason));
            state.pending.clear();
          }
        }
        return;
    }
  };

  return { handle };
}
