import type { ArgModel, FunctionModel, Model } from '../model.js';
import { type Output, printModule, importFrom } from '../lib/ts.js';
import { agentNames } from './agent-names.js';

// Stripe's documented metadata limits, as the runtime validator enforces them. maxLength counts code points,
// as Stripe does and as the runtime validator does.
const METADATA_SCHEMA = { type: 'object', maxProperties: 50, propertyNames: { maxLength: 40, pattern: '^[^\\[\\]]+$' }, additionalProperties: { type: 'string', maxLength: 500 } };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The JSON Schema of one argument: the same rules the runtime validator checks. */
function argSchema(arg: ArgModel): Record<string, unknown> {
  const base = arg.type === 'metadata' ? METADATA_SCHEMA : { type: arg.type };
  const prefixes = arg.idPrefixes && `^(${arg.idPrefixes.map(escapeRegExp).join('|')})`;
  // The runtime takes only safe integers (anything larger cannot be sent exactly), so the schema says so too.
  const integer = arg.type === 'integer';
  return {
    ...base,
    description: arg.description,
    enum: arg.enum,
    minimum: arg.minimum ?? (integer ? -Number.MAX_SAFE_INTEGER : undefined),
    maximum: arg.maximum ?? (integer ? Number.MAX_SAFE_INTEGER : undefined),
    maxLength: arg.maxLength,
    pattern: arg.pattern ?? prefixes,
    allOf: arg.pattern && prefixes ? [{ pattern: prefixes }] : undefined,
    default: arg.default,
  };
}

/**
 * The tool's input schema: every argument, required ones listed, arguments that need another one as
 * dependentRequired, nothing else accepted. The runtime validator (src/validate.ts) enforces the same rules;
 * test/property.test.ts runs generated inputs through both. One rule the schema leaves out: the runtime also
 * refuses strings holding a lone surrogate, which JSON text from a conforming encoder cannot carry.
 */
export function inputSchema(fn: FunctionModel): Record<string, unknown> {
  const dependent = fn.args.filter((arg) => arg.requires?.length);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: Object.fromEntries(fn.args.map((arg) => [arg.name, JSON.parse(JSON.stringify(argSchema(arg)))])),
    required: fn.args.filter((arg) => arg.required).map((arg) => arg.name),
    ...(dependent.length > 0 && { dependentRequired: Object.fromEntries(dependent.map((arg) => [arg.name, [...arg.requires!]])) }),
    additionalProperties: false,
  };
}

function catalogue(model: Model) {
  return model.functions.map((fn: FunctionModel) => {
    const names = agentNames(fn, model.docs);
    return {
      name: names.tool,
      fullName: names.fullName,
      luaPath: names.luaPath,
      function: fn.name,
      operation: fn.operation,
      destructive: fn.destructive,
      title: fn.title,
      description: fn.description,
      inputSchema: inputSchema(fn),
    };
  });
}

/** `generated/tools.json` and `generated/tools/catalogue.ts`: the 25 tools, as JSON and as a typed module. */
export function emitToolCatalogue(model: Model): Output[] {
  const json = JSON.stringify(catalogue(model), null, 2);
  return [
    { path: 'generated/tools.json', text: `${json}\n` },
    printModule('generated/tools/catalogue.ts', [
      importFrom('../../src/runtime.js', ['ToolDefinition'], true),
      `\n/** The ${model.functions.length} tools, in the order of the agent reference. */\nexport const tools: readonly ToolDefinition[] = ${json};`,
    ]),
  ];
}
