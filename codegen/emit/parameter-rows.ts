import type { FunctionModel, Model } from '../model.js';
import { agentNames, LUA_TYPES } from './agent-names.js';

/**
 * One row of a function's parameter table, as every rendering of the reference prints it: the markdown of
 * generated/docs/stripe.md and of the readDoc pages (lua-doc.ts), and the docs site's HTML (codegen/site/). All of
 * them take their rows from here, so the tables cannot disagree.
 */
export interface ParameterRow {
  readonly name: string;
  /** The Lua type: `string`, `integer`, `boolean`, `object`. */
  readonly type: string;
  readonly required: boolean;
  /** The documented default, as printed, or undefined. */
  readonly default: string | undefined;
  /** The description with the allowed values appended (inline markdown). */
  readonly description: string;
  /** The prefixes an ID argument's value starts with. */
  readonly idPrefixes: readonly string[] | undefined;
}

export function parameterRows(fn: FunctionModel): ParameterRow[] {
  return fn.args.map((arg) => ({
    name: arg.name,
    type: LUA_TYPES[arg.type],
    required: arg.required,
    default: arg.default === undefined ? undefined : String(arg.default),
    description: [arg.description, ...(arg.enum ? [`One of ${arg.enum.map((v) => `\`"${v}"\``).join(', ')}.`] : [])].join(' '),
    idPrefixes: arg.idPrefixes,
  }));
}

/** `app.integrations.stripe.create_price({ product = string, unit_amount = integer, recurring_interval = string?, … })` */
export function luaSignature(fn: FunctionModel, docs: Model['docs']): string {
  const args = fn.args.map((arg) => `${arg.name} = ${LUA_TYPES[arg.type]}${arg.required ? '' : '?'}`).join(', ');
  return `${agentNames(fn, docs).luaPath}({ ${args} })`;
}
