import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { listDocs, readDoc } from '../docs/index.js';
import { isStripeError } from '../errors.js';
import { closestNames } from '../suggest.js';
import { createLuaHost, LuaScriptError } from '../lua/index.js';
import { callTool, findTool, type StripeAccounts, toAnthropicTools, toMcpTools, toOpenAITools, tools } from '../tools/index.js';
import { checkPermissionFlags, EMULATOR_KEY, permissionsFor, stripeFor } from './accounts.js';
import { numberFlag, type ParsedArgs, UsageError } from './args.js';
import { DNS_FAILURE, NOTHING_SENT, type Watcher } from './progress.js';
import { type ApprovalState, terminalApprove } from './prompt.js';

/** Where a command writes; the real streams in the binary, so tests run the binary as users do. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** stdin and stderr are a terminal: writes can be asked about. */
  readonly interactive: boolean;
  /** stderr is a terminal: progress rewrites its line. */
  readonly errIsTty: boolean;
}

export interface Command {
  readonly usage: string;
  readonly values: readonly string[];
  readonly booleans: readonly string[];
  /** Value flags that may be given more than once; all their values are in `args.lists`. */
  readonly repeatable?: readonly string[];
  /** Other `--name value` flags are the tool's arguments. */
  readonly toolArgs?: boolean;
  readonly run: (args: ParsedArgs, io: Io) => Promise<number>;
}

/**
 * A failure the command has explained: `message` replaces the error's own in the output, and `exitCode` is 1 unless
 * the command line was at fault.
 */
export class CliFailure extends Error {
  override name = 'CliFailure';
  constructor(message: string, readonly error: unknown, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}

const ACCOUNT_FLAGS = ['config', 'account'] as const;
const REQUEST_FLAGS = ['timeout', 'max-retries'] as const;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** POSIX shell quoting, for a command the user can paste. */
const quote = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

function requestSettings(args: ParsedArgs, io: Io) {
  return { timeout: numberFlag(args.flags, 'timeout'), maxRetries: numberFlag(args.flags, 'max-retries', 0), err: io.err, tty: io.errIsTty };
}

/**
 * After the command line's own checks: the accounts, and the permissions and approval of writes. The banner that says
 * the mode goes to stderr once, before the first request or prompt (or script), so an argument the client refuses
 * before sending is reported like any other usage error, without one.
 */
async function setup(args: ParsedArgs, io: Io) {
  checkPermissionFlags(args.flags);
  let said = false;
  let banner = '';
  const sayMode = () => {
    if (!said) io.err(banner);
    said = true;
  };
  const settings = { ...requestSettings(args, io), beforeSend: sayMode };
  const { stripe, mode, watcher } = await stripeFor(io.env, args.flags.config as string | undefined, settings);
  banner = mode.banner;
  const approval: ApprovalState = { declined: false, noTerminal: false };
  const ask = terminalApprove(io.interactive, mode.label, approval);
  const approve: typeof ask = (pending) => {
    sayMode();
    return ask(pending);
  };
  return { stripe, mode, watcher, approval, approve, sayMode, permissions: permissionsFor(args.flags, mode.kind === 'emulator') };
}

/** The permission and network failures explained for a person at a terminal; others keep their own message. */
function explain(error: unknown, context: { approval: ApprovalState; watcher: Watcher; operation?: 'read' | 'write'; retry?: (key: string) => string }): string | undefined {
  if (!isStripeError(error)) return undefined;
  if (error.type === 'permission_denied') {
    const what = error.message.replace(/ was not run:.*$/s, '');
    if (context.approval.declined) return `${what} was declined at the prompt; nothing was sent.`;
    if (context.approval.noTerminal) return `${what} was not run: writes need --allow-write when there is no terminal to ask (or --read-only to refuse them). Nothing was sent.`;
    if (/"deny"/.test(error.message)) return `${what} was not run: --read-only refuses writes. Nothing was sent.`;
    return undefined;
  }
  if (error.type !== 'api_connection_error') return undefined;
  const last = context.watcher.last();
  const code = last?.errorCode;
  if (code && DNS_FAILURE.has(code)) return `${error.message.replace(/ A write may or may not.*$/s, '')} The host name did not resolve (${code}): nothing was sent.`;
  if (code && NOTHING_SENT.has(code)) return `${error.message.replace(/ A write may or may not.*$/s, '')} The connection was refused (${code}): nothing was sent.`;
  const operation = context.operation ?? (last?.method === 'GET' ? 'read' : 'write');
  const stem = error.message.replace(/ A write may or may not.*$/s, '');
  if (operation === 'read') return `${stem} It was a read: nothing was changed, and it is safe to run again.`;
  const key = last?.idempotencyKey;
  if (!key) return `${stem} The write may have reached Stripe.`;
  const repeat = context.retry ? `\nRepeat it with the same key, and Stripe makes it at most once:\n  ${context.retry(key)}` : `\nRepeat that call with the same Idempotency-Key, and Stripe makes it at most once.`;
  return `${stem} The write may have reached Stripe; its idempotency key was ${key}.${repeat}`;
}

/** The last function a script called through the accounts, for the command that repeats a write. */
interface LastCall {
  account: string;
  name: string;
  args: unknown;
}

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The same accounts, with every function call remembered (createStripe's objects are frozen: copied, not proxied). */
function recordCalls<S extends StripeAccounts>(stripe: S, seen: { last?: LastCall }): S {
  const wrap = (account: string, functions: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(functions).map(([key, value]) => [
        key,
        typeof value === 'function'
          ? (args: unknown, ...rest: unknown[]) => {
              seen.last = { account, name: snakeCase(key), args };
              return (value as (...all: unknown[]) => unknown)(args, ...rest);
            }
          : value,
      ]),
    );
  const copy: Record<string, unknown> = wrap('default', stripe as unknown as Record<string, unknown>);
  for (const alias of stripe.accounts) copy[alias] = Object.freeze(wrap(alias, (stripe as unknown as Record<string, Record<string, unknown>>)[alias]!));
  copy.accounts = stripe.accounts;
  return Object.freeze(copy) as unknown as S;
}

/** `kosmo-stripe call …` that repeats a write with the key it was sent with. */
function repeatCommand(tool: string, key: string, given: unknown, flags: ParsedArgs['flags'], account?: string): string {
  const words = ['kosmo-stripe', 'call', tool, '--idempotency-key', key, '--args', JSON.stringify(given ?? {})];
  const alias = account ?? (flags.account as string | undefined);
  if (alias !== undefined && alias !== 'default') words.push('--account', alias);
  for (const flag of ['config', 'timeout', 'max-retries'] as const) if (typeof flags[flag] === 'string') words.push(`--${flag}`, flags[flag] as string);
  if (flags['allow-write']) words.push('--allow-write');
  return words.map(quote).join(' ');
}

/** Lua shows 59 bytes of a script's name; control characters in a file name would garble every error line. */
const SCRIPT_NAME_BYTES = 59;

/** The name errors give the script (`subscribe.lua:12: …`): the file's base name, made printable and short enough. */
function scriptName(file: string): string {
  const printable = basename(file).replace(/[\p{Cc}\u2028\u2029]|\p{Cs}/gu, '?') || 'script.lua';
  if (Buffer.byteLength(printable) <= SCRIPT_NAME_BYTES) return printable;
  let short = '';
  for (const char of printable) {
    if (Buffer.byteLength(short + char) > SCRIPT_NAME_BYTES - 3) break;
    short += char;
  }
  return `${short}...`;
}

const run: Command = {
  usage: `kosmo-stripe run <script.lua> [--allow-write | --read-only] [--timeout <ms>] [--max-retries <n>]
                  [--time-limit <ms>] [--memory <bytes>] [--json] [--config <file>] [--debug]

Runs a Lua script written against the KosmoKrator Stripe reference. It prints what the script prints, then its
return value (as JSON with --json, where output and value come as one object). An error names the script's
file and line: subscribe.lua:12: create_price: argument "unit_amount" …

  --timeout <ms>       how long each request to Stripe may wait for an answer (default 80000)
  --max-retries <n>    retries of a request that failed on the network, 409, 429 or 5xx (default 2)
  --time-limit <ms>    the script's own time limit (default 30000)
  --memory <bytes>     the script's memory limit (default 64 MiB)
  --debug              when the script fails, print its Lua traceback on stderr`,
  values: ['time-limit', 'memory', 'config', ...REQUEST_FLAGS],
  booleans: ['allow-write', 'read-only', 'json'],
  async run(args, io) {
    const [file, ...extra] = args.positional;
    if (!file || extra.length) throw new UsageError('run takes exactly one script file');
    const code = await readFile(file, 'utf8').catch((error: Error) => {
      throw new UsageError(`cannot read ${file}: ${error.message}`);
    });
    const limits = { timeoutMs: numberFlag(args.flags, 'time-limit'), memoryLimitBytes: numberFlag(args.flags, 'memory') };
    const { stripe, permissions, approve, approval, watcher, sayMode } = await setup(args, io);
    sayMode();
    const asJson = Boolean(args.flags.json);
    const seen: { last?: LastCall } = {};
    const host = createLuaHost({ stripe: recordCalls(stripe, seen), permissions, approve, ...(!asJson && { onOutput: (line: string) => io.out(`${line}\n`) }) });
    try {
      // The traceback costs nothing unless the script fails; main prints it (as the error's stack) only with --debug.
      const { value, output } = await host.run(code, { name: scriptName(file), traceback: true, ...(limits.timeoutMs && { timeoutMs: limits.timeoutMs }), ...(limits.memoryLimitBytes && { memoryLimitBytes: limits.memoryLimitBytes }) });
      if (asJson) io.out(json({ output, value: value ?? null }));
      else if (value !== undefined) io.out(json(value));
    } catch (error) {
      // A Lua error carries the Stripe error's fields, not the class: explain from what it says.
      const cause = (error as { cause?: unknown }).cause;
      const last = seen.last;
      const retry = last ? (key: string) => repeatCommand(findTool(last.name).name, key, last.args, args.flags, last.account) : undefined;
      const explained = explain(isStripeError(cause) ? cause : error, { approval, watcher, ...(retry && { retry }) });
      // A Lua error with a line already starts with `script.lua:12: `; others get the file's name.
      const located = error instanceof LuaScriptError && error.line !== undefined;
      if (explained) throw new CliFailure(located ? explained : `${basename(file)}: ${explained}`, error);
      throw error;
    }
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
  usage: `kosmo-stripe call <tool> [--<argument> <value> …] [--arg name=value …] [--args '{…}'] [--account <alias>]
                  [--allow-write | --read-only] [--timeout <ms>] [--max-retries <n>] [--idempotency-key <key>]
                  [--json] [--config <file>]

Calls one tool (stripe_create_customer, or create_customer) and prints its result as JSON. Arguments come from
--<argument> <value> (e.g. --amount 5000 --currency usd) or --arg name=value flags — numbers, booleans and
metadata JSON are converted as the tool's schema says — from --args '{…}' (JSON), or from both.

  --timeout <ms>            how long each request may wait for an answer (default 80000)
  --max-retries <n>         retries after a network failure, 409, 429 or 5xx (default 2)
  --idempotency-key <key>   the key of a write; repeat a write that may have reached Stripe with the key it printed
  --json                    on failure, print { "ok": false, "error": {…} } on stdout (the result is JSON anyway)`,
  values: ['arg', 'args', 'idempotency-key', ...ACCOUNT_FLAGS, ...REQUEST_FLAGS],
  booleans: ['allow-write', 'read-only', 'json'],
  toolArgs: true,
  async run(args, io) {
    const [name, ...extra] = args.positional;
    if (extra.length && /^\s*[{[]/.test(extra[0]!)) throw new UsageError(`--json takes no value now: give the arguments as --args '${extra[0]}'`);
    if (!name || extra.length) throw new UsageError('call takes exactly one tool name');
    const tool = findTool(name);
    let given: Record<string, unknown> = {};
    if (typeof args.flags.args === 'string') {
      try {
        given = JSON.parse(args.flags.args);
      } catch (error) {
        throw new UsageError(`--args is not valid JSON: ${(error as Error).message}`);
      }
      if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new UsageError('--args must be a JSON object, e.g. --args \'{"limit":3}\'');
    }
    for (const [key, raw] of args.args) given[key] = coerce(tool.name, key, raw);
    const account = (args.flags.account as string | undefined) ?? 'default';
    const given_key = args.flags['idempotency-key'] as string | undefined;
    if (given_key !== undefined && tool.operation !== 'write') throw new UsageError(`--idempotency-key is for writes, and ${tool.name} is a read`);
    const idempotencyKey = tool.operation === 'write' ? (given_key ?? randomUUID()) : undefined;
    const { stripe, permissions, approve, approval, watcher } = await setup(args, io);
    try {
      io.out(json(await callTool(stripe, tool.name, given, { account, permissions, approve, ...(idempotencyKey && { idempotencyKey }) })));
    } catch (error) {
      const retry = (key: string) => repeatCommand(tool.name, key, given, args.flags);
      const explained = explain(error, { approval, watcher, operation: tool.operation, retry });
      if (explained) throw new CliFailure(explained, error);
      // Nothing was sent: the arguments on the command line were wrong.
      if (isStripeError(error) && error.type === 'validation_error') throw new CliFailure(error.message, error, 2);
      throw error;
    }
    return 0;
  },
};

/** The page for a name `call` takes too: `create_customer`, `stripe_create_customer`, `integrations.stripe.create_customer`. */
function pageFor(name: string): string {
  if (name.startsWith('integrations.') || listDocs().includes(name)) return name;
  try {
    return findTool(name).luaPath.replace(/^app\./, '');
  } catch {
    // Not a tool: look it up as a function's page, so the close matches are function pages.
    return `integrations.stripe.${name.replace(/^stripe_/, '')}`;
  }
}

const docs: Command = {
  usage: `kosmo-stripe docs [page] [--list] [--json]

Prints the agent reference (the page "integrations.stripe"), or one function's page, named as call names it
(create_customer, stripe_create_customer) or by its page (integrations.stripe.create_customer). With --json:
{ "page": …, "markdown": … }, or the list of pages.`,
  values: [],
  booleans: ['list', 'json'],
  async run(args, io) {
    if (args.flags.list) {
      io.out(args.flags.json ? json(listDocs()) : `${listDocs().join('\n')}\n`);
      return 0;
    }
    if (args.positional.length > 1) throw new UsageError('docs takes at most one page');
    const page = args.positional[0] === undefined ? undefined : pageFor(args.positional[0]);
    const markdown = readDoc(page);
    io.out(args.flags.json ? json({ page: page ?? 'integrations.stripe', markdown }) : markdown);
    return 0;
  },
};

const FORMATS = { catalogue: () => tools, openai: toOpenAITools, anthropic: toAnthropicTools, mcp: toMcpTools } as const;

const toolsCommand: Command = {
  usage: `kosmo-stripe tools [--format catalogue|openai|anthropic|mcp] [--json]

Prints the tool catalogue as JSON, in the shape a tool-calling API expects (--json changes nothing but failures).`,
  values: ['format'],
  booleans: ['json'],
  async run(args, io) {
    const format = (args.flags.format as string | undefined) ?? 'catalogue';
    if (!(format in FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}, not "${format}"`);
    io.out(json(FORMATS[format as keyof typeof FORMATS]()));
    return 0;
  },
};

/** The webhook endpoint of --forward-to, with --webhook-secret or one made up by the emulator. */
function forwarding(flags: ParsedArgs['flags']): Array<{ url: string; secret?: string }> {
  const url = flags['forward-to'];
  const secret = flags['webhook-secret'];
  if (url === undefined) {
    if (secret !== undefined) throw new UsageError('--webhook-secret needs --forward-to <url>');
    return [];
  }
  if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url)) throw new UsageError(`--forward-to expects an http(s) URL, got "${String(url)}"`);
  if (secret !== undefined && (typeof secret !== 'string' || !/^whsec_[A-Za-z0-9_]{8,}$/.test(secret))) throw new UsageError('--webhook-secret expects a whsec_ secret of letters, digits and underscores');
  return [{ url, ...(typeof secret === 'string' ? { secret } : {}) }];
}

/** The emulator's error bodies carry a dashboard URL made up for a request id Stripe never saw: not served from here. */
async function withoutMadeUpLinks(response: Response): Promise<Response> {
  if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('json')) return response;
  const body = (await response.json()) as { error?: Record<string, unknown> };
  if (body.error) delete body.error.request_log_url;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
}

const emulator: Command = {
  usage: `kosmo-stripe emulator [--port <port>] [--host <address>] [--forward-to <url>] [--webhook-secret <whsec_…>]
                      [--trigger <event>]… [--default-payment-method <pm_card_…|none>] [--quiet] [--json]

Serves the embedded Stripe emulator over HTTP (default 127.0.0.1:12111) for clients in other languages and for
other kosmo-stripe commands: it prints the STRIPE_API_BASE to set, and commands run with it share this emulator's
state (customers made by one call are there for the next) and treat it as the emulator. The state lasts as long
as this process. Any sk_test_ key works; kosmo-stripe uses ${EMULATOR_KEY} when none is set. One line per
request on stderr (method, path, status, request id, ms) unless --quiet. --port 0 picks a free port. Stops on
Ctrl-C.

--forward-to <url> POSTs every event to that webhook endpoint, signed as Stripe signs it, and prints the signing
secret (whsec_…) to verify it with; --webhook-secret fixes that secret. --trigger <event> (repeatable) runs a
scenario that records that event once the server is up, e.g. payment_intent.succeeded, invoice.payment_failed,
customer.subscription.deleted; --trigger list prints them all.

--default-payment-method gives every new customer that test card on file (default pm_card_visa, so the seed's
workflows can subscribe a customer without giving it a card); none answers as Stripe does, with no default
payment method unless a request gives one.`,
  values: ['port', 'host', 'forward-to', 'webhook-secret', 'trigger', 'default-payment-method'],
  repeatable: ['trigger'],
  booleans: ['quiet', 'json'],
  async run(args, io) {
    const port = args.flags.port === '0' ? 0 : (numberFlag(args.flags, 'port') ?? 12111);
    if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
    const host = (args.flags.host as string | undefined) ?? '127.0.0.1';
    const { createEmulator, trigger, TEST_CARDS, TRIGGERS } = await import('../emulator/index.js');
    const { serveEmulator } = await import('../emulator/serve.js');
    const triggers = args.lists.trigger ?? [];
    if (triggers.includes('list')) {
      io.out(`${Object.keys(TRIGGERS).join('\n')}\n`);
      return 0;
    }
    const unknownTrigger = triggers.find((name) => !Object.hasOwn(TRIGGERS, name));
    if (unknownTrigger !== undefined) {
      const [close] = closestNames(unknownTrigger, Object.keys(TRIGGERS), 1);
      throw new UsageError(`--trigger: there is no scenario "${unknownTrigger}"${close ? ` (did you mean ${close}?)` : ''}; --trigger list prints them`);
    }
    const quiet = Boolean(args.flags.quiet);
    const webhooks = forwarding(args.flags);
    const card = (args.flags['default-payment-method'] as string | undefined) ?? 'pm_card_visa';
    if (card !== 'none' && !Object.hasOwn(TEST_CARDS, card)) throw new UsageError(`--default-payment-method expects none or a test card such as pm_card_visa, got "${card}"`);
    const inner = createEmulator({
      defaultPaymentMethod: card === 'none' ? null : card,
      webhooks,
      onDelivery: (attempt) => {
        if (!quiet) io.err(`--> ${attempt.type} [${attempt.event}] ${attempt.url} ${attempt.status ?? attempt.error}${attempt.ok ? '' : ` (attempt ${attempt.attempt})`}\n`);
      },
    });
    const logged = {
      ...inner,
      handle: async (request: Request) => {
        const started = performance.now();
        const response = await withoutMadeUpLinks(await inner.handle(request));
        if (!quiet) {
          const url = new URL(request.url);
          const ms = (performance.now() - started).toFixed(0);
          io.err(`${request.method} ${url.pathname} ${response.status} ${response.headers.get('request-id') ?? '-'} ${ms} ms\n`);
        }
        return response;
      },
    };
    let server: Awaited<ReturnType<typeof serveEmulator>>;
    try {
      server = await serveEmulator({ port, host, emulator: logged });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE') throw new CliFailure(`port ${port} on ${host} is in use (another emulator?): pass --port <n> for another port, or --port 0 for a free one.`, error);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CliFailure(`cannot listen on ${host}: ${(error as Error).message}`, error, 2);
      throw error;
    }
    const [endpoint] = inner.webhookEndpoints;
    if (args.flags.json) {
      const forward = endpoint ? { forward_to: endpoint.url, webhook_secret: endpoint.secret } : {};
      io.out(`${JSON.stringify({ url: server.url, env: { STRIPE_API_BASE: server.url, STRIPE_SECRET_KEY: EMULATOR_KEY }, ...forward })}\n`);
    } else {
      io.out(`Stripe emulator listening on ${server.url}\n`);
      io.out(`Point other commands at it (they then share its state and run as on the emulator):\n`);
      io.out(`  export STRIPE_API_BASE=${server.url} STRIPE_SECRET_KEY=${EMULATOR_KEY}\n`);
      io.out(`  e.g. STRIPE_API_BASE=${server.url} kosmo-stripe call list_customers\n`);
      if (endpoint) io.out(`Forwarding events to ${endpoint.url}. Your webhook signing secret is ${endpoint.secret}\n`);
    }
    for (const name of triggers) {
      await trigger(inner, name);
      if (!quiet) io.err(`Triggered ${name}\n`);
    }
    await new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
    });
    await server.close();
    return 0;
  },
};

export const commands: Readonly<Record<string, Command>> = { run, call, docs, tools: toolsCommand, emulator };
