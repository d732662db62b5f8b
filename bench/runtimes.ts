/**
 * The Node versions the throughput benchmark runs under: the one running the benchmark, and Node 22 and 24
 * from `.cache/runtimes` when `bench/install-runtimes.sh` has put them there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { nodeBinary } from '../runtimes/install.js';

export interface Runtime { label: string; execPath: string; version: string }

const EXTRA_MAJORS = [22, 24] as const;

// The same pinned installs the runtime matrix uses (runtimes/install.ts).
const runtimePath = (major: 22 | 24): string => nodeBinary(`node${major}`);

function versionOf(execPath: string): string | undefined {
  const child = spawnSync(execPath, ['--version'], { encoding: 'utf8' });
  return child.status === 0 ? child.stdout.trim() : undefined;
}

/** Every runtime that can be run, and a note for each that cannot. */
export function findRuntimes(): { runtimes: Runtime[]; notes: string[] } {
  const runtimes: Runtime[] = [{ label: `Node ${process.versions.node.split('.')[0]}`, execPath: process.execPath, version: process.version }];
  const notes: string[] = [];
  for (const major of EXTRA_MAJORS) {
    if (runtimes.some((runtime) => runtime.version.startsWith(`v${major}.`))) continue;
    const execPath = runtimePath(major);
    const version = existsSync(execPath) ? versionOf(execPath) : undefined;
    if (version) runtimes.push({ label: `Node ${major}`, execPath, version });
    else notes.push(`Node ${major} is not installed in .cache/runtimes/node${major} (run \`bash bench/install-runtimes.sh\`): skipped.`);
  }
  return { runtimes, notes };
}
