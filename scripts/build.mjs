// `npm run build` (and `prepare`): dist/ as the package ships it.
//
// - JavaScript: bundled by esbuild into one flat folder, dist/*.js, because Node loads ES modules one file at a time
//   (the core as tsc left it, some sixty files, cost about 40 ms at import on Node 20). The core is built twice, once
//   per family of platforms, and every runtime loads exactly one family, so a StripeError thrown under /lua is the
//   StripeError "." exports wherever it runs:
//   1. the web family (browsers, workerd, Bun, Deno): the "." entry index.js, /node, and internal.js, which
//      re-exports every core module (src/*.ts, generated/*.ts), sharing their code through a few chunks;
//   2. the Node family: internal.node.js, the same core modules plus the Node transport in one file (Node reads one
//      file much faster than four), and index.node.js and node.node.js, which only re-export from it;
//   3. every other entry, split among themselves, their imports of core modules pointed at "#internal", which
//      package.json "imports" resolves by the same conditions as "." (internal.node.js under `node`, else internal.js).
//   The folder is flat so that a file found by `new URL('./worker-node.js', import.meta.url)` is a sibling
//   whichever chunk that code lands in.
// - Declarations: tsc's, under dist/src and dist/generated as the sources are laid out ("types" in package.json).
//
// Dependencies stay imports (ky, wasmoon, the MCP SDK), and so does "#ky" in the web family, which package.json
// "imports" resolves per platform when the package runs; the Node family has its loader (ky-loader/lazy.js) inlined.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** dist/<name>.js ← source, one row per file package.json's "exports" and "bin" point at, and the Lua workers. */
export const ENTRIES = {
  index: 'src/index.ts',
  'index.node': 'src/node/core.ts',
  'node.node': 'src/node/index.ts',
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

/** The web family's core entries (build 1), the Node family's (build 2, re-exports of internal.node.js); the rest are build 3. */
const WEB_CORE = ['index', 'node'];
const NODE_CORE = ['index.node', 'node.node'];

/**
 * The core's modules, as paths from the repository root: what internal.js and internal.node.js re-export. All
 * browser-safe: the Node transport is not one of them (a bundler resolves its node: imports even when they are
 * shaken out); it is in internal.node.js and, for Bun and Deno, in the web family's /node.
 */
const isCoreModule = (path) => /^(src|generated)\/[^/]+\.ts$/.test(path);

/** What "#internal" (package.json "imports") resolves to: the core of the family the runtime loads. */
const INTERNAL = { web: 'internal', node: 'internal.node' };
const NODE_TRANSPORT = 'src/node/node-fetch.ts';
const KY_ON_NODE = 'ky-loader/lazy.js';
// The functions src/node/core.ts defines itself, in place of the core's: internal.node.js exports them under this
// suffix, beside the core's own, and index.node.js gives them their names back.
const ON_NODE = 'OnNode';

/** Tools resolved from the folder being built (a consumer building from a git URL has them as dev dependencies). */
function tool(request) {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve(request);
  } catch {
    throw new Error(`${request.split('/')[0]} is not installed in ${ROOT}, so dist/ cannot be built. Run \`npm ci\` there first (a local folder installed with --install-links gets no dev dependencies).`);
  }
}

/** The names an esbuild output imports from "#internal" (`import { a, b as c } from "#internal"`). */
const importedFromInternal = (code) =>
  [...code.matchAll(/import\s*{([^}]*)}\s*from\s*"#internal"/g)].flatMap((match) =>
    match[1]
      .split(',')
      .map((item) => item.trim().split(/\s+as\s+/)[0])
      .filter(Boolean),
  );

/** An esbuild plugin serving `kosmo:<name>` as a module of the given source text, resolved from the repository root. */
const virtualModules = (sources) => ({
  name: 'virtual-modules',
  setup(bundle) {
    bundle.onResolve({ filter: /^kosmo:/ }, ({ path }) => ({ path: path.slice('kosmo:'.length), namespace: 'kosmo' }));
    bundle.onLoad({ filter: /.*/, namespace: 'kosmo' }, ({ path }) => ({ contents: sources[path], resolveDir: ROOT, loader: 'js' }));
  },
});

/** The names the output file `out` (e.g. 'internal') of an esbuild metafile exports. */
const exportsOf = (metafile, out) => Object.entries(metafile.outputs).find(([file]) => file.endsWith(`/${out}.js`))?.[1].exports ?? [];

/** A module of only `export { … } from './<from>.js'`, for the Node family's entries. */
const reexports = (names, from, why) => `// ${why}\nexport {\n${names.map((name) => `  ${name},`).join('\n')}\n} from "./${from}.js";\n`;

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
  // Each family's internal module: `export *` of each core module. A name two modules exported as different
  // bindings would be ambiguous, and left out; the checks below would then fail the build.
  const reexportCore = coreModules.map((path) => `export * from './${path}';`);
  const nodeEntry = ENTRIES['index.node'];
  const ownOnNode = [...readFileSync(join(ROOT, nodeEntry), 'utf8').matchAll(/^export (?:async )?(?:function|const|class) (\w+)/gm)].map((match) => match[1]);
  const sources = {
    [INTERNAL.web]: reexportCore.join('\n'),
    [INTERNAL.node]: [...reexportCore, `export * from './${NODE_TRANSPORT}';`, `export { ${ownOnNode.map((name) => `${name} as ${name}${ON_NODE}`).join(', ')} } from './${nodeEntry}';`].join('\n'),
  };

  // 1. The web family.
  const web = await esbuild.build({
    ...common,
    entryPoints: [...WEB_CORE.map((out) => ({ in: ENTRIES[out], out })), { in: `kosmo:${INTERNAL.web}`, out: INTERNAL.web }],
    plugins: [virtualModules(sources)],
  });

  // 2. The Node family: the core in one file, with ky's loader for Node in it, and the entries that re-export it.
  const kyOnNode = { name: 'ky-on-node', setup: (bundle) => bundle.onResolve({ filter: /^#ky$/ }, () => ({ path: join(ROOT, KY_ON_NODE) })) };
  const node = await esbuild.build({
    ...common,
    splitting: false,
    external: ['node:*'],
    entryPoints: [{ in: `kosmo:${INTERNAL.node}`, out: INTERNAL.node }],
    plugins: [virtualModules(sources), kyOnNode],
  });
  const offeredOnNode = new Set(exportsOf(node.metafile, INTERNAL.node));
  const namesOf = async (entry) => exportsOf((await esbuild.build({ ...common, entryPoints: { out: entry }, write: false, plugins: [] })).metafile, 'out');
  const nodeFamily = {
    'index.node': (await namesOf(nodeEntry)).map((name) => (ownOnNode.includes(name) ? `${name}${ON_NODE} as ${name}` : name)),
    'node.node': await namesOf(ENTRIES['node.node']),
  };
  const notOffered = Object.values(nodeFamily).flat().map((name) => name.split(' as ')[0]).filter((name) => !offeredOnNode.has(name));
  if (notOffered.length > 0) throw new Error(`${INTERNAL.node}.js does not export what the Node family's entries re-export: ${notOffered.join(', ')}`);
  const why = { 'index.node': `"." on Node (the \`node\` condition): the core, its clients sending through node:http (${nodeEntry}).`, 'node.node': `@kosmokrator/stripe/node on Node (${ENTRIES['node.node']}).` };
  for (const [out, names] of Object.entries(nodeFamily)) writeFileSync(join(outDir, `${out}.js`), reexports(names, INTERNAL.node, why[out]));

  // 3. The rest: a relative import that lands on a core module becomes an import of "#internal".
  const toInternal = {
    name: 'core-through-internal',
    setup(bundle) {
      bundle.onResolve({ filter: /^\.\.?\// }, ({ path, importer }) => {
        const target = relative(ROOT, resolve(dirname(importer), path)).replace(/\.js$/, '.ts');
        return isCoreModule(target) ? { path: '#internal', external: true } : undefined;
      });
    },
  };
  const rest = await esbuild.build({
    ...common,
    entryPoints: Object.entries(ENTRIES)
      .filter(([out]) => !WEB_CORE.includes(out) && !NODE_CORE.includes(out))
      .map(([out, source]) => ({ in: source, out })),
    plugins: [toInternal],
  });
  const outputs = { ...web.metafile.outputs, ...node.metafile.outputs, ...rest.metafile.outputs, ...Object.fromEntries(NODE_CORE.map((out) => [relative(ROOT, join(outDir, `${out}.js`)), {}])) };
  // Whichever family a runtime loads, "#internal" must offer every name the other entries import from it.
  for (const [family, offered] of [[INTERNAL.web, new Set(exportsOf(web.metafile, INTERNAL.web))], [INTERNAL.node, offeredOnNode]]) {
    const missing = Object.keys(rest.metafile.outputs).flatMap((file) => importedFromInternal(readFileSync(resolve(ROOT, file), 'utf8')).filter((name) => !offered.has(name)).map((name) => `${name} (in ${relative(outDir, resolve(ROOT, file))})`));
    if (missing.length > 0) throw new Error(`${family}.js does not export what the other entries import from "#internal": ${missing.join(', ')}`);
  }
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
