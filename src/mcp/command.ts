/**
 * `kosmo-stripe mcp`: the MCP server on stdio (the default) or Streamable HTTP. The CLI loads this module only for
 * this command, and this module loads the SDK (an optional peer dependency) only once the command line is checked.
 * stdout is the protocol on stdio; everything else goes to stderr.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountsFrom, checkPermissionFlags, permissionsFor, stripeFor } from '../cli/accounts.js';
import { numberFlag, parseArgs, UsageError } from '../cli/args.js';
import type { Permissions } from '../tools/index.js';
import type { McpModeKind, McpServerOptions } from './server.js';

export interface McpIo {
  readonly err: (text: string) => void;
  readonly out: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

export const MCP_USAGE = `kosmo-stripe mcp — the Stripe functions, docs and Lua as a Model Context Protocol server

Usage:
  kosmo-stripe mcp [--read-only | --allow-write] [--config <file>]            serve on stdio (for an MCP host)
  kosmo-stripe mcp --http [--port <n>] [--host <h> --token <t>] [...]       serve Streamable HTTP at /mcp

Options:
  --http               serve Streamable HTTP instead of stdio, at http://<host>:<port>/mcp
  --port <n>           the HTTP port (default 3333; 0 picks a free one, printed on stderr)
  --host <h>           listen on another interface than 127.0.0.1; needs --token (or KOSMO_MCP_TOKEN)
  --token <t>          require "Authorization: Bearer <t>" on every HTTP request (env: KOSMO_MCP_TOKEN)
  --read-only          offer no write tools at all; scripts cannot write
  --allow-write        run writes without asking (with a real key they otherwise ask the user, by elicitation)
  --config <file>      accounts { "accounts": { "default": { "apiKey": … }, … } }, and optionally
                       "permissions": { "write": "ask", "work": { "write": "deny" } }
  --time-limit <ms>    stripe_run_lua's limit per script (default 30000)
  --memory <bytes>     stripe_run_lua's memory limit per script (default 67108864)
  --help, --version

Keys: STRIPE_SECRET_KEY (account "default"), STRIPE_SECRET_KEY_<ALIAS> for more, or --config. No key: the
embedded emulator (test data only, nothing charged), said in the server's instructions and in every result.
Needs the optional peer dependency @modelcontextprotocol/sdk.

Exit codes: 0 stopped normally; 1 failed (the SDK missing, the port in use); 2 the command line was wrong.`;

export const MISSING_SDK = `kosmo-stripe mcp needs the MCP SDK, an optional peer dependency of @kosmokrator/stripe that is not installed.
Install it next to the package:
  npm install @modelcontextprotocol/sdk@^1.32.2
or run it without installing:
  npx -y -p @kosmokrator/stripe -p @modelcontextprotocol/sdk kosmo-stripe mcp
`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function isMissingSdk(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String(message).includes('@modelcontextprotocol/sdk');
}

function configPermissions(path: string | undefined): Permissions | undefined {
  if (!path) return undefined;
  const config = JSON.parse(readFileSync(path, 'utf8')) as { permissions?: unknown };
  if (config.permissions === undefined) return undefined;
  if (!config.permissions || typeof config.permissions !== 'object') throw new UsageError(`"permissions" in ${path} must be an object like { "write": "ask", "work": { "write": "deny" } }`);
  return config.permissions as Permissions;
}

const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) throw new Error('request body over 4 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

const jsonRpcError = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
};

/** Runs `kosmo-stripe mcp <argv>`; resolves with the exit code when the server stops. */
export async function runMcpCommand(argv: readonly string[], io: McpIo, version: string): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: ['port', 'host', 'token', 'config', 'time-limit', 'memory'], booleans: ['http', 'read-only', 'allow-write', 'help', 'version', 'debug'] });
    if (args.flags.help) {
      io.out(`${MCP_USAGE}\n`);
      return 0;
    }
    if (args.flags.version) {
      io.out(`kosmo-stripe ${version}\n`);
      return 0;
    }
    if (args.positional.length) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    checkPermissionFlags(args.flags);
    if (!args.flags.http) {
      for (const flag of ['port', 'host', 'token']) if (args.flags[flag] !== undefined) throw new UsageError(`--${flag} is an option of --http`);
    }
    numberFlag(args.flags, 'port', 0);
    numberFlag(args.flags, 'time-limit');
    numberFlag(args.flags, 'memory');
    const token = (args.flags.token as string | undefined) ?? io.env.KOSMO_MCP_TOKEN;
    const host = args.flags.host as string | undefined;
    if (args.flags.http && host && !LOOPBACK.has(host) && !token) {
      throw new UsageError(`--host ${host} puts the server on the network: give a bearer token with --token <t> or KOSMO_MCP_TOKEN, which every request must then carry`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kosmo-stripe mcp: ${error.message}\n\n${MCP_USAGE}\n`);
      return 2;
    }
    throw error;
  }

  let server: typeof import('./server.js');
  let stdio: typeof import('@modelcontextprotocol/sdk/server/stdio.js');
  let http: typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js');
  let types: typeof import('@modelcontextprotocol/sdk/types.js');
  try {
    [server, stdio, http, types] = await Promise.all([
      import('./server.js'),
      import('@modelcontextprotocol/sdk/server/stdio.js'),
      import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
      import('@modelcontextprotocol/sdk/types.js'),
    ]);
  } catch (error) {
    if (!isMissingSdk(error)) throw error;
    io.err(MISSING_SDK);
    return 1;
  }

  const configPath = args.flags.config as string | undefined;
  let options: McpServerOptions;
  try {
    const { stripe, mode } = await stripeFor(io.env, configPath, { err: io.err, tty: false });
    const keys = mode.kind === 'emulator' ? {} : accountsFrom(io.env, configPath);
    const modes: Record<string, McpModeKind> = Object.fromEntries(stripe.accounts.map((alias) => [alias, mode.kind === 'emulator' ? 'emulator' : keys[alias]?.apiKey.includes('_live_') ? 'live' : 'test']));
    // As the other commands: on an emulator writes run, with a real key they ask. A config file's "permissions" come
    // next (an account's own setting wins over the shared one, as in callTool), and --allow-write last.
    const permissions: Permissions = { ...permissionsFor(args.flags, mode.kind === 'emulator'), ...configPermissions(configPath), ...(args.flags['allow-write'] && { write: 'allow' as const }) };
    const timeoutMs = numberFlag(args.flags, 'time-limit');
    const memoryLimitBytes = numberFlag(args.flags, 'memory');
    options = {
      stripe,
      permissions,
      readOnly: Boolean(args.flags['read-only']),
      mode: modes,
      describeMode: mode.label,
      lua: { ...(timeoutMs && { timeoutMs }), ...(memoryLimitBytes && { memoryLimitBytes }) },
      name: '@kosmokrator/stripe',
      version,
      log: (line) => io.err(`kosmo-stripe mcp: ${line}\n`),
    };
    io.err(mode.banner);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SyntaxError) {
      io.err(`kosmo-stripe mcp: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  if (!args.flags.http) {
    const mcp = server.createMcpServer(options);
    const transport = new stdio.StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      mcp.onclose = () => resolve();
      process.stdin.once('end', () => void mcp.close());
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void mcp.close());
    });
    await mcp.connect(transport);
    io.err('kosmo-stripe mcp: serving MCP on stdio\n');
    await closed;
    process.stdin.destroy();
    return 0;
  }

  const host = (args.flags.host as string | undefined) ?? '127.0.0.1';
  const token = (args.flags.token as string | undefined) ?? io.env.KOSMO_MCP_TOKEN;
  const requestedPort = numberFlag(args.flags, 'port', 0) ?? 3333;
  const sessions = new Map<string, InstanceType<typeof http.StreamableHTTPServerTransport>>();
  let port = requestedPort;

  const listener = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (token) {
        const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
        if (!given || !sameToken(given, token)) return jsonRpcError(res, 401, 'Unauthorized: send Authorization: Bearer <token>', { 'www-authenticate': 'Bearer realm="kosmo-stripe mcp"' });
      } else {
        // Without a token the server is on the loopback only; refuse other Host names (DNS rebinding).
        const hostHeader = req.headers.host ?? '';
        if (![`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(hostHeader)) return jsonRpcError(res, 403, `Forbidden: Host "${hostHeader}" is not this loopback server`);
      }
      if (url.pathname !== '/mcp') return jsonRpcError(res, 404, 'Not found: the MCP endpoint is /mcp');
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      const id = req.headers['mcp-session-id'];
      let transport = typeof id === 'string' ? sessions.get(id) : undefined;
      if (!transport) {
        if (id !== undefined) return jsonRpcError(res, 404, 'Session not found: initialize again');
        if (req.method !== 'POST' || !types.isInitializeRequest(body)) return jsonRpcError(res, 400, 'Bad request: no session; the first request must be initialize');
        const created = new http.StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (sessionId) => void sessions.set(sessionId, created) });
        created.onclose = () => {
          if (created.sessionId) sessions.delete(created.sessionId);
        };
        await server.createMcpServer(options).connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, body);
    } catch (error) {
      options.log?.(`HTTP request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) jsonRpcError(res, error instanceof SyntaxError ? 400 : 500, error instanceof SyntaxError ? 'Parse error: the body is not JSON' : 'Internal error');
      else res.end();
    }
  });

  try {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(requestedPort, host, () => resolve());
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.err(`kosmo-stripe mcp: cannot listen on ${host}:${requestedPort}: ${code === 'EADDRINUSE' ? 'the port is in use (pick another with --port, or --port 0 for a free one)' : (error as Error).message}\n`);
    return 1;
  }
  port = (listener.address() as AddressInfo).port;
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  io.err(`kosmo-stripe mcp: serving MCP over Streamable HTTP at http://${shown}:${port}/mcp${token ? ' (bearer token required)' : ' (loopback only)'}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const transport of sessions.values()) void transport.close();
      listener.close(() => resolve());
      listener.closeAllConnections();
    };
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stop);
  });
  return 0;
}
