/** The package's public entry points: one page each on the site, and TypeDoc's entry points. */
export interface Entry {
  /** The folder under site/ (`docs` → site/docs/index.html); '' is the core entry, on the home page. */
  readonly slug: string;
  readonly specifier: string;
  readonly source: string;
  readonly title: string;
  readonly summary: string;
  /** Paragraphs of HTML about the entry and what to read next. */
  readonly about: readonly string[];
}

export const ENTRIES: readonly Entry[] = [
  {
    slug: '',
    specifier: '@kosmokrator/stripe',
    source: 'src/index.ts',
    title: 'The client',
    summary: 'The 25 functions, createClient and createStripe, pagination and the typed errors.',
    about: ['Every function is <code>fn(client, args, options?)</code>; <code>args</code> use the Lua reference\'s snake_case names, so each function\'s parameters are the table in the <a href="reference/index.html#functions">Lua reference</a>.'],
  },
  {
    slug: 'docs',
    specifier: '@kosmokrator/stripe/docs',
    source: 'src/docs/index.ts',
    title: 'Docs at runtime',
    summary: 'readDoc, listDocs and searchDocs: the Lua reference, page by page, as lua_read_doc serves it.',
    about: [
      '<code>readDoc("integrations.stripe")</code> returns the whole <a href="../reference/index.html#agent-facing-lua-docs">agent-facing reference</a>; <code>readDoc("integrations.stripe.create_customer")</code> one function, with the same <a href="../reference/index.html#create_customer">parameter table</a> this site shows.',
    ],
  },
  {
    slug: 'tools',
    specifier: '@kosmokrator/stripe/tools',
    source: 'src/tools/index.ts',
    title: 'Tools for agents',
    summary: 'The tool catalogue (OpenAI, Anthropic, MCP shapes), callTool and callToolSafe with per-account permissions.',
    about: ['One tool per function, named <code>stripe_&lt;function&gt;</code>; each tool\'s input schema has the parameters of the <a href="../reference/index.html#functions">function reference</a>, and its read/write badge is the tool\'s operation.'],
  },
  {
    slug: 'lua',
    specifier: '@kosmokrator/stripe/lua',
    source: 'src/lua/index.ts',
    title: 'Lua host',
    summary: 'createLuaHost: run agents\' Lua against the client, in a sandboxed Lua 5.4 (wasmoon).',
    about: ['Scripts call <code>app.integrations.stripe.&lt;function&gt;({ ... })</code> exactly as the <a href="../reference/index.html">Lua reference</a> documents, including <a href="../reference/index.html#lua-namespace">account namespaces</a> and <code>lua_read_doc</code>.'],
  },
  {
    slug: 'mcp',
    specifier: '@kosmokrator/stripe/mcp',
    source: 'src/mcp/index.ts',
    title: 'MCP server',
    summary: 'The tools served over the Model Context Protocol.',
    about: ['Its tools are the <a href="../tools/index.html">tool catalogue</a>; their parameters are in the <a href="../reference/index.html#functions">function reference</a>.'],
  },
  {
    slug: 'emulator',
    specifier: '@kosmokrator/stripe/emulator',
    source: 'src/emulator/index.ts',
    title: 'Stripe emulator',
    summary: 'createEmulator: an in-memory, stateful Stripe for the 25 operations, speaking Stripe\'s wire format.',
    about: ['Pass <code>emulator.fetch</code> as the client\'s <code>fetch</code> to try the <a href="../reference/index.html#agent-facing-lua-docs">reference\'s workflows</a> with no key and no network.'],
  },
  {
    slug: 'webhooks',
    specifier: '@kosmokrator/stripe/webhooks',
    source: 'src/webhooks/index.ts',
    title: 'Webhooks',
    summary: 'constructEvent and generateTestHeader on WebCrypto, with typed events.',
    about: ['The events\' <code>data.object</code> are the objects the <a href="../reference/index.html#functions">functions</a> return.'],
  },
  {
    slug: 'node',
    specifier: '@kosmokrator/stripe/node',
    source: 'src/node/index.ts',
    title: 'Node transport',
    summary: 'createNodeFetch: a fetch-shaped transport over node:http with keep-alive, for the client\'s fetch option.',
    about: ['Works with every function of the <a href="../reference/index.html#functions">reference</a>; nothing else changes.'],
  },
];
