import type { FromVm, Platform, ToVm, VmHandle } from './protocol.js';
import { createVm } from './vm.js';

/**
 * Runtimes without workers (workerd): the VM runs in the host's own thread. The limits hold against Lua code
 * (the instruction hook, and pcall that rethrows a limit), calls are refused once the run ends, and a finished
 * run's WebAssembly instance is dropped rather than closed, so none of its finalizers runs afterwards; but code that never returns to Lua (a pathological pattern inside
 * string.find) blocks the thread until it finishes, and nothing can terminate it.
 */
function spawn(): VmHandle {
  let onMessage: (message: FromVm) => void = () => {};
  let run = 0;
  const vm = createVm((message) => queueMicrotask(() => onMessage(message)), { dropInstances: true });
  return {
    send(message: ToVm) {
      if (message.type === 'run') run = message.run;
      queueMicrotask(() => vm.handle(message));
    },
    listen(message) {
      onMessage = message;
    },
    terminate() {
      onMessage = () => {};
      vm.handle({ type: 'abort', run, reason: 'timeout' });
    },
    hold: () => {},
  };
}

export const inlinePlatform: Platform = { name: 'inline', spawn, isolated: false };
