/**
 * The one loopback server every runtime talks to: the package's own emulator, served by `serveEmulator` from the
 * fresh build, on 127.0.0.1 and a free port.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './install.js';

export interface Loopback {
  readonly url: string;
  close(): Promise<void>;
}

type ServeModule = typeof import('../src/emulator/serve.js');

export async function startLoopback(): Promise<Loopback> {
  // The built module, not the TypeScript source: the stage tests what `npm run build` produced.
  const { serveEmulator } = (await import(pathToFileURL(join(root, 'dist/emulator-serve.js')).href)) as ServeModule;
  const served = await serveEmulator({ port: 0, host: '127.0.0.1' });
  return { url: served.url, close: () => served.close() };
}
