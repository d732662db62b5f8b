/** A JSON Schema (2020-12) object, as the tool catalogue uses it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** One entry of the tool catalogue: a function as an agent's tool-calling API sees it. */
export interface ToolDefinition {
  /** `stripe_create_customer` */
  readonly name: string;
  /** `stripe.stripe_create_customer` */
  readonly fullName: string;
  /** `app.integrations.stripe.create_customer` */
  readonly luaPath: string;
  /** The spec's function name, `create_customer`. */
  readonly function: string;
  readonly operation: 'read' | 'write';
  /** Removes or ends something for good (delete, cancel, void). */
  readonly destructive: boolean;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
}
