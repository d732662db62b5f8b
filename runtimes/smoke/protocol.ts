/**
 * What a runtime reports back: one line on stdout, `MARKER` followed by a `SmokeReport` as JSON. The marker
 * lets the runner find the report among whatever else a runtime prints (warnings, banners).
 */
export const MARKER = '@@runtime-smoke ';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  /** What was seen: the ids and statuses on success, the error on failure. */
  readonly detail: string;
  readonly ms: number;
}

export interface SmokeReport {
  /** The version the runtime itself reports (process.versions.node, Bun.version, Deno.version.deno, …). */
  readonly version: string;
  readonly checks: readonly Check[];
}

/** The checks every runtime must report, in order; a page adds the browser guard. */
export const CHECKS = ['workflow', 'not-found-error', 'validation-error', 'paginate', 'emulator-round-trip', 'webhook-signature', 'default-transport'] as const;

/**
 * The transport a client made without `fetch` should send through in a runtime: `node:http` where the package's
 * "." resolves to its Node entry, `fetch` (the runtime's own) where it resolves to the core. Which one each
 * runtime should get is decided by measurement (bench/runtime-transports.ts) and written in package.json.
 */
export type Transport = 'fetch' | 'node:http';
export const TRANSPORTS: readonly Transport[] = ['fetch', 'node:http'];
export const BROWSER_CHECKS = [...CHECKS, 'browser-key-guard'] as const;
/** Node, Bun and Deno, which run the smoke from the command line, also run a Lua script (smoke/lua.ts). */
export const CLI_CHECKS = [...CHECKS, 'lua-script'] as const;
