/** The worker entry on Node (`node:worker_threads`): a VM that talks to the host through `parentPort`. */
import type { FromVm, ToVm } from './protocol.js';
import { createVm } from './vm.js';

interface ParentPort {
  postMessage(message: FromVm): void;
  on(event: 'message', listener: (message: ToVm) => void): void;
}

// A computed specifier keeps Node's types out of the browser type-check of src/lua.
const WORKER_THREADS = 'node:worker_threads';
const { parentPort } = (await import(WORKER_THREADS)) as { parentPort: ParentPort };
const vm = createVm((message) => parentPort.postMessage(message));
parentPort.on('message', (message) => vm.handle(message));
