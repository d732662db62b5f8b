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

/**
 * The type of an ID argument, such as `StripeId<'cus_', Given>` for a customer ID. Each generated function has one
 * type parameter per ID argument, inferred from the value given:
 * - a string literal (or a template literal type) must start with the prefix: `getCustomer(client, { id: 'sub_1' })`
 *   is a compile error, `` Type '"sub_1"' is not assignable to type '`cus_${string}`' ``;
 * - a plain `string` (an ID read from a database or a request) is accepted as it is, without a cast, and checked
 *   at run time like every argument: a wrong prefix is a StripeValidationError and nothing is sent.
 *
 * No non-generic type can do both (a literal is always assignable where `string` is), and an overload taking
 * `string` would swallow the wrong literals too; a generic is the one way. Without a type argument
 * (`GetCustomerParams`) the ID is `string`: the looser variant for building arguments ahead of the call.
 */
export type StripeId<Prefix extends string, Given extends string = string> = string extends Given
  ? string
  : Given extends `${Prefix}${string}`
    ? Given
    : `${Prefix}${string}`;

/** Stripe metadata: your own string values under keys of up to 40 characters. */
export type Metadata = Record<string, string>;
