import type { FunctionModel, Model } from '../model.js';

/** The names one function goes by on the agent side, all derived from the spec in one place. */
export interface AgentNames {
  /** `stripe_create_customer`, the tool name. */
  readonly tool: string;
  /** `stripe.stripe_create_customer` */
  readonly fullName: string;
  /** `app.integrations.stripe.create_customer` */
  readonly luaPath: string;
  /** `integrations.stripe.create_customer`, its page for lua_read_doc */
  readonly docPage: string;
}

export function agentNames(fn: FunctionModel, docs: Model['docs']): AgentNames {
  const tool = `${docs.tool_prefix}${fn.name}`;
  return {
    tool,
    fullName: `${docs.tool_prefix.replace(/_$/, '')}.${tool}`,
    luaPath: `${docs.namespace}.${fn.name}`,
    docPage: `${docs.doc_page}.${fn.name}`,
  };
}

/** The parameter types as the agent reference names them: Lua has tables, not "metadata". */
export const LUA_TYPES = { string: 'string', integer: 'integer', boolean: 'boolean', metadata: 'object' } as const;
