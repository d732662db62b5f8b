/**
 * Turns the repository into what the runtimes run: `npm run build`, `npm pack`, the tarball installed into a
 * throwaway app (so the smoke imports the package exactly as a user's project would, through its `exports`
 * and `files`), and esbuild bundles of the smoke entries and hosts.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { cacheDir, prefixDir, root } from './install.js';
import { cleanNpmEnv, run, tail } from './process.js';

export const appDir = join(cacheDir, 'app');

export interface Artifacts {
  /** For Node, Bun and Deno: the smoke entry, importing the installed package by name. */
  readonly cli: string;
  /** For workerd: a self-contained Worker module. */
  readonly worker: string;
  /** For Chromium: the folder holding page.js. */
  readonly pageDir: string;
  readonly workerdHost: string;
  readonly chromiumHost: string;
  /** False while the package has no `./emulator` export: the in-runtime round trip then fails, by design. */
  readonly hasEmulatorExport: boolean;
}

async function step(label: string, command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(command, args, { cwd, env: cleanNpmEnv(), timeoutMs: 300_000 });
  if (result.code !== 0) throw new Error(`${label} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}):\n${tail(result.stdout + result.stderr)}`);
  return result.stdout;
}

/**
 * Resolves `@kosmokrator/stripe[/…]` from the app, i.e. from the installed tarball. A subpath the package does
 * not export becomes a module that throws when loaded, so its own check fails with that message while the rest
 * of the bundle still runs (workerd refuses a Worker whose imports do not resolve at all).
 */
const fromInstalledPackage: Plugin = {
  name: 'installed-package',
  setup(bundle) {
    bundle.onResolve({ filter: /^@kosmokrator\/stripe(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'from-app') return undefined;
      const resolved = await bundle.resolve(args.path, { kind: args.kind, resolveDir: appDir, pluginData: 'from-app' });
      return resolved.errors.length === 0 ? resolved : { path: args.path, namespace: 'not-exported' };
    });
    bundle.onLoad({ filter: /.*/, namespace: 'not-exported' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} does not resolve in the installed package (not in its "exports"?)`)});`,
      loader: 'js',
    }));
  },
};

const here = (path: string): string => join(root, 'runtimes', path);

/** Builds, packs and installs the package, then bundles every entry. Returns where each one is. */
export async function buildArtifacts(): Promise<Artifacts> {
  await step('npm run build', 'npm', ['run', 'build'], root);
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  const [packed] = JSON.parse(await step('npm pack', 'npm', ['pack', '--json', '--pack-destination', appDir], root)) as Array<{ filename: string }>;
  const app = { name: 'runtime-smoke-app', private: true, type: 'module', dependencies: { '@kosmokrator/stripe': `file:./${packed!.filename}` } };
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
  // No install script runs: the tarball already holds dist/ (its `prepare` is for git checkouts), and nothing else
  // the smoke app installs needs one.
  await step('npm install (smoke app)', 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], appDir);

  const exportsField = (JSON.parse(readFileSync(join(appDir, 'node_modules/@kosmokrator/stripe/package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports;
  const artifacts: Artifacts = {
    cli: join(appDir, 'smoke-cli.mjs'),
    worker: join(appDir, 'smoke-worker.mjs'),
    pageDir: join(appDir, 'page'),
    workerdHost: join(prefixDir('miniflare'), 'host.mjs'),
    chromiumHost: join(prefixDir('playwright'), 'host.mjs'),
    hasEmulatorExport: './emulator' in exportsField,
  };
  const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'silent', legalComments: 'none' } as const;
  await Promise.all([
    // Left unbundled against the package, so Node, Bun and Deno each resolve it through `exports` themselves.
    build({ ...common, entryPoints: [here('smoke/cli.ts')], outfile: artifacts.cli, platform: 'neutral', external: ['@kosmokrator/stripe', '@kosmokrator/stripe/*'] }),
    build({ ...common, entryPoints: [here('smoke/worker.ts')], outfile: artifacts.worker, platform: 'browser', conditions: ['workerd', 'worker', 'browser'], plugins: [fromInstalledPackage] }),
    build({ ...common, entryPoints: [here('smoke/page.ts')], outfile: join(artifacts.pageDir, 'page.js'), platform: 'browser', plugins: [fromInstalledPackage] }),
    // The hosts import miniflare / playwright-core, which resolve from the prefix each host is written into.
    build({ ...common, entryPoints: [here('hosts/workerd.ts')], outfile: artifacts.workerdHost, platform: 'node', packages: 'external' }),
    build({ ...common, entryPoints: [here('hosts/chromium.ts')], outfile: artifacts.chromiumHost, platform: 'node', packages: 'external' }),
  ]);
  for (const file of [artifacts.cli, artifacts.worker, join(artifacts.pageDir, 'page.js')]) if (!existsSync(file)) throw new Error(`esbuild wrote no ${file}`);
  return artifacts;
}
