import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds dist/ for tests that exercise the built package (the real binary, `npm pack`): a stale dist/ would
 * test yesterday's code. Run it in `beforeAll`.
 */
export function buildPackage(): void {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'pipe' });
}

/**
 * Builds the package into a folder of its own, laid out as it is installed (package.json, dist/, the files its
 * "imports" point at, node_modules linked), so a test can run the built binary without touching the tree's dist/.
 * Everything package.json's "imports" maps to must be copied here, or the built code cannot resolve it.
 */
export function buildPackageInto(dir: string): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  cpSync(join(root, 'ky-loader'), join(dir, 'ky-loader'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out-dir', join(dir, 'dist')], { cwd: root, stdio: 'pipe' });
}
