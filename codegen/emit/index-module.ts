import type { Model } from '../model.js';
import { exportFrom, literal, type Output, printModule } from '../lib/ts.js';
import { typeName } from './schema-types.js';

/** `generated/index.ts`: every function with its types, `createStripe`, the schema aliases and the API version. */
export function emitIndexModule(model: Model, components: readonly string[]): Output {
  const functions = [...model.functions].sort((a, b) => a.name.localeCompare(b.name));
  return printModule('generated/index.ts', [
    ...functions.map((fn) => exportFrom(`./${fn.fileName}.js`, [fn.camelName, `type ${fn.pascalName}Params`, `type ${fn.pascalName}Result`])),
    exportFrom('./api-version.js', ['API_VERSION']),
    exportFrom('./stripe.js', ['createStripe', 'type StripeClient', 'type StripeFunctions', 'type StripeMethods']),
    exportFrom('./schema.js', components.map(typeName).sort(), true),
  ]);
}

/**
 * `generated/operations.ts`: every function's operation (route and argument rules) by its agent name, for the tool
 * runner, which checks a call's arguments before it asks anyone to approve it.
 */
export function emitOperations(model: Model): Output {
  const functions = [...model.functions].sort((a, b) => a.name.localeCompare(b.name));
  const entries = functions.map((fn) => `  ${fn.name}: ${fn.camelName},`).join('\n');
  return printModule('generated/operations.ts', [
    `import type { Operation } from '../src/runtime.js';`,
    ...functions.map((fn) => `import { operation as ${fn.camelName} } from './${fn.fileName}.js';`),
    `/** Each function's operation by its agent name (\`create_customer\`). @internal */\nexport const operations: Readonly<Record<string, Operation>> = {\n${entries}\n};`,
  ]);
}

/** `generated/api-version.ts`: the Stripe API version the spec describes, sent as `Stripe-Version`. */
export function emitApiVersion(model: Model): Output {
  return printModule('generated/api-version.ts', [
    `/** The Stripe API version spec/ describes; every request sends it as \`Stripe-Version\` unless the client says otherwise. */\nexport const API_VERSION = ${literal(model.apiVersion)};`,
  ]);
}
