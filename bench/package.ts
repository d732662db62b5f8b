/**
 * This package as a consumer installs it, built from the working tree into `.cache/bench/package`: tsc's JS and
 * declarations of the browser-safe entry (`src/index.ts` and what it imports), and a package.json whose
 * `exports` point at them. Cold start imports it; the type-check benchmark installs it into a consumer.
 *
 * Built here rather than read from dist/, which may be stale or mid-rebuild, and only from src/index.ts so that
 * work in progress elsewhere in src/ cannot break the benchmark.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE = join(ROOT, '.cache', 'bench');
export const TSC = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');

export interface BuiltPackage {
  /** The package's folder, to link into a consumer's node_modules. */
  dir: string;
  /** Its main module, to import. */
  entry: string;
  name: string;
  version: string;
}

export function buildPackage(): BuiltPackage {
  const dir = join(CACHE, 'package');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const tsconfig = {
    extends: join(ROOT, 'tsconfig.json'),
    compilerOptions: { noEmit: false, declaration: true, rootDir: ROOT, outDir: join(dir, 'dist'), types: [] },
    files: [join(ROOT, 'src', 'index.ts')],
    include: [],
  };
  writeFileSync(join(dir, 'tsconfig.build.json'), JSON.stringify(tsconfig, null, 2));
  execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
  const manifest = { name, version, type: 'module', sideEffects: false, exports: { '.': { types: './dist/src/index.d.ts', default: './dist/src/index.js' } } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return { dir, entry: join(dir, 'dist', 'src', 'index.js'), name, version };
}
