import type { FromVm, Platform, VmHandle } from './protocol.js';

function spawn(): VmHandle {
  const worker = new Worker(new URL('./worker-web.js', import.meta.url), { type: 'module' });
  let onMessage: (message: FromVm) => void = () => {};
  let onExit: (error: unknown) => void = () => {};
  worker.addEventListener('message', (event: MessageEvent<FromVm>) => onMessage(event.data));
  worker.addEventListener('error', (event: ErrorEvent) => onExit(new Error(`the Lua worker failed: ${event.message}`)));
  return {
    send: (message) => worker.postMessage(message),
    listen(message, exit) {
      onMessage = message;
      onExit = exit;
    },
    terminate: () => worker.terminate(),
    // A web Worker has no ref/unref; Deno and Bun keep the process alive for a live worker (see README).
    hold: () => {},
  };
}

/** Browsers, Deno and Bun: each VM is a module `Worker` the host terminates hard at a limit. */
export const webPlatform: Platform = { name: 'web', spawn, isolated: true };
