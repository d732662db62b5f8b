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

function check(schema: unknown, body: unknown): string[] {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(resolveRefs(schema) as object);
    compiled.set(key, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
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
