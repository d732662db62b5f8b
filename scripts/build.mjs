// `npm run build` (and `prepare`): dist/ as the package ships it.
//
// - JavaScript: bundled by esbuild into one flat folder, dist/*.js, because Node loads ES modules one file at a time:
//   the core as tsc left it (some sixty files) cost about 40 ms at import on Node 20. Two builds share one copy of
//   every module, so a StripeError thrown under /lua is the StripeError the core exports:
//   1. the core: the "." entry for each platform (index.js, index.node.js), /node, and internal.js, which re-exports
//      every core module (src/*.ts, generated/*.ts) for the other entries. Their shared code goes into a few chunks
//      (the Node transport in one of its own), so importing "." on Node reads four files;
//   2. every other entry, split among themselves, their imports of core modules pointed at ./internal.js.
//   The folder is flat so that a file found by `new URL('./worker-node.js', import.meta.url)` is a sibling
//   whichever chunk that code lands in.
// - Declarations: tsc's, under dist/src and dist/generated as the sources are laid out ("types" in package.json).
//
// Dependencies stay imports (ky, wasmoon, the MCP SDK), and so does "#ky", which package.json "imports" resolves
// per platform when the package runs, not when it is built.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
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

/** The entries built with the core (build 1); the rest are build 2. */
const CORE_ENTRIES = ['index', 'index.node', 'node'];

/**
 * The core's modules, as paths from the repository root: what internal.js re-exports. All browser-safe: the Node
 * transport is not one of them (a bundler resolves its node: imports even when they are shaken out), it is shared
 * by index.node.js and node.js, the two entries that use it.
 */
const isCoreModule = (path) => /^(src|generated)\/[^/]+\.ts$/.test(path);

const INTERNAL = 'internal';

/** Tools resolved from the folder being built (a consumer building from a git URL has them as dev dependencies). */
function tool(request) {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve(request);
  } catch {
    throw new Error(`${request.split('/')[0]} is not installed in ${ROOT}, so dist/ cannot be built. Run \`npm ci\` there first (a local folder installed with --install-links gets no dev dependencies).`);
  }
}

/** The names an esbuild output imports from ./internal.js (`import { a, b as c } from "./internal.js"`). */
const importedFromInternal = (code) =>
  [...code.matchAll(new RegExp(`import\\s*{([^}]*)}\\s*from\\s*"\\./${INTERNAL}\\.js"`, 'g'))].flatMap((match) =>
    match[1]
      .split(',')
      .map((item) => item.trim().split(/\s+as\s+/)[0])
      .filter(Boolean),
  );

/** A path (from the output folder) this build writes, or an earlier layout's build wrote: JS at the top, JS and declarations under src/ and generated/. */
const isBuildOutput = (path) => /^[^/]+\.js$/.test(path) || /^(src|generated)\/.+\.(js|d\.ts)$/.test(path);

/** Every file under `dir`, as absolute paths. */
const filesUnder = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
    : [];

/**
 * Builds the package's JS and declarations into `outDir` (default: dist/). Files are written in place and the
 * outputs of earlier builds that this one did not write are deleted afterwards, rather than the folder emptied
 * first: test files that run the built binary build it at the same time as each other, and must never find dist/
 * missing.
 */
export async function build(outDir = join(ROOT, 'dist')) {
  const tsc = tool('typescript/bin/tsc');
  const esbuild = await import(pathToFileURL(tool('esbuild')).href);
  const common = {
    absWorkingDir: ROOT,
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
  };
  const coreModules = readdirSync(join(ROOT, 'src'))
    .map((name) => `src/${name}`)
    .concat(readdirSync(join(ROOT, 'generated')).map((name) => `generated/${name}`))
    .filter((path) => isCoreModule(path) && !path.endsWith('.d.ts'));
  // internal.js: `export *` of each core module. A name two modules exported as different bindings would be
  // ambiguous, and left out; the check below would then fail the build.
  const internal = {
    name: 'internal-entry',
    setup(bundle) {
      bundle.onResolve({ filter: /^kosmo:internal$/ }, () => ({ path: INTERNAL, namespace: 'kosmo' }));
      bundle.onLoad({ filter: /.*/, namespace: 'kosmo' }, () => ({ contents: coreModules.map((path) => `export * from './${path}';`).join('\n'), resolveDir: ROOT, loader: 'js' }));
    },
  };
  const core = await esbuild.build({
    ...common,
    entryPoints: [...CORE_ENTRIES.map((out) => ({ in: ENTRIES[out], out })), { in: 'kosmo:internal', out: INTERNAL }],
    plugins: [internal],
  });
  // Build 2: a relative import that lands on a core module becomes an import of ./internal.js.
  const toInternal = {
    name: 'core-through-internal',
    setup(bundle) {
      bundle.onResolve({ filter: /^\.\.?\// }, ({ path, importer }) => {
        const target = relative(ROOT, resolve(dirname(importer), path)).replace(/\.js$/, '.ts');
        return isCoreModule(target) ? { path: `./${INTERNAL}.js`, external: true } : undefined;
      });
    },
  };
  const rest = await esbuild.build({
    ...common,
    entryPoints: Object.entries(ENTRIES)
      .filter(([out]) => !CORE_ENTRIES.includes(out))
      .map(([out, source]) => ({ in: source, out })),
    plugins: [toInternal],
  });
  const outputs = { ...core.metafile.outputs, ...rest.metafile.outputs };
  const offered = new Set(Object.entries(core.metafile.outputs).find(([file]) => file.endsWith(`/${INTERNAL}.js`))?.[1].exports ?? []);
  const missing = Object.keys(rest.metafile.outputs).flatMap((file) => importedFromInternal(readFileSync(resolve(ROOT, file), 'utf8')).filter((name) => !offered.has(name)).map((name) => `${name} (in ${relative(outDir, resolve(ROOT, file))})`));
  if (missing.length > 0) throw new Error(`internal.js does not export what the other entries import from it: ${missing.join(', ')}`);
  let listed;
  try {
    listed = execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir, '--listEmittedFiles'], { cwd: ROOT, encoding: 'utf8' });
  } catch (error) {
    // tsc reports type errors on stdout, which is captured here for its list of files: show them.
    throw new Error(`tsc could not write the declarations:\n${String(error.stdout ?? '').split('\n').filter((line) => !line.startsWith('TSFILE: ')).join('\n').trim()}`);
  }
  const written = new Set([
    ...Object.keys(outputs).map((file) => resolve(ROOT, file)),
    ...listed.split('\n').flatMap((line) => (line.startsWith('TSFILE: ') ? [resolve(line.slice('TSFILE: '.length).trim())] : [])),
  ]);
  // Only files a build of this package could have left there: given the wrong folder, nothing else is touched.
  for (const file of filesUnder(outDir)) if (!written.has(file) && isBuildOutput(relative(outDir, file))) rmSync(file, { force: true });
}

const USAGE = 'Usage: node scripts/build.mjs [--out-dir <folder>]   (default: dist/)';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  const [flag, folder, ...rest] = args;
  if (args.length > 0 && (flag !== '--out-dir' || !folder || folder.startsWith('--') || rest.length > 0)) {
    console.error(`@kosmokrator/stripe build: expected no arguments or --out-dir <folder>, got ${JSON.stringify(args.join(' '))}\n${USAGE}`);
    process.exit(2);
  }
  try {
    await build(folder === undefined ? undefined : resolve(folder));
  } catch (error) {
    console.error(`@kosmokrator/stripe build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
