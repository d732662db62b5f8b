import { StripeValidationError, type ValidationIssue } from './errors.js';
import type { ArgRule, Operation } from './operation.js';
import { didYouMean } from './suggest.js';

// Stripe's documented metadata limits: 50 keys, keys up to 40 characters, values up to 500.
const METADATA_MAX_KEYS = 50;
const METADATA_MAX_KEY_LENGTH = 40;
const METADATA_MAX_VALUE_LENGTH = 500;

/** A short, safe description of a given value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return value.length > 60 ? `${JSON.stringify(value.slice(0, 57))}… (${value.length} characters)` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isInteger(value)) return `the fraction ${value}`;
  return `${typeof value} ${String(value)}`;
}

const typeChecks: Readonly<Record<ArgRule['type'], [string, (value: unknown) => boolean]>> = {
  string: ['a string', (value) => typeof value === 'string'],
  integer: ['an integer', (value) => typeof value === 'number' && Number.isSafeInteger(value)],
  boolean: ['a boolean (true or false)', (value) => typeof value === 'boolean'],
  metadata: ['a flat object of string values', (value) => isPlainObject(value)],
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/** The first thing wrong with one given value, or undefined when it is fine. */
function checkValue(rule: ArgRule, value: unknown): Omit<ValidationIssue, 'argument'> | undefined {
  const [typeName, isType] = typeChecks[rule.type];
  const received = describeValue(value);
  if (!isType(value)) return { expected: typeName, received };
  if (rule.enum && !rule.enum.includes(value as string)) return { expected: `one of ${rule.enum.map((v) => `"${v}"`).join(', ')}`, received };
  if (rule.minimum !== undefined && (value as number) < rule.minimum) return { expected: boundsText(rule), received };
  if (rule.maximum !== undefined && (value as number) > rule.maximum) return { expected: boundsText(rule), received };
  if (rule.pattern !== undefined && !new RegExp(rule.pattern).test(value as string)) return { expected: `a value matching ${rule.pattern}`, received };
  if (rule.prefix && !rule.prefix.some((prefix) => (value as string).startsWith(prefix))) {
    return { expected: `an ID starting with ${rule.prefix.map((p) => `"${p}"`).join(' or ')}`, received };
  }
  return rule.type === 'metadata' ? checkMetadata(value as Record<string, unknown>) : undefined;
}

function boundsText(rule: ArgRule): string {
  if (rule.minimum !== undefined && rule.maximum !== undefined) return `an integer from ${rule.minimum} to ${rule.maximum}`;
  return rule.minimum === 0 ? 'a non-negative integer' : `an integer of at least ${rule.minimum ?? '-'}${rule.maximum === undefined ? '' : ` and at most ${rule.maximum}`}`;
}

function checkMetadata(metadata: Record<string, unknown>): Omit<ValidationIssue, 'argument'> | undefined {
  const entries = Object.entries(metadata).filter(([, value]) => value !== undefined);
  if (entries.length > METADATA_MAX_KEYS) return { expected: `at most ${METADATA_MAX_KEYS} keys`, received: `${entries.length} keys` };
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > METADATA_MAX_KEY_LENGTH || /[[\]]/.test(key)) {
      return { expected: `keys of 1 to ${METADATA_MAX_KEY_LENGTH} characters without square brackets`, received: `the key ${describeValue(key)}` };
    }
    if (typeof value !== 'string') return { expected: 'string values (metadata holds only strings)', received: `${describeValue(value)} at key "${key}"` };
    if (value.length > METADATA_MAX_VALUE_LENGTH) return { expected: `values of at most ${METADATA_MAX_VALUE_LENGTH} characters`, received: `${value.length} characters at key "${key}"` };
  }
  return undefined;
}

/** Every problem with a call's arguments, in the order of the function's arguments. */
export function findIssues(operation: Operation, args: unknown): ValidationIssue[] {
  if (!isPlainObject(args)) return [{ argument: '(arguments)', expected: 'an object of named arguments', received: describeValue(args) }];
  const known = Object.keys(operation.args);
  const issues: ValidationIssue[] = [];
  for (const name of Object.keys(args)) {
    if (!(name in operation.args) && args[name] !== undefined) {
      const hint = didYouMean(name, known);
      issues.push({ argument: name, expected: known.length ? `one of the arguments ${known.join(', ')}` : 'no arguments', received: 'an unknown argument', ...(hint && { hint }) });
    }
  }
  for (const [name, rule] of Object.entries(operation.args)) {
    const value = args[name];
    if (value === undefined) {
      if (rule.required) issues.push({ argument: name, expected: `${typeChecks[rule.type][0]} (required)`, received: 'nothing' });
      continue;
    }
    const problem = checkValue(rule, value);
    if (problem) issues.push({ argument: name, ...problem });
    for (const needed of rule.requires ?? []) {
      if (args[needed] === undefined) issues.push({ argument: name, expected: `"${needed}" to be given as well`, received: `"${name}" without "${needed}"` });
    }
  }
  return issues;
}

/** Throws a StripeValidationError naming the function, each argument, what was expected and what was given. */
export function validateArgs(operation: Operation, args: unknown): void {
  const issues = findIssues(operation, args);
  if (issues.length === 0) return;
  const lines = issues.map((issue) => `argument "${issue.argument}" expected ${issue.expected}, got ${issue.received}.${issue.hint ?? ''}`);
  throw new StripeValidationError(`${operation.name}: ${lines.join(' ')} Nothing was sent to Stripe.`, { function: operation.name, issues });
}
