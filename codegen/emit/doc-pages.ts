import type { Model } from '../model.js';
import { type Output, printModule } from '../lib/ts.js';
import { agentNames } from './agent-names.js';
import { functionPage, referenceMarkdown } from './lua-doc.js';

/** `generated/docs/pages.ts`: every page `readDoc` serves, by page name, as data. */
export function emitDocPages(model: Model): Output {
  const pages: Array<[string, string]> = [
    [model.docs.doc_page, referenceMarkdown(model)],
    ...model.functions.map((fn): [string, string] => [agentNames(fn, model.docs).docPage, `${functionPage(fn, model.docs)}\n`]),
  ];
  const entries = pages.map(([name, text]) => `  ${JSON.stringify(name)}: ${JSON.stringify(text)},`);
  return printModule('generated/docs/pages.ts', [
    `/** The page holding the whole reference; every other page is one function. */\nexport const REFERENCE_PAGE = ${JSON.stringify(model.docs.doc_page)};`,
    `\n/** The Lua reference by page name, as lua_read_doc serves it. */\nexport const pages: Readonly<Record<string, string>> = {\n${entries.join('\n')}\n};`,
  ]);
}
