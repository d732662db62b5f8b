// `npm run prepare`: builds dist/. npm runs it on `npm ci`/`npm install` in this folder, before `npm pack`, and when
// the package is installed from a git URL (after installing its dev dependencies) or a folder with --install-links
// (without installing them). In that last case a folder nobody ran `npm ci` in has no TypeScript: say so plainly.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [process.cwd()] });
} catch {
  console.error(`@kosmokrator/stripe prepare: TypeScript is not installed in ${process.cwd()}, so dist/ cannot be built. Run \`npm ci\` there first (a local folder installed with --install-links gets no dev dependencies).`);
  process.exit(1);
}
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
