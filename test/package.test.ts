import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENTRIES } from '../scripts/build.mjs';
import { root } from './helpers/build.js';

// What users get is what `npm pack` puts in the tarball. It is packed from a copy of the repository, built
// there: the copy has every file a wrong `files` entry could leak (spec/, test/, …), and building it leaves
// the real dist/ alone while other test files run the binary from it.
const stage = mkdtempSync(join(tmpdir(), 'kosmo-pack-'));
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', '.cache', 'coverage']);
let packed: string[] = [];
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

const LEFT_IN_DIST = { 'chunk-STALE0.js': 'export {};\n', 'src/client.js': 'export {};\n', 'notes.txt': 'mine\n' };

beforeAll(() => {
  cpSync(root, stage, { recursive: true, filter: (source) => !NOT_COPIED.has(relative(root, source).split(sep)[0]!) && !source.endsWith('.tgz') });
  symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'));
  // What an earlier build left (a chunk this one does not write, tsc's old JS layout) and a file no build writes.
  mkdirSync(join(stage, 'dist', 'src'), { recursive: true });
  for (const [file, text] of Object.entries(LEFT_IN_DIST)) writeFileSync(join(stage, 'dist', file), text);
  execFileSync(process.execPath, [join(stage, 'scripts/build.mjs')], { cwd: stage, stdio: 'pipe' });
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  packed = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path).sort();
}, 120_000);

afterAll(() => rmSync(stage, { recursive: true, force: true }));

describe('the build (scripts/build.mjs)', () => {
  test('deletes what earlier builds left, and nothing it could not have written', () => {
    expect(existsSync(join(stage, 'dist', 'chunk-STALE0.js'))).toBe(false);
    expect(existsSync(join(stage, 'dist', 'src', 'client.js'))).toBe(false);
    expect(readFileSync(join(stage, 'dist', 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  test.each([[['--out-dir']], [['--out-dir', '--help-me']], [['--outdir', 'x']], [['--out-dir', 'a', 'b']], [['dist']]])('refuses %j as usage (exit 2) and builds nothing', (args) => {
    const run = spawnSync(process.execPath, [join(stage, 'scripts/build.mjs'), ...args], { cwd: stage, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: node scripts/build.mjs [--out-dir <folder>]');
    expect(run.stdout).toBe('');
  });
});

function filesUnder(dir: string): string[] {
  if (!existsSync(join(stage, dir))) return [];
  return readdirSync(join(stage, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(stage, join(entry.parentPath, entry.name)));
}

/** Every file path an `exports` value points at, through nested conditions. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(targets);
}

const normalise = (target: string): string => target.replace(/^\.\//, '');

describe('npm pack', () => {
  test('holds the build, the docs, the tool catalogue, the Lua examples, README and package.json, and nothing else', () => {
    // The bundled JS, flat in dist/, and tsc's declarations, laid out as the sources are.
    const built = filesUnder('dist').filter((path) => /^dist\/[^/]+\.js$/.test(path) || /^dist\/(src|generated)\/.+\.d\.ts$/.test(path));
    const examples = filesUnder('examples').filter((path) => /^examples\/[^/]+\.lua$/.test(path));
    const license = existsSync(join(stage, 'LICENSE')) ? ['LICENSE'] : [];
    // "#ky" (package.json "imports"): how ky is loaded, by platform.
    const kyLoader = ['ky-loader/eager.d.ts', 'ky-loader/eager.js', 'ky-loader/lazy.d.ts', 'ky-loader/lazy.js'];
    const expected = [...built, ...examples, ...license, ...kyLoader, 'README.md', 'generated/docs/stripe.md', 'generated/tools.json', 'package.json'].sort();
    expect(packed).toEqual(expected);
  });

  test('has the bundled entry points of the core and of every subpath entry, with their declarations', () => {
    const entries = { index: 'src/index', docs: 'src/docs/index', tools: 'src/tools/index', lua: 'src/lua/index', emulator: 'src/emulator/index', webhooks: 'src/webhooks/index' };
    for (const [js, types] of Object.entries(entries)) {
      expect(packed).toContain(`dist/${js}.js`);
      expect(packed).toContain(`dist/${types}.d.ts`);
    }
    expect(packed).toContain('dist/generated/index.d.ts');
  });

  test('dist/ holds one file per entry of the build and shared chunks, nothing else', () => {
    const js = packed.filter((path) => path.startsWith('dist/') && path.endsWith('.js'));
    const chunks = js.filter((path) => /^dist\/chunk-[A-Z0-9]+\.js$/.test(path));
    expect(chunks.length).toBeGreaterThan(0);
    // internal.js and internal.node.js: the core's modules, re-exported for the other entries, per family of platforms.
    expect(js.filter((path) => !chunks.includes(path)).sort()).toEqual([...Object.keys(ENTRIES), 'internal', 'internal.node'].map((name) => `dist/${name}.js`).sort());
  });

  // What each kind of runtime loads: package.json resolved with its conditions (in the order Node, Bun, Deno, workerd
  // and browser bundlers match them), then every file the resolved files import, statically or not.
  const RUNTIMES: Record<string, readonly string[]> = {
    node: ['node', 'import', 'default'],
    bun: ['bun', 'node', 'import', 'default'],
    deno: ['deno', 'node', 'import', 'default'],
    workerd: ['workerd', 'worker', 'browser', 'import', 'default'],
    browser: ['browser', 'import', 'default'],
  };
  const resolveFor = (conditions: readonly string[], target: unknown): string | undefined => {
    if (typeof target === 'string') return normalise(target);
    if (target === null || typeof target !== 'object') return undefined;
    const key = Object.keys(target).find((name) => name !== 'types' && conditions.includes(name));
    return key === undefined ? undefined : resolveFor(conditions, (target as Record<string, unknown>)[key]);
  };
  const importsMap = (manifest as { imports?: Record<string, unknown> }).imports ?? {};
  /** The dist/ files `path` reaches, itself included, for a runtime matching `conditions`. */
  const reachedFrom = (conditions: readonly string[], start: string): Set<string> => {
    const reached = new Set<string>();
    const walk = (path: string): void => {
      if (reached.has(path) || !path.startsWith('dist/')) return;
      reached.add(path);
      for (const [, specifier] of readFileSync(join(stage, path), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"([^"]+)"/g)) {
        if (specifier!.startsWith('./')) walk(`dist/${specifier!.slice(2)}`);
        else if (specifier!.startsWith('#')) {
          const file = resolveFor(conditions, importsMap[specifier!]);
          if (file) walk(file);
        }
      }
    };
    walk(start);
    return reached;
  };
  const loadedBy = (conditions: readonly string[]): Set<string> =>
    new Set(Object.values(manifest.exports).flatMap((target) => {
      const file = resolveFor(conditions, target);
      return file?.endsWith('.js') ? [...reachedFrom(conditions, file)] : [];
    }));

  test.each(Object.entries(RUNTIMES))('what %s loads defines each class once, so every entry throws the same StripeError', (_, conditions) => {
    const loaded = [...loadedBy(conditions)];
    expect(loaded).toContain(resolveFor(conditions, manifest.exports['.']));
    const defining = (pattern: RegExp): string[] => loaded.filter((path) => pattern.test(readFileSync(join(stage, path), 'utf8')));
    expect(defining(/\bStripeError = class extends Error\b/)).toHaveLength(1);
    expect(defining(/\bLuaScriptError = class extends StripeError\b/)).toHaveLength(1);
    expect(defining(/\bfunction createNodeFetch\(/)).toHaveLength(1);
  });

  test('"." on Node is two files, its entry and the Node core, and nothing of the other entries comes along', () => {
    const reached = reachedFrom(RUNTIMES.node!, resolveFor(RUNTIMES.node!, manifest.exports['.'])!);
    expect([...reached].sort()).toEqual(['dist/index.node.js', 'dist/internal.node.js']);
    // The Node core holds ky's loader for Node itself, so nothing resolves "#ky" there.
    expect(readFileSync(join(stage, 'dist/internal.node.js'), 'utf8')).not.toMatch(/from\s*"#ky"/);
  });

  test('the built JS imports only its own files, its dependencies, "#ky" and Node built-ins', () => {
    const allowed = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
    const specifiers = packed
      .filter((path) => /^dist\/[^/]+\.js$/.test(path))
      .flatMap((path) => [...readFileSync(join(stage, path), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"([^"]+)"/g)].map((match) => ({ path, specifier: match[1]! })));
    expect(specifiers.length).toBeGreaterThan(0);
    const stray = specifiers.filter(({ specifier }) => {
      if (specifier.startsWith('./')) return !packed.includes(join('dist', specifier));
      if (specifier === '#ky' || specifier === '#internal' || specifier.startsWith('node:')) return false;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      return !allowed.has(name);
    });
    expect(stray).toEqual([]);
  });

  test('leaves out sources, tests, the generator, the spec, benchmarks, the runtime matrix and caches', () => {
    const leaked = packed.filter(
      (path) =>
        /^(test|codegen|spec|bench|runtimes|scripts|src|node_modules|coverage|\.cache)\//.test(path) ||
        (/\.ts$/.test(path) && !/\.d\.ts$/.test(path)) ||
        /\.(map|tgz)$/.test(path) ||
        /\.test\.(js|d\.ts)$/.test(path),
    );
    expect(leaked).toEqual([]);
  });

  test('gives every export its declarations', () => {
    const typed = Object.entries(manifest.exports).filter(([, value]) => typeof value === 'object' && value !== null);
    expect(typed.length).toBeGreaterThan(5);
    expect(typed.filter(([, value]) => !packed.includes(normalise(String((value as Record<string, unknown>).types))))).toEqual([]);
  });
});

describe('exports', () => {
  test('has the core, /emulator, /docs, /tools, /lua and /package.json', () => {
    expect(Object.keys(manifest.exports)).toEqual(expect.arrayContaining(['.', './emulator', './docs', './tools', './lua', './package.json']));
  });

  test('every target exists after the build and is in the tarball', () => {
    const all = Object.entries(manifest.exports).flatMap(([entry, value]) => targets(value).map((target) => ({ entry, file: normalise(target) })));
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter(({ file }) => !existsSync(join(stage, file)))).toEqual([]);
    expect(all.filter(({ file }) => !packed.includes(file))).toEqual([]);
  });

  test('every bin target is in the tarball', () => {
    const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
    expect(bins.map(normalise).filter((file) => !packed.includes(file))).toEqual([]);
  });
});
