/**
 * The narrow barrel that generated/ imports the runtime through. Anything generated code needs is exported
 * here and nowhere else, so the seam between generated and handwritten code is one file.
 */
export { bindAccounts, type Stripe, type StripeOptions } from './accounts.js';
export type { Client, RequestOptions } from './client.js';
export type { Operation } from './operation.js';
export { request } from './request.js';
export type { ListResult, WithRequestId } from './result.js';
export type { JsonSchema, ToolDefinition } from './tool-definition.js';

/** Stripe metadata: your own string values under keys of up to 40 characters. */
export type Metadata = Record<string, string>;
