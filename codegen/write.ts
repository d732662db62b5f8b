import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Output } from './lib/ts.js';

const GENERATED_DIR = 'generated';

async function listFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? listFiles(root, join(dir, entry.name)) : [join(dir, entry.name)])));
  return nested.flat();
}

/** The files of generated/ that differ from the outputs: changed, missing, or no longer produced. */
export async function findDrift(root: string, outputs: readonly Output[]): Promise<string[]> {
  const expected = new Map(outputs.map((output) => [output.path, output.text]));
  const drift: string[] = [];
  for (const [path, text] of expected) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current === undefined) drift.push(`${path} (missing)`);
    else if (current !== text) drift.push(`${path} (differs)`);
  }
  for (const path of await listFiles(root, GENERATED_DIR)) {
    if (!expected.has(relative(root, join(root, path)))) drift.push(`${path} (not produced by the spec)`);
  }
  return drift.sort();
}

/** The only stage that writes: replaces generated/ with exactly the outputs. */
export async function writeOutputs(root: string, outputs: readonly Output[]): Promise<void> {
  await rm(join(root, GENERATED_DIR), { recursive: true, force: true });
  for (const output of outputs) {
    await mkdir(dirname(join(root, output.path)), { recursive: true });
    await writeFile(join(root, output.path), output.text);
  }
}
