import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  type CallToolResult,
  CallToolRequestSchema,
  ElicitResultSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { listDocs, readDoc, REFERENCE_PAGE, searchDocs } from '../docs/index.js';
import { StripeError } from '../errors.js';
import { createLuaHost, LuaScriptError } from '../lua/index.js';
import { closestNames } from '../suggest.js';
import {
  type Approve,
  callTool,
  findTool,
  type PendingCall,
  type Permissions,
  permissionFor,
  type StripeAccounts,
  StripePermissionDeniedError,
  StripeUnknownToolError,
  type ToolDefinition,
  toMcpTools,
  toToolError,
  tools as catalogue,
} from '../tools/index.js';
import { LUA_OUTPUT_SCHEMA, outputSchemaFor, READ_DOC_OUTPUT_SCHEMA, SEARCH_DOCS_OUTPUT_SCHEMA } from './schemas.js';

/** Where an account's calls go. `unknown`: the server was not told, and says to treat writes as real. */
export type McpModeKind = 'emulator' | 'test' | 'live' | 'unknown';

export interface McpServerOptions {
  /** What `createStripe` returns: every account becomes a value of each tool's `account` argument. */
  readonly stripe: StripeAccounts;
  /** The same allow/ask/deny per operation and account as `callTool`. @default read allow, write ask */
  readonly permissions?: Permissions;
  /**
   * Decides calls whose permission is `ask`. Without it the server asks the user through MCP elicitation when the
   * client supports it, and refuses the call (saying how to allow it) when it does not.
   */
  readonly approve?: Approve;
  /** Lists no write tools at all, refuses them if called anyway, and denies writes from Lua scripts. */
  readonly readOnly?: boolean;
  /**
   * Where the calls go, for all accounts or per account; announced in the instructions and in each result's
   * `_meta["kosmokrator/mode"]`. @default 'unknown'
   */
  readonly mode?: McpModeKind | Readonly<Record<string, McpModeKind>>;
  /** A longer description of an account's mode for the approval prompt, e.g. `test (STRIPE_SECRET_KEY is a test key)`. */
  readonly describeMode?: (account: string) => string;
  /** Limits of `stripe_run_lua` scripts. @default 30000 ms, 64 MiB */
  readonly lua?: { readonly timeoutMs?: number; readonly memoryLimitBytes?: number };
  /** @default '@kosmokrator/stripe' */
  readonly name?: string;
  readonly version?: string;
  /** Said on stderr-free channels only: a callback for log lines (the CLI writes them to stderr). */
  readonly log?: (line: string) => void;
}

export const DOC_URI_PREFIX = 'stripe-doc://';

const EXTRA_TOOLS = ['stripe_run_lua', 'stripe_read_doc', 'stripe_search_docs'] as const;

const MODE_TEXT: Record<McpModeKind, string> = {
  emulator: 'EMULATOR: an embedded Stripe emulator, not Stripe. Test data only, nothing is charged, nothing leaves this machine, and the data is gone when the server stops. Never present these results as real payments or real customers.',
  test: 'Stripe TEST mode: real Stripe API, test data, nothing is charged.',
  live: 'Stripe LIVE mode: real data and real money. Writes charge cards, move money and change real customers.',
  unknown: 'not declared by whoever started this server: treat writes as real (live) until told otherwise.',
};

const nullable = (error: ReturnType<typeof toToolError>) => Object.fromEntries(Object.entries(error).map(([key, value]) => [key, value ?? null]));

/** A JSON copy: drops the non-enumerable requestId and anything JSON cannot say. */
const plain = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * An MCP server over the tool catalogue, the docs and the Lua host: the low-level SDK `Server`, so that the
 * catalogue's JSON Schemas go out verbatim. Connect it to a transport (`await server.connect(transport)`).
 * One server serves one client connection; make one per session.
 */
export function createMcpServer(options: McpServerOptions): Server {
  const { stripe, readOnly = false } = options;
  const accounts = stripe.accounts;
  const modeOf = (account: string): McpModeKind => (typeof options.mode === 'string' ? options.mode : options.mode?.[account] ?? 'unknown');
  const describe = (account: string): string => options.describeMode?.(account) ?? modeOf(account);
  const permissions: Permissions | undefined = readOnly
    ? { read: 'allow', write: 'deny', ...Object.fromEntries(accounts.map((alias) => [alias, { read: permissionFor(options.permissions, alias, 'read').mode, write: 'deny' }])) }
    : options.permissions;

  const offered = catalogue.filter((tool) => !readOnly || tool.operation === 'read');
  const accountProperty = {
    type: 'string',
    enum: [...accounts],
    default: 'default',
    description: `The Stripe account to call with: ${accounts.map((alias) => `"${alias}" (${modeOf(alias)})`).join(', ')}.`,
  };
  const withAccount = (schema: Record<string, unknown>): Tool['inputSchema'] => {
    if (accounts.length < 2) return schema as Tool['inputSchema'];
    const properties = { ...(schema.properties as Record<string, unknown>), account: accountProperty };
    return { ...schema, type: 'object', properties } as Tool['inputSchema'];
  };

  const toolList: Tool[] = [
    ...toMcpTools(offered).tools.map((tool, at) => ({ ...tool, inputSchema: withAccount(tool.inputSchema), outputSchema: outputSchemaFor(offered[at]!) as Tool['outputSchema'] })),
    {
      name: 'stripe_run_lua',
      title: 'Run a Lua script',
      description: `Run a Lua 5.4 script against the Stripe functions (app.integrations.stripe.<function>{…}, or app.integrations.stripe.<account>.<function> for another account${accounts.length > 1 ? `: ${accounts.join(', ')}` : ''}), for several calls in one step. print() lines come back as output, the return value as value. The same permissions apply to every call the script makes${readOnly ? ' (this server is read-only: writes are refused)' : ''}. Read the reference (stripe_read_doc) for the functions' arguments.`,
      inputSchema: {
        type: 'object',
        properties: {
          script: { type: 'string', description: 'The Lua source.' },
          time_limit_ms: { type: 'integer', minimum: 1, maximum: options.lua?.timeoutMs ?? 30_000, description: `Wall-clock limit for the whole script (at most and by default ${options.lua?.timeoutMs ?? 30_000}).` },
        },
        required: ['script'],
        additionalProperties: false,
      },
      outputSchema: LUA_OUTPUT_SCHEMA as Tool['outputSchema'],
      annotations: { title: 'Run a Lua script', readOnlyHint: readOnly, destructiveHint: !readOnly, idempotentHint: false, openWorldHint: true },
    },
    {
      name: 'stripe_read_doc',
      title: 'Read the Stripe reference',
      description: `Read a page of the agent reference: "${REFERENCE_PAGE}" for all of it, "${REFERENCE_PAGE}.<function>" (e.g. ${REFERENCE_PAGE}.create_customer) for one function's arguments, result and errors.`,
      inputSchema: { type: 'object', properties: { page: { type: 'string', default: REFERENCE_PAGE, description: 'The page name.' } }, additionalProperties: false },
      outputSchema: READ_DOC_OUTPUT_SCHEMA as Tool['outputSchema'],
      annotations: { title: 'Read the Stripe reference', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    {
      name: 'stripe_search_docs',
      title: 'Search the Stripe reference',
      description: 'Find the function pages of the reference that mention the query\'s words, best first.',
      inputSchema: {
        type: 'object',
        properties: { query: { type: 'string', description: 'Words to look for, e.g. "refund invoice".' }, limit: { type: 'integer', minimum: 1, maximum: 25, default: 10 } },
        required: ['query'],
        additionalProperties: false,
      },
      outputSchema: SEARCH_DOCS_OUTPUT_SCHEMA as Tool['outputSchema'],
      annotations: { title: 'Search the Stripe reference', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
  ];

  const server = new Server(
    { name: options.name ?? '@kosmokrator/stripe', version: options.version ?? '0.0.0', title: 'Stripe (KosmoKrator)' },
    { capabilities: { tools: {}, resources: {} }, instructions: instructions(options, accounts, modeOf, readOnly) },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolList }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name } = request.params;
    const { account: chosen, ...args } = (request.params.arguments ?? {}) as Record<string, unknown>;
    const account = chosen === undefined ? 'default' : chosen;
    const meta: Record<string, unknown> = { 'kosmokrator/mode': typeof account === 'string' ? modeOf(account) : 'unknown', 'kosmokrator/account': account };
    const fail = (error: unknown): CallToolResult => {
      const structured = nullable(toToolError(error));
      if (error instanceof LuaScriptError) meta['kosmokrator/output'] = error.output;
      options.log?.(`${name}: ${structured.type}: ${structured.message}`);
      return { isError: true, content: [{ type: 'text', text: `${structured.message}\n\n${JSON.stringify({ error: structured }, null, 2)}` }], structuredContent: { error: structured }, _meta: meta };
    };
    const ok = (value: Record<string, unknown>): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value, _meta: meta });

    // Asks the user through elicitation (sent with this request, so it reaches the client on its stream).
    const approve: Approve = async (call: PendingCall) => {
      if (options.approve) return options.approve(call);
      const setting = permissionFor(permissions, call.account, call.operation).setting;
      if (!server.getClientCapabilities()?.elicitation) {
        throw new StripePermissionDeniedError(
          `${call.tool} on account "${call.account}" was not run: ${call.operation} calls are set to "ask" (${setting}), and this MCP client cannot ask the user (it does not support elicitation). To allow them, start the server with --allow-write (kosmo-stripe mcp) or set ${setting} to "allow" (createMcpServer permissions, or "permissions" in the --config file).`,
          setting,
        );
      }
      const answer = await extra.sendRequest(
        {
          method: 'elicitation/create',
          params: {
            message: `Allow this Stripe ${call.operation}?\n\nfunction: ${call.function} (${call.tool})\naccount: ${call.account}\nmode: ${describe(call.account)}\narguments:\n${JSON.stringify(call.args, null, 2)}`,
            requestedSchema: { type: 'object', properties: { approve: { type: 'boolean', title: 'Run this call', description: `Run ${call.function} on account "${call.account}" (${modeOf(call.account)})`, default: false } }, required: ['approve'] },
          },
        },
        ElicitResultSchema,
      );
      if (answer.action === 'accept' && answer.content?.approve !== false) return true;
      throw new StripePermissionDeniedError(`${call.tool} on account "${call.account}" was not run: the user ${answer.action === 'accept' ? 'declined it' : answer.action === 'decline' ? 'declined it' : 'cancelled the approval'} (${setting} is "ask"). Nothing was sent.`, setting);
    };

    try {
      if (typeof account !== 'string' || !accounts.includes(account)) {
        const suggestions = closestNames(String(account), accounts);
        const hint = suggestions.length ? ` Did you mean "${suggestions[0]}"?` : '';
        throw new StripeUnknownToolError(`${name}: there is no account ${JSON.stringify(account)} (configured: ${accounts.join(', ')}).${hint}`, suggestions);
      }
      if (name === 'stripe_read_doc') {
        const page = args.page === undefined ? REFERENCE_PAGE : String(args.page);
        return ok({ page, text: readDoc(page) });
      }
      if (name === 'stripe_search_docs') {
        if (typeof args.query !== 'string') throw new StripeError('stripe_search_docs: argument "query" expected a string.', { type: 'validation_error', param: 'query' });
        return ok({ hits: searchDocs(args.query, typeof args.limit === 'number' ? args.limit : 10) });
      }
      if (name === 'stripe_run_lua') {
        if (typeof args.script !== 'string') throw new StripeError('stripe_run_lua: argument "script" expected a string (the Lua source).', { type: 'validation_error', param: 'script' });
        const limit = options.lua?.timeoutMs ?? 30_000;
        const timeoutMs = typeof args.time_limit_ms === 'number' ? Math.min(args.time_limit_ms, limit) : limit;
        const host = createLuaHost({ stripe, permissions, approve });
        const result = await host.run(args.script, { timeoutMs, ...(options.lua?.memoryLimitBytes && { memoryLimitBytes: options.lua.memoryLimitBytes }) });
        return ok({ value: plain(result.value), output: result.output });
      }
      const tool: ToolDefinition = findTool(name);
      if (readOnly && tool.operation === 'write') {
        throw new StripePermissionDeniedError(`${tool.name} was not run: this server is read-only (--read-only / readOnly: true), so write tools are not available.`, 'readOnly');
      }
      const result = await callTool(stripe, tool.name, args, { account, permissions, approve, signal: extra.signal });
      const requestId = (result as { requestId?: unknown } | null)?.requestId;
      if (typeof requestId === 'string') meta['kosmokrator/request_id'] = requestId;
      return ok(plain(result) as Record<string, unknown>);
    } catch (error) {
      return fail(error);
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: listDocs().map((page) => ({
      uri: `${DOC_URI_PREFIX}${page}`,
      name: page,
      title: page === REFERENCE_PAGE ? 'Stripe agent reference (all functions)' : `Stripe reference: ${page.slice(REFERENCE_PAGE.length + 1)}`,
      mimeType: 'text/markdown',
    })),
  }));

  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    const { uri } = request.params;
    if (!uri.startsWith(DOC_URI_PREFIX)) throw new McpError(ErrorCode.InvalidParams, `Unknown resource ${uri}: the resources are ${DOC_URI_PREFIX}${REFERENCE_PAGE} and ${DOC_URI_PREFIX}${REFERENCE_PAGE}.<function>.`);
    const page = uri.slice(DOC_URI_PREFIX.length);
    try {
      return { contents: [{ uri, mimeType: 'text/markdown', text: readDoc(page) }] };
    } catch (error) {
      throw new McpError(-32002, error instanceof Error ? error.message : String(error), { uri });
    }
  });

  return server;
}

function instructions(options: McpServerOptions, accounts: readonly string[], modeOf: (account: string) => McpModeKind, readOnly: boolean): string {
  const kinds = new Set(accounts.map(modeOf));
  const lines = [
    `Stripe through the KosmoKrator integration: the Stripe functions as tools (stripe_*), stripe_run_lua for several calls in one script, stripe_read_doc and stripe_search_docs, and the reference as resources (${DOC_URI_PREFIX}${REFERENCE_PAGE}, ${DOC_URI_PREFIX}${REFERENCE_PAGE}.<function>).`,
    kinds.size === 1
      ? `Mode: ${MODE_TEXT[[...kinds][0]!]}`
      : `Modes differ per account:\n${accounts.map((alias) => `- ${alias}: ${MODE_TEXT[modeOf(alias)]}`).join('\n')}`,
    accounts.length > 1 ? `Accounts: ${accounts.join(', ')}. Pass "account" to any tool to choose one; without it "default" is used.` : 'One account ("default").',
    readOnly
      ? 'Read-only: this server offers no write tools, and scripts cannot write.'
      : `Permissions: ${accounts.map((alias) => `${alias}: read ${permissionFor(options.permissions, alias, 'read').mode}, write ${permissionFor(options.permissions, alias, 'write').mode}`).join('; ')}. "ask" means the user is asked to approve each such call; a refused call is an error result with type permission_denied, and nothing was sent.`,
    'Failures are results with isError and structuredContent.error { type, code, decline_code, param, message, request_id }: arguments are checked before anything is sent, and the message names the argument at fault and close matches. Each result\'s _meta["kosmokrator/mode"] says where the call went.',
  ];
  return lines.join('\n\n');
}
