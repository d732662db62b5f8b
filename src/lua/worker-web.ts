/** The worker entry for a web `Worker` (browsers, Deno, Bun): a VM that talks to the host with postMessage. */
import type { FromVm, ToVm } from './protocol.js';
import { createVm } from './vm.js';

const scope = globalThis as unknown as {
  postMessage(message: FromVm): void;
  addEventListener(type: 'message', listener: (event: { data: ToVm }) => void): void;
};
const vm = createVm((message) => scope.postMessage(message));
scope.addEventListener('message', (event) => vm.handle(event.data));
