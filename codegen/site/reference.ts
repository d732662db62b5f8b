/**
 * The Lua reference page of the docs site, laid out as the KosmoKrator integration page the seed document is the
 * text of: the header with the counts, the Lua namespace, the rendered agent-facing docs (and their raw
 * markdown), the metadata-derived example, then every function with its anchor, signature, read/write badge,
 * ID prefixes, parameter table and examples. Everything comes from the model; the agent-facing docs are the very
 * markdown of generated/docs/stripe.md (referenceMarkdown), rendered.
 */
import MarkdownIt from 'markdown-it';
import { agentNames } from '../emit/agent-names.js';
import { referenceMarkdown, returnsText } from '../emit/lua-doc.js';
import { luaSignature, parameterRows } from '../emit/parameter-rows.js';
import type { FunctionModel, Model } from '../model.js';
import { escapeHtml } from './layout.js';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const inline = (text: string): string => md.renderInline(text);
const code = (text: string): string => `<code>${escapeHtml(text)}</code>`;
const luaBlock = (source: string): string => `<pre><code class="language-lua">${escapeHtml(source.trimEnd())}</code></pre>`;

/** The anchor of one parameter's row: `create_payment_intent-capture_method`. */
export const parameterAnchor = (fn: FunctionModel, parameter: string): string => `${fn.name}-${parameter}`;

/** What the site's search looks through: every function and every parameter, with where it is on the page. */
export interface SearchEntry {
  readonly kind: 'function' | 'parameter';
  readonly name: string;
  /** For a parameter: its function. For a function: its tool name. */
  readonly context: string;
  readonly text: string;
  readonly href: string;
}

export function searchIndex(model: Model): SearchEntry[] {
  return model.functions.flatMap((fn): SearchEntry[] => [
    { kind: 'function', name: fn.name, context: agentNames(fn, model.docs).tool, text: `${fn.title}. ${fn.description}`, href: `#${fn.name}` },
    ...parameterRows(fn).map((row): SearchEntry => ({ kind: 'parameter', name: row.name, context: fn.name, text: row.description, href: `#${parameterAnchor(fn, row.name)}` })),
  ]);
}

/** The parameter table with a column of its own for the default (the markdown folds it into the description). */
export function parameterTableHtml(fn: FunctionModel): string {
  const rows = parameterRows(fn);
  if (rows.length === 0) return '<p class="no-params">No parameters.</p>';
  const body = rows.map((row) => `<tr id="${parameterAnchor(fn, row.name)}"><td>${code(row.name)}</td><td>${row.type}</td><td>${row.required ? 'yes' : 'no'}</td><td>${row.default === undefined ? '—' : code(row.default)}</td><td>${inline(row.description)}</td></tr>`);
  return `<table class="params" data-function="${fn.name}">
<thead><tr><th>Parameter</th><th>Type</th><th>Required</th><th>Default</th><th>Description</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>`;
}

function functionEntry(fn: FunctionModel, model: Model): string {
  const names = agentNames(fn, model.docs);
  const prefixes = parameterRows(fn).filter((row) => row.idPrefixes !== undefined);
  const badges = [`<span class="badge ${fn.operation}">${fn.operation}</span>`, ...(fn.destructive ? ['<span class="badge destructive">destructive</span>'] : [])];
  return `<article class="fn" id="${fn.name}">
<h3><a href="#${fn.name}">${escapeHtml(names.tool)}</a> ${badges.join(' ')}</h3>
<p>${inline(fn.description)}</p>
<dl>
<dt>Operation</dt><dd>${fn.operation}${fn.destructive ? ' (destructive)' : ''}</dd>
<dt>Full name</dt><dd>${code(names.fullName)}</dd>
<dt>Lua</dt><dd>${code(luaSignature(fn, model.docs))}</dd>
<dt>ID prefixes</dt><dd>${prefixes.length === 0 ? 'none' : prefixes.map((row) => `${code(row.name)}: ${row.idPrefixes!.map(code).join(', ')}`).join('; ')}</dd>
<dt>Page</dt><dd>${code(`lua_read_doc("${names.docPage}")`)}</dd>
</dl>
${parameterTableHtml(fn)}
<h4>Example${fn.examples.length > 1 ? 's' : ''}</h4>
${fn.examples.map(luaBlock).join('\n')}
<p>${inline(returnsText(fn).replace(/\*\*Returns\*\*/, 'Returns'))}</p>
</article>`;
}

// The seed's "Metadata-Derived Lua Example": the first function called with a placeholder per argument. The seed
// calls it through its tool name (`stripe_create_customer`), which is no Lua function; this uses the Lua path.
function metadataExample(model: Model): string {
  const fn = model.functions[0]!;
  const value = (row: ReturnType<typeof parameterRows>[number]): string =>
    row.type === 'string' ? `"example_${row.name}"` : row.type === 'integer' ? '1' : row.type === 'boolean' ? 'true' : '{ key = "value" }';
  const args = parameterRows(fn).map((row) => `  ${row.name} = ${value(row)}`).join(',\n');
  return `local result = ${agentNames(fn, model.docs).luaPath}({\n${args}\n})\nprint(json.encode(result))`;
}

export function referenceBody(model: Model): string {
  const { docs } = model;
  const reads = model.functions.filter((fn) => fn.operation === 'read').length;
  const stats = [`${model.functions.length} functions`, `${reads} read`, `${model.functions.length - reads} write`, 'API key auth'];
  const markdown = referenceMarkdown(model);
  const toc = model.groups.map((group) => {
    const fns = model.functions.filter((fn) => fn.group === group.name).map((fn) => `<li><a href="#${fn.name}">${escapeHtml(fn.name)}</a></li>`);
    return `<li>${escapeHtml(group.name)}<ul>${fns.join('')}</ul></li>`;
  });
  return `<div class="layout">
<nav aria-label="On this page"><ul>
<li><a href="#lua-namespace">Lua Namespace</a></li>
<li><a href="#agent-facing-lua-docs">Agent-Facing Lua Docs</a></li>
<li><a href="#metadata-derived-lua-example">Metadata-Derived Lua Example</a></li>
<li><a href="#functions">Functions</a><ul>${toc.join('')}</ul></li>
</ul></nav>
<div>
<p class="category">KosmoKrator · productivity</p>
<h1>Stripe Lua API for KosmoKrator Agents</h1>
<p class="lead">Agent-facing Lua documentation and function reference for the Stripe KosmoKrator integration.</p>
<p class="stats">${stats.map((stat) => `<span>${stat}</span>`).join(' · ')}</p>
<div class="search" role="search">
<label for="search">Search functions and parameters</label>
<input id="search" type="search" placeholder="e.g. capture_method, create_subscription, trial" autocomplete="off">
<ol id="search-results" aria-live="polite"></ol>
</div>
<section id="lua-namespace">
<h2>Lua Namespace</h2>
<p>Agents call this integration through ${code(`${docs.namespace}.*`)}. Use ${code(`lua_read_doc("${docs.doc_page}")`)} inside KosmoKrator to discover the same reference at runtime.</p>
</section>
<section id="agent-facing-lua-docs">
<h2>Agent-Facing Lua Docs</h2>
<p>This is the rendered version of the full Lua documentation exposed to agents when they inspect the integration namespace.</p>
<div class="rendered">
${md.render(markdown)}</div>
<details class="raw"><summary>Raw agent markdown</summary>
<pre><code class="language-markdown">${escapeHtml(markdown.trimEnd())}</code></pre>
</details>
</section>
<section id="metadata-derived-lua-example">
<h2>Metadata-Derived Lua Example</h2>
${luaBlock(metadataExample(model))}
</section>
<section id="functions">
<h2>Functions</h2>
${model.functions.map((fn) => functionEntry(fn, model)).join('\n')}
</section>
</div>
</div>
<script type="application/json" id="search-index">${JSON.stringify(searchIndex(model)).replace(/</g, '\\u003c')}</script>`;
}

/** The search box's script: a few lines over the inline JSON index, nothing loaded from anywhere. */
export const SEARCH_SCRIPT = `
(() => {
  const index = JSON.parse(document.getElementById('search-index').textContent);
  const input = document.getElementById('search');
  const list = document.getElementById('search-results');
  const show = () => {
    const words = input.value.toLowerCase().split(/[^a-z0-9_]+/).filter(Boolean);
    list.replaceChildren();
    if (words.length === 0) return;
    const hits = [];
    for (const entry of index) {
      const name = entry.name.toLowerCase(), text = (entry.context + ' ' + entry.text).toLowerCase();
      let score = 0;
      for (const word of words) score += name === word ? 4 : name.includes(word) ? 2 : text.includes(word) ? 1 : -100;
      if (score > 0) hits.push([score + (entry.kind === 'function' ? 0.5 : 0), entry]);
    }
    hits.sort((a, b) => b[0] - a[0]);
    for (const [, entry] of hits.slice(0, 25)) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = entry.href;
      link.textContent = entry.kind === 'function' ? entry.name : entry.context + ' › ' + entry.name;
      const kind = document.createElement('small');
      kind.textContent = entry.kind;
      link.append(kind);
      item.append(link);
      list.append(item);
    }
    if (hits.length === 0) {
      const none = document.createElement('li');
      none.className = 'none';
      none.textContent = 'No function or parameter matches.';
      list.append(none);
    }
  };
  input.addEventListener('input', show);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') list.querySelector('a')?.click();
  });
  show();
})();
`;
