/**
 * `@kosmokrator/stripe/tools`: the 25 functions as agent tools — the generated catalogue, its shapes for the
 * OpenAI, Anthropic and MCP tool APIs, and a way to run a tool call with per-account permissions.
 */
export { tools } from '../../generated/tools/catalogue.js';
export type { JsonSchema, ToolDefinition } from '../tool-definition.js';
export { toAnthropicTools, toMcpTools, toOpenAITools } from './adapters.js';
export { callTool, type CallToolOptions, callToolSafe, findTool, type StripeAccounts, StripeUnknownToolError, type ToolError, type ToolOutcome, toToolError } from './call.js';
export {
  type Approve,
  authorize,
  type OperationPermissions,
  type PendingCall,
  type PermissionMode,
  type Permissions,
  permissionFor,
  StripePermissionDeniedError,
} from './permissions.js';
