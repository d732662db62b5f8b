/**
 * This package as a consumer installs it, built from the working tree into `.cache/bench/package` by the package's
 * own build (scripts/build.mjs: esbuild's bundled entries and chunks, tsc's declarations), with a package.json whose
 * "." export is the real package.json's, conditions and all. Cold start imports it by name from a consumer folder
 * (`consumer`), so Node picks the entry a user's Node would; the type-check benchmark installs it into a consumer of
 * its own. Built here rather than read from dist/, which may be stale or mid-rebuild.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE = join(ROOT, '.cache', 'bench');
export const TSC = createRequire(import.meta.url).resolve('typescript/lib/tsc.js');

export interface BuiltPackage {
  /** The package's folder, to link into a consumer's node_modules. */
  dir: string;
  /** Its core module (the fetch entry), to import by path. */
  entry: string;
  /** A folder whose node_modules holds the package (linked), where `import(name)` resolves as in a user's app. */
  consumer: string;
  name: string;
  version: string;
}

export function buildPackage(): BuiltPackage {
  const dir = join(CACHE, 'package');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { name, version, exports, imports } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; exports: Record<string, unknown>; imports: unknown };
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out-dir', join(dir, 'dist')], { stdio: 'inherit' });
  // "#ky" (package.json "imports") picks how ky is loaded by platform: its loaders go along as the package ships them.
  cpSync(join(ROOT, 'ky-loader'), join(dir, 'ky-loader'), { recursive: true });
  const manifest = { name, version, type: 'module', sideEffects: false, exports: { '.': exports['.'] }, imports };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const consumer = join(CACHE, 'consumer');
  rmSync(consumer, { recursive: true, force: true });
  mkdirSync(join(consumer, 'node_modules', name, '..'), { recursive: true });
  symlinkSync(dir, join(consumer, 'node_modules', name), 'dir');
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'bench-consumer', private: true, type: 'module' }));
  return { dir, entry: join(dir, 'dist', 'index.js'), consumer, name, version };
}
