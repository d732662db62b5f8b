import type { LoadedSpec } from './load.js';
import { bodyParameter, findOperation, okSchema, queryParameter, refName, requiredParameters, resolve, typesOf, wireSegments } from './openapi.js';
import type { AgentDocsDoc, ArgSpec, FunctionSpec, FunctionsDoc, OpenApiDoc, SchemaObject } from './spec-types.js';

/** One problem in the spec, named by file and by the dotted path of the field. */
export interface Problem {
  readonly file: string;
  readonly at: string;
  readonly message: string;
}

export const formatProblem = (problem: Problem): string => `${problem.file}: ${problem.at}: ${problem.message}`;

type Check = (value: unknown) => boolean;
const isString: Check = (value) => typeof value === 'string' && value.length > 0;
const isBoolean: Check = (value) => typeof value === 'boolean';
const isNumber: Check = (value) => typeof value === 'number';
const isScalar: Check = (value) => ['string', 'number', 'boolean'].includes(typeof value);
const isObject: Check = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (check: Check): Check => (value) => Array.isArray(value) && value.every(check);
const oneOf = (...values: unknown[]): Check => (value) => values.includes(value);
const either = (...checks: Check[]): Check => (value) => checks.some((check) => check(value));

// The allowed keys of each level of spec/functions.yaml, with the check of each value; `!` marks required keys.
const FUNCTION_KEYS: Record<string, Check> = {
  '!group': isString, '!operation': oneOf('read', 'write'), destructive: isBoolean, '!title': isString, '!description': isString,
  '!stripe': isObject, '!args': isObject, '!result': isObject, '!returns': listOf(isString), '!examples': listOf(isObject),
};
const ARG_KEYS: Record<string, Check> = {
  '!type': oneOf('string', 'integer', 'boolean', 'metadata'), '!description': isString, required: isBoolean,
  default: isScalar, send_default: isBoolean, enum: listOf(isString), minimum: isNumber, maximum: isNumber, max_length: isNumber,
  pattern: isString, id_prefix: either(isString, listOf(isString)), wire: isString, requires: listOf(isString),
};
const STRIPE_KEYS: Record<string, Check> = { '!method': oneOf('GET', 'POST', 'DELETE'), '!path': (v) => isString(v) && String(v).startsWith('/v1/') };
const RESULT_KEYS: Record<string, Check> = { '!object': either(isString, listOf(isString)), list: isString, derived: isObject };
const EXAMPLE_KEYS: Record<string, Check> = { '!lua': isString };

function checkKeys(value: unknown, keys: Record<string, Check>, file: string, at: string): Problem[] {
  if (!isObject(value)) return [{ file, at, message: 'expected a mapping' }];
  const record = value as Record<string, unknown>;
  const problems: Problem[] = [];
  const known = Object.keys(keys).map((key) => key.replace('!', ''));
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) problems.push({ file, at: `${at}.${key}`, message: `unknown key (expected one of ${known.join(', ')})` });
  }
  for (const [spec, check] of Object.entries(keys)) {
    const key = spec.replace('!', '');
    if (record[key] === undefined) {
      if (spec.startsWith('!')) problems.push({ file, at: `${at}.${key}`, message: 'missing' });
    } else if (!check(record[key])) {
      problems.push({ file, at: `${at}.${key}`, message: `invalid value ${JSON.stringify(record[key])}` });
    }
  }
  return problems;
}

/** Shape of spec/functions.yaml: keys, types, names, groups, and the rules that tie arguments together. */
function checkFunctionsShape(doc: FunctionsDoc, file: string): Problem[] {
  const problems = checkKeys(doc, { '!api_version': isString, '!groups': isObject, '!functions': isObject }, file, '(root)');
  if (problems.length > 0) return problems;
  for (const [name, fn] of Object.entries(doc.functions)) {
    const at = `functions.${name}`;
    if (!/^[a-z]+(_[a-z]+)+$/.test(name)) problems.push({ file, at, message: 'function names are snake_case verbs and nouns (create_customer)' });
    const own = checkKeys(fn, FUNCTION_KEYS, file, at);
    problems.push(...own);
    if (own.length > 0) continue;
    if (fn.destructive && fn.operation !== 'write') problems.push({ file, at: `${at}.destructive`, message: 'only a write can be destructive' });
    if (!(fn.group in doc.groups)) problems.push({ file, at: `${at}.group`, message: `"${fn.group}" is not one of the groups (${Object.keys(doc.groups).join(', ')})` });
    problems.push(...checkKeys(fn.stripe, STRIPE_KEYS, file, `${at}.stripe`), ...checkKeys(fn.result, RESULT_KEYS, file, `${at}.result`));
    fn.examples.forEach((example, index) => problems.push(...checkKeys(example, EXAMPLE_KEYS, file, `${at}.examples.${index}`)));
    for (const [argName, arg] of Object.entries(fn.args)) problems.push(...checkArgShape(fn, argName, arg, file, `${at}.args.${argName}`));
  }
  return problems;
}

function checkArgShape(fn: FunctionSpec, name: string, arg: ArgSpec, file: string, at: string): Problem[] {
  const problems = checkKeys(arg, ARG_KEYS, file, at);
  if (problems.length > 0) return problems;
  if (arg.send_default && arg.default === undefined) problems.push({ file, at: `${at}.send_default`, message: 'send_default needs a default to send' });
  if (arg.required && arg.default !== undefined) problems.push({ file, at: `${at}.default`, message: 'a required argument has no default' });
  for (const other of arg.requires ?? []) {
    if (!(other in fn.args)) problems.push({ file, at: `${at}.requires`, message: `"${other}" is not an argument of this function` });
  }
  if (fn.stripe?.path?.includes(`{${name}}`) && !arg.required) problems.push({ file, at, message: 'a path argument must be required' });
  return problems;
}

const TYPE_ON_WIRE: Record<ArgSpec['type'], string> = { string: 'string', integer: 'integer', boolean: 'boolean', metadata: 'object' };

/** One argument against the Stripe parameter it becomes: it exists, and its type, enum, default and bounds fit. */
function crossCheckArg(openapi: OpenApiDoc, fn: FunctionSpec, name: string, arg: ArgSpec, where: { file: string; at: string; route: string }): Problem[] {
  const { file, at } = where;
  const found = findOperation(openapi, fn.stripe.method, fn.stripe.path)!;
  if (fn.stripe.path.includes(`{${name}}`)) return [];
  const segments = wireSegments(arg.wire ?? name);
  const schema: SchemaObject | undefined =
    fn.stripe.method === 'POST' ? bodyParameter(openapi, found.operation, segments) : queryParameter(openapi, found.operation, arg.wire ?? name);
  if (!schema) return [{ file, at, message: `wire parameter "${arg.wire ?? name}" is not a parameter of ${where.route} in the OpenAPI document` }];
  const problems: Problem[] = [];
  if (!typesOf(schema).includes(TYPE_ON_WIRE[arg.type])) problems.push({ file, at: `${at}.type`, message: `"${arg.type}" does not fit the parameter's type ${JSON.stringify(schema.type)}` });
  const allowed = schema.enum;
  for (const value of arg.enum ?? []) {
    if (allowed && !allowed.includes(value)) problems.push({ file, at: `${at}.enum`, message: `"${value}" is not accepted by Stripe (accepted: ${allowed.join(', ')})` });
  }
  if (allowed && !arg.enum) problems.push({ file, at: `${at}.enum`, message: `Stripe accepts only ${allowed.join(', ')}; list them here so bad values are caught before sending` });
  if (arg.default !== undefined) {
    const fits = (allowed ? allowed.includes(arg.default) : true) && (typeof arg.default === 'number' ? arg.default >= (schema.minimum ?? -Infinity) && arg.default <= (schema.maximum ?? Infinity) : true);
    const typeFits = typeof arg.default === (arg.type === 'integer' ? 'number' : arg.type);
    if (!fits || !typeFits) problems.push({ file, at: `${at}.default`, message: `default ${JSON.stringify(arg.default)} is not a value Stripe accepts here` });
  }
  if (schema.minimum !== undefined && (arg.minimum === undefined || arg.minimum < schema.minimum)) problems.push({ file, at: `${at}.minimum`, message: `Stripe's minimum is ${schema.minimum}` });
  if (schema.maximum !== undefined && (arg.maximum === undefined || arg.maximum > schema.maximum)) problems.push({ file, at: `${at}.maximum`, message: `Stripe's maximum is ${schema.maximum}` });
  if (schema.maxLength !== undefined && (arg.max_length === undefined || arg.max_length > schema.maxLength)) problems.push({ file, at: `${at}.max_length`, message: `Stripe takes at most ${schema.maxLength} characters` });
  return problems;
}

/** The result: its objects are what the operation returns, and every documented field exists on them. */
function crossCheckResult(openapi: OpenApiDoc, fn: FunctionSpec, where: { file: string; at: string; route: string }): Problem[] {
  const { file, at } = where;
  const found = findOperation(openapi, fn.stripe.method, fn.stripe.path)!;
  const problems: Problem[] = [];
  const declared = [fn.result.object].flat();
  const raw = found.operation.responses?.['200']?.content?.['application/json']?.schema;
  const returned = fn.result.list
    ? [refName(resolve(openapi, okSchema(openapi, found.operation)?.properties?.data)?.items)]
    : (raw?.oneOf?.map(refName) ?? [refName(raw)]);
  if (JSON.stringify([...declared].sort()) !== JSON.stringify([...returned].sort())) {
    problems.push({ file, at: `${at}.result.object`, message: `${where.route} returns ${returned.join(' | ')} in the OpenAPI document, not ${declared.join(' | ')}` });
  }
  const primary = resolve(openapi, openapi.components.schemas[declared[0]!]);
  const derivedFields = fn.result.derived?.fields ?? [];
  if (fn.result.derived) {
    const source = wireSegments(fn.result.derived.from.replace(/\.(\w+)/g, '[$1]')).reduce<SchemaObject | undefined>(
      (node, segment) => resolve(openapi, typeof segment === 'number' ? node?.items : node?.properties?.[segment]),
      primary,
    );
    if (!source) problems.push({ file, at: `${at}.result.derived.from`, message: `"${fn.result.derived.from}" is not a path in ${declared[0]}` });
    for (const field of derivedFields) {
      if (source && !source.properties?.[field]) problems.push({ file, at: `${at}.result.derived.fields`, message: `"${field}" is not a field of ${fn.result.derived.from}` });
    }
  }
  const fields = fn.result.list ? [fn.result.list, 'has_more'] : [...Object.keys(primary?.properties ?? {}), ...derivedFields];
  for (const field of fn.returns) {
    if (!fields.includes(field)) problems.push({ file, at: `${at}.returns`, message: `documented result field "${field}" is not a field of ${declared[0]}` });
  }
  return problems;
}

/** Every function against the OpenAPI document: its operation, parameters, required parameters and result. */
function crossCheck(doc: FunctionsDoc, openapi: OpenApiDoc, files: { functions: string; openapi: string }): Problem[] {
  const file = files.functions;
  const problems: Problem[] = [];
  if (openapi.info?.version !== doc.api_version) problems.push({ file, at: 'api_version', message: `"${doc.api_version}" differs from info.version "${openapi.info?.version}" of ${files.openapi}` });
  for (const [name, fn] of Object.entries(doc.functions)) {
    const at = `functions.${name}`;
    const route = `${fn.stripe.method} ${fn.stripe.path}`;
    const found = findOperation(openapi, fn.stripe.method, fn.stripe.path);
    if (!found) {
      problems.push({ file, at: `${at}.stripe`, message: `${route} is not an operation of ${files.openapi}` });
      continue;
    }
    for (const [argName, arg] of Object.entries(fn.args)) problems.push(...crossCheckArg(openapi, fn, argName, arg, { file, at: `${at}.args.${argName}`, route }));
    const given = new Set(Object.entries(fn.args).filter(([, arg]) => arg.required || arg.send_default).map(([argName, arg]) => String(wireSegments(arg.wire ?? argName)[0])));
    for (const required of requiredParameters(openapi, found.operation)) {
      if (!given.has(required)) problems.push({ file, at: `${at}.args`, message: `Stripe requires "${required}" for ${route}, but no required argument sends it` });
    }
    problems.push(...crossCheckResult(openapi, fn, { file, at, route }));
  }
  return problems;
}

const TEXT_AND_LUA: Check = (value) => isObject(value) && isString((value as Record<string, unknown>).text) && isString((value as Record<string, unknown>).lua);
const AGENT_DOCS_KEYS: Record<string, Check> = {
  '!title': isString, '!namespace': isString, '!doc_page': isString, '!tool_prefix': isString, '!overview': isString, '!amounts': isString,
  '!id_prefixes': isObject, '!authentication': isString, '!pagination': TEXT_AND_LUA, '!workflows': listOf(isObject), '!notes': listOf(isString), '!multi_account': TEXT_AND_LUA,
};
const WORKFLOW_KEYS: Record<string, Check> = { '!title': isString, note: isString, '!lua': isString };

/** spec/agent-docs.yaml: its keys, and an ID prefix table that names only prefixes some argument uses. */
function checkAgentDocs(docs: AgentDocsDoc, functions: FunctionsDoc, file: string): Problem[] {
  const problems = checkKeys(docs, AGENT_DOCS_KEYS, file, '(root)');
  if (problems.length > 0) return problems;
  docs.workflows.forEach((workflow, index) => problems.push(...checkKeys(workflow, WORKFLOW_KEYS, file, `workflows.${index}`)));
  const used = new Set(Object.values(functions.functions).flatMap((fn) => Object.values(fn.args).flatMap((arg) => [arg.id_prefix ?? []].flat())));
  for (const prefix of Object.keys(docs.id_prefixes)) {
    if (!used.has(prefix)) problems.push({ file, at: `id_prefixes.${prefix}`, message: 'no argument of spec/functions.yaml takes an ID with this prefix' });
  }
  return problems;
}

/** Every problem in the spec at once; an empty list means the model can be built. */
export function validateSpec(spec: LoadedSpec): Problem[] {
  const doc = spec.functions.doc as FunctionsDoc;
  const shape = checkFunctionsShape(doc, spec.functions.file);
  if (shape.length > 0) return shape;
  const docsProblems = checkAgentDocs(spec.agentDocs.doc as AgentDocsDoc, doc, spec.agentDocs.file);
  if (docsProblems.length > 0) return docsProblems;
  const openapi = spec.openapi.doc as OpenApiDoc;
  if (!isObject(openapi?.paths) || !isObject(openapi?.components?.schemas)) return [{ file: spec.openapi.file, at: '(root)', message: 'expected paths and components.schemas' }];
  return crossCheck(doc, openapi, { functions: spec.functions.file, openapi: spec.openapi.file });
}
