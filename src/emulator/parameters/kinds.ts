/**
 * The words the parameter tables are written in: each builds a `ParamSpec` (params.ts) and keeps its literal type,
 * so a route's validated parameters are typed from its table. `string` is Stripe's default string (at most 5000
 * characters); the others say what they check.
 */
import type { Fields, ParamSpec } from '../params.js';

export const string = { type: 'string' } as const;
export const maxLength = <const N extends number>(limit: N) => ({ type: 'string', maxLength: limit }) as const;
export const integer = { type: 'integer' } as const;
export const integerIn = <const B extends { min?: number; max?: number }>(bounds: B) => ({ type: 'integer', ...bounds }) as const;
export const number = { type: 'number' } as const;
export const decimal = { type: 'decimal' } as const;
export const boolean = { type: 'boolean' } as const;
export const currency = { type: 'currency' } as const;
export const metadata = { type: 'metadata' } as const;
export const hash = { type: 'hash' } as const;
/** `created=…` or `created[gte]=…` on lists. */
export const timestampFilter = { type: 'timestamp_filter' } as const;

export const oneOf = <const V extends readonly string[]>(...values: V) => ({ type: 'enum', values }) as const;
export const object = <const F extends Fields>(fields: F) => ({ type: 'object', fields }) as const;
export const arrayOf = <const I extends ParamSpec>(items: I) => ({ type: 'array', items }) as const;
export const anyOf = <const A extends readonly ParamSpec[]>(...alternatives: A) => ({ type: 'union', alternatives }) as const;

export const required = <const S extends ParamSpec>(spec: S) => ({ ...spec, required: true }) as const;
/** Stripe's `Emptyable`: `name=` unsets it (the handler sees `null`). */
export const emptyable = <const S extends ParamSpec>(spec: S) => ({ ...spec, emptyable: true }) as const;
