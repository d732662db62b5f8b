import type { FromVm, Platform, ToVm, VmHandle } from './protocol.js';
import { spinWindow } from './spin.js';

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

// Node's own global, typed here for the same reason.
const { setImmediate } = globalThis as unknown as { setImmediate(callback: (until: number) => void, until: number): unknown };

const WORKER_THREADS = 'node:worker_threads';
const { Worker } = (await import(WORKER_THREADS)) as { Worker: WorkerConstructor };

// Built JS loads worker-node.js next to this file. From TypeScript source (vitest, tsx) the worker entry is bundled
// once per process with esbuild (a dev dependency) into a temporary .mjs file: a worker does not inherit the
// parent's loader, and starting tsx in every worker costs hundreds of milliseconds.
const fromSource = import.meta.url.endsWith('.ts');
let sourceEntry: URL | undefined;

async function bundleSourceEntry(): Promise<URL> {
  const [esbuild, nodeModule, fs, os, path, url] = (await Promise.all(['esbuild', 'node:module', 'node:fs', 'node:os', 'node:path', 'node:url'].map((name) => import(name)))) as [
    { buildSync(options: Record<string, unknown>): { outputFiles: Array<{ text: string }> } },
    { createRequire(from: string): { resolve(name: string): string } },
    { mkdtempSync(prefix: string): string; writeFileSync(file: string, text: string): void },
    { tmpdir(): string },
    { join(...parts: string[]): string },
    { fileURLToPath(u: URL): string; pathToFileURL(p: string): URL },
  ];
  const wasmoon = url.pathToFileURL(nodeModule.createRequire(import.meta.url).resolve('wasmoon')).href;
  const { outputFiles } = esbuild.buildSync({ entryPoints: [url.fileURLToPath(new URL('./worker-node.ts', import.meta.url))], bundle: true, format: 'esm', platform: 'node', write: false, external: ['wasmoon'] });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kosmo-lua-')), 'worker-node.mjs');
  fs.writeFileSync(file, outputFiles[0]!.text.replace(/from\s*"wasmoon"/g, `from ${JSON.stringify(wasmoon)}`));
  return url.pathToFileURL(file);
}
if (fromSource) sourceEntry = await bundleSourceEntry();

function spawn(): VmHandle {
  // Counts the messages posted to the worker, which a waiting call sleeps on (worker-node.ts).
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(sourceEntry ?? new URL('./worker-node.js', import.meta.url), { workerData: { signal: signal.buffer } });
  let onMessage: (message: FromVm) => void = () => {};
  let onExit: (error: unknown) => void = () => {};
  let exited = false;
  // After each message to the worker, the host's event loop stays awake (a chain of setImmediate, which leaves
  // I/O and timers running) until the worker's next message or the end of the window (spin.ts), so a quick
  // exchange of calls and answers does not pay the host thread's wake-up each time.
  const polling = spinWindow();
  let sentAt: number | undefined;
  // When the worker's last message came: what the host sends next took it this long to make (spin.ts).
  let heardAt = 0;
  const stayAwake = (until: number): void => {
    if (sentAt !== undefined && performance.now() < until) setImmediate(stayAwake, until);
  };
  worker.on('message', (message) => {
    heardAt = performance.now();
    if (sentAt !== undefined) polling.waited((heardAt - sentAt) * 1000);
    sentAt = undefined;
    onMessage(message);
  });
  worker.on('error', (error) => {
    exited = true;
    onExit(error);
  });
  worker.on('exit', (code) => {
    if (!exited) onExit(new Error(`the Lua worker exited (code ${code})`));
    exited = true;
  });
  return {
    send(message) {
      worker.postMessage(message);
      Atomics.add(signal, 0, 1);
      Atomics.notify(signal, 0);
      if (sentAt !== undefined) return;
      sentAt = performance.now();
      const budget = polling.budget((sentAt - heardAt) * 1000);
      if (budget > 0) setImmediate(stayAwake, sentAt + budget / 1000);
    },
    listen(message, exit) {
      onMessage = message;
      onExit = exit;
    },
    terminate() {
      exited = true;
      sentAt = undefined;
      void worker.terminate();
    },
    hold: (active) => (active ? worker.ref() : worker.unref()),
  };
}

/** Node: each VM is a `worker_threads` Worker the host terminates hard at a limit. */
export const nodePlatform: Platform = { name: 'node', spawn, isolated: true };
