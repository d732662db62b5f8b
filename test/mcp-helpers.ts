import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

const ajv = new Ajv2020({ strict: false });

/** Checks a call result's structuredContent against the tool's outputSchema, as listed. */
export async function expectMatchesOutputSchema(client: Client, name: string, structured: unknown): Promise<void> {
  const { tools } = await client.listTools();
  const tool = tools.find((t) => t.name === name)!;
  expect(tool.outputSchema, `${name} has an outputSchema`).toBeDefined();
  const validate = ajv.compile(tool.outputSchema!);
  expect(validate(structured), JSON.stringify(validate.errors)).toBe(true);
}

export interface Served {
  readonly url: string;
  readonly stderr: () => string;
  stop(): Promise<number | null>;
}

/** Starts the built binary with `mcp --http …` and waits for the URL it prints on stderr. */
export function serveHttp(cli: string, args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'mcp', '--http', '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL on stderr: ${err}`)), 10_000);
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const url = /at (http:\/\/\S+\/mcp)/.exec(err)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stderr: () => `${err}${out && `\n[stdout] ${out}`}`, stop: async () => (child.kill('SIGTERM'), exited) });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}
