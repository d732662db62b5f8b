import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { listDocs, readDoc } from '../docs/index.js';
import { createLuaHost } from '../lua/index.js';
import { type Approve, callTool, findTool, toAnthropicTools, toMcpTools, toOpenAITools, tools } from '../tools/index.js';
import { accountsFrom, permissionsFor, stripeFor } from './accounts.js';
import { numberFlag, type ParsedArgs, UsageError } from './args.js';

/** Where a command writes; the real streams in the binary, so tests run the binary as users do. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly interactive: boolean;
}

export interface Command {
  readonly usage: string;
  readonly values: readonly string[];
  readonly booleans: readonly string[];
  /** Other `--name value` flags are the tool's arguments. */
  readonly toolArgs?: boolean;
  readonly run: (args: ParsedArgs, io: Io) => Promise<number>;
}

const ACCOUNT_FLAGS = ['config', 'account'] as const;

/** Asks on the terminal before a write; without a terminal there is no one to ask, and the write is denied. */
function terminalApprove(io: Io): Approve | undefined {
  if (!io.interactive) return undefined;
  return async (call) => {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      const answer = await prompt.question(`Allow ${call.tool} on account "${call.account}" (${call.operation})? [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      prompt.close();
    }
  };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

async function setup(args: ParsedArgs, io: Io) {
  const { stripe, emulated } = await stripeFor(accountsFrom(io.env, args.flags.config as string | undefined));
  if (emulated) io.err('kosmo-stripe: no STRIPE_SECRET_KEY set: running on the embedded Stripe emulator (test data only, nothing is charged).\n');
  return { stripe, permissions: permissionsFor(args.flags, emulated), approve: terminalApprove(io) };
}

const run: Command = {
  usage: `kosmo-stripe run <script.lua> [--allow-write | --read-only] [--timeout <ms>] [--memory <bytes>] [--json] [--config <file>]

Runs a Lua script written against the KosmoKrator Stripe reference. It prints what the script prints, then its
return value (as JSON with --json, where output and value come as one object).`,
  values: ['timeout', 'memory', 'config'],
  booleans: ['allow-write', 'read-only', 'json'],
  async run(args, io) {
    const [file, ...extra] = args.positional;
    if (!file || extra.length) throw new UsageError('run takes exactly one script file');
    const code = await readFile(file, 'utf8').catch((error: Error) => {
      throw new UsageError(`cannot read ${file}: ${error.message}`);
    });
    const limits = { timeoutMs: numberFlag(args.flags, 'timeout'), memoryLimitBytes: numberFlag(args.flags, 'memory') };
    const { stripe, permissions, approve } = await setup(args, io);
    const asJson = Boolean(args.flags.json);
    const host = createLuaHost({ stripe, permissions, ...(approve && { approve }), ...(!asJson && { onOutput: (line: string) => io.out(`${line}\n`) }) });
    const { value, output } = await host.run(code, { ...(limits.timeoutMs && { timeoutMs: limits.timeoutMs }), ...(limits.memoryLimitBytes && { memoryLimitBytes: limits.memoryLimitBytes }) });
    if (asJson) io.out(json({ output, value: value ?? null }));
    else if (value !== undefined) io.out(json(value));
    return 0;
  },
};

/** `--arg amount=5000` gives a number where the tool's schema wants one, and `true`/`false` for booleans. */
function coerce(tool: string, name: string, raw: string): unknown {
  const schema = (findTool(tool).inputSchema as { properties?: Record<string, { type?: string }> }).properties?.[name];
  if (schema?.type === 'integer' && /^-?\d+$/.test(raw)) return Number(raw);
  if (schema?.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (schema?.type === 'object') {
    try {
      return JSON.parse(raw);
    } catch {
      throw new UsageError(`--arg ${name} expects a JSON object, e.g. --arg ${name}='{"key":"value"}'`);
    }
  }
  return raw;
}

const call: Command = {
  usage: `kosmo-stripe call <tool> [--<argument> <value> …] [--arg name=value …] [--json '{…}'] [--account <alias>]
                  [--allow-write | --read-only] [--config <file>]

Calls one tool (stripe_create_customer, or create_customer) and prints its result as JSON. Arguments come from
--<argument> <value> (e.g. --amount 5000 --currency usd) or --arg name=value flags — numbers, booleans and
metadata JSON are converted as the tool's schema says — from --json, or from both.`,
  values: ['arg', 'json', ...ACCOUNT_FLAGS],
  booleans: ['allow-write', 'read-only'],
  toolArgs: true,
  async run(args, io) {
    const [name, ...extra] = args.positional;
    if (!name || extra.length) throw new UsageError('call takes exactly one tool name');
    const tool = findTool(name).name;
    let given: Record<string, unknown> = {};
    if (typeof args.flags.json === 'string') {
      try {
        given = JSON.parse(args.flags.json);
      } catch (error) {
        throw new UsageError(`--json is not valid JSON: ${(error as Error).message}`);
      }
    }
    for (const [key, raw] of args.args) given[key] = coerce(tool, key, raw);
    const { stripe, permissions, approve } = await setup(args, io);
    const account = (args.flags.account as string | undefined) ?? 'default';
    io.out(json(await callTool(stripe, tool, given, { account, permissions, ...(approve && { approve }) })));
    return 0;
  },
};

const docs: Command = {
  usage: `kosmo-stripe docs [page] [--list]

Prints the agent reference (the page "integrations.stripe"), or one function ("integrations.stripe.create_customer").`,
  values: [],
  booleans: ['list'],
  async run(args, io) {
    if (args.flags.list) {
      io.out(`${listDocs().join('\n')}\n`);
      return 0;
    }
    if (args.positional.length > 1) throw new UsageError('docs takes at most one page');
    io.out(readDoc(args.positional[0]));
    return 0;
  },
};

const FORMATS = { catalogue: () => tools, openai: toOpenAITools, anthropic: toAnthropicTools, mcp: toMcpTools } as const;

const toolsCommand: Command = {
  usage: `kosmo-stripe tools [--format catalogue|openai|anthropic|mcp]

Prints the tool catalogue as JSON, in the shape a tool-calling API expects.`,
  values: ['format'],
  booleans: [],
  async run(args, io) {
    const format = (args.flags.format as string | undefined) ?? 'catalogue';
    if (!(format in FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}, not "${format}"`);
    io.out(json(FORMATS[format as keyof typeof FORMATS]()));
    return 0;
  },
};

const emulator: Command = {
  usage: `kosmo-stripe emulator [--port <port>] [--host <address>]

Serves the embedded Stripe emulator over HTTP (default 127.0.0.1:12111) for clients in other languages. Use any
sk_test_ key. Stops on Ctrl-C.`,
  values: ['port', 'host'],
  booleans: [],
  async run(args, io) {
    const { serveEmulator } = await import('../emulator/serve.js');
    const port = args.flags.port === '0' ? 0 : (numberFlag(args.flags, 'port') ?? 12111);
    const server = await serveEmulator({ port, host: (args.flags.host as string | undefined) ?? '127.0.0.1' });
    io.out(`Stripe emulator listening on ${server.url}\n`);
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    await server.close();
    return 0;
  },
};

export const commands: Readonly<Record<string, Command>> = { run, call, docs, tools: toolsCommand, emulator };
