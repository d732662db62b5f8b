/**
 * Reads what the official `stripe` package (the devDependency, API 2026-10-28.endive) declares about its
 * operations, with the TypeScript compiler: which SDK method calls each `METHOD /path`, the parameters that
 * method takes (names, required or not, types, enum values, nesting, whether `''` unsets them), and the fields
 * of the objects it returns. Tests compare the emulator with this; nothing here reads the emulator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One parameter type as the SDK declares it. The SDK's `number` does not say integer or decimal; Stripe's `Decimal` does. */
export type Declared =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'decimal' }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'map' }
  | { kind: 'array'; items: Declared }
  | { kind: 'object'; fields: Record<string, DeclaredField> }
  | { kind: 'union'; alternatives: Declared[] };

export interface DeclaredField {
  required: boolean;
  /** `Emptyable<…>`: an empty string (what the SDK sends for null) unsets it. */
  emptyable: boolean;
  type: Declared;
}

/** An SDK method and the REST call it makes, e.g. `customers.create` → `POST /v1/customers`. */
export interface SdkOperation {
  method: string;
  /** With `:id` for the path's one identifier, as the emulator's route table writes it. */
  path: string;
  resource: string;
  sdkMethod: string;
  /** The declared name of its parameters interface, e.g. `CustomerCreateParams`. */
  paramsName: string;
  params: Record<string, DeclaredField>;
}

// The package's exports hide its files, so they are read where npm installs them.
const ROOT = fileURLToPath(new URL('../../node_modules/stripe/esm/resources/', import.meta.url));

// The SDK's resource files for the resources the emulator serves (file name → the class inside it).
const RESOURCE_FILES = ['Balance', 'Customers', 'Events', 'Invoices', 'PaymentIntents', 'Prices', 'Products', 'Subscriptions', 'PaymentMethods', 'Charges'];

// Declarations of objects that are returned inside others (a subscription's items, an invoice's lines and payments).
const OBJECT_FILES = ['InvoiceLineItems', 'InvoicePayments', 'SubscriptionItems'];

let cached: { program: ts.Program; checker: ts.TypeChecker } | undefined;

function compiler() {
  if (!cached) {
    const files = [...RESOURCE_FILES, ...OBJECT_FILES].map((name) => join(ROOT, `${name}.d.ts`));
    const program = ts.createProgram(files, { strict: true, skipLibCheck: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
    cached = { program, checker: program.getTypeChecker() };
  }
  return cached;
}

function exportsOf(file: string): ts.Symbol[] {
  const { program, checker } = compiler();
  const source = program.getSourceFile(join(ROOT, `${file}.d.ts`));
  if (!source) throw new Error(`stripe declarations: no ${file}.d.ts`);
  const module = checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`stripe declarations: ${file}.d.ts is not a module`);
  return checker.getExportsOfModule(module);
}

/** The declared type of an exported interface or class, e.g. `('Invoices', 'Invoice')`. */
export function declaredType(file: string, name: string): ts.Type {
  const symbol = exportsOf(file).find((candidate) => candidate.name === name);
  if (!symbol) throw new Error(`stripe declarations: ${file}.d.ts exports no ${name}`);
  return compiler().checker.getDeclaredTypeOfSymbol(symbol);
}

const isOptional = (symbol: ts.Symbol): boolean => (symbol.flags & ts.SymbolFlags.Optional) !== 0;

// `OtherString` (string & Record<never, never>) marks an enum as open for the SDK's forward compatibility;
// Stripe's API still accepts only the listed values.
const isOtherString = (type: ts.Type): boolean => type.isIntersection() && type.types.some((part) => (part.flags & ts.TypeFlags.String) !== 0);

// Stripe's `Decimal` (a branded class the SDK sends as a decimal string).
const isDecimal = (type: ts.Type): boolean => type.aliasSymbol?.getName() === 'Decimal' || (type.isIntersection() && type.types.some((part) => part.getSymbol()?.getName() === 'DecimalImpl'));

function classifyObject(type: ts.Type): Declared {
  const { checker } = compiler();
  if (checker.isArrayType(type)) {
    const [item] = checker.getTypeArguments(type as ts.TypeReference);
    if (!item) throw new Error('stripe declarations: an array without an item type');
    return { kind: 'array', items: classify(item).type };
  }
  if (type.getStringIndexType()) return { kind: 'map' };
  const fields: Record<string, DeclaredField> = {};
  for (const property of type.getProperties()) fields[property.getName()] = fieldOf(property);
  return { kind: 'object', fields };
}

/** A type as Stripe's wire sees it, and whether `''` (Emptyable) is one of its values. */
export function classify(type: ts.Type): { type: Declared; emptyable: boolean } {
  const members = type.isUnion() ? type.types : [type];
  let emptyable = false;
  let sawNull = false;
  let sawBoolean = false;
  const values: string[] = [];
  const alternatives: Declared[] = [];
  for (const member of members) {
    if (member.flags & ts.TypeFlags.Undefined) continue;
    if (member.flags & ts.TypeFlags.Null) sawNull = true;
    else if (member.isStringLiteral()) {
      if (member.value === '') emptyable = true;
      else values.push(member.value);
    } else if (member.flags & ts.TypeFlags.BooleanLiteral || member.flags & ts.TypeFlags.Boolean) sawBoolean = true;
    else if (isDecimal(member)) alternatives.push({ kind: 'decimal' });
    else if (isOtherString(member)) continue;
    else if (member.flags & ts.TypeFlags.String) alternatives.push({ kind: 'string' });
    else if (member.flags & ts.TypeFlags.Number) alternatives.push({ kind: 'number' });
    else if (member.flags & ts.TypeFlags.Object) alternatives.push(classifyObject(member));
    else throw new Error(`stripe declarations: a type the reader does not know: ${compiler().checker.typeToString(member)}`);
  }
  if (sawBoolean) alternatives.unshift({ kind: 'boolean' });
  if (values.length > 0) alternatives.push({ kind: 'enum', values: values.sort() });
  // The SDK writes Emptyable<T> as null | '' | T; a lone null means only that the SDK sends ''.
  emptyable ||= sawNull;
  const [only] = alternatives;
  if (!only) throw new Error('stripe declarations: a parameter with no type');
  return { type: alternatives.length === 1 ? only : { kind: 'union', alternatives }, emptyable };
}

function fieldOf(property: ts.Symbol): DeclaredField {
  const { type, emptyable } = classify(compiler().checker.getTypeOfSymbol(property));
  return { required: !isOptional(property), emptyable, type };
}

/** The parameters of a declared params interface, by name. */
export function declaredParams(file: string, name: string): Record<string, DeclaredField> {
  const type = declaredType(file, name);
  const fields: Record<string, DeclaredField> = {};
  for (const property of type.getProperties()) fields[property.getName()] = fieldOf(property);
  return fields;
}

// `this._makeRequest('POST', `/v1/customers/${encodeURIComponent(id)}`, …)` inside `update(id, params, options) {`
const REQUEST = /^ {4}(\w+)\([^)]*\) \{\n\s+return this\._makeRequest\('(\w+)', [`'](\/v1\/[^`']*)[`']/gm;

function paramsInterfaceOf(file: string, className: string, methodName: string): string {
  const classSymbol = exportsOf(file).find((symbol) => symbol.name === className);
  const declaration = classSymbol?.declarations?.find(ts.isClassDeclaration);
  const member = declaration?.members.find((candidate): candidate is ts.MethodDeclaration => ts.isMethodDeclaration(candidate) && candidate.name.getText() === methodName);
  const params = member?.parameters.find((parameter) => parameter.name.getText() === 'params');
  if (!params?.type || !ts.isTypeReferenceNode(params.type)) throw new Error(`stripe declarations: ${className}.${methodName} has no params type`);
  return params.type.typeName.getText();
}

/** Every REST call the SDK makes for the resources the emulator serves, with its declared parameters. */
export function sdkOperations(): SdkOperation[] {
  const operations: SdkOperation[] = [];
  for (const file of RESOURCE_FILES) {
    const js = readFileSync(join(ROOT, `${file}.js`), 'utf8');
    const className = /export class (\w+) extends StripeResource/.exec(js)?.[1];
    if (!className) throw new Error(`stripe declarations: no resource class in ${file}.js`);
    for (const [, sdkMethod = '', method = '', template = ''] of js.matchAll(REQUEST)) {
      const path = template.replace(/\$\{encodeURIComponent\(\w+\)\}/g, ':id');
      const paramsName = paramsInterfaceOf(file, className, sdkMethod);
      operations.push({ method, path, resource: file, sdkMethod, paramsName, params: declaredParams(file, paramsName) });
    }
  }
  return operations;
}

/** The fields of a returned object (e.g. `('Subscriptions', 'Subscription')`), including nested ones, as declared. */
export function declaredObject(file: string, name: string): Record<string, DeclaredField> {
  const declared = classifyObject(declaredType(file, name));
  if (declared.kind !== 'object') throw new Error(`stripe declarations: ${name} is not an object`);
  return declared.fields;
}

/**
 * What `expand[]` can name in a returned object, by dotted path, read from the object's declared fields:
 * `ref:<object>` for an id that expands (`string | Customer`), `list:<object>` for a list envelope,
 * `object:<object>` for another API object returned whole inside this one, and `optional` for every field the SDK
 * marks optional (Stripe's includable fields, such as an invoice's `confirmation_secret`, are among them). Plain
 * embedded objects, and arrays of them, are walked through: `invoice_settings.default_payment_method`.
 */
export function expandableFields(file: string, name: string): Record<string, string[]> {
  const { checker } = compiler();
  const found: Record<string, string[]> = {};
  const note = (path: string, what: string): void => {
    (found[path] ??= []).push(what);
  };
  const objectName = (type: ts.Type): string | undefined => {
    const property = type.getProperty('object');
    const value = property ? checker.getTypeOfSymbol(property) : undefined;
    return value?.isStringLiteral() ? value.value : undefined;
  };
  const walk = (type: ts.Type, prefix: string, depth: number): void => {
    for (const property of type.getProperties()) {
      const path = `${prefix}${property.getName()}`;
      if (isOptional(property)) note(path, 'optional');
      let value = checker.getNonNullableType(checker.getTypeOfSymbol(property));
      if (checker.isArrayType(value)) value = checker.getTypeArguments(value as ts.TypeReference)[0] ?? value;
      const members = value.isUnion() ? value.types : [value];
      const objects = members.filter((member) => (member.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(member));
      if (members.some((member) => (member.flags & ts.TypeFlags.String) !== 0) && objects.length > 0) {
        note(path, `ref:${[...new Set(objects.map((object) => objectName(object) ?? '?'))].sort().join('|')}`);
        continue;
      }
      const [only] = objects;
      if (objects.length !== 1 || !only || only.getStringIndexType()) continue;
      const kind = objectName(only);
      if (kind === 'list') {
        const data = only.getProperty('data');
        const items = data ? checker.getTypeOfSymbol(data) : undefined;
        const item = items && checker.isArrayType(items) ? checker.getTypeArguments(items as ts.TypeReference)[0] : undefined;
        note(path, `list:${(item && objectName(item)) ?? '?'}`);
      } else if (kind !== undefined) note(path, `object:${kind}`);
      else if (depth < 4) walk(only, `${path}.`, depth + 1);
    }
  };
  walk(declaredType(file, name), '', 0);
  return found;
}

/** A JSON type as a response carries it; the SDK's `Decimal` is a decimal string on the wire. */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** One place in a returned object's declared type, walked lazily (objects refer to each other). */
export interface DeclaredNode {
  /** The JSON types the SDK allows here. */
  readonly types: ReadonlySet<JsonType>;
  /** `string | Customer`: an id Stripe can expand into an object. */
  readonly expandable: boolean;
  /** An object the SDK declares without fields (Stripe.js's `use_stripe_sdk`): anything may be inside. */
  readonly opaque: boolean;
  /** The declared field of that name of the object (or objects) allowed here; undefined when there is none. */
  field(name: string): DeclaredNode | undefined;
  /** What the arrays allowed here hold. */
  items(): DeclaredNode | undefined;
}

const nodes = new Map<ts.Type, DeclaredNode>();

function nodeOf(type: ts.Type): DeclaredNode {
  const known = nodes.get(type);
  if (known) return known;
  const node = makeNode(type);
  nodes.set(type, node);
  return node;
}

function makeNode(type: ts.Type): DeclaredNode {
  const { checker } = compiler();
  const members = (type.isUnion() ? type.types : [type]).filter((member) => (member.flags & ts.TypeFlags.Undefined) === 0);
  const arrays = members.filter((member) => checker.isArrayType(member));
  const objects = members.filter((member) => (member.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(member) && !isDecimal(member));
  const types = new Set<JsonType>();
  for (const member of members) {
    if (member.flags & ts.TypeFlags.Null) types.add('null');
    else if (member.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral) || isDecimal(member) || isOtherString(member)) types.add('string');
    else if (member.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) types.add('number');
    else if (member.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) types.add('boolean');
    else if (checker.isArrayType(member)) types.add('array');
    else if (member.flags & ts.TypeFlags.Object) types.add('object');
  }
  return {
    types,
    expandable: types.has('string') && objects.some((object) => object.getProperty('id') !== undefined),
    opaque: objects.length > 0 && objects.every((object) => object.getProperties().length === 0 && !object.getStringIndexType()),
    field(name) {
      for (const object of objects) {
        const property = object.getProperty(name);
        if (property) return nodeOf(checker.getTypeOfSymbol(property));
        const index = object.getStringIndexType();
        if (index) return nodeOf(index);
      }
      return undefined;
    },
    items() {
      const [array] = arrays;
      const item = array ? checker.getTypeArguments(array as ts.TypeReference)[0] : undefined;
      return item ? nodeOf(item) : undefined;
    },
  };
}

/** The declared type of a returned object, e.g. `('Invoices', 'Invoice')`, to walk field by field. */
export const declaredNode = (file: string, name: string): DeclaredNode => nodeOf(declaredType(file, name));
