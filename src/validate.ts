import { StripeValidationError, type ValidationIssue } from './errors.js';
import type { ArgRule, Operation } from './operation.js';
import { didYouMean } from './suggest.js';

// Stripe's documented metadata limits: 50 keys, keys up to 40 characters, values up to 500. Stripe counts
// characters (code points), as JSON Schema's maxLength does, so "😀" is one character, not two UTF-16 units.
const METADATA_MAX_KEYS = 50;
const METADATA_MAX_KEY_LENGTH = 40;
const METADATA_MAX_VALUE_LENGTH = 500;
/** How many unknown arguments are reported one by one; the rest are counted in one issue. */
const MAX_UNKNOWN_REPORTED = 10;
/** Caller-given names (unknown arguments, metadata keys) are echoed at most this long. */
const MAX_NAME_ECHO = 40;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** False for a string holding a lone surrogate, which cannot be encoded as UTF-8 (and so cannot be sent). */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/** Characters as Stripe and JSON Schema count them: code points, a surrogate pair being one. */
export function characterCount(text: string): number {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _ of text) count++;
  return count;
}

// A Stripe secret or restricted key, or a webhook signing secret, anywhere in a string: never echoed.
const SECRET_SHAPE = /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]|whsec_[A-Za-z0-9+/=]/;

function describeString(value: string): string {
  if (SECRET_SHAPE.test(value)) {
    return /whsec_/.test(value) && !/(?:sk|rk)_(?:live|test)_/.test(value)
      ? 'a string that looks like a Stripe webhook signing secret (redacted)'
      : 'a string that looks like a Stripe secret key (redacted)';
  }
  // JSON.stringify escapes lone surrogates, so the description itself is always well-formed.
  return value.length > 60 ? `${JSON.stringify(value.slice(0, 57))}… (${value.length} characters)` : JSON.stringify(value);
}

/** A short, safe description of a given value for error messages. It never runs the value's own code. */
export function describeValue(value: unknown): string {
  try {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'undefined':
        return 'undefined';
      case 'string':
        return describeString(value);
      case 'number':
        if (Number.isNaN(value)) return 'NaN';
        if (!Number.isFinite(value)) return `number ${value}`;
        return Number.isInteger(value) ? `number ${value}` : `the fraction ${value}`;
      case 'bigint': {
        const digits = value.toString();
        return `a BigInt ${digits.length > 30 ? `${digits.slice(0, 27)}… (${digits.length} digits)` : digits}`;
      }
      case 'boolean':
        return `boolean ${value}`;
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
      default:
        if (Array.isArray(value)) return `an array of ${value.length}`;
        if (value instanceof Date) return 'a Date';
        return 'an object';
    }
  } catch {
    return 'a value that could not be inspected';
  }
}

/** A caller-given name (an unknown argument, a metadata key) as it may appear in a message: short, well-formed, never a key. */
export function describeName(name: string): string {
  if (SECRET_SHAPE.test(name)) return '(a name that looks like a Stripe secret, redacted)';
  const short = name.length > MAX_NAME_ECHO ? `${name.slice(0, MAX_NAME_ECHO)}… (${name.length} characters)` : name;
  return short.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}

/** A plain object: made by `{}`, `Object.create(null)` or JSON.parse (in any realm); not an array, Date, Map or class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const typeChecks: Readonly<Record<ArgRule['type'], [string, (value: unknown) => boolean]>> = {
  string: ['a string', (value) => typeof value === 'string'],
  integer: ['an integer', (value) => typeof value === 'number' && Number.isSafeInteger(value)],
  boolean: ['a boolean (true or false)', (value) => typeof value === 'boolean'],
  metadata: ['a flat object of string values', (value) => isPlainObject(value)],
};

type Problem = Omit<ValidationIssue, 'argument'>;

/** Thrown inside a snapshot when a getter or Proxy trap of the caller's object throws. */
class Unreadable extends Error {}

function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    throw new Unreadable();
  }
}

/** The own keys of a caller's object, strings and enumerable symbols apart. */
function ownKeys(target: object): { names: string[]; symbols: number } {
  const names: string[] = [];
  let symbols = 0;
  for (const key of Reflect.ownKeys(target)) {
    if (typeof key === 'string') names.push(key);
    else if (Object.getOwnPropertyDescriptor(target, key)?.enumerable) symbols++;
  }
  return { names, symbols };
}

/** Checks metadata and copies it into a null-prototype object of strings, so what is sent is what was checked. */
function snapshotMetadata(metadata: object): { problem?: Problem; copy?: Record<string, string> } {
  const { names, symbols } = ownKeys(metadata);
  if (symbols > 0) return { problem: { expected: 'string keys only', received: 'a symbol key' } };
  const copy: Record<string, string> = Object.create(null);
  let count = 0;
  for (const key of names) {
    const value = read(metadata, key);
    if (value === undefined) continue;
    if (++count > METADATA_MAX_KEYS) return { problem: { expected: `at most ${METADATA_MAX_KEYS} keys`, received: `${names.length} keys` } };
    const keyLength = characterCount(key);
    if (keyLength === 0 || keyLength > METADATA_MAX_KEY_LENGTH || /[[\]]/.test(key) || !isWellFormed(key)) {
      return { problem: { expected: `keys of 1 to ${METADATA_MAX_KEY_LENGTH} characters without square brackets or lone surrogates`, received: `the key ${JSON.stringify(describeName(key))}` } };
    }
    if (typeof value !== 'string') return { problem: { expected: 'string values (metadata holds only strings)', received: `${describeValue(value)} at key "${describeName(key)}"` } };
    if (!isWellFormed(value)) return { problem: { expected: 'well-formed text (no lone surrogates)', received: `a string with a lone surrogate at key "${describeName(key)}"` } };
    if (characterCount(value) > METADATA_MAX_VALUE_LENGTH) {
      return { problem: { expected: `values of at most ${METADATA_MAX_VALUE_LENGTH} characters`, received: `${characterCount(value)} characters at key "${describeName(key)}"` } };
    }
    copy[key] = value;
  }
  return { copy };
}

/** The first thing wrong with one given value, or undefined when it is fine; `keep` receives the value to send. */
function checkValue(rule: ArgRule, value: unknown, keep: (value: unknown) => void): Problem | undefined {
  const [typeName, isType] = typeChecks[rule.type];
  const received = describeValue(value);
  if (!isType(value)) return { expected: typeName, received };
  if (typeof value === 'string' && !isWellFormed(value)) return { expected: `${typeName} of well-formed text (no lone surrogates)`, received: 'a string with a lone surrogate' };
  if (rule.enum && !rule.enum.includes(value as string)) return { expected: `one of ${rule.enum.map((v) => `"${v}"`).join(', ')}`, received };
  if (rule.minimum !== undefined && (value as number) < rule.minimum) return { expected: boundsText(rule), received };
  if (rule.maximum !== undefined && (value as number) > rule.maximum) return { expected: boundsText(rule), received };
  if (rule.maxLength !== undefined && characterCount(value as string) > rule.maxLength) return { expected: `${typeName} of at most ${rule.maxLength} characters`, received };
  if (rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(value as string)) return { expected: `a value matching ${rule.pattern}`, received };
  if (rule.prefix && !rule.prefix.some((prefix) => (value as string).startsWith(prefix))) {
    return { expected: `an ID starting with ${rule.prefix.map((p) => `"${p}"`).join(' or ')}`, received };
  }
  if (rule.type === 'metadata') {
    const { problem, copy } = snapshotMetadata(value as object);
    if (problem) return problem;
    keep(copy);
    return undefined;
  }
  keep(value);
  return undefined;
}

function boundsText(rule: ArgRule): string {
  if (rule.minimum !== undefined && rule.maximum !== undefined) return `an integer from ${rule.minimum} to ${rule.maximum}`;
  return rule.minimum === 0 ? 'a non-negative integer' : `an integer of at least ${rule.minimum ?? '-'}${rule.maximum === undefined ? '' : ` and at most ${rule.maximum}`}`;
}

interface Checked {
  readonly issues: ValidationIssue[];
  /** The values to send, read once from the caller's object, in a null-prototype object. */
  readonly values: Record<string, unknown>;
}

function check(operation: Operation, args: unknown): Checked {
  const values: Record<string, unknown> = Object.create(null);
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(args)) return { values, issues: [{ argument: '(arguments)', expected: 'a plain object of named arguments', received: describeValue(args) }] };
  const known = Object.keys(operation.args);
  const { names, symbols } = ownKeys(args);
  if (symbols > 0) issues.push({ argument: '(arguments)', expected: 'named arguments (string keys) only', received: `${symbols} symbol ${symbols === 1 ? 'key' : 'keys'}` });
  // An unknown argument is any own key the function does not list: `constructor` and `__proto__` as much as `nmae`.
  let unknown = 0;
  for (const name of names) {
    if (Object.hasOwn(operation.args, name) || read(args, name) === undefined) continue;
    if (++unknown > MAX_UNKNOWN_REPORTED) continue;
    const hint = didYouMean(name, known);
    issues.push({ argument: describeName(name), expected: known.length ? `one of the arguments ${known.join(', ')}` : 'no arguments', received: 'an unknown argument', ...(hint && { hint }) });
  }
  if (unknown > MAX_UNKNOWN_REPORTED) {
    issues.push({ argument: '(arguments)', expected: 'only the arguments of this function', received: `${unknown - MAX_UNKNOWN_REPORTED} more unknown arguments` });
  }
  const given = (name: string): unknown => (Object.hasOwn(args, name) ? read(args, name) : undefined);
  for (const [name, rule] of Object.entries(operation.args)) {
    const value = given(name);
    if (value === undefined) {
      if (rule.required) issues.push({ argument: name, expected: `${typeChecks[rule.type][0]} (required)`, received: 'nothing' });
      continue;
    }
    const problem = checkValue(rule, value, (kept) => { values[name] = kept; });
    if (problem) issues.push({ argument: name, ...problem });
    for (const needed of rule.requires ?? []) {
      if (given(needed) === undefined) issues.push({ argument: name, expected: `"${needed}" to be given as well`, received: `"${name}" without "${needed}"` });
    }
  }
  return { values, issues };
}

function checkSafely(operation: Operation, args: unknown): Checked {
  try {
    return check(operation, args);
  } catch {
    // A getter or Proxy trap threw, or the object is a revoked Proxy: nothing of it can be trusted or sent.
    return { values: Object.create(null), issues: [{ argument: '(arguments)', expected: 'a plain object whose properties can be read', received: 'an object whose properties threw when read' }] };
  }
}

/** Every problem with a call's arguments, in the order of the function's arguments. */
export function findIssues(operation: Operation, args: unknown): ValidationIssue[] {
  return checkSafely(operation, args).issues;
}

function fail(operation: Operation, issues: readonly ValidationIssue[]): never {
  const lines = issues.map((issue) => `argument "${issue.argument}" expected ${issue.expected}, got ${issue.received}.${issue.hint ?? ''}`);
  throw new StripeValidationError(`${operation.name}: ${lines.join(' ')} Nothing was sent to Stripe.`, { function: operation.name, issues });
}

// The values validateArgs checked, for toWire to send: each getter runs once, and a Proxy cannot hand the
// encoder something other than what was checked.
const checkedValues = new WeakMap<object, { operation: Operation; values: Record<string, unknown> }>();

/** Throws a StripeValidationError naming the function, each argument, what was expected and what was given. */
export function validateArgs(operation: Operation, args: unknown): void {
  const { issues, values } = checkSafely(operation, args);
  if (issues.length > 0) fail(operation, issues);
  checkedValues.set(args as object, { operation, values });
}

/** The checked values of `args` (from validateArgs, else checked now), throwing as validateArgs does. */
export function checkedArgs(operation: Operation, args: unknown): Record<string, unknown> {
  if (args !== null && typeof args === 'object') {
    const checked = checkedValues.get(args);
    checkedValues.delete(args);
    if (checked?.operation === operation) return checked.values;
  }
  const { issues, values } = checkSafely(operation, args);
  if (issues.length > 0) fail(operation, issues);
  return values;
}
