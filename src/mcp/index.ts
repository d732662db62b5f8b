/**
 * `@kosmokrator/stripe/mcp`: the tool catalogue, the docs and the Lua host as a Model Context Protocol server.
 * Needs the optional peer dependency `@modelcontextprotocol/sdk`; nothing else in the package imports it.
 */
export { createMcpServer, DOC_URI_PREFIX, type McpModeKind, type McpServerOptions } from './server.js';
export { outputSchemaFor } from './schemas.js';
