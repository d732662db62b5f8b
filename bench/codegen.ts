/**
 * Codegen: wall time of `npm run generate`, median of `runs`. It runs in a copy of package.json, spec/ and
 * codegen/ under `.cache/bench/codegen`, because generate replaces generated/ wholesale and others may be
 * reading the real one while the benchmark runs; npm finds tsx and the codegen's dependencies in the
 * repository's node_modules above the copy, so the command and its work are the same.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, ROOT } from './package.js';
import { median } from './stats.js';

export interface CodegenReport { runs: number; wallMs: number; outputs: string }

export function measureCodegen(runs: number): CodegenReport {
  const dir = join(CACHE, 'codegen');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const path of ['package.json', 'spec', 'codegen']) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  const times: number[] = [];
  let outputs = '';
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    const child = spawnSync('npm', ['run', '--silent', 'generate'], { cwd: dir, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (child.status !== 0) throw new Error(`npm run generate failed:\n${child.stdout}${child.stderr}`);
    outputs = child.stdout.trim();
  }
  return { runs, wallMs: median(times), outputs };
}
