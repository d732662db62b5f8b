import openapiTS, { astToString } from 'openapi-typescript';
import { pascalCase } from '../model.js';
import { GENERATED_HEADER, type Output } from '../lib/ts.js';
import type { OpenApiDoc } from '../spec-types.js';

// `Error` would shadow the global class in every module that imports it.
const RENAMED: Readonly<Record<string, string>> = { error: 'StripeErrorResponse' };

/** The exported TypeScript name of an OpenAPI component (`payment_intent` → `PaymentIntent`). */
export const typeName = (component: string): string => RENAMED[component] ?? pascalCase(component);

/** `generated/schema.ts`: openapi-typescript's types of spec/openapi.yaml, plus a named alias per object. */
export async function emitSchemaTypes(openapi: OpenApiDoc): Promise<Output> {
  // openapi-typescript mutates what it is given; it gets a copy so the other stages see the spec as loaded.
  const types = astToString(await openapiTS(structuredClone(openapi) as never, { alphabetize: true }));
  const aliases = Object.keys(openapi.components.schemas)
    .sort()
    .map((name) => `/** Stripe's \`${name}\` object. */\nexport type ${typeName(name)} = components['schemas']['${name}'];`);
  return { path: 'generated/schema.ts', text: `${GENERATED_HEADER}\n${types.trimEnd()}\n\n${aliases.join('\n')}\n` };
}
