import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, transform } from 'esbuild';

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
const browserBuild = (contents: string): BuildOptions & { write: false } => ({
  stdin: { contents, resolveDir: root, loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
});

const gzipSize = (code: string): number => gzipSync(code, { level: 9 }).length;

export async function bundleSource(contents: string): Promise<BundleReport> {
  const result = await build(browserBuild(contents));
  const code = result.outputFiles[0]!.text;
  return { code, minified: Buffer.byteLength(code), gzip: gzipSize(code) };
}

/** One module's share of a bundle. */
export interface ModuleShare {
  /** The module, relative to the repository (`src/validate.ts`, `node_modules/ky/…`). */
  readonly module: string;
  /** Bytes of the minified bundle that came from it (esbuild's metafile). */
  readonly minified: number;
  /** How much smaller the gzipped bundle is without it: what it costs on top of everything else. */
  readonly gzip: number;
}

/**
 * What each module of `export { names } from '<entry>'` adds to the bundle. The minified bytes are esbuild's own
 * count; the gzip figure is measured by leaving the module's code out of the bundle and gzipping again, since
 * gzip's cost of a module depends on what else is in the bundle (a repeated word is nearly free).
 */
export async function moduleShares(names: readonly string[], entry = './src/index.ts'): Promise<ModuleShare[]> {
  const contents = `export { ${names.join(', ')} } from '${entry}';`;
  const minified = await build({ ...browserBuild(contents), metafile: true });
  const output = Object.values(minified.metafile!.outputs)[0]!;
  // The same bundle with its whitespace kept has a `// path` line before each module's code: cut there.
  const readable = await build({ ...browserBuild(contents), minify: false, minifySyntax: true, minifyIdentifiers: true });
  const sections = new Map<string, string>();
  // Code before the first module (esbuild's own helpers, when a module is loaded lazily) belongs to none.
  let current = '(bundler helpers)';
  for (const line of readable.outputFiles[0]!.text.split('\n')) {
    const marker = /^\/\/ (.+\.[cm]?[jt]s)$/.exec(line);
    if (marker) current = marker[1]!.replace(/^(\.\.\/)+/, '').replace(/^.*?(node_modules\/|src\/|generated\/)/, '$1');
    sections.set(current, `${sections.get(current) ?? ''}${line}\n`);
  }
  // The bundle's closing `export { … }` names code that a left-out module took along, so it goes from every variant.
  const whole = (without?: string): Promise<string> => {
    const code = [...sections].filter(([module]) => module !== without).map(([, text]) => text).join('');
    return transform(code.replace(/^export \{[^}]*\};?\s*$/m, ''), { minifyWhitespace: true }).then((result) => result.code);
  };
  const full = gzipSize(await whole());
  const shares: ModuleShare[] = [];
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const module = path.replace(/^(\.\.\/)+/, '').replace(/^.*?(node_modules\/|src\/|generated\/)/, '$1');
    if (bytesInOutput === 0) continue;
    shares.push({ module, minified: bytesInOutput, gzip: sections.has(module) ? full - gzipSize(await whole(module)) : 0 });
  }
  return shares.sort((a, b) => b.minified - a.minified);
}

/** The bundle of `export { names } from '<entry>'`: what importing just those costs. */
export const bundleOf = (names: readonly string[], entry = './src/index.ts'): Promise<BundleReport> => bundleSource(`export { ${names.join(', ')} } from '${entry}';`);
