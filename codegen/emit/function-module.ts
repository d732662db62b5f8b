import { type ArgModel, type FunctionModel, pascalCase } from '../model.js';
import { importFrom, jsDoc, literal, literalUnion, type Output, printModule, type StatementStructures, StructureKind } from '../lib/ts.js';
import { typeName } from './schema-types.js';

const ARG_TYPES: Record<ArgModel['type'], string> = { string: 'string', integer: 'number', boolean: 'boolean', metadata: 'Metadata' };

/**
 * The type parameter that carries what was given for an ID argument (`id` → `Id`, `customer` → `CustomerId`): one
 * per ID argument, so each is checked against its own prefix (see `StripeId` in src/runtime.ts).
 */
const idParameter = (arg: ArgModel): string => (arg.name === 'id' ? 'Id' : `${pascalCase(arg.name)}Id`);

const idArgs = (fn: FunctionModel): readonly ArgModel[] => fn.args.filter((arg) => arg.idPrefixes);

/** `<Id extends string = string, …>` on the function and its parameter type; empty without ID arguments. */
export const idTypeParameters = (fn: FunctionModel) => idArgs(fn).map((arg) => ({ name: idParameter(arg), constraint: 'string', default: 'string' }));

/** `CreateSubscriptionParams<CustomerId, PriceId>` as the function's argument type. */
export const paramsType = (fn: FunctionModel): string => {
  const names = idArgs(fn).map(idParameter);
  return `${fn.pascalName}Params${names.length ? `<${names.join(', ')}>` : ''}`;
};

/** `<Id extends string = string>` as source text, or an empty string. */
export function typeParametersText(fn: FunctionModel): string {
  const parameters = idTypeParameters(fn);
  return parameters.length ? `<${parameters.map((p) => `${p.name} extends ${p.constraint} = ${p.default}`).join(', ')}>` : '';
}

/** Whether the function may be called without arguments (none of them is required). */
export const argsOptional = (fn: FunctionModel): boolean => !fn.args.some((arg) => arg.required);

function argType(arg: ArgModel): string {
  if (arg.idPrefixes) return `StripeId<${literalUnion(arg.idPrefixes)}, ${idParameter(arg)}>`;
  return arg.enum ? literalUnion(arg.enum) : ARG_TYPES[arg.type];
}

/** The runtime rule of one argument: exactly the fields `ArgRule` in src/operation.ts reads. */
function argRule(arg: ArgModel): Record<string, unknown> {
  return {
    type: arg.type,
    required: arg.required || undefined,
    enum: arg.enum,
    minimum: arg.minimum,
    maximum: arg.maximum,
    maxLength: arg.maxLength,
    pattern: arg.pattern,
    prefix: arg.idPrefixes,
    wire: arg.wire,
    sendDefault: arg.sendDefault ? arg.default : undefined,
    requires: arg.requires,
  };
}

function operationLiteral(fn: FunctionModel): string {
  return literal({
    name: fn.name,
    method: fn.method,
    path: fn.path,
    args: Object.fromEntries(fn.args.map((arg) => [arg.name, argRule(arg)])),
    list: fn.result.list,
    derive: fn.result.derive,
  });
}

/** The TypeScript type of the result, from the schema aliases (`Customer`, `ListResult<'customers', Customer>`). */
export function resultType(fn: FunctionModel): string {
  const objects = fn.result.objects.map(typeName);
  if (fn.result.list) return `ListResult<${literal(fn.result.list)}, ${objects[0]}>`;
  const derive = fn.result.derive;
  if (!derive) return objects.join(' | ');
  const source = derive.from.map((segment) => (typeof segment === 'number' ? '[number]' : `[${literal(segment)}]`)).join('');
  return `${objects[0]} & Pick<${objects[0]}${source}, ${literalUnion(derive.fields)}>`;
}

/** The seed's first Lua call of a function, as the TypeScript call a library user writes. */
export function typescriptExample(fn: FunctionModel): string {
  const lines = fn.examples[0]!.split('\n');
  const start = lines.findIndex((line) => line.includes(`app.integrations.stripe.${fn.name}(`));
  const end = lines.findIndex((line, index) => index >= start && /\}\)\s*$/.test(line));
  return lines
    .slice(start, end + 1)
    .map((line) => line.replace(/^( +)/, (spaces) => ' '.repeat(spaces.length / 2)))
    .map((line) => line.replace(/^local (\w+) = app\.integrations\.stripe\.\w+\(/, `const $1 = await ${fn.camelName}(client, `))
    .map((line) => line.replace(/^(\s*)(\w+) = /, '$1$2: ').replace(/"([^"']*)"/g, "'$1'").replace(/--/g, '//'))
    .join('\n')
    .replace(/\}\)$/, '});');
}

const ID_NOTE =
  ' An ID given as a string literal must start with its prefix (a compile error otherwise); a plain `string` is checked when the call is made. Without type arguments every ID is a `string`.';

function paramsStatement(fn: FunctionModel): StatementStructures {
  if (fn.args.length === 0) {
    return { kind: StructureKind.TypeAlias, isExported: true, name: `${fn.pascalName}Params`, type: 'Record<string, never>', docs: [jsDoc(`\`${fn.name}\` takes no arguments.`)] };
  }
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: `${fn.pascalName}Params`,
    typeParameters: idTypeParameters(fn),
    docs: [jsDoc(`Arguments of {@link ${fn.camelName}} (\`${fn.name}\`).${idArgs(fn).length ? ID_NOTE : ''}`)],
    properties: fn.args.map((arg) => ({
      name: arg.name,
      type: argType(arg),
      hasQuestionToken: !arg.required,
      docs: [jsDoc(arg.description, arg.default === undefined ? [] : [['default', literal(arg.default)]])],
    })),
  };
}

/** `generated/<function>.ts`: the function, its parameter type, its result type and the facts `request()` needs. */
export function emitFunctionModule(fn: FunctionModel): Output {
  const runtime = ['type Client', 'type Operation', 'type RequestOptions', 'type WithRequestId', 'request'];
  if (fn.args.some((arg) => arg.type === 'metadata')) runtime.push('type Metadata');
  if (idArgs(fn).length) runtime.push('type StripeId');
  if (fn.result.list) runtime.push('type ListResult');
  return printModule(`generated/${fn.fileName}.ts`, [
    importFrom('../src/runtime.js', runtime.sort((a, b) => a.replace('type ', '').localeCompare(b.replace('type ', '')))),
    importFrom('./schema.js', [...new Set(fn.result.objects.map(typeName))].sort(), true),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: fn.camelName,
      typeParameters: idTypeParameters(fn),
      docs: [jsDoc(`${fn.description}\n\n\`${fn.method} ${fn.path}\` · ${fn.operation}`, [['example', `\n${typescriptExample(fn)}`]])],
      parameters: [
        { name: 'client', type: 'Client' },
        { name: 'args', type: paramsType(fn), ...(argsOptional(fn) ? { initializer: '{}' } : {}) },
        { name: 'options', type: 'RequestOptions', hasQuestionToken: true },
      ],
      returnType: `Promise<${fn.pascalName}Result>`,
      statements: ['return request(client, operation, args, options);'],
    },
    paramsStatement(fn),
    { kind: StructureKind.TypeAlias, isExported: true, name: `${fn.pascalName}Result`, type: `WithRequestId<${resultType(fn)}>`, docs: [jsDoc(`What {@link ${fn.camelName}} resolves to.`)] },
    `\n// What request() needs: the route, each argument's rules and wire name, and the result shape.\n/** @internal */\nexport const operation: Operation = ${operationLiteral(fn)};`,
  ]);
}
