#!/usr/bin/env node
/**
 * The `kosmo-stripe` command. It parses the command line, calls the same public functions a library user
 * would, and prints the result; it has no logic of its own.
 *
 * Exit codes: 0 done; 1 the script or call failed (a Stripe error, a Lua error, a denied permission, a limit);
 * 2 the command line was wrong.
 */
import { isStripeError } from '../errors.js';
import { parseArgs, UsageError } from './args.js';
import { type Command, commands, type Io } from './commands.js';

const USAGE = `kosmo-stripe — the KosmoKrator Stripe integration on the command line

Usage:
  kosmo-stripe run <script.lua>       run a Lua script (the embedded emulator when no key is set)
  kosmo-stripe call <tool> --arg k=v  call one tool and print its result
  kosmo-stripe docs [page]            print the agent reference, or one function's page
  kosmo-stripe tools [--format …]     print the tool catalogue (catalogue, openai, anthropic, mcp)
  kosmo-stripe emulator [--port …]    serve the Stripe emulator over HTTP

Keys: STRIPE_SECRET_KEY for the default account, STRIPE_SECRET_KEY_<ALIAS> for more, or --config <file>.
Every command takes --help; --debug prints stacks. Exit codes: 0 done, 1 failed, 2 usage error.
`;

function describeFailure(error: unknown): string {
  if (!isStripeError(error)) return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const hint = error.type === 'permission_denied' ? ' Pass --allow-write to allow writes.' : '';
  return `${error.message}${hint}`;
}

async function main(argv: string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  const words = argv.filter((word) => word !== '--debug');
  const [name, ...rest] = words;
  if (!name || name === '--help' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands[name];
  if (!command) {
    io.err(`kosmo-stripe: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(parseArgs(rest, command), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kosmo-stripe ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.err(`kosmo-stripe ${name}: ${describeFailure(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return 1;
  }
}

const io: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
};

process.exitCode = await main(process.argv.slice(2), io);
