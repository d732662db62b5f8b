import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { root } from './helpers/build.js';

// The routes a user has before the package is on the registry: a git URL, and a tarball of `npm pack`. Both start
// from a clean clone of HEAD (what is committed, not the working tree), so a missing `prepare` or a wrong `files`
// shows here as it would for a user. Offline: npm reads only its cache. The scratch apps get a lockfile made from
// this repository's (the runtime dependencies' resolved URLs and integrity), because `npm install --offline`
// without one needs the registry's package documents, which `npm ci` never caches; with one, `npm ci --offline`
// needs only the tarballs, which are in the cache after the project's own `npm ci`.
const work = mkdtempSync(join(tmpdir(), 'kosmo-install-'));
const clone = join(work, 'clone');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
const quiet = ['--offline', '--no-audit', '--no-fund', '--loglevel=error'];

const sh = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

/** A scratch app that depends on the package through `spec`, with a lockfile that lets `npm ci --offline` work. */
function scratchApp(name: string, spec: string, resolved: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const runtime = Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional && !entry.optional && !entry.peer);
  const self = { version: manifest.version, resolved, dependencies: manifest.dependencies, bin: { 'kosmo-stripe': 'dist/cli.js' } };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module', dependencies: { [manifest.name]: spec } }));
  writeFileSync(
    join(dir, 'package-lock.json'),
    JSON.stringify({
      name,
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name, version: '1.0.0', dependencies: { [manifest.name]: spec } }, [`node_modules/${manifest.name}`]: self, ...Object.fromEntries(runtime) },
    }),
  );
  try {
    sh('npm', ['ci', ...quiet], dir);
  } catch (error) {
    // A cache missing a tarball the lockfile names (say, a dev dependency installed with another cache): read what
    // the cache has and fetch only the rest, and say so — the test then needs the registry for those.
    if (!String((error as { stderr?: string }).stderr).includes('ENOTCACHED')) throw error;
    process.stderr.write(`install.test: the npm cache lacks a package of the lockfile; ${name} falls back to --prefer-offline\n`);
    sh('npm', ['ci', '--prefer-offline', ...quiet.slice(1)], dir);
  }
  return dir;
}

/** What a user does first: import the package and ask the command for its version. */
function expectWorking(app: string): void {
  const imported = sh(process.execPath, ['-e', `import('${manifest.name}').then((m) => console.log(typeof m.createClient, typeof m.createCustomer))`], app);
  expect(imported.trim()).toBe('function function');
  expect(sh('npx', ['--offline', '--no-install', 'kosmo-stripe', '--version'], app).trim()).toBe(`kosmo-stripe ${manifest.version}`);
}

beforeAll(() => {
  sh('git', ['clone', '--quiet', '--no-hardlinks', root, clone], work);
}, 30_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('installing without the registry', () => {
  test('npm install <git URL of a clean clone> builds it (prepare) and gives a working package and npx kosmo-stripe', () => {
    const head = sh('git', ['rev-parse', 'HEAD'], clone).trim();
    const url = `git+file://${clone}`;
    const app = scratchApp('from-git', url, `${url}#${head}`);
    expectWorking(app);
  }, 180_000);

  test('npm pack of a clean clone packs the build (prepare runs on pack), and the tarball installs and works', () => {
    // A clean clone as a developer has it after `npm ci`: the dev dependencies are there (linked, to stay quick).
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
    const packed = JSON.parse(sh('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', work], clone)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    expect(packed[0]!.files.map((file) => file.path)).toContain('dist/cli.js');
    const tarball = join(work, packed[0]!.filename);
    const app = scratchApp('from-tarball', `file:${tarball}`, `file:${tarball}`);
    expectWorking(app);
  }, 120_000);
});
