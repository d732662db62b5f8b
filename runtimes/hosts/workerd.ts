/**
 * Runs the Worker smoke bundle in workerd through miniflare, under the Node 22 prefix (miniflare 4 requires
 * Node 22). Usage: `node22 host.mjs <worker bundle> <emulator origin> <tag> <transport>`; prints one report line.
 * Built into the miniflare prefix, so `miniflare` resolves from there and never from the project.
 */
import { readFileSync } from 'node:fs';
import { Miniflare } from 'miniflare';
import { MARKER, type SmokeReport } from '../smoke/protocol.js';

const [scriptPath, baseUrl, tag, transport] = process.argv.slice(2);
if (scriptPath === undefined || baseUrl === undefined || tag === undefined || transport === undefined) throw new Error('usage: host.mjs <worker bundle> <emulator origin> <tag> <transport>');

const workerdVersion = (JSON.parse(readFileSync(new URL('./node_modules/workerd/package.json', import.meta.url), 'utf8')) as { version: string }).version;

// No nodejs_compat flag: the core and the emulator must run on web-standard APIs alone.
const miniflare = new Miniflare({ modules: true, scriptPath, compatibilityDate: '2026-07-01' });
try {
  const query = new URLSearchParams({ base: baseUrl, tag, transport });
  const response = await miniflare.dispatchFetch(`http://smoke.invalid/?${query}`);
  if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${await response.text()}`);
  const report = (await response.json()) as SmokeReport;
  console.log(MARKER + JSON.stringify({ ...report, version: `workerd ${workerdVersion}` } satisfies SmokeReport));
} finally {
  await miniflare.dispose();
}
