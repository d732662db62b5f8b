import type { JsonSchema, ToolDefinition } from '../tool-definition.js';

/** The structured error of a failed call, as `callToolSafe` reports it; absent fields are null. */
export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Why the call failed. Nothing was sent when type is validation_error, permission_denied or unknown_tool.',
  properties: {
    type: { type: 'string', description: 'e.g. card_error, invalid_request_error, validation_error, permission_denied' },
    code: { type: ['string', 'null'] },
    decline_code: { type: ['string', 'null'] },
    param: { type: ['string', 'null'], description: 'The argument at fault, when there is one.' },
    message: { type: 'string' },
    status: { type: ['integer', 'null'], description: 'The HTTP status Stripe answered with, if it was reached.' },
    request_id: { type: ['string', 'null'] },
  },
  required: ['type', 'message'],
};

const failure: JsonSchema = { type: 'object', properties: { error: ERROR_SCHEMA }, required: ['error'] };

/**
 * The output schema of a tool: its result, or `{ error }` when `isError` is set. The SDK's client validates
 * structuredContent against it on failures too, so both shapes are in it.
 */
function either(result: JsonSchema): JsonSchema {
  return { type: 'object', anyOf: [result, failure] };
}

const stripeObject = (description: string, object?: string): JsonSchema => ({
  type: 'object',
  description,
  properties: {
    id: { type: 'string' },
    object: object ? { const: object } : { type: 'string' },
  },
  required: object === 'balance' ? ['object'] : ['id', 'object'],
  additionalProperties: true,
});

/**
 * The result schema of a catalogue tool. Lists come as `{ <plural>: [...], has_more }` (the documented shape), the
 * balance as Stripe's balance object, everything else as a Stripe object with its `id` and `object` — the other
 * fields are the ones the function's doc page lists, left open here because Stripe adds fields over time.
 */
export function outputSchemaFor(tool: ToolDefinition): JsonSchema {
  const list = /^list_(\w+)$/.exec(tool.function)?.[1];
  if (list) {
    return either({
      type: 'object',
      properties: {
        [list]: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, object: { type: 'string' } }, required: ['id'] } },
        has_more: { type: 'boolean', description: 'More pages follow; pass starting_after the last id to get the next.' },
      },
      required: [list, 'has_more'],
      additionalProperties: true,
    });
  }
  if (tool.function === 'get_balance') {
    return either({ ...stripeObject('The account balance.', 'balance'), properties: { object: { const: 'balance' }, available: { type: 'array' }, pending: { type: 'array' }, livemode: { type: 'boolean' } } });
  }
  const what = tool.function.replace(/^[a-z]+_/, '').replaceAll('_', ' ');
  return either(stripeObject(`The ${what}, as Stripe returns it (a deleted one as { id, object, deleted: true }).`));
}

export const LUA_OUTPUT_SCHEMA: JsonSchema = either({
  type: 'object',
  properties: {
    value: { description: "The script's return value as JSON (null when it returned nothing)." },
    output: { type: 'array', items: { type: 'string' }, description: 'The lines the script printed.' },
  },
  required: ['value', 'output'],
});

export const READ_DOC_OUTPUT_SCHEMA: JsonSchema = either({
  type: 'object',
  properties: { page: { type: 'string' }, text: { type: 'string', description: 'The page, Markdown.' } },
  required: ['page', 'text'],
});

export const SEARCH_DOCS_OUTPUT_SCHEMA: JsonSchema = either({
  type: 'object',
  properties: {
    hits: {
      type: 'array',
      items: { type: 'object', properties: { page: { type: 'string' }, excerpt: { type: 'string' }, score: { type: 'number' } }, required: ['page', 'excerpt', 'score'] },
    },
  },
  required: ['hits'],
});
