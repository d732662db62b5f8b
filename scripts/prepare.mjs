// `npm run prepare`: builds dist/ (scripts/build.mjs). npm runs it on `npm ci`/`npm install` in this folder, before
// `npm pack`, and when the package is installed from a git URL (after installing its dev dependencies) or a folder
// with --install-links (without installing them). In that last case a folder nobody ran `npm ci` in has no
// TypeScript or esbuild: say so plainly and exit 1.
import { build } from './build.mjs';

try {
  await build();
} catch (error) {
  console.error(`@kosmokrator/stripe prepare: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
