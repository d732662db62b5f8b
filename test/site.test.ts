/**
 * The docs site (`npm run docs`, codegen/site/): built once into .cache/site-test/site, then
 * - each function's parameter table read out of generated/docs/stripe.md, out of readDoc and out of the site's
 *   HTML, compared row by row with each other and with the seed's tables (name, type, required);
 * - every page under 1 MB, and no type spelled as `components["schemas"]…`, a name a reader cannot look up
 *   (codegen/site/api-types.ts has TypeDoc link the Stripe object types instead of spelling them out);
 * - every page opened in headless Debian Chromium through playwright-core, installed as the runtime matrix
 *   installs them (runtimes/install.ts: apt-get as root, the pinned prefix in .cache/runtimes/playwright): no
 *   console error, no request off the site, every internal link and anchor resolves, the search finds
 *   `capture_method` and `create_subscription`; screenshots go to .cache/screenshots/ (git-ignored).
 * Nothing here is skipped: without a Chromium it can install, the test fails and says what to install.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type SiteResult } from '../codegen/site/main.js';
import { CHROMIUM, ensureChromium, ensurePrefix, prefixDir, root } from '../runtimes/install.js';
import { listDocs, readDoc, REFERENCE_PAGE } from '../src/docs/index.js';
import { seedParameterTables } from './helpers/seed.js';

const outDir = join(root, '.cache/site-test/site');
const screenshots = join(root, '.cache/screenshots');
const PAGE_BUDGET_BYTES = 1_000_000;
let site: SiteResult;

interface Row {
  name: string;
  type: string;
  required: boolean;
  default: string | undefined;
  description: string;
}

// ---- the three renderings of a parameter table, parsed back into rows ----

const plain = (markdown: string): string => markdown.replace(/`/g, '').replace(/\s+/g, ' ').trim();

/** The rows of the first parameter table in a markdown text (the default is folded into the description there). */
function markdownRows(text: string): Row[] {
  return [...text.matchAll(/^\| `(\w+)` \| (\w+) \| (yes|no) \| (.*) \|$/gm)].map((m) => {
    const cell = m[4]!.replace(/\\\|/g, '|');
    const found = /\s*Default: `([^`]*)`\.$/.exec(cell);
    return { name: m[1]!, type: m[2]!, required: m[3] === 'yes', default: found?.[1], description: plain(found ? cell.slice(0, found.index) : cell) };
  });
}

const decode = (html: string): string =>
  html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** The rows of one function's table on the site's reference page. */
function siteRows(html: string, fn: string): Row[] | undefined {
  const table = new RegExp(`<table class="params" data-function="${fn}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (table === undefined) return html.includes(`<article class="fn" id="${fn}">`) ? [] : undefined;
  return [...table.matchAll(/<tr id="[^"]*">([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => decode(c[1]!));
    return { name: cells[0]!, type: cells[1]!, required: cells[2] === 'yes', default: cells[3] === '—' ? undefined : cells[3], description: cells[4]! };
  });
}

function referenceSection(markdown: string, tool: string): string {
  return markdown.split(/^### /m).find((part) => part.startsWith(`${tool}\n`)) ?? '';
}

// ---- a static server for the built site ----

const TYPES: Record<string, string> = { '.ico': 'image/x-icon', '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png' };
let server: Server;
let origin: string;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? htmlFiles(join(dir, entry.name)) : entry.name.endsWith('.html') ? [join(dir, entry.name)] : []));
}

beforeAll(async () => {
  site = await buildSite({ root, outDir });
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://site.invalid').pathname);
    const file = join(outDir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(outDir) || !existsSync(file)) return void response.writeHead(404).end('not found');
    // Cacheable, so TypeDoc's scripts and stylesheets are fetched once for the ~220 pages, not once a page.
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=600' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('the docs site', () => {
  test('has the reference, the API reference and a page per entry point', () => {
    for (const page of ['index.html', 'reference/index.html', 'api/index.html', 'docs/index.html', 'tools/index.html', 'lua/index.html', 'emulator/index.html', 'webhooks/index.html', 'node/index.html']) {
      expect(existsSync(join(outDir, page)), page).toBe(true);
    }
    expect(existsSync(join(outDir, 'mcp/index.html'))).toBe(existsSync(join(root, 'src/mcp/index.ts')));
    const reference = readFileSync(join(outDir, 'reference/index.html'), 'utf8');
    expect(decode(/<p class="stats">([\s\S]*?)<\/p>/.exec(reference)![1]!)).toBe('25 functions · 10 read · 15 write · API key auth');
    // The seed page's sections, in its order.
    const order = ['<h1>Stripe Lua API for KosmoKrator Agents</h1>', '<h2>Lua Namespace</h2>', '<h2>Agent-Facing Lua Docs</h2>', '<summary>Raw agent markdown</summary>', '<h2>Metadata-Derived Lua Example</h2>', '<h2>Functions</h2>'].map((text) => reference.indexOf(text));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(reference).toContain('<span class="badge read">read</span>');
    expect(reference).toContain('<dt>ID prefixes</dt><dd><code>id</code>: <code>cus_</code></dd>');
    // Nothing is loaded from elsewhere: no external script, stylesheet, font or image on any page.
    for (const file of htmlFiles(outDir)) expect(readFileSync(file, 'utf8'), relative(outDir, file)).not.toMatch(/<(script|link|img)\b[^>]*(src|href)="(https?:)?\/\//);
  });

  test('every page is a reasonable size and names its types', () => {
    const pages = htmlFiles(outDir).map((file) => ({ path: relative(outDir, file), bytes: statSync(file).size, html: readFileSync(file, 'utf8') }));
    expect(pages.length).toBeGreaterThan(100);
    expect(pages.filter((page) => page.bytes > PAGE_BUDGET_BYTES).map(({ path, bytes }) => `${path}: ${bytes} bytes`)).toEqual([]);
    // openapi-typescript's container is not exported; a type shown through it tells the reader nothing.
    expect(pages.filter((page) => /components(?:<\/span>)?\s*(?:<[^>]+>)*\[(?:<[^>]+>)*(?:&quot;|")schemas/.test(page.html)).map((page) => page.path)).toEqual([]);
  });

  test("each function's parameter table is the same in stripe.md, in readDoc and on the site, and matches the seed's", () => {
    const markdown = readFileSync(join(root, 'generated/docs/stripe.md'), 'utf8');
    const html = readFileSync(join(outDir, 'reference/index.html'), 'utf8');
    const functions = listDocs().filter((page) => page !== REFERENCE_PAGE).map((page) => page.slice(REFERENCE_PAGE.length + 1));
    expect(functions).toHaveLength(25);
    let rows = 0;
    for (const fn of functions) {
      const fromMarkdown = markdownRows(referenceSection(markdown, `stripe_${fn}`));
      const fromReadDoc = markdownRows(readDoc(`integrations.stripe.${fn}`));
      const fromSite = siteRows(html, fn);
      expect(fromReadDoc, `${fn}: readDoc vs stripe.md`).toEqual(fromMarkdown);
      expect(fromSite, `${fn}: site vs stripe.md`).toEqual(fromMarkdown);
      const seed = seedParameterTables.find((table) => table.function === fn);
      expect(seed, fn).toBeDefined();
      expect(fromSite!.map(({ name, type, required }) => ({ parameter: name, type, required })), `${fn}: site vs seed`).toEqual(seed!.parameters);
      rows += fromMarkdown.length;
    }
    expect(rows).toBeGreaterThan(60);
    // Defaults have a column of their own on the site, and are the ones stripe.md documents.
    expect(siteRows(html, 'cancel_subscription')!.find((row) => row.name === 'prorate')).toMatchObject({ default: 'true', required: false, type: 'boolean' });
    expect(siteRows(html, 'list_invoices')!.find((row) => row.name === 'status')!.description).toContain('One of "draft", "open", "paid", "uncollectible", "void".');
  });

  test('in Chromium: every page loads without console errors, every internal link and anchor resolves, the search works', async () => {
    await ensureChromium();
    await ensurePrefix('playwright');
    const { chromium } = (await import(join(prefixDir('playwright'), 'node_modules/playwright-core/index.mjs'))) as { chromium: Chromium };
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'], timeout: 30_000 });
    const started = performance.now();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      const anchors = new Map<string, Set<string>>();
      const links = new Map<string, string>();
      const all = htmlFiles(outDir).map((file) => relative(outDir, file).split('\\').join('/'));
      const visit = async (tab: Page, path: string): Promise<void> => {
        const url = `${origin}/${path}`;
        const response = await tab.goto(url, { waitUntil: 'load', timeout: 30_000 });
        if (response?.status() !== 200) problems.push(`${path}: HTTP ${response?.status()}`);
        const found = await tab.evaluate(() => ({
          ids: [...document.querySelectorAll('[id], a[name]')].map((el) => el.id || el.getAttribute('name') || ''),
          hrefs: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
        }));
        anchors.set(url, new Set(found.ids));
        for (const href of found.hrefs) if (!links.has(href)) links.set(href, path);
      };
      // Two tabs, each reused for page after page, watched for errors and for requests off the site. Measured on
      // the shared 2-core machine: two finish ~15% sooner than one for the same CPU time (~25 s); more only contend.
      const openTab = async (): Promise<{ tab: Page; at: (path: string) => void }> => {
        const tab = await context.newPage();
        let current = '';
        tab.on('pageerror', (error) => problems.push(`${current}: pageerror ${error.message}`));
        tab.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning') problems.push(`${current}: console ${message.type()} ${message.text()}`);
        });
        tab.on('request', (request) => {
          const target = request.url();
          // The site itself, served or (at the end, as the README says) opened from disk.
          if (!target.startsWith(origin) && !target.startsWith(pathToFileURL(outDir).href) && !target.startsWith('data:') && !target.startsWith('blob:')) problems.push(`${current}: requested ${target} from off the site`);
        });
        tab.on('requestfailed', (request) => problems.push(`${current}: request failed ${request.url()}`));
        tab.on('response', (response) => {
          if (response.status() >= 400) problems.push(`${current}: HTTP ${response.status()} for ${response.url()}`);
        });
        return { tab, at: (path) => void (current = path) };
      };
      const tabs = await Promise.all([openTab(), openTab()]);
      const queue = [...all];
      await Promise.all(tabs.map(async ({ tab, at }) => {
        for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
          at(path);
          await visit(tab, path);
        }
      }));
      expect(problems).toEqual([]);
      expect(anchors.size).toBe(all.length);

      // Every internal link goes to a page of the site, and its #anchor is an id on that page.
      const broken: string[] = [];
      for (const [href, from] of links) {
        if (!href.startsWith(origin)) continue;
        const target = new URL(href);
        const page = `${target.origin}${target.pathname.endsWith('/') ? `${target.pathname}index.html` : target.pathname}`;
        const ids = anchors.get(page);
        if (ids === undefined) broken.push(`${from} → ${href} (no such page)`);
        else if (target.hash.length > 1 && !ids.has(decodeURIComponent(target.hash.slice(1)))) broken.push(`${from} → ${href} (no such anchor)`);
      }
      expect(broken).toEqual([]);
      expect([...links.keys()].filter((href) => href.startsWith(`${origin}/reference/index.html#`)).length).toBeGreaterThan(25);

      // The search, typed as a person would.
      const { tab, at } = tabs[0]!;
      at('reference/index.html (search)');
      await tab.goto(`${origin}/reference/index.html`, { waitUntil: 'load' });
      mkdirSync(screenshots, { recursive: true });
      await tab.screenshot({ path: join(screenshots, 'docs-reference.png') });
      await tab.fill('#search', 'capture_method');
      const hits = await tab.$$eval('#search-results a', (as) => as.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
      expect(hits[0]).toEqual({ text: 'create_payment_intent › capture_methodparameter', href: '#create_payment_intent-capture_method' });
      await tab.screenshot({ path: join(screenshots, 'docs-reference-search.png') });
      await tab.click('#search-results a');
      expect(await tab.evaluate(() => location.hash)).toBe('#create_payment_intent-capture_method');
      expect(await tab.isVisible('#create_payment_intent-capture_method')).toBe(true);
      await tab.screenshot({ path: join(screenshots, 'docs-reference-capture_method.png') });
      await tab.fill('#search', 'create_subscription');
      const first = await tab.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')));
      expect(first[0]).toBe('#create_subscription');
      await tab.press('#search', 'Enter');
      expect(await tab.evaluate(() => location.hash)).toBe('#create_subscription');
      expect(await tab.textContent('#create_subscription h3')).toContain('stripe_create_subscription');
      await tab.fill('#search', 'refund');
      expect(await tab.textContent('#search-results')).toBe('No function or parameter matches.');
      // Opened from disk too, as the README says: the search needs no server.
      await tab.goto(pathToFileURL(join(outDir, 'reference/index.html')).href, { waitUntil: 'load' });
      await tab.fill('#search', 'trial_period_days');
      expect(await tab.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')))).toContain('#create_subscription-trial_period_days');
      expect(problems).toEqual([]);
      console.log(`site: ${all.length} pages loaded and checked in Chromium ${browser.version()} in ${((performance.now() - started) / 1000).toFixed(1)} s (site built in ${site.seconds.toFixed(1)} s); screenshots in ${relative(root, screenshots)}/`);
    } finally {
      await browser.close();
    }
  }, 180_000);
});

// The few parts of playwright-core used here: it lives in .cache/runtimes/playwright, not in node_modules.
interface Request { url(): string }
interface Response { status(): number; url(): string }
interface Page {
  on(event: 'pageerror', listener: (error: Error) => void): void;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
  on(event: 'request' | 'requestfailed', listener: (request: Request) => void): void;
  on(event: 'response', listener: (response: Response) => void): void;
  goto(url: string, options?: { waitUntil?: 'load'; timeout?: number }): Promise<Response | null>;
  evaluate<T>(body: () => T): Promise<T>;
  $$eval<T>(selector: string, body: (elements: Element[]) => T): Promise<T>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  press(selector: string, key: string): Promise<void>;
  isVisible(selector: string): Promise<boolean>;
  textContent(selector: string): Promise<string | null>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  close(): Promise<void>;
}
interface Chromium {
  launch(options: { executablePath: string; args: string[]; timeout: number }): Promise<{
    newContext(options: { viewport: { width: number; height: number } }): Promise<{ newPage(): Promise<Page> }>;
    version(): string;
    close(): Promise<void>;
  }>;
}
