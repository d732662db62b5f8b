/**
 * `npm run docs`: the docs site, into site/ (git-ignored). From the same model codegen/ builds generated/ from:
 * the Lua reference page (reference/), the TypeScript API reference by TypeDoc (api/), a page per entry point,
 * and a home page. Plain HTML and CSS, one small inline script for the search; nothing is fetched at view time,
 * and every link is relative, so site/index.html opens from disk as well as from a server.
 *
 * `npm run docs -- --out <dir>` builds elsewhere. The build refuses to run when generated/docs/stripe.md is not
 * what spec/ produces (the site would then disagree with the shipped markdown): run `npm run generate` first.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitLuaDoc } from '../emit/lua-doc.js';
import { loadSpec } from '../load.js';
import { buildModel, type Model } from '../model.js';
import type { AgentDocsDoc, FunctionsDoc } from '../spec-types.js';
import { formatProblem, validateSpec } from '../validate.js';
import { type ApiModule, buildApiReference } from './api.js';
import { ENTRIES, type Entry } from './entries.js';
import { favicon } from './favicon.js';
import { escapeHtml, type NavLink, page } from './layout.js';
import { referenceBody, SEARCH_SCRIPT } from './reference.js';

export interface SiteResult {
  readonly outDir: string;
  /** Every HTML page written, relative to outDir. */
  readonly pages: readonly string[];
  /** The entries that have a page (src/mcp/index.ts only when it exists). */
  readonly entries: readonly Entry[];
  readonly seconds: number;
}

async function siteModel(root: string): Promise<Model> {
  const spec = await loadSpec(root);
  const problems = validateSpec(spec);
  if (problems.length > 0) throw new Error(`spec/ has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
  const model = buildModel(spec.functions.doc as FunctionsDoc, spec.agentDocs.doc as AgentDocsDoc);
  const markdown = emitLuaDoc(model);
  const shipped = await readFile(join(root, markdown.path), 'utf8').catch(() => '');
  if (shipped !== markdown.text) throw new Error(`${markdown.path} is not what spec/ produces, so the site would disagree with it: run \`npm run generate\` first.`);
  return model;
}

const apiLink = (depth: number, url: string): string => `${'../'.repeat(depth)}api/${url}`;

function exportsList(module: ApiModule | undefined, depth: number): string {
  if (module === undefined) return '<p>This entry is not in the API reference.</p>';
  const items = module.exports.map((e) => `<li><a href="${apiLink(depth, e.url)}"><code>${escapeHtml(e.name)}</code></a> <small>${escapeHtml(e.kind.toLowerCase())}</small>${e.summary ? ` — ${escapeHtml(e.summary.length > 120 ? `${e.summary.slice(0, 117)}…` : e.summary)}` : ''}</li>`);
  return `<p><a href="${apiLink(depth, module.url)}">The <code>${escapeHtml(module.source)}</code> module in the TypeScript API reference</a> has every export with its types and examples:</p>\n<ul class="exports">\n${items.join('\n')}\n</ul>`;
}

function entrySection(entry: Entry, module: ApiModule | undefined, depth: number): string {
  return `<pre><code>import { … } from '${entry.specifier}';</code></pre>
${entry.about.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}
<h2 id="exports">Exports</h2>
${exportsList(module, depth)}`;
}

function homeBody(model: Model, entries: readonly Entry[], modules: Map<string, ApiModule>): string {
  const reads = model.functions.filter((fn) => fn.operation === 'read').length;
  const cards = entries.filter((entry) => entry.slug !== '').map((entry) => `<li><a href="${entry.slug}/index.html"><code>${escapeHtml(entry.specifier)}</code></a><p>${escapeHtml(entry.summary)}</p></li>`);
  const core = entries.find((entry) => entry.slug === '')!;
  return `<h1>@kosmokrator/stripe</h1>
<p class="lead">The ${model.functions.length} Stripe functions of the KosmoKrator Stripe integration (${reads} read, ${model.functions.length - reads} write) as a typed TypeScript client, for Node apps, edge and browser backends, and AI agents. Stripe API <code>${escapeHtml(model.apiVersion)}</code>.</p>
<ul class="cards">
<li><a href="reference/index.html">Lua reference</a><p>The agent-facing reference: every function, its parameters, examples, and a search.</p></li>
<li><a href="api/index.html">TypeScript API reference</a><p>Every export of every entry point, from the sources' JSDoc.</p></li>
</ul>
<h2 id="entries">Entry points</h2>
<ul class="cards">
${cards.join('\n')}
</ul>
<h2 id="core">${escapeHtml(core.specifier)}: ${escapeHtml(core.title.toLowerCase())}</h2>
<p>${escapeHtml(core.summary)}</p>
${entrySection(core, modules.get(core.source), 0)}`;
}

export async function buildSite(options: { root: string; outDir: string }): Promise<SiteResult> {
  const started = performance.now();
  const { root, outDir } = options;
  const model = await siteModel(root);
  // ./mcp is still being written: its page and API module appear once src/mcp/index.ts exists.
  const entries = ENTRIES.filter((entry) => existsSync(join(root, entry.source)));
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const modules = await buildApiReference(root, join(outDir, 'api'), entries.map((entry) => entry.source));

  const nav: NavLink[] = [
    { href: 'reference/index.html', label: 'Lua reference' },
    { href: 'api/index.html', label: 'API reference' },
    ...entries.filter((entry) => entry.slug !== '').map((entry) => ({ href: `${entry.slug}/index.html`, label: `/${entry.slug}` })),
  ];
  const files: Array<[string, string]> = [
    ['index.html', page({ title: '@kosmokrator/stripe', depth: 0, current: 'index.html', nav, body: homeBody(model, entries, modules) })],
    ['reference/index.html', page({ title: `${model.docs.title}`, depth: 1, current: 'reference/index.html', nav, body: referenceBody(model), script: SEARCH_SCRIPT })],
    ...entries.filter((entry) => entry.slug !== '').map((entry): [string, string] => [
      `${entry.slug}/index.html`,
      page({
        title: `${entry.specifier} — @kosmokrator/stripe`,
        depth: 1,
        current: `${entry.slug}/index.html`,
        nav,
        body: `<h1><code>${escapeHtml(entry.specifier)}</code></h1>\n<p class="lead">${escapeHtml(entry.summary)}</p>\n${entrySection(entry, modules.get(entry.source), 1)}`,
      }),
    ]),
  ];
  await writeFile(join(outDir, 'favicon.ico'), favicon());
  for (const [path, html] of files) {
    await mkdir(dirname(join(outDir, path)), { recursive: true });
    await writeFile(join(outDir, path), html);
  }
  return { outDir, pages: files.map(([path]) => path), entries, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  const at = process.argv.indexOf('--out');
  const outDir = at === -1 ? join(root, 'site') : resolve(process.argv[at + 1] ?? 'site');
  const result = await buildSite({ root, outDir });
  console.log(`docs: wrote ${outDir} in ${result.seconds.toFixed(1)} s (${result.pages.length} pages and the API reference in api/; entries ${result.entries.map((e) => e.specifier).join(', ')}). Open ${join(outDir, 'index.html')}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
