import {
  fail,
  integerTooLarge,
  integerTooSmall,
  invalidBoolean,
  invalidEnum,
  invalidInteger,
  invalidShape,
  missingParameter,
  stringTooLong,
  unknownParameter,
  type StripeFailure,
} from './errors.js';
import { type FormObject, type FormValue, joinKey } from './form.js';

/**
 * What one request parameter accepts. Routes declare their parameters with these, and `validateParams` checks a
 * decoded form against them the way Stripe does: unknown names, missing required ones, then each value's type.
 * `emptyable` parameters take an empty string to mean "unset" (Stripe's convention), which arrives as `null`.
 */
export type ParamSpec =
  | { readonly type: 'string'; readonly required?: boolean; readonly maxLength?: number; readonly emptyable?: boolean }
  | { readonly type: 'integer'; readonly required?: boolean; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean'; readonly required?: boolean }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly required?: boolean; readonly emptyable?: boolean }
  | { readonly type: 'currency'; readonly required?: boolean }
  | { readonly type: 'metadata' }
  | { readonly type: 'object'; readonly fields: Fields; readonly required?: boolean; readonly emptyable?: boolean }
  | { readonly type: 'array'; readonly items: ParamSpec; readonly required?: boolean; readonly emptyable?: boolean }
  | { readonly type: 'timestamp_filter' };

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

/** The validated value of one parameter, computed from its spec so handlers and specs cannot drift apart. */
export type ParamValue<S> = S extends { type: 'string' }
  ? Emptied<S, string>
  : S extends { type: 'integer' }
    ? number
    : S extends { type: 'boolean' }
      ? boolean
      : S extends { type: 'enum'; values: readonly (infer V)[] }
        ? Emptied<S, V>
        : S extends { type: 'currency' }
          ? string
          : S extends { type: 'metadata' }
            ? MetadataParam
            : S extends { type: 'object'; fields: infer F extends Fields }
              ? Emptied<S, Params<F>>
              : S extends { type: 'array'; items: infer I }
                ? Emptied<S, ParamValue<I>[]>
                : S extends { type: 'timestamp_filter' }
                  ? TimestampFilter
                  : never;

type RequiredNames<F extends Fields> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];

/** The validated parameters of a route: required ones present, the rest optional. */
export type Params<F extends Fields> = { -readonly [K in RequiredNames<F>]: ParamValue<F[K]> } & {
  -readonly [K in Exclude<keyof F, RequiredNames<F>>]?: ParamValue<F[K]>;
};

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
  if (value === '') return null;
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

type Validator<T extends ParamSpec['type']> = (spec: Extract<ParamSpec, { type: T }>, value: FormValue, path: Path) => unknown;

// One entry per kind of parameter; the compiler checks that every kind has one.
const validators: { [T in ParamSpec['type']]: Validator<T> } = {
  string: (spec, value, path) => {
    const text = expectString(value, path);
    if (characters(text) > (spec.maxLength ?? 5000)) throw stringTooLong(joinKey(path), spec.maxLength ?? 5000);
    return text;
  },
  integer: (spec, value, path) => parseInteger(spec, expectString(value, path), path),
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
  object: (spec, value, path) => {
    if (typeof value !== 'object' || Array.isArray(value)) throw invalidShape(joinKey(path), 'hash');
    return validateFields(spec.fields, value, path);
  },
  array: (spec, value, path) => {
    if (!Array.isArray(value)) throw invalidShape(joinKey(path), 'array');
    return value.map((item, index) => validateValue(spec.items, item, [...path, String(index)]));
  },
  timestamp_filter: (_spec, value, path) => parseTimestampFilter(value, path),
};

const isRequired = (spec: ParamSpec): boolean => 'required' in spec && spec.required === true;
const isEmptyable = (spec: ParamSpec): boolean => spec.type === 'metadata' || ('emptyable' in spec && spec.emptyable === true);

function validateValue(spec: ParamSpec, value: FormValue, path: Path): unknown {
  if (value === '' && spec.type !== 'metadata') {
    if (!isEmptyable(spec)) throw cannotBeEmpty(path);
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
      if (isRequired(spec)) throw missingParameter(joinKey([...path, name]));
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
