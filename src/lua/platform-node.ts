import type { FromVm, Platform, ToVm, VmHandle } from './protocol.js';

/** The part of `node:worker_threads` used here (typed locally: src/lua is also type-checked without Node's types). */
interface NodeWorker {
  postMessage(message: ToVm): void;
  on(event: 'message', listener: (message: FromVm) => void): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<number>;
  ref(): void;
  unref(): void;
}
type WorkerConstructor = new (url: URL | string, options?: Record<string, unknown>) => NodeWorker;

const WORKER_THREADS = 'node:worker_threads';
const { Worker } = (await import(WORKER_THREADS)) as { Worker: WorkerConstructor };

// Built JS loads worker-node.js next to this file. From TypeScript source (vitest, tsx) the worker is started
// through tsx's loader, since a worker does not inherit the parent's.
const fromSource = import.meta.url.endsWith('.ts');

function startWorker(): NodeWorker {
  if (!fromSource) return new Worker(new URL('./worker-node.js', import.meta.url));
  const entry = new URL('./worker-node.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { (tsx.register ?? tsx.default.register)(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

function spawn(): VmHandle {
  const worker = startWorker();
  let onMessage: (message: FromVm) => void = () => {};
  let onExit: (error: unknown) => void = () => {};
  let exited = false;
  worker.on('message', (message) => onMessage(message));
  worker.on('error', (error) => {
    exited = true;
    onExit(error);
  });
  worker.on('exit', (code) => {
    if (!exited) onExit(new Error(`the Lua worker exited (code ${code})`));
    exited = true;
  });
  return {
    send: (message) => worker.postMessage(message),
    listen(message, exit) {
      onMessage = message;
      onExit = exit;
    },
    terminate() {
      exited = true;
      void worker.terminate();
    },
    hold: (active) => (active ? worker.ref() : worker.unref()),
  };
}

/** Node: each VM is a `worker_threads` Worker the host terminates hard at a limit. */
export const nodePlatform: Platform = { name: 'node', spawn, isolated: true };
