import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

/** A parsed spec file and the path it came from, for error messages. */
export interface LoadedFile<T = unknown> {
  readonly file: string;
  readonly doc: T;
}

export interface LoadedSpec {
  readonly functions: LoadedFile;
  readonly openapi: LoadedFile;
  readonly agentDocs: LoadedFile;
}

export const SPEC_FILES = { functions: 'spec/functions.yaml', openapi: 'spec/openapi.yaml', agentDocs: 'spec/agent-docs.yaml' } as const;

async function loadYaml(root: string, file: string): Promise<LoadedFile> {
  const document = parseDocument(await readFile(join(root, file), 'utf8'), { prettyErrors: true, uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) throw new Error(problems.map((problem) => `${file}: ${problem.message}`).join('\n'));
  return { file, doc: document.toJS() };
}

/** The only stage that reads files: the YAML documents of spec/, parsed. */
export async function loadSpec(root: string): Promise<LoadedSpec> {
  const [functions, openapi, agentDocs] = await Promise.all([
    loadYaml(root, SPEC_FILES.functions),
    loadYaml(root, SPEC_FILES.openapi),
    loadYaml(root, SPEC_FILES.agentDocs),
  ]);
  return { functions, openapi, agentDocs };
}
