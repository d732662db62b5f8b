/** The worker entry for a web `Worker` (browsers, Deno, Bun): a VM that talks to the host with postMessage. */
import type { FromVm, ToVm } from './protocol.js';
import { keepLuaExports } from './push.js';
import { createVm } from './vm.js';

// This thread runs only the VM: the bridge may call the Lua module's exports directly (push.ts).
keepLuaExports();

const scope = globalThis as unknown as {
  postMessage(message: FromVm): void;
  addEventListener(type: 'message', listener: (event: { data: ToVm }) => void): void;
};

/**
 * wasmoon takes any dedicated worker for a browser's and asks unpkg.com for its WebAssembly (in Deno, which also
 * looks like Node to it, it then reads that address as a file and fails). Where the runtime resolves the package
 * (Deno, Bun, a browser with an import map), the file next to wasmoon's own code is used instead.
 */
function wasmUrl(): string | undefined {
  try {
    return new URL('./glue.wasm', import.meta.resolve('wasmoon')).href;
  } catch {
    return undefined;
  }
}

const vm = createVm((message) => scope.postMessage(message), { wasmUrl: wasmUrl() });
scope.addEventListener('message', (event) => vm.handle(event.data));
