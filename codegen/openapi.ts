import type { OpenApiDoc, OperationObject, SchemaObject } from './spec-types.js';

/** Follows a local `$ref` (`#/components/schemas/customer`) until it reaches a schema. */
export function resolve(doc: OpenApiDoc, schema: SchemaObject | undefined): SchemaObject | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 20; hops++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = doc.components.schemas[name];
  }
  return current;
}

/** The component name a `$ref` points at, or undefined. */
export const refName = (schema: SchemaObject | undefined): string | undefined => schema?.$ref?.replace('#/components/schemas/', '');

// `/v1/customers/{customer}` and `/v1/customers/{id}` are the same route.
const normalise = (path: string): string => path.replace(/\{[^}]+\}/g, '{}');

/** The OpenAPI operation for a method and path, matching path templates by shape. */
export function findOperation(doc: OpenApiDoc, method: string, path: string): { path: string; operation: OperationObject } | undefined {
  const key = Object.keys(doc.paths).find((candidate) => normalise(candidate) === normalise(path));
  const operation = key === undefined ? undefined : doc.paths[key]?.[method.toLowerCase()];
  return key === undefined || operation === undefined ? undefined : { path: key, operation };
}

/** The schema of a form parameter given as path segments (`['items', 0, 'price']`) in a request body. */
export function bodyParameter(doc: OpenApiDoc, operation: OperationObject, segments: readonly (string | number)[]): SchemaObject | undefined {
  let node = resolve(doc, operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema);
  for (const segment of segments) {
    node = resolve(doc, typeof segment === 'number' ? node?.items : node?.properties?.[segment]);
  }
  return node;
}

/** The schema of a query parameter. */
export function queryParameter(doc: OpenApiDoc, operation: OperationObject, name: string): SchemaObject | undefined {
  return resolve(doc, operation.parameters?.find((parameter) => parameter.in === 'query' && parameter.name === name)?.schema);
}

/** The names of the required parameters of an operation: required query parameters and body properties. */
export function requiredParameters(doc: OpenApiDoc, operation: OperationObject): string[] {
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name);
  const body = resolve(doc, operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema)?.required ?? [];
  return [...query, ...body];
}

/** The JSON schema of the 200 response. */
export const okSchema = (doc: OpenApiDoc, operation: OperationObject): SchemaObject | undefined =>
  resolve(doc, operation.responses?.['200']?.content?.['application/json']?.schema);

/** The `type` keywords of a schema as a list (3.1 allows `[string, 'null']`). */
export const typesOf = (schema: SchemaObject | undefined): string[] => (schema?.type === undefined ? [] : [schema.type].flat());

/** Parses Stripe's bracket syntax into path segments: `items[0][price]` → `['items', 0, 'price']`. */
export function wireSegments(wire: string): Array<string | number> {
  const [head, ...rest] = wire.split('[');
  return [head!, ...rest.map((part) => part.replace(/\]$/, ''))].map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
