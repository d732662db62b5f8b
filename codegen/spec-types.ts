/** The shape of spec/functions.yaml, as validate.ts checks it. */

export type ArgType = 'string' | 'integer' | 'boolean' | 'metadata';
export type Scalar = string | number | boolean;

export interface ArgSpec {
  type: ArgType;
  required?: boolean;
  description: string;
  default?: Scalar;
  send_default?: boolean;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  /** Most characters (code points) a string may have, as Stripe counts them. */
  max_length?: number;
  pattern?: string;
  id_prefix?: string | string[];
  wire?: string;
  requires?: string[];
}

export interface ResultSpec {
  object: string | string[];
  list?: string;
  derived?: { from: string; fields: string[] };
}

export interface FunctionSpec {
  group: string;
  operation: 'read' | 'write';
  destructive?: boolean;
  title: string;
  description: string;
  stripe: { method: 'GET' | 'POST' | 'DELETE'; path: string };
  args: Record<string, ArgSpec>;
  result: ResultSpec;
  returns: string[];
  examples: Array<{ lua: string }>;
}

export interface FunctionsDoc {
  api_version: string;
  groups: Record<string, string>;
  functions: Record<string, FunctionSpec>;
}

/** The parts of an OpenAPI 3.1 document the codegen reads. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
  required?: string[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  additionalProperties?: boolean | SchemaObject;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: SchemaObject;
}

export interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
  responses?: Record<string, { content?: Record<string, { schema?: SchemaObject }> }>;
}

export interface OpenApiDoc {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, SchemaObject> };
}

/** The shape of spec/agent-docs.yaml: the prose of the Lua reference that belongs to no single function. */
export interface AgentDocsDoc {
  title: string;
  namespace: string;
  doc_page: string;
  tool_prefix: string;
  overview: string;
  amounts: string;
  id_prefixes: Record<string, string>;
  authentication: string;
  pagination: { text: string; lua: string };
  workflows: Array<{ title: string; note?: string; lua: string }>;
  notes: string[];
  multi_account: { text: string; lua: string };
}
