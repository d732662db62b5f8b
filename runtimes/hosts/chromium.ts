/**
 * Runs the page smoke bundle in Debian's Chromium, driven by playwright-core (never a downloaded browser).
 * Usage: `node host.mjs <page dir> <emulator origin> <tag> <transport>`; prints one report line.
 *
 * The page is served from its own 127.0.0.1 server, which also forwards /v1/* to the emulator: the client in
 * the page then calls same-origin, so the smoke does not depend on the emulator answering CORS preflights.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { MARKER, type SmokeReport } from '../smoke/protocol.js';

const [pageDir, emulatorOrigin, tag, transport] = process.argv.slice(2);
if (pageDir === undefined || emulatorOrigin === undefined || tag === undefined || transport === undefined) throw new Error('usage: host.mjs <page dir> <emulator origin> <tag> <transport>');

const HTML = '<!doctype html><meta charset="utf-8"><title>runtime smoke</title><script type="module" src="/page.js"></script>';
// Per-hop headers that must not be copied from one connection to the next.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'content-encoding']);

async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)).map(([name, value]) => [name, String(value)] as [string, string]);
  const answer = await fetch(new URL(request.url ?? '/', emulatorOrigin), {
    method: request.method,
    headers,
    body: chunks.length === 0 ? undefined : Buffer.concat(chunks),
    signal: AbortSignal.timeout(20_000),
  });
  const body = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => !HOP_BY_HOP.has(name))));
  response.end(body);
}

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://page.invalid').pathname;
  if (path === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
  else if (path === '/page.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(pageDir, 'page.js')));
  else if (path.startsWith('/v1/')) forward(request, response).catch((error: unknown) => response.writeHead(502).end(String(error)));
  else response.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  timeout: 30_000,
});
try {
  const page = await browser.newPage();
  // The page's own errors explain a report that never comes (a module that failed to load, say).
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${origin}/?${new URLSearchParams({ tag, transport })}`, { timeout: 30_000 });
  try {
    await page.waitForFunction(() => '__smokeReport' in globalThis, undefined, { timeout: 90_000 });
  } catch (error) {
    throw new Error(`the page reported nothing: ${String(error)}\n${problems.join('\n')}`);
  }
  const report = (await page.evaluate(() => (globalThis as { __smokeReport?: unknown }).__smokeReport)) as SmokeReport;
  console.log(MARKER + JSON.stringify({ ...report, version: `Chromium ${browser.version()}` } satisfies SmokeReport));
} finally {
  await browser.close();
  server.close();
}
