/** The HTML shell every page of the docs site shares: one inline stylesheet, no script or font from elsewhere. */

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface NavLink {
  readonly href: string;
  readonly label: string;
}

const CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --panel: #f6f8fa; --line: #d1d9e0; --accent: #635bff; --read: #1a7f37; --write: #9a6700; --danger: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d; --accent: #a5a0ff; --read: #3fb950; --write: #d29922; --danger: #f85149; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.top { border-bottom: 1px solid var(--line); background: var(--panel); }
header.top nav, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; min-height: 3rem; }
header.top nav a { color: var(--fg); text-decoration: none; }
header.top nav a.home { font-weight: 600; margin-right: auto; }
header.top nav a[aria-current="page"] { color: var(--accent); font-weight: 600; }
main { padding-top: 1.5rem; padding-bottom: 3rem; }
footer { color: var(--muted); font-size: .875rem; padding-bottom: 2rem; }
a { color: var(--accent); }
h1 { font-size: 2rem; line-height: 1.2; margin: .25rem 0 .5rem; }
h2 { margin-top: 2.5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
code, pre { font: .875em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
:not(pre) > code { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 0 .25em; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .9375rem; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--panel); }
.category { text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; color: var(--muted); margin: 0; }
.lead { color: var(--muted); font-size: 1.125rem; margin-top: 0; }
.stats { color: var(--muted); }
.stats span { color: var(--fg); border: 1px solid var(--line); border-radius: 999px; padding: .1rem .75rem; background: var(--panel); }
.badge { display: inline-block; font-size: .75rem; font-weight: 600; border-radius: 999px; padding: 0 .6rem; border: 1px solid currentColor; vertical-align: middle; }
.badge.read { color: var(--read); } .badge.write { color: var(--write); } .badge.destructive { color: var(--danger); }
.layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); gap: 2rem; }
.layout > nav { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow-y: auto; font-size: .875rem; }
.layout > nav ul { list-style: none; padding-left: .75rem; margin: .25rem 0; }
.layout > nav > ul { padding-left: 0; }
@media (max-width: 52rem) { .layout { grid-template-columns: 1fr; } .layout > nav { position: static; max-height: none; } }
.rendered { border: 1px solid var(--line); border-radius: 8px; padding: 0 1.25rem 1rem; }
.rendered h1 { font-size: 1.6rem; margin-top: 1rem; }
.rendered h2 { font-size: 1.3rem; }
details.raw summary { cursor: pointer; margin: 1rem 0; }
article.fn { border: 1px solid var(--line); border-radius: 8px; padding: 0 1.25rem .5rem; margin: 1.5rem 0; scroll-margin-top: 1rem; }
article.fn h3 { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
article.fn h3 a { color: var(--fg); text-decoration: none; }
article.fn dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
article.fn dt { color: var(--muted); }
article.fn dd { margin: 0; }
tr:target, article.fn:target { outline: 2px solid var(--accent); outline-offset: 2px; }
.search { position: relative; margin: 1rem 0; }
.search input { width: 100%; font: inherit; padding: .5rem .75rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.search ol { list-style: none; margin: .25rem 0 0; padding: 0; border: 1px solid var(--line); border-radius: 6px; max-height: 22rem; overflow-y: auto; background: var(--bg); }
.search ol:empty { display: none; }
.search li a { display: block; padding: .35rem .75rem; text-decoration: none; color: var(--fg); }
.search li a:hover, .search li a:focus { background: var(--panel); }
.search li small { color: var(--muted); margin-left: .5rem; }
.search li.none { color: var(--muted); margin: .25rem .75rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.cards li p { margin: .25rem 0 0; color: var(--muted); font-size: .9375rem; }
ul.exports { columns: 16rem; padding-left: 1.25rem; }
ul.exports small { color: var(--muted); }
`;

/**
 * A whole page. `depth` is how many folders below site/ it lives, so every link is relative and the site works
 * from a file:// URL as well as from any web server path.
 */
export function page(options: { title: string; depth: number; current: string; nav: readonly NavLink[]; body: string; script?: string }): string {
  const up = '../'.repeat(options.depth);
  const links = options.nav.map((link) => `<a href="${up}${link.href}"${link.href === options.current ? ' aria-current="page"' : ''}>${escapeHtml(link.label)}</a>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="${up}favicon.ico">
<style>${CSS}</style>
</head>
<body>
<header class="top"><nav aria-label="Site"><a class="home" href="${up}index.html">@kosmokrator/stripe</a>${links.join('')}</nav></header>
<main>
${options.body}
</main>
<footer>Generated by <code>npm run docs</code> from <code>spec/</code> and the sources; the same model produces <code>generated/docs/stripe.md</code> and the <code>readDoc</code> pages.</footer>
${options.script === undefined ? '' : `<script>${options.script}</script>\n`}</body>
</html>
`;
}
