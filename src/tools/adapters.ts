import { tools as catalogue } from '../../generated/tools/catalogue.js';
import type { JsonSchema, ToolDefinition } from '../tool-definition.js';

// Tool-calling APIs take the schema body; the `$schema` dialect marker is ours, and some APIs reject it.
const schemaBody = ({ $schema: _, ...schema }: JsonSchema): JsonSchema => schema;

/** OpenAI Chat Completions / Responses `tools`: `{ type: 'function', function: { name, description, parameters } }`. */
export function toOpenAITools(tools: readonly ToolDefinition[] = catalogue) {
  return tools.map((tool) => ({ type: 'function' as const, function: { name: tool.name, description: tool.description, parameters: schemaBody(tool.inputSchema) } }));
}

/** Anthropic Messages `tools`: `{ name, description, input_schema }`. */
export function toAnthropicTools(tools: readonly ToolDefinition[] = catalogue) {
  return tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: schemaBody(tool.inputSchema) }));
}

/** The result of an MCP `tools/list` request, with annotations: reads are read-only, delete/cancel/void destructive. */
export function toMcpTools(tools: readonly ToolDefinition[] = catalogue) {
  return {
    tools: tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: schemaBody(tool.inputSchema),
      annotations: {
        title: tool.title,
        readOnlyHint: tool.operation === 'read',
        destructiveHint: tool.destructive,
        idempotentHint: tool.operation === 'read',
        // Every tool reaches Stripe, outside the agent's own world.
        openWorldHint: true,
      },
    })),
  };
}
