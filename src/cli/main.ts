#!/usr/bin/env node
/**
 * The `kosmo-stripe` command. It parses the command line, calls the same public functions a library user
 * would, and prints the result. Machine output goes to stdout; progress, banners and messages to stderr.
 *
 * Exit codes: 0 done; 1 the call or script failed (a Stripe or Lua error, a denied or declined write, a limit, the
 * network); 2 the command line was wrong (see USAGE).
 */
import { readFileSync } from 'node:fs';
import { isStripeError } from '../errors.js';
import { toToolError } from '../tools/index.js';
import { parseArgs, UsageError } from './args.js';
import { CliFailure, type Command, commands, type Io } from './commands.js';

/** The package's version, from its package.json (dist/cli.js → the package root; src/cli/main.ts under tsx). */
function version(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@kosmokrator/stripe' && manifest.version) return manifest.version;
    } catch {
      // try the next
    }
  }
  return 'unknown';
}

const USAGE = `kosmo-stripe — the KosmoKrator Stripe integration on the command line

Usage:
  kosmo-stripe run <script.lua>       run a Lua script (the embedded emulator when no key is set)
  kosmo-stripe call <tool> --<arg> v  call one tool and print its result
  kosmo-stripe docs [page]            print the agent reference, or one function's page (create_customer)
  kosmo-stripe tools [--format …]     print the tool catalogue (catalogue, openai, anthropic, mcp)
  kosmo-stripe emulator [--port …]    serve the Stripe emulator over HTTP, for other commands and clients
  kosmo-stripe mcp [--http …]         serve the functions, docs and Lua as an MCP server (kosmo-stripe mcp --help)

Keys: STRIPE_SECRET_KEY for the default account, STRIPE_SECRET_KEY_<ALIAS> for more, or --config <file>.
No key: the embedded emulator. STRIPE_API_BASE=http://127.0.0.1:<port>: the emulator \`kosmo-stripe emulator\` serves.
Every command takes --help, --version and --json (machine output: the result, or on failure one
{ "ok": false, "error": {…} } object on stdout); --debug prints stacks.

Exit codes:
  0  done
  1  the call or script failed: a Stripe or Lua error, a write denied or declined, a limit, the network
  2  the command line was wrong: an unknown command, tool, flag or argument, a malformed value, or a key in
     the environment that is not a secret or restricted key (sk_… or rk_…)
`;

/** The error as `callToolSafe` returns it, for --json. A usage error has the type `usage_error`. */
function jsonError(error: unknown, message: string): Record<string, unknown> {
  if (error instanceof UsageError) return { ok: false, error: { type: 'usage_error', code: 'usage_error', decline_code: undefined, param: undefined, message, status: undefined, request_id: undefined } };
  return { ok: false, error: { ...toToolError(error), message } };
}

/** Errors that mean the command line named something that does not exist. */
const USAGE_ERRORS = new Set(['StripeUnknownToolError', 'StripeDocNotFoundError']);

function describe(error: unknown): { message: string; exitCode: 1 | 2; cause: unknown } {
  if (error instanceof CliFailure) return { message: error.message, exitCode: error.exitCode, cause: error.error };
  if (error instanceof UsageError) return { message: error.message, exitCode: 2, cause: error };
  if (isStripeError(error)) return { message: error.message, exitCode: USAGE_ERRORS.has(error.name) ? 2 : 1, cause: error };
  return { message: error instanceof Error ? `${error.name}: ${error.message}` : String(error), exitCode: 1, cause: error };
}

async function main(argv: string[], io: Io): Promise<number> {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const debug = options.includes('--debug');
  const asJson = options.includes('--json');
  const words = argv.filter((word, at) => word !== '--debug' && !(word === '--version' && (end === -1 || at < end)));
  const [name, ...rest] = words;
  const command: Command | undefined = name === undefined ? undefined : commands[name];
  // `mcp` lives in src/mcp (it loads the optional MCP SDK); only this command imports it.
  if (name === 'mcp') return (await import('../mcp/command.js')).runMcpCommand(argv.slice(argv.indexOf('mcp') + 1), io, version());
  const fail = (error: unknown, usage?: string): number => {
    const { message, exitCode, cause } = describe(error);
    io.err(`kosmo-stripe${name && command ? ` ${name}` : ''}: ${message}\n${usage ? `\n${usage}\n` : ''}`);
    if (debug && cause instanceof Error && cause.stack) io.err(`${cause.stack}\n`);
    if (asJson) io.out(`${JSON.stringify(jsonError(cause, message))}\n`);
    return exitCode;
  };
  if (options.includes('--version') && (command !== undefined || name === undefined || name === '--json')) {
    io.out(asJson ? `${JSON.stringify({ version: version() })}\n` : `kosmo-stripe ${version()}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === 'help') {
    if (name === undefined) return fail(new UsageError('no command given'), USAGE);
    io.out(USAGE);
    return 0;
  }
  if (!command) return fail(new UsageError(`unknown command "${name}"`), USAGE);
  if (rest.includes('--help')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(parseArgs(rest, command), io);
  } catch (error) {
    return fail(error, error instanceof UsageError ? command.usage : undefined);
  }
}

const io: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  errIsTty: Boolean(process.stderr.isTTY),
};

process.exitCode = await main(process.argv.slice(2), io);
