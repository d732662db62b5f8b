/**
 * Checks an emulator answer against spec/openapi.yaml: a success body against its operation's 200 schema, an
 * error body against `error`. The spec is written from Stripe's documentation by another part of the project,
 * so this ties the emulator's objects to Stripe's published shapes.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

interface Operation {
  responses: Record<string, { content?: { 'application/json'?: { schema: unknown } } }>;
}

export const spec = parse(readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'openapi', components: spec.components });

/** The spec's path template for a concrete path: /v1/customers/{customer} matches /v1/customers/cus_123. */
export function specPath(path: string): string {
  const bare = path.split('?')[0] as string;
  const found = Object.keys(spec.paths).find((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
  if (!found) throw new Error(`no operation in spec/openapi.yaml for ${bare}`);
  return found;
}

const resolveRefs = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

function compile(schema: unknown) {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(resolveRefs(schema) as object);
    compiled.set(key, validate);
  }
  return validate;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// The object an expanded field holds where the spec describes the id (`expand[]=customer` gives a customer).
function expandedAt(body: unknown, pointer: string): Record<string, unknown> | undefined {
  let node = body;
  for (const part of pointer.split('/').slice(1)) node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  return isRecord(node) && typeof node['id'] === 'string' && typeof node['object'] === 'string' ? node : undefined;
}

/**
 * Validates `body`; an expanded object where the spec (written for this client, which never expands) describes
 * an id is put back to its id, and is validated on its own against the spec's schema for its `object`.
 */
function check(schema: unknown, body: unknown): string[] {
  const validate = compile(schema);
  let current = body;
  const problems: string[] = [];
  for (;;) {
    if (validate(current)) return problems;
    const errors = validate.errors ?? [];
    const expanded = errors.filter((error) => error.keyword === 'type' && String(error.params['type']).includes('string')).map((error) => [error.instancePath, expandedAt(current, error.instancePath)] as const);
    const found = expanded.find(([, object]) => object !== undefined);
    if (!found?.[1]) return [...problems, ...errors.map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`)];
    const [pointer, object] = found;
    const name = object['deleted'] === true ? `deleted_${String(object['object'])}` : String(object['object']);
    if (spec.components.schemas[name] !== undefined) problems.push(...check({ $ref: `#/components/schemas/${name}` }, object).map((problem) => `${pointer}${problem}`));
    current = structuredClone(current);
    const parts = pointer.split('/').slice(1);
    const parent = parts.slice(0, -1).reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], current) as Record<string, unknown>;
    parent[parts[parts.length - 1] as string] = object['id'];
  }
}

/** What is wrong with `body` as the answer (`status`) to `method path`; empty when it matches the spec. */
export function validateAnswer(method: string, path: string, status: number, body: unknown): string[] {
  if (status !== 200) return check({ $ref: '#/components/schemas/error' }, body);
  const operation = spec.paths[specPath(path)]?.[method.toLowerCase()];
  if (!operation) throw new Error(`spec/openapi.yaml has no ${method} ${specPath(path)}`);
  return check(operation.responses['200']?.content?.['application/json']?.schema, body);
}

/** What is wrong with `body` as one of the spec's objects, e.g. `payment_intent`. */
export const validateObject = (name: string, body: unknown): string[] => check({ $ref: `#/components/schemas/${name}` }, body);
