import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { root } from './helpers/build.js';

/**
 * Every ```sh block of the README runs as written on a fresh clone — except what needs the network, a key or a
 * server left running. The rule, line by line:
 *   - a block right after `<!-- sh: not run (why) -->` is skipped whole;
 *   - a line starting `npm ci` or `npm install` is skipped: it fetches from the registry (test/install.test.ts
 *     covers the install routes offline);
 *   - a line with `STRIPE_SECRET_KEY=sk_` is skipped: it needs a real key;
 *   - a line with a placeholder — `<…>`, `…`, or `/path/to/` — is skipped: it cannot run as written;
 *   - a line running `kosmo-stripe emulator` is skipped: it serves until stopped (test/cli-interface.test.ts runs it).
 * What remains of a block runs as one bash script (`set -e`) in a clone of HEAD holding this README, with the
 * project's node_modules linked in (as after `npm ci`) and built by `prepare`, with no Stripe key in the environment.
 */
interface Block {
  readonly line: number;
  readonly commands: string[];
  readonly skipped: string[];
}

const SKIP_BLOCK = /<!--\s*sh:\s*not run\b/;
const SKIP_LINE: ReadonlyArray<[RegExp, string]> = [
  [/^(npm ci|npm install)\b/, 'needs the registry'],
  [/STRIPE_SECRET_KEY=sk_/, 'needs a key'],
  [/<[^>]+>|…|\/path\/to\//, 'a placeholder'],
  [/kosmo-stripe emulator\b/, 'serves until stopped'],
];

function shellBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```sh\s*$/.test(lines[i]!)) continue;
    const start = i;
    const previous = lines.slice(0, start).reverse().find((line) => line.trim() !== '') ?? '';
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.trim());
    const skipWhole = SKIP_BLOCK.test(previous);
    const commands = body.filter((line) => line !== '' && !skipWhole && !SKIP_LINE.some(([pattern]) => pattern.test(line)));
    blocks.push({ line: start + 1, commands, skipped: body.filter((line) => line !== '' && !commands.includes(line)) });
  }
  return blocks;
}

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = shellBlocks(readme);
const work = mkdtempSync(join(tmpdir(), 'kosmo-readme-'));
const clone = join(work, 'clone');

beforeAll(() => {
  execFileSync('git', ['clone', '--quiet', root, clone], { stdio: 'pipe' });
  copyFileSync(join(root, 'README.md'), join(clone, 'README.md'));
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  execFileSync('npm', ['run', 'prepare', '--silent'], { cwd: clone, stdio: 'pipe' });
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the README', () => {
  test('has shell blocks, and runs some of them', () => {
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.flatMap((block) => block.commands).length).toBeGreaterThan(5);
  });

  test('the rule skips what it says', () => {
    const [block] = shellBlocks('x\n```sh\nnpm ci && npm run demo\nSTRIPE_SECRET_KEY=sk_test_x npx kosmo-stripe call a\nnpx kosmo-stripe docs\n```\n<!-- sh: not run (why) -->\n```sh\nls\n```');
    expect(block!.commands).toEqual(['npx kosmo-stripe docs']);
    expect(shellBlocks('<!-- sh: not run (x) -->\n\n```sh\nls\n```')[0]!.commands).toEqual([]);
  });

  const runnable = blocks.filter((block) => block.commands.length > 0);
  test.each(runnable.map((block) => [block.line, block] as const))('the sh block at line %i runs as written on a fresh clone', (_, block) => {
    const script = ['set -e', ...block.commands].join('\n');
    const result = spawnSync('bash', ['-c', script], { cwd: clone, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', npm_config_update_notifier: 'false', npm_config_offline: 'true' } });
    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({ status: 0, stderr: '' });
  }, 150_000);
});
