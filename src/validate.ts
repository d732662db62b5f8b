import { LONE_SURROGATES, toWellFormed } from './encode-form.js';
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
/** The issue that stands for the whole arguments object rather than one argument. */
const ALL = '(arguments)';
const LONE = 'a string with a lone surrogate';

/** False for a string holding a lone surrogate, which cannot be encoded as UTF-8 (and so cannot be sent). */
export const isWellFormed = (text: string): boolean => text.search(LONE_SURROGATES) < 0;

/** Characters as Stripe and JSON Schema count them: code points, a surrogate pair being one. */
export function characterCount(text: string): number {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _ of text) count++;
  return count;
}

// A Stripe secret or restricted key, or a webhook signing secret, anywhere in a string: never echoed.
const SECRET_SHAPE = /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]|whsec_[A-Za-z0-9+/=]/;

/** `text` shown whole up to `over` characters; longer, its first `keep` and the count: `"abc…" (100 characters)`. */
const clip = (text: string, over: number, keep: number, unit: string, show = (part: string): string => part): string =>
  text.length > over ? `${show(text.slice(0, keep))}… (${text.length} ${unit})` : show(text);

function describeString(value: string): string {
  if (SECRET_SHAPE.test(value)) {
    return `a string that looks like a Stripe ${/whsec_/.test(value) && !/(?:sk|rk)_(?:live|test)_/.test(value) ? 'webhook signing secret' : 'secret key'} (redacted)`;
  }
  // JSON.stringify escapes lone surrogates, so the description itself is always well-formed.
  return clip(value, 60, 57, 'characters', JSON.stringify);
}

/** A short, safe description of a given value for error messages. It never runs the value's own code. */
export function describeValue(value: unknown): string {
  try {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'string':
        return describeString(value);
      case 'number':
        return Number.isNaN(value) ? 'NaN' : Number.isInteger(value) || !Number.isFinite(value) ? `number ${value}` : `the fraction ${value}`;
      case 'bigint':
        return `a BigInt ${clip(value.toString(), 30, 27, 'digits')}`;
      case 'boolean':
        return `boolean ${value}`;
      case 'object':
        return Array.isArray(value) ? `an array of ${value.length}` : value instanceof Date ? 'a Date' : 'an object';
      default:
        // undefined, a symbol, a function
        return value === undefined ? 'undefined' : `a ${typeof value}`;
    }
  } catch {
    return 'a value that could not be inspected';
  }
}

/** A caller-given name (an unknown argument, a metadata key) as it may appear in a message: short, well-formed, never a key. */
export function describeName(name: string): string {
  if (SECRET_SHAPE.test(name)) return '(a name that looks like a Stripe secret, redacted)';
  return toWellFormed(clip(name, MAX_NAME_ECHO, MAX_NAME_ECHO, 'characters'));
}

/** A plain object: made by `{}`, `Object.create(null)` or JSON.parse (in any realm); not an array, Date, Map or class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Each argument type: how it is named in messages, and its test. */
const TYPES: Readonly<Record<ArgRule['type'], readonly [string, (value: unknown) => boolean]>> = {
  string: ['a string', (value) => typeof value === 'string'],
  integer: ['an integer', (value) => Number.isSafeInteger(value)],
  boolean: ['a boolean (true or false)', (value) => typeof value === 'boolean'],
  metadata: ['a flat object of string values', isPlainObject],
};

/** What was expected and what was given instead. */
type Problem = readonly [expected: string, received: string];

const issue = (argument: string, [expected, received]: Problem, hint = ''): ValidationIssue => ({ argument, expected, received, ...(hint && { hint }) });

const quoted = (values: readonly string[], separator: string): string => values.map((value) => `"${value}"`).join(separator);

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

/**
 * Checks metadata and copies it into a null-prototype object of strings, so what is sent is what was checked:
 * the copy, or what is wrong with it.
 */
function snapshotMetadata(metadata: Record<string, unknown>): Problem | { value: Record<string, string> } {
  const { names, symbols } = ownKeys(metadata);
  if (symbols > 0) return ['string keys only', 'a symbol key'];
  const copy: Record<string, string> = Object.create(null);
  let count = 0;
  for (const key of names) {
    const value = metadata[key];
    if (value === undefined) continue;
    if (++count > METADATA_MAX_KEYS) return [`at most ${METADATA_MAX_KEYS} keys`, `${names.length} keys`];
    const keyLength = characterCount(key);
    const at = ` at key "${describeName(key)}"`;
    if (keyLength === 0 || keyLength > METADATA_MAX_KEY_LENGTH || /[[\]]/.test(key) || !isWellFormed(key)) {
      return [`keys of 1 to ${METADATA_MAX_KEY_LENGTH} characters without square brackets or lone surrogates`, `the key ${JSON.stringify(describeName(key))}`];
    }
    if (typeof value !== 'string') return ['string values (metadata holds only strings)', describeValue(value) + at];
    if (!isWellFormed(value)) return ['well-formed text (no lone surrogates)', LONE + at];
    const length = characterCount(value);
    if (length > METADATA_MAX_VALUE_LENGTH) return [`values of at most ${METADATA_MAX_VALUE_LENGTH} characters`, `${length} characters${at}`];
    copy[key] = value;
  }
  return { value: copy };
}

function boundsText({ minimum, maximum }: ArgRule): string {
  if (minimum !== undefined && maximum !== undefined) return `an integer from ${minimum} to ${maximum}`;
  return minimum === 0 ? 'a non-negative integer' : `an integer of at least ${minimum ?? '-'}${maximum === undefined ? '' : ` and at most ${maximum}`}`;
}

// Each rule's pattern compiled once, not on every call: the rules are the generated operations' data.
const patterns: Record<string, RegExp> = Object.create(null);
const patternOf = (source: string): RegExp => (patterns[source] ??= new RegExp(source, 'u'));

/** What the rule's bounds say about a value of the right type, or undefined when it is within them. */
function outOfBounds(rule: ArgRule, typeName: string, value: unknown): string | undefined {
  const text = value as string;
  if (rule.enum && !rule.enum.includes(text)) return `one of ${quoted(rule.enum, ', ')}`;
  // Only a number is compared: comparing an object would run its own valueOf.
  if (typeof value === 'number' && (value < (rule.minimum ?? -Infinity) || value > (rule.maximum ?? Infinity))) return boundsText(rule);
  if (rule.maxLength !== undefined && characterCount(text) > rule.maxLength) return `${typeName} of at most ${rule.maxLength} characters`;
  if (rule.pattern !== undefined && !patternOf(rule.pattern).test(text)) return `a value matching ${rule.pattern}`;
  if (rule.prefix && !rule.prefix.some((prefix) => text.startsWith(prefix))) return `an ID starting with ${quoted(rule.prefix, ' or ')}`;
  return undefined;
}

/** The value to send for one given argument, or what is wrong with it. */
function checkValue(rule: ArgRule, value: unknown): Problem | { value: unknown } {
  const [typeName, isType] = TYPES[rule.type];
  // The value is described only for a message: most calls have none to write.
  if (!isType(value)) return [typeName, describeValue(value)];
  if (typeof value === 'string' && !isWellFormed(value)) return [`${typeName} of well-formed text (no lone surrogates)`, LONE];
  const expected = outOfBounds(rule, typeName, value);
  if (expected) return [expected, describeValue(value)];
  return rule.type === 'metadata' ? snapshotMetadata(value as Record<string, unknown>) : { value };
}

interface Checked {
  readonly issues: ValidationIssue[];
  /** The values to send, read once from the caller's object, in a null-prototype object. */
  readonly values: Record<string, unknown>;
}

function check({ args: rules }: Operation, args: unknown): Checked {
  const values: Record<string, unknown> = Object.create(null);
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(args)) return { values, issues: [issue(ALL, ['a plain object of named arguments', describeValue(args)])] };
  const known = Object.keys(rules);
  const { names, symbols } = ownKeys(args);
  if (symbols > 0) issues.push(issue(ALL, ['named arguments (string keys) only', `${symbols} symbol ${symbols === 1 ? 'key' : 'keys'}`]));
  // An unknown argument is any own key the function does not list: `constructor` and `__proto__` as much as `nmae`.
  let unknown = 0;
  for (const name of names) {
    if (Object.hasOwn(rules, name) || args[name] === undefined || ++unknown > MAX_UNKNOWN_REPORTED) continue;
    issues.push(issue(describeName(name), [known.length ? `one of the arguments ${known.join(', ')}` : 'no arguments', 'an unknown argument'], didYouMean(name, known)));
  }
  if (unknown > MAX_UNKNOWN_REPORTED) issues.push(issue(ALL, ['only the arguments of this function', `${unknown - MAX_UNKNOWN_REPORTED} more unknown arguments`]));
  const given = (name: string): unknown => (Object.hasOwn(args, name) ? args[name] : undefined);
  for (const [name, rule] of Object.entries(rules)) {
    const value = given(name);
    if (value === undefined) {
      if (rule.required) issues.push(issue(name, [`${TYPES[rule.type][0]} (required)`, 'nothing']));
      continue;
    }
    const checked = checkValue(rule, value);
    if ('value' in checked) values[name] = checked.value;
    else issues.push(issue(name, checked));
    for (const needed of rule.requires ?? []) {
      if (given(needed) === undefined) issues.push(issue(name, [`"${needed}" to be given as well`, `"${name}" without "${needed}"`]));
    }
  }
  return { values, issues };
}

function checkSafely(operation: Operation, args: unknown): Checked {
  try {
    return check(operation, args);
  } catch {
    // A getter or Proxy trap threw, or the object is a revoked Proxy: nothing of it can be trusted or sent.
    return { values: Object.create(null), issues: [issue(ALL, ['a plain object whose properties can be read', 'an object whose properties threw when read'])] };
  }
}

/** Every problem with a call's arguments, in the order of the function's arguments. */
export function findIssues(operation: Operation, args: unknown): ValidationIssue[] {
  return checkSafely(operation, args).issues;
}

/** The checked values, or a StripeValidationError naming the function, each argument, what was expected and what was given. */
function checkedOrThrow(operation: Operation, args: unknown): Record<string, unknown> {
  const { issues, values } = checkSafely(operation, args);
  if (issues.length === 0) return values;
  const lines = issues.map((i) => `argument "${i.argument}" expected ${i.expected}, got ${i.received}.${i.hint ?? ''}`);
  throw new StripeValidationError(`${operation.name}: ${lines.join(' ')} Nothing was sent to Stripe.`, { function: operation.name, issues });
}

// The values validateArgs checked, for toWire to send: each getter runs once, and a Proxy cannot hand the
// encoder something other than what was checked.
const checkedValues = new WeakMap<object, { operation: Operation; values: Record<string, unknown> }>();

/** Throws a StripeValidationError naming the function, each argument, what was expected and what was given. */
export function validateArgs(operation: Operation, args: unknown): void {
  checkedValues.set(args as object, { operation, values: checkedOrThrow(operation, args) });
}

/** The checked values of `args` (from validateArgs, else checked now), throwing as validateArgs does. */
export function checkedArgs(operation: Operation, args: unknown): Record<string, unknown> {
  const checked = args !== null && typeof args === 'object' ? checkedValues.get(args) : undefined;
  if (checked) checkedValues.delete(args as object);
  return checked?.operation === operation ? checked.values : checkedOrThrow(operation, args);
}
