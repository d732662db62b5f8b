// `npm run build` (and `prepare`): dist/ as the package ships it.
//
// - JavaScript: every entry point bundled by esbuild into one flat folder, dist/*.js, with the code that entries
//   share split into chunks (dist/chunk-*.js). Node loads ES modules one file at a time, so the core as tsc left
//   it (some sixty files) cost about 40 ms at import on Node 20; as two or three files it costs a few. Splitting
//   keeps one copy of every module across entries, so a StripeError thrown under /lua is the StripeError the core
//   exports. The folder is flat so that a file found by `new URL('./worker-node.js', import.meta.url)` is a sibling
//   whichever chunk that code lands in.
// - Declarations: tsc's, under dist/src and dist/generated as the sources are laid out ("types" in package.json).
//
// Dependencies stay imports (ky, wasmoon, the MCP SDK), and so does "#ky", which package.json "imports" resolves
// per platform when the package runs, not when it is built.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** dist/<name>.js ← source, one row per file package.json's "exports" and "bin" point at, and the Lua workers. */
export const ENTRIES = {
  index: 'src/index.ts',
  'index.node': 'src/node/core.ts',
  docs: 'src/docs/index.ts',
  tools: 'src/tools/index.ts',
  lua: 'src/lua/index.ts',
  'lua.web': 'src/lua/index.web.ts',
  'lua.workerd': 'src/lua/index.workerd.ts',
  'worker-node': 'src/lua/worker-node.ts',
  'worker-web': 'src/lua/worker-web.ts',
  emulator: 'src/emulator/index.ts',
  'emulator-serve': 'src/emulator/serve.ts',
  node: 'src/node/index.ts',
  mcp: 'src/mcp/index.ts',
  webhooks: 'src/webhooks/index.ts',
  cli: 'src/cli/main.ts',
};

/** Tools resolved from the folder being built (a consumer building from a git URL has them as dev dependencies). */
function tool(request) {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve(request);
  } catch {
    throw new Error(`${request.split('/')[0]} is not installed in ${ROOT}, so dist/ cannot be built. Run \`npm ci\` there first (a local folder installed with --install-links gets no dev dependencies).`);
  }
}

/** Every file under `dir`, as absolute paths. */
const filesUnder = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
    : [];

/**
 * Builds the package's JS and declarations into `outDir` (default: dist/). Files are written in place and what this
 * build did not write is deleted afterwards, rather than the folder emptied first: test files that run the built
 * binary build it at the same time as each other, and must never find dist/ missing.
 */
export async function build(outDir = join(ROOT, 'dist')) {
  const tsc = tool('typescript/bin/tsc');
  const esbuild = await import(pathToFileURL(tool('esbuild')).href);
  const { metafile } = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(ENTRIES).map(([out, source]) => ({ in: source, out })),
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    packages: 'external',
    external: ['#ky', 'node:*'],
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  let listed;
  try {
    listed = execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir, '--listEmittedFiles'], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    // tsc reports type errors on stdout, which is captured here for its list of files: show them.
    throw new Error(`tsc could not write the declarations:\n${String(error.stdout ?? '').split('\n').filter((line) => !line.startsWith('TSFILE: ')).join('\n').trim()}`);
  }
  const written = new Set([
    ...Object.keys(metafile.outputs).map((file) => resolve(ROOT, file)),
    ...listed.split('\n').flatMap((line) => (line.startsWith('TSFILE: ') ? [resolve(line.slice('TSFILE: '.length).trim())] : [])),
  ]);
  const stale = filesUnder(outDir).filter((file) => !written.has(file));
  for (const file of stale) rmSync(file, { force: true });
  return { written: [...written].map((file) => relative(outDir, file)), removed: stale.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--out-dir');
  try {
    await build(at === -1 ? undefined : resolve(process.argv[at + 1] ?? ''));
  } catch (error) {
    console.error(`@kosmokrator/stripe build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
