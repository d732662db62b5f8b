/**
 * The facts the runtime needs about one function, written by codegen/ from spec/functions.yaml into each
 * generated module. Keeping them as plain data next to the function means a bundle carries the rules of
 * exactly the functions it imports.
 */

/** How one argument is checked, and where it travels on the wire. */
export interface ArgRule {
  readonly type: 'string' | 'integer' | 'boolean' | 'metadata';
  readonly required?: true;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  /** Most characters (code points, as Stripe counts them) a string may have. */
  readonly maxLength?: number;
  /** A regular expression source the whole value must match. */
  readonly pattern?: string;
  /** ID prefixes, one of which a value must start with (`cus_`). */
  readonly prefix?: readonly string[];
  /** The Stripe parameter as path segments where it differs from the argument (`['items', 0, 'price']`). */
  readonly wire?: readonly (string | number)[];
  /** Sent when the argument is omitted, because Stripe's own default differs from the documented one. */
  readonly sendDefault?: string | number | boolean;
  /** Arguments that must be given together with this one. */
  readonly requires?: readonly string[];
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface Operation {
  /** The agent-facing name, `create_customer`. */
  readonly name: string;
  readonly method: HttpMethod;
  /** Stripe's path; `{arg}` segments are filled from the argument of that name. */
  readonly path: string;
  readonly args: Readonly<Record<string, ArgRule>>;
  /** For list functions: the key the items are returned under (`customers`). */
  readonly list?: string;
  /** Fields the documented result carries that Stripe now keeps on a nested object. */
  readonly derive?: { readonly from: readonly (string | number)[]; readonly fields: readonly string[] };
}
