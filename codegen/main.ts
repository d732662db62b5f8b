/**
 * `npm run generate`: spec/ → generated/. Load, validate (every problem at once), model, emit, write.
 * `npm run generate -- --check` writes nothing and fails when generated/ differs from what spec/ produces.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitCreateStripe } from './emit/create-stripe.js';
import { emitDocPages } from './emit/doc-pages.js';
import { emitLuaDoc } from './emit/lua-doc.js';
import { emitToolCatalogue } from './emit/tool-catalogue.js';
import { emitFunctionModule } from './emit/function-module.js';
import { emitApiVersion, emitIndexModule, emitOperations } from './emit/index-module.js';
import { emitSchemaTypes } from './emit/schema-types.js';
import type { Output } from './lib/ts.js';
import { loadSpec } from './load.js';
import { buildModel } from './model.js';
import type { AgentDocsDoc, FunctionsDoc, OpenApiDoc } from './spec-types.js';
import { formatProblem, validateSpec } from './validate.js';
import { findDrift, writeOutputs } from './write.js';

/** Everything generated/ should hold, from the two spec documents. Pure apart from reading spec/. */
export async function generate(root: string): Promise<Output[]> {
  const spec = await loadSpec(root);
  const problems = validateSpec(spec);
  if (problems.length > 0) throw new Error(`spec/ has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
  const model = buildModel(spec.functions.doc as FunctionsDoc, spec.agentDocs.doc as AgentDocsDoc);
  const openapi = spec.openapi.doc as OpenApiDoc;
  const outputs = [
    ...model.functions.map(emitFunctionModule),
    emitIndexModule(model, Object.keys(openapi.components.schemas)),
    emitCreateStripe(model),
    emitApiVersion(model),
    emitOperations(model),
    emitLuaDoc(model),
    emitDocPages(model),
    ...emitToolCatalogue(model),
    await emitSchemaTypes(openapi),
  ];
  return outputs.sort((a, b) => a.path.localeCompare(b.path));
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const outputs = await generate(root);
  if (process.argv.includes('--check')) {
    const drift = await findDrift(root, outputs);
    if (drift.length > 0) {
      console.error(`generated/ is out of date with spec/ (run \`npm run generate\`):\n  ${drift.join('\n  ')}`);
      process.exitCode = 1;
      return;
    }
    console.log(`generated/ matches spec/ (${outputs.length} files).`);
    return;
  }
  await writeOutputs(root, outputs);
  console.log(`generated/: wrote ${outputs.length} files.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
