import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { root } from './helpers/build.js';

// What users get is what `npm pack` puts in the tarball. It is packed from a copy of the repository, built
// there: the copy has every file a wrong `files` entry could leak (spec/, test/, …), and building it leaves
// the real dist/ alone while other test files run the binary from it.
const stage = mkdtempSync(join(tmpdir(), 'kosmo-pack-'));
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', '.cache', 'coverage']);
let packed: string[] = [];
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; bin?: string | Record<string, string> };

beforeAll(() => {
  cpSync(root, stage, { recursive: true, filter: (source) => !NOT_COPIED.has(relative(root, source).split(sep)[0]!) && !source.endsWith('.tgz') });
  symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'));
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: stage, stdio: 'pipe' });
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  packed = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path).sort();
}, 120_000);

afterAll(() => rmSync(stage, { recursive: true, force: true }));

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
    const built = filesUnder('dist').filter((path) => /^dist\/(src|generated)\/.+\.(js|d\.ts)$/.test(path));
    const examples = filesUnder('examples').filter((path) => /^examples\/[^/]+\.lua$/.test(path));
    const license = existsSync(join(stage, 'LICENSE')) ? ['LICENSE'] : [];
    // "#ky" (package.json "imports"): how ky is loaded, by platform.
    const kyLoader = ['ky-loader/eager.d.ts', 'ky-loader/eager.js', 'ky-loader/lazy.d.ts', 'ky-loader/lazy.js'];
    const expected = [...built, ...examples, ...license, ...kyLoader, 'README.md', 'generated/docs/stripe.md', 'generated/tools.json', 'package.json'].sort();
    expect(packed).toEqual(expected);
  });

  test('has the entry points and types of the core and of every subpath entry', () => {
    for (const entry of ['src/index', 'src/docs/index', 'src/tools/index', 'src/lua/index', 'src/emulator/index', 'src/webhooks/index', 'generated/index']) {
      expect(packed).toContain(`dist/${entry}.js`);
      expect(packed).toContain(`dist/${entry}.d.ts`);
    }
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

  test('ships a declaration file beside every module', () => {
    const js = packed.filter((path) => path.endsWith('.js'));
    expect(js.filter((path) => !packed.includes(path.replace(/\.js$/, '.d.ts')))).toEqual([]);
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
