/**
 * Installs the runtimes of the matrix into `.cache/runtimes/<prefix>`, each from a pinned manifest in
 * `runtimes/prefixes/<prefix>/` (package.json with its `allowScripts` approvals, and a lockfile), and Chromium
 * from Debian. A prefix is reinstalled only when its manifest changed or its binary no longer answers, so a
 * second run costs a few `--version` calls. Nothing goes into the project's own node_modules.
 *
 * Run on its own: `npx tsx runtimes/install.ts [prefix…]`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanNpmEnv, run, tail } from './process.js';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const cacheDir = join(root, '.cache/runtimes');
const manifests = join(root, 'runtimes/prefixes');

const MANIFEST_FILES = ['package.json', 'package-lock.json'];

export type PrefixName = 'node22' | 'node24' | 'bun' | 'deno' | 'miniflare' | 'playwright';

export const prefixDir = (name: PrefixName): string => join(cacheDir, name);

/** The binary of a Node prefix (node22, node24). miniflare 4 declares Node >= 22, so it also runs under node22. */
export const nodeBinary = (name: 'node22' | 'node24'): string => join(prefixDir(name), 'node_modules/node/bin/node');
export const CHROMIUM = '/usr/bin/chromium';

interface PrefixSpec {
  /** The runtime this prefix needs to run npm under, when the machine's Node is too old for it. */
  readonly npmUnder?: 'node22' | 'node24';
  /** Answers with the installed version, or throws when the prefix is not usable. */
  readonly probe: (dir: string) => Promise<string>;
}

async function versionOf(binary: string, args: readonly string[] = ['--version']): Promise<string> {
  const result = await run(binary, args, { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`${binary} ${args.join(' ')} exited ${result.code}: ${tail(result.stderr, 3)}`);
  return result.stdout.trim().split('\n')[0]!;
}

function packageVersion(dir: string, name: string): string {
  return (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

const PREFIXES: Record<PrefixName, PrefixSpec> = {
  node22: { probe: () => versionOf(nodeBinary('node22')) },
  node24: { probe: () => versionOf(nodeBinary('node24')) },
  bun: { probe: (dir) => versionOf(join(dir, 'node_modules/.bin/bun')) },
  deno: { probe: async (dir) => (await versionOf(join(dir, 'node_modules/.bin/deno'))).split(' ')[1] ?? '' },
  miniflare: {
    npmUnder: 'node22',
    probe: async (dir) => {
      await versionOf(join(dir, 'node_modules/.bin/workerd'));
      return `workerd ${packageVersion(dir, 'workerd')}, miniflare ${packageVersion(dir, 'miniflare')}`;
    },
  },
  playwright: { probe: async (dir) => packageVersion(dir, 'playwright-core') },
};

export interface InstallOutcome {
  readonly name: string;
  readonly version: string;
  /** Seconds the install took, or null when the prefix was already there and working. */
  readonly installSeconds: number | null;
}

/** The pinned version of each dependency of a manifest, e.g. `{ node: '22.23.3' }`. */
function pins(name: PrefixName): Record<string, string> {
  return (JSON.parse(readFileSync(join(manifests, name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
}

/** True when the installed version is the pinned one (the probe's text contains it). */
function matchesPins(name: PrefixName, version: string): boolean {
  return Object.values(pins(name)).every((pin) => version.includes(pin));
}

async function probeQuietly(name: PrefixName): Promise<string | null> {
  const dir = prefixDir(name);
  // A changed pin or lockfile means a reinstall, even when the old binary still answers.
  const same = (file: string) => existsSync(join(dir, file)) && readFileSync(join(dir, file), 'utf8') === readFileSync(join(manifests, name, file), 'utf8');
  if (!MANIFEST_FILES.every(same)) return null;
  try {
    const version = await PREFIXES[name].probe(dir);
    return matchesPins(name, version) ? version : null;
  } catch {
    return null;
  }
}

/** Installs one prefix unless it is already there and working. */
export async function ensurePrefix(name: PrefixName): Promise<InstallOutcome> {
  const present = await probeQuietly(name);
  if (present !== null) return { name, version: present, installSeconds: null };
  const spec = PREFIXES[name];
  const under = spec.npmUnder === undefined ? undefined : (await ensurePrefix(spec.npmUnder), dirname(nodeBinary(spec.npmUnder)));
  const dir = prefixDir(name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of MANIFEST_FILES) writeFileSync(join(dir, file), readFileSync(join(manifests, name, file)));
  console.log(`install: ${name} → ${dir}${under === undefined ? '' : ` (npm under ${spec.npmUnder})`}`);
  // --strict-allow-scripts: an install script nobody approved in the manifest fails the install instead of running.
  const result = await run('npm', ['ci', '--no-audit', '--no-fund', '--strict-allow-scripts'], { cwd: dir, env: cleanNpmEnv(under), timeoutMs: 300_000 });
  if (result.code !== 0) {
    throw new Error(`could not install the ${name} prefix: npm ci in ${dir} failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}; it needs the npm registry, or the packages of runtimes/prefixes/${name}/package-lock.json in the npm cache):\n${tail(result.stdout + result.stderr)}`);
  }
  const version = await spec.probe(dir);
  if (!matchesPins(name, version)) throw new Error(`install of ${name} gave ${version}, not the pinned ${JSON.stringify(pins(name))}`);
  return { name, version, installSeconds: result.seconds };
}

/** Debian's Chromium: playwright-core drives it, and never downloads a browser of its own. */
export async function ensureChromium(): Promise<InstallOutcome> {
  const present = existsSync(CHROMIUM) ? await versionOf(CHROMIUM).catch(() => null) : null;
  if (present !== null) return { name: 'chromium', version: present, installSeconds: null };
  if (process.getuid?.() !== 0) {
    throw new Error(
      `the chromium runtime needs Debian's Chromium at ${CHROMIUM}, which is ${existsSync(CHROMIUM) ? 'there but does not answer --version' : 'missing'}; ` +
        `the stage installs it with apt-get only when it runs as root, and this is uid ${process.getuid?.()}. ` +
        'Install it once as root (`sudo apt-get update && sudo apt-get install -y chromium` on Debian or Ubuntu), then run the stage again; the other runtimes do not need it.',
    );
  }
  if (!existsSync('/usr/bin/apt-get')) throw new Error(`the chromium runtime needs Chromium at ${CHROMIUM}, and this machine has no apt-get to install it: install Chromium there with the system's package manager.`);
  console.log('install: chromium (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const started = performance.now();
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const result = await run('apt-get', args, { env, timeoutMs: 600_000 });
    if (result.code !== 0) throw new Error(`the chromium runtime needs Debian's Chromium, and apt-get ${args.join(' ')} failed (exit ${result.code}; no network to the Debian mirror?):\n${tail(result.stdout + result.stderr)}`);
  }
  return { name: 'chromium', version: await versionOf(CHROMIUM), installSeconds: (performance.now() - started) / 1000 };
}

export const ALL_PREFIXES = Object.keys(PREFIXES) as PrefixName[];

// `npx tsx runtimes/install.ts [prefix…]` installs just those (all, and Chromium, when none is named).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const named = process.argv.slice(2) as PrefixName[];
  const unknown = named.filter((name) => !(name in PREFIXES));
  if (unknown.length > 0) {
    console.error(`unknown prefix ${unknown.join(', ')}; known: ${ALL_PREFIXES.join(', ')}`);
    process.exit(2);
  }
  for (const name of named.length > 0 ? named : ALL_PREFIXES) {
    const outcome = await ensurePrefix(name);
    console.log(`${name}: ${outcome.version} (${outcome.installSeconds === null ? 'present' : `installed in ${outcome.installSeconds.toFixed(1)} s`})`);
  }
  if (named.length === 0) console.log(`chromium: ${(await ensureChromium()).version}`);
}
