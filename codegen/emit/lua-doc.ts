import type { FunctionModel, Model } from '../model.js';
import type { Output } from '../lib/ts.js';
import { agentNames, LUA_TYPES } from './agent-names.js';

const fence = (code: string): string => `\`\`\`lua\n${code.trimEnd()}\n\`\`\``;
// A pipe inside a table cell would start a new column.
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The parameter table of one function, as the agent reference prints it. */
export function parameterTable(fn: FunctionModel): string {
  if (fn.args.length === 0) return 'No parameters.';
  const rows = fn.args.map((arg) => {
    const extra = [
      arg.enum && `One of ${arg.enum.map((v) => `\`"${v}"\``).join(', ')}.`,
      arg.default !== undefined && `Default: \`${String(arg.default)}\`.`,
    ].filter(Boolean);
    return `| \`${arg.name}\` | ${LUA_TYPES[arg.type]} | ${arg.required ? 'yes' : 'no'} | ${cell([arg.description, ...extra].join(' '))} |`;
  });
  return ['| Parameter | Type | Required | Description |', '|-----------|------|----------|-------------|', ...rows].join('\n');
}

/** What the function returns, in words, from the result shape and the documented fields. */
export function returnsText(fn: FunctionModel): string {
  const object = fn.result.objects[0]!.replace(/_/g, ' ');
  if (fn.result.list) return `**Returns** \`{ ${fn.result.list} = { ... }, has_more = true|false }\`: one page of ${object} objects, newest first.`;
  const fields = fn.returns.map((field) => `\`${field}\``).join(', ');
  return `**Returns** the ${object} object (${fields}, …).`;
}

/** One function as its own page: what `lua_read_doc("integrations.stripe.<function>")` shows. */
export function functionPage(fn: FunctionModel, docs: Model['docs']): string {
  const names = agentNames(fn, docs);
  const signature = fn.args.map((arg) => `${arg.name} = ${LUA_TYPES[arg.type]}${arg.required ? '' : '?'}`).join(', ');
  return [
    `# \`${names.luaPath}(...)\``,
    `\`${names.luaPath}({ ${signature} })\``,
    fn.description,
    `Tool \`${names.tool}\` · operation: ${fn.operation}${fn.destructive ? ' (destructive)' : ''} · full name \`${names.fullName}\``,
    parameterTable(fn),
    fence(fn.examples.join('\n\n')),
    returnsText(fn),
  ].join('\n\n');
}

function overview(model: Model): string {
  const reads = model.functions.filter((fn) => fn.operation === 'read').length;
  const { docs } = model;
  const prefixes = Object.entries(docs.id_prefixes).map(([prefix, object]) => `| \`${prefix}\` | ${object} |`);
  return [
    '## Overview',
    `The Stripe integration provides ${model.functions.length} functions (${reads} read, ${model.functions.length - reads} write). ${docs.overview}`,
    `Read this reference at runtime with \`lua_read_doc("${docs.doc_page}")\`, or one function with \`lua_read_doc("${docs.doc_page}.create_customer")\`.`,
    docs.amounts,
    '**ID prefixes**: Stripe IDs show what they point at:',
    ['| Prefix | Object |', '|--------|--------|', ...prefixes].join('\n'),
  ].join('\n\n');
}

function groupSection(model: Model, group: { name: string; description: string }): string {
  const functions = model.functions.filter((fn) => fn.group === group.name);
  const entries = functions.map((fn) => [`### \`${agentNames(fn, model.docs).luaPath}(...)\``, fn.description, fence(fn.examples.join('\n\n')), returnsText(fn)].join('\n\n'));
  return [`## ${group.name}`, group.description, ...entries].join('\n\n');
}

function referenceEntry(fn: FunctionModel, model: Model): string {
  const names = agentNames(fn, model.docs);
  return [
    `### ${names.tool}`,
    fn.description,
    `- Operation: ${fn.operation}${fn.destructive ? ' (destructive)' : ''}\n- Full name: \`${names.fullName}\`\n- Lua: \`${names.luaPath}({ ... })\``,
    parameterTable(fn),
  ].join('\n\n');
}

/** The whole agent reference: what `lua_read_doc("integrations.stripe")` shows. */
export function referenceMarkdown(model: Model): string {
  const { docs } = model;
  const workflows = docs.workflows.map((workflow) => [`### ${workflow.title}`, ...(workflow.note ? [workflow.note.trim()] : []), fence(workflow.lua)].join('\n\n'));
  return `${[
    `# ${docs.title}`,
    overview(model),
    ['## Authentication', docs.authentication].join('\n\n'),
    ...model.groups.map((group) => groupSection(model, group)),
    ['## Pagination', docs.pagination.text, fence(docs.pagination.lua)].join('\n\n'),
    ['## Common Workflows', ...workflows].join('\n\n'),
    ['## Notes', docs.notes.map((note) => `- ${note}`).join('\n')].join('\n\n'),
    ['## Multi-Account Usage', docs.multi_account.text, fence(docs.multi_account.lua)].join('\n\n'),
    ['## Function Reference', ...model.functions.map((fn) => referenceEntry(fn, model))].join('\n\n'),
  ].join('\n\n')}\n`;
}

/** `generated/docs/stripe.md`: the agent-facing Lua reference, for people and for lua_read_doc. */
export function emitLuaDoc(model: Model): Output {
  return { path: 'generated/docs/stripe.md', text: `<!-- Generated by codegen/ from spec/. Do not edit; run \`npm run generate\`. -->\n\n${referenceMarkdown(model)}` };
}
