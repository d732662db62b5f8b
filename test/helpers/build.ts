import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds dist/ for tests that exercise the built package (the real binary, `npm pack`): a stale dist/ would
 * test yesterday's code. Run it in `beforeAll`.
 */
export function buildPackage(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
}
