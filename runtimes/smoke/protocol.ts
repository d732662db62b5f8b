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
export const CHECKS = ['workflow', 'not-found-error', 'validation-error', 'paginate', 'emulator-round-trip', 'webhook-signature'] as const;
export const BROWSER_CHECKS = [...CHECKS, 'browser-key-guard'] as const;
