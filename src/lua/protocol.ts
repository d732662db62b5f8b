/**
 * The messages between the host (which owns the Stripe bridge, the docs and the limits) and the Lua VM (which runs
 * in a worker, or in the host's own thread where a runtime has no workers). Every message of a run carries the
 * run's number: the host drops whatever comes from a run that has ended.
 */

/** One run's settings, as the VM needs them. */
export interface RunRequest {
  readonly type: 'run';
  readonly run: number;
  readonly code: string;
  /** The script's name, its chunk name in Lua: errors and tracebacks say `name:line:`. */
  readonly name: string;
  /** Whether an error that ends the run brings a traceback of the script's frames. */
  readonly traceback: boolean;
  readonly timeoutMs: number;
  readonly memoryLimitBytes: number;
  readonly outputLimitBytes: number;
  readonly accounts: readonly string[];
  readonly functions: readonly string[];
}

export type ToVm =
  | RunRequest
  /** The answer to a call or doc request: JSON text the VM pushes into Lua as tables (answer.ts, push.ts). */
  | { readonly type: 'reply'; readonly run: number; readonly call: number; readonly text: string }
  /** Close the finished run's Lua state (bridge off) and say `ready` once the VM can take a fresh run. */
  | { readonly type: 'reset' }
  /** In-thread VMs only: the host ended the run; refuse the bridge, stop at the next chance, close the state. */
  | { readonly type: 'abort'; readonly run: number; readonly reason: StopReason };

export type FromVm =
  | { readonly type: 'ready' }
  | { readonly type: 'call'; readonly run: number; readonly call: number; readonly account: string; readonly name: string; readonly args: string }
  | { readonly type: 'doc'; readonly run: number; readonly call: number; readonly page: string }
  | { readonly type: 'print'; readonly run: number; readonly line: string }
  /** The run's outcome as JSON text (see `Outcome`). */
  | { readonly type: 'done'; readonly run: number; readonly outcome: string }
  /** The VM could not reset; the host discards it. */
  | { readonly type: 'broken'; readonly message: string };

export type StopReason = 'timeout' | 'memory' | 'output';

/**
 * What the prelude reports, as JSON text encoded with functions the script cannot reach. `genuine` marks an error
 * the bridge or the prelude made (a Stripe error, a validation or unknown-function error); any other error is the
 * script's own, whatever its fields say. `line` (the script's line that made the failed call or raised the
 * error) and `traceback` come from the VM's records of the stack, never from the error's own fields.
 */
export type Outcome =
  | { readonly ok: true; readonly value?: unknown }
  | { readonly stop: StopReason }
  | { readonly syntax: string; readonly line?: number }
  | { readonly error: Record<string, unknown>; readonly genuine?: boolean; readonly line?: number; readonly traceback?: string };

/** Both ends of a VM as the host sees it: a worker, or the in-thread fallback. */
export interface VmHandle {
  send(message: ToVm): void;
  /** Replaces the listeners: one run (or the pool, between runs) listens at a time. */
  listen(onMessage: (message: FromVm) => void, onExit: (error: unknown) => void): void;
  /** Ends the VM at once, whatever it is doing. */
  terminate(): void;
  /** While a run uses it, the VM keeps the host process alive; an idle one does not. */
  hold(active: boolean): void;
}

/** How a runtime starts a VM: `node:worker_threads`, a web `Worker`, or the host's own thread. */
export interface Platform {
  readonly name: string;
  spawn(): VmHandle;
  /** True where the VM runs in a worker the host can terminate; false for the in-thread fallback. */
  readonly isolated: boolean;
}
