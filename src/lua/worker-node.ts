/** The worker entry on Node (`node:worker_threads`): a VM that talks to the host through `parentPort`. */
import type { FromVm, ToVm } from './protocol.js';
import { keepLuaExports } from './push.js';
import { spinWindow } from './spin.js';
import { createVm } from './vm.js';

// This thread runs only the VM: the bridge may call the Lua module's exports directly (push.ts).
keepLuaExports();

interface ParentPort {
  postMessage(message: FromVm): void;
  on(event: 'message', listener: (message: ToVm) => void): void;
}
interface WorkerThreads {
  parentPort: ParentPort;
  workerData: { signal: SharedArrayBuffer };
  receiveMessageOnPort(port: ParentPort): { message: ToVm } | undefined;
}

// A computed specifier keeps Node's types out of the browser type-check of src/lua.
const WORKER_THREADS = 'node:worker_threads';
const { parentPort, workerData, receiveMessageOnPort } = (await import(WORKER_THREADS)) as WorkerThreads;
// The host adds one to the signal after each message it posts (platform-node.ts), so a call can sleep until its
// answer is there: read the count, look for a message, and sleep only while the count is unchanged. Before it
// sleeps, a call polls for as long as the window allows (spin.ts): a quick answer then finds it awake.
const signal = new Int32Array(workerData.signal);
const polling = spinWindow();
function receive(): ToVm {
  const started = performance.now();
  const pollUntil = started + polling.budget() / 1000;
  for (;;) {
    const seen = Atomics.load(signal, 0);
    const next = receiveMessageOnPort(parentPort);
    if (next) {
      polling.waited((performance.now() - started) * 1000);
      return next.message;
    }
    if (performance.now() >= pollUntil) Atomics.wait(signal, 0, seen);
  }
}
const vm = createVm((message) => parentPort.postMessage(message), { receive });
parentPort.on('message', (message) => vm.handle(message));
