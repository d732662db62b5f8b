import {
  fail,
  integerTooLarge,
  integerTooSmall,
  invalidBoolean,
  invalidEnum,
  invalidInteger,
  invalidShape,
  missingParameter,
  listChoices,
  stringTooLong,
  StripeFailure,
  unknownParameter,
} from './errors.js';
import { type FormObject, type FormValue, joinKey } from './form.js';

/** What every parameter may say besides its type: that Stripe requires it, or that `''` unsets it (arriving as `null`). */
interface Modifiers {
  readonly required?: boolean;
  readonly emptyable?: boolean;
}

/**
 * What one request parameter accepts. The data modules in parameters/ declare each route's parameters with these
 * (through parameters/kinds.ts), and `validateParams` checks a decoded form against them the way Stripe does:
 * unknown names, missing required ones, then each value's type.
 */
export type ParamSpec = Modifiers &
  (
    | { readonly type: 'string'; readonly maxLength?: number }
    | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
    /** A number that may have a fraction (`12.5`), returned as a JSON number. */
    | { readonly type: 'number' }
    /** A decimal string (`unit_amount_decimal=12.345`), kept as the string so no precision is lost. */
    | { readonly type: 'decimal' }
    | { readonly type: 'boolean' }
    | { readonly type: 'enum'; readonly values: readonly string[] }
    | { readonly type: 'currency' }
    | { readonly type: 'metadata' }
    /** Any keys, each with a string value (Stripe's `additionalProperties` hashes other than metadata). */
    | { readonly type: 'hash' }
    | { readonly type: 'object'; readonly fields: Fields }
    | { readonly type: 'array'; readonly items: ParamSpec }
    /** One of several shapes, e.g. `trial_end=now` or a timestamp; the first alternative that takes the value wins. */
    | { readonly type: 'union'; readonly alternatives: readonly ParamSpec[] }
    | { readonly type: 'timestamp_filter' }
  );

export type Fields = { readonly [name: string]: ParamSpec };

/** Metadata as sent: `null` clears every key (`metadata=`), and an empty value removes that one key. */
export type MetadataParam = Record<string, string> | null;

/** `created=123` or `created[gte]=…&created[lt]=…`. */
export interface TimestampFilter {
  eq?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

type Emptied<S, T> = S extends { emptyable: true } ? T | null : T;

type Value<S> = S extends { type: 'string' | 'decimal' | 'currency' }
  ? string
  : S extends { type: 'integer' | 'number' }
    ? number
    : S extends { type: 'boolean' }
      ? boolean
      : S extends { type: 'enum'; values: readonly (infer V)[] }
        ? V
        : S extends { type: 'metadata' }
          ? MetadataParam
          : S extends { type: 'hash' }
            ? Record<string, string>
            : S extends { type: 'object'; fields: infer F extends Fields }
              ? Params<F>
              : S extends { type: 'array'; items: infer I }
                ? ParamValue<I>[]
                : S extends { type: 'union'; alternatives: readonly (infer A)[] }
                  ? ParamValue<A>
                  : S extends { type: 'timestamp_filter' }
                    ? TimestampFilter
                    : never;

/** The validated value of one parameter, computed from its spec so handlers and specs cannot drift apart. */
export type ParamValue<S> = S extends unknown ? Emptied<S, Value<S>> : never;

type RequiredNames<F extends Fields> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];

/** The validated parameters of a route: required ones present, the rest optional. */
export type Params<F extends Fields> = { -readonly [K in RequiredNames<F>]: ParamValue<F[K]> } & {
  -readonly [K in Exclude<keyof F, RequiredNames<F>>]?: ParamValue<F[K]>;
};

/** The parameters of two routes one handler serves (create and update): each name from either, with either's type. */
export type EitherParams<A, B> = { [K in keyof A | keyof B]?: (K extends keyof A ? A[K] : never) | (K extends keyof B ? B[K] : never) };

type Path = readonly string[];

// Stripe's answer to `name=` on a parameter that cannot be unset.
const cannotBeEmpty = (path: Path): StripeFailure => {
  const name = joinKey(path);
  return fail(400, {
    type: 'invalid_request_error',
    code: 'parameter_invalid_empty',
    param: name,
    message: `You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
  });
};

function expectString(value: FormValue, path: Path): string {
  if (typeof value !== 'string') throw invalidShape(joinKey(path), 'string');
  return value;
}

function parseInteger(spec: { min?: number; max?: number }, raw: string, path: Path): number {
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw invalidInteger(joinKey(path), raw);
  const value = Number(raw);
  if (spec.min !== undefined && value < spec.min) throw integerTooSmall(joinKey(path), spec.min);
  if (spec.max !== undefined && value > spec.max) throw integerTooLarge(joinKey(path), spec.max);
  return value;
}

// Stripe counts lengths in characters (code points), so an emoji is one, not the two UTF-16 units JavaScript counts.
const characters = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 };

function parseMetadata(value: FormValue, path: Path): MetadataParam {
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidShape(joinKey(path), 'hash');
  const entries = Object.entries(value);
  if (entries.length > METADATA_LIMITS.keys) throw fail(400, { type: 'invalid_request_error', param: joinKey(path), message: `Invalid ${joinKey(path)}: at most ${METADATA_LIMITS.keys} keys are allowed` });
  for (const [key, item] of entries) {
    const itemPath = [...path, key];
    if (characters(key) > METADATA_LIMITS.keyLength) throw stringTooLong(joinKey(itemPath), METADATA_LIMITS.keyLength);
    if (characters(expectString(item, itemPath)) > METADATA_LIMITS.valueLength) throw stringTooLong(joinKey(itemPath), METADATA_LIMITS.valueLength);
  }
  return value as Record<string, string>;
}

function parseTimestampFilter(value: FormValue, path: Path): TimestampFilter {
  if (typeof value === 'string') return { eq: parseInteger({}, value, path) };
  if (Array.isArray(value)) throw invalidShape(joinKey(path), 'hash');
  const bounds: Fields = { gt: { type: 'integer' }, gte: { type: 'integer' }, lt: { type: 'integer' }, lte: { type: 'integer' } };
  return validateFields(bounds, value, path) as TimestampFilter;
}

// Stripe's decimals: digits with an optional fraction; `unit_amount_decimal` and its kin allow at most 12 places.
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DECIMAL = /^-?\d+(?:\.\d{1,12})?$/;

function parseNumber(pattern: RegExp, raw: string, path: Path): string {
  if (!pattern.test(raw) || !Number.isFinite(Number(raw))) throw fail(400, { type: 'invalid_request_error', param: joinKey(path), message: `Invalid decimal: ${raw}` });
  return raw;
}

function parseHash(value: FormValue, path: Path): Record<string, string> {
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidShape(joinKey(path), 'hash');
  for (const [key, item] of Object.entries(value)) expectString(item, [...path, key]);
  return value as Record<string, string>;
}

/** The form shape a spec takes: a string, a hash (`a[b]=…`) or an array (`a[0]=…`). */
function formShape(spec: ParamSpec): 'string' | 'hash' | 'array' | 'any' {
  if (spec.type === 'object' || spec.type === 'metadata' || spec.type === 'hash') return 'hash';
  if (spec.type === 'array') return 'array';
  if (spec.type === 'union' || spec.type === 'timestamp_filter') return 'any';
  return 'string';
}

const valueShape = (value: FormValue): 'string' | 'hash' | 'array' => (typeof value === 'string' ? 'string' : Array.isArray(value) ? 'array' : 'hash');

function describe(spec: ParamSpec): string {
  if (spec.type === 'enum') return listChoices(spec.values);
  if (spec.type === 'integer' || spec.type === 'timestamp_filter') return 'an integer';
  if (spec.type === 'number' || spec.type === 'decimal') return 'a decimal number';
  if (spec.type === 'boolean') return 'a boolean';
  if (spec.type === 'union') return spec.alternatives.map(describe).join(' or ');
  return formShape(spec) === 'string' ? 'a string' : formShape(spec) === 'array' ? 'an array' : 'a hash';
}

// The alternatives that can take a value of this shape are tried in order. When only one could, its own error is the
// clearest answer (a nested unknown parameter, say); when several could, the message lists what would have worked.
function parseUnion(spec: Extract<ParamSpec, { type: 'union' }>, value: FormValue, path: Path): unknown {
  const fitting = spec.alternatives.filter((alternative) => [valueShape(value), 'any'].includes(formShape(alternative)));
  let failure: StripeFailure | undefined;
  for (const alternative of fitting) {
    try {
      return validateValue(alternative, value, path);
    } catch (error) {
      if (!(error instanceof StripeFailure)) throw error;
      failure ??= error;
    }
  }
  if (fitting.length === 1 && failure) throw failure;
  if (fitting.length === 0) throw invalidShape(joinKey(path), formShape(spec.alternatives[0] as ParamSpec) === 'array' ? 'array' : 'hash');
  throw fail(400, { type: 'invalid_request_error', param: joinKey(path), message: `Invalid ${joinKey(path)}: must be ${spec.alternatives.map(describe).join(' or ')}` });
}

type Validator<T extends ParamSpec['type']> = (spec: Extract<ParamSpec, { type: T }>, value: FormValue, path: Path) => unknown;

// One entry per kind of parameter; the compiler checks that every kind has one.
const validators: { [T in ParamSpec['type']]: Validator<T> } = {
  string: (spec, value, path) => {
    const text = expectString(value, path);
    if (characters(text) > (spec.maxLength ?? 5000)) throw stringTooLong(joinKey(path), spec.maxLength ?? 5000);
    return text;
  },
  integer: (spec, value, path) => parseInteger(spec, expectString(value, path), path),
  number: (_spec, value, path) => Number(parseNumber(NUMBER, expectString(value, path), path)),
  decimal: (_spec, value, path) => parseNumber(DECIMAL, expectString(value, path), path),
  boolean: (_spec, value, path) => {
    const text = expectString(value, path);
    if (text !== 'true' && text !== 'false') throw invalidBoolean(joinKey(path), text);
    return text === 'true';
  },
  enum: (spec, value, path) => {
    const text = expectString(value, path);
    if (!spec.values.includes(text)) throw invalidEnum(joinKey(path), spec.values);
    return text;
  },
  currency: (_spec, value, path) => {
    const text = expectString(value, path).toLowerCase();
    if (!/^[a-z]{3}$/.test(text)) throw fail(400, { type: 'invalid_request_error', param: joinKey(path), message: `Invalid currency: ${text}. Use a three-letter ISO currency code in lowercase, such as usd.` });
    return text;
  },
  metadata: (_spec, value, path) => parseMetadata(value, path),
  hash: (_spec, value, path) => parseHash(value, path),
  object: (spec, value, path) => {
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidShape(joinKey(path), 'hash');
    return validateFields(spec.fields, value, path);
  },
  array: (spec, value, path) => {
    if (!Array.isArray(value)) throw invalidShape(joinKey(path), 'array');
    return value.map((item, index) => validateValue(spec.items, item, [...path, String(index)]));
  },
  union: (spec, value, path) => parseUnion(spec, value, path),
  timestamp_filter: (_spec, value, path) => parseTimestampFilter(value, path),
};

function validateValue(spec: ParamSpec, value: FormValue, path: Path): unknown {
  if (value === '') {
    if (spec.emptyable !== true) throw cannotBeEmpty(path);
    return null;
  }
  return (validators[spec.type] as Validator<ParamSpec['type']>)(spec, value, path);
}

function validateFields(fields: Fields, raw: FormObject, path: Path): Record<string, unknown> {
  const unknown = Object.keys(raw).find((name) => !Object.hasOwn(fields, name));
  if (unknown !== undefined) throw unknownParameter(joinKey([...path, unknown]));
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const value = raw[name];
    if (value === undefined) {
      if (spec.required === true) throw missingParameter(joinKey([...path, name]));
      continue;
    }
    result[name] = validateValue(spec, value, [...path, name]);
  }
  return result;
}

/** Checks a decoded form against a route's parameters and returns the typed values; throws a `StripeFailure` like Stripe. */
export function validateParams<F extends Fields>(fields: F, raw: FormObject): Params<F> {
  return validateFields(fields, raw, []) as Params<F>;
}
