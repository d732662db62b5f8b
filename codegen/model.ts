import { wireSegments } from './openapi.js';
import type { AgentDocsDoc, ArgSpec, ArgType, FunctionsDoc, Scalar } from './spec-types.js';

/** One argument, with everything an emitter needs already worked out. */
export interface ArgModel {
  readonly name: string;
  readonly type: ArgType;
  readonly required: boolean;
  readonly description: string;
  readonly default: Scalar | undefined;
  readonly sendDefault: boolean;
  readonly enum: readonly string[] | undefined;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  readonly maxLength: number | undefined;
  readonly pattern: string | undefined;
  readonly idPrefixes: readonly string[] | undefined;
  /** The Stripe parameter in bracket syntax (`recurring[interval]`). */
  readonly wireName: string;
  /** The same as path segments, only where it differs from the argument name. */
  readonly wire: readonly (string | number)[] | undefined;
  readonly requires: readonly string[] | undefined;
  readonly inPath: boolean;
}

export interface ResultModel {
  /** OpenAPI component names of the returned objects (`customer`, `deleted_customer`). */
  readonly objects: readonly string[];
  readonly list: string | undefined;
  readonly derive: { readonly from: readonly (string | number)[]; readonly fields: readonly string[] } | undefined;
}

export interface FunctionModel {
  /** The agent-facing name, `create_customer`. */
  readonly name: string;
  /** `createCustomer` */
  readonly camelName: string;
  /** `CreateCustomer` */
  readonly pascalName: string;
  /** `create-customer` */
  readonly fileName: string;
  readonly group: string;
  readonly operation: 'read' | 'write';
  /** Removes or ends something for good (delete, cancel, void). */
  readonly destructive: boolean;
  readonly title: string;
  readonly description: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly args: readonly ArgModel[];
  readonly result: ResultModel;
  readonly returns: readonly string[];
  readonly examples: readonly string[];
}

export interface Model {
  readonly apiVersion: string;
  /** The prose of the agent reference, as written in spec/agent-docs.yaml. */
  readonly docs: AgentDocsDoc;
  readonly groups: ReadonlyArray<{ readonly name: string; readonly description: string }>;
  /** In the spec's order, which is the order of the agent documentation. */
  readonly functions: readonly FunctionModel[];
}

export const camelCase = (name: string): string => name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
export const pascalCase = (name: string): string => camelCase(name).replace(/^[a-z]/, (letter) => letter.toUpperCase());

function argModel(name: string, arg: ArgSpec, path: string): ArgModel {
  return {
    name,
    type: arg.type,
    required: arg.required ?? false,
    description: arg.description.trim(),
    default: arg.default,
    sendDefault: arg.send_default ?? false,
    enum: arg.enum,
    minimum: arg.minimum,
    maximum: arg.maximum,
    maxLength: arg.max_length,
    pattern: arg.pattern,
    idPrefixes: arg.id_prefix === undefined ? undefined : [arg.id_prefix].flat(),
    wireName: arg.wire ?? name,
    wire: arg.wire === undefined ? undefined : wireSegments(arg.wire),
    requires: arg.requires,
    inPath: path.includes(`{${name}}`),
  };
}

/** The validated spec as the emitters want it: names in every case, wire paths parsed, defaults resolved. */
export function buildModel(doc: FunctionsDoc, docs: AgentDocsDoc): Model {
  return {
    apiVersion: doc.api_version,
    docs,
    groups: Object.entries(doc.groups).map(([name, description]) => ({ name, description })),
    functions: Object.entries(doc.functions).map(([name, fn]) => ({
      name,
      camelName: camelCase(name),
      pascalName: pascalCase(name),
      fileName: name.replace(/_/g, '-'),
      group: fn.group,
      operation: fn.operation,
      destructive: fn.destructive ?? false,
      title: fn.title,
      description: fn.description.trim(),
      method: fn.stripe.method,
      path: fn.stripe.path,
      args: Object.entries(fn.args).map(([argName, arg]) => argModel(argName, arg, fn.stripe.path)),
      result: {
        objects: [fn.result.object].flat(),
        list: fn.result.list,
        derive: fn.result.derived && { from: wireSegments(fn.result.derived.from.replace(/\.(\w+)/g, '[$1]')), fields: fn.result.derived.fields },
      },
      returns: fn.returns,
      examples: fn.examples.map((example) => example.lua.trimEnd()),
    })),
  };
}
