/**
 * Child processes for the runtime matrix: every one runs in its own process group with a deadline, so a hung
 * runtime (or the browser a host launched) is killed whole instead of outliving the stage.
 */
import { spawn } from 'node:child_process';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly seconds: number;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds before the whole process group gets SIGKILL. */
  readonly timeoutMs: number;
  /** Echo the child's output as it arrives (installs, builds) instead of only collecting it. */
  readonly echo?: boolean;
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const finish = (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, seconds: (performance.now() - started) / 1000 });
    };
    child.on('error', (error) => {
      stderr += `${error.message}\n`;
      finish(null);
    });
    // A runtime can leave helpers behind (workerd, Chromium's zygote) that keep the pipes open after the main
    // process exits; ending the group lets 'close' arrive.
    child.on('exit', killGroup);
    child.on('close', finish);
  });
}

/**
 * The environment for a nested `npm`: without the `npm_*` variables an outer `npm run` exports, which would
 * otherwise point the nested install at this project (its prefix, its package.json) instead of its own folder.
 */
export function cleanNpmEnv(pathFirst?: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  if (pathFirst !== undefined) env.PATH = `${pathFirst}:${env.PATH ?? ''}`;
  return env;
}

/** The last lines of some output, for a failure message that shows the cause without flooding the log. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The start and the end of some output: a runtime's error message comes first, what it was doing last. */
export function excerpt(text: string, head = 10, last = 5): string {
  const lines = text.trimEnd().split('\n');
  return lines.length <= head + last ? lines.join('\n') : [...lines.slice(0, head), '…', ...lines.slice(-last)].join('\n');
}
