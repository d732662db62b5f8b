import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BundleReport {
  readonly code: string;
  readonly minified: number;
  readonly gzip: number;
}

/**
 * Bundles a module's source the way an app's bundler would for a browser: ESM, minified, tree-shaken, with its
 * dependencies inside. Node built-ins are not available on that platform, so reaching one fails.
 */
export async function bundleSource(contents: string): Promise<BundleReport> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
}

/** The bundle of `export { names } from '<entry>'`: what importing just those costs. */
export const bundleOf = (names: readonly string[], entry = './src/index.ts'): Promise<BundleReport> => bundleSource(`export { ${names.join(', ')} } from '${entry}';`);
