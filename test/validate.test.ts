import { describe, expect, test } from 'vitest';
import { StripeValidationError } from '../src/errors.js';
import type { Operation } from '../src/operation.js';
import { describeValue, findIssues, validateArgs } from '../src/validate.js';

// A hand-written operation, so these tests pin the validator's rules independently of spec/.
const op: Operation = {
  name: 'make_thing',
  method: 'POST',
  path: '/v1/things/{id}',
  args: {
    id: { type: 'string', required: true, prefix: ['thg_'] },
    amount: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    mode: { type: 'string', enum: ['fast', 'slow'] },
    currency: { type: 'string', pattern: '^[a-zA-Z]{3}$' },
    active: { type: 'boolean' },
    metadata: { type: 'metadata' },
    interval: { type: 'string' },
    interval_count: { type: 'integer', requires: ['interval'] },
  },
};

const issueOf = (args: unknown) => findIssues(op, args);

describe('findIssues', () => {
  test('a valid call has no issues', () => {
    expect(issueOf({ id: 'thg_1', amount: 0, limit: 100, mode: 'slow', currency: 'usd', active: false, metadata: { a: '' }, interval: 'month', interval_count: 3 })).toEqual([]);
  });

  const cases: Array<[string, Record<string, unknown>, { argument: string; expected: RegExp; received: RegExp }]> = [
    ['missing required', {}, { argument: 'id', expected: /a string \(required\)/, received: /nothing/ }],
    ['wrong prefix', { id: 'cus_1' }, { argument: 'id', expected: /starting with "thg_"/, received: /"cus_1"/ }],
    ['negative amount', { id: 'thg_1', amount: -1 }, { argument: 'amount', expected: /non-negative integer/, received: /-1/ }],
    ['fractional amount', { id: 'thg_1', amount: 10.5 }, { argument: 'amount', expected: /an integer/, received: /fraction 10.5/ }],
    ['amount as a string', { id: 'thg_1', amount: '1000' }, { argument: 'amount', expected: /an integer/, received: /"1000"/ }],
    ['limit 0', { id: 'thg_1', limit: 0 }, { argument: 'limit', expected: /from 1 to 100/, received: /0/ }],
    ['limit 101', { id: 'thg_1', limit: 101 }, { argument: 'limit', expected: /from 1 to 100/, received: /101/ }],
    ['enum', { id: 'thg_1', mode: 'medium' }, { argument: 'mode', expected: /"fast", "slow"/, received: /"medium"/ }],
    ['pattern', { id: 'thg_1', currency: 'dollars' }, { argument: 'currency', expected: /matching/, received: /"dollars"/ }],
    ['boolean as a string', { id: 'thg_1', active: 'true' }, { argument: 'active', expected: /boolean/, received: /"true"/ }],
    ['metadata number value', { id: 'thg_1', metadata: { n: 5 } }, { argument: 'metadata', expected: /string values/, received: /5 at key "n"/ }],
    ['metadata as an array', { id: 'thg_1', metadata: ['a'] }, { argument: 'metadata', expected: /flat object/, received: /array/ }],
    ['metadata key with brackets', { id: 'thg_1', metadata: { 'a[b]': 'x' } }, { argument: 'metadata', expected: /without square brackets/, received: /a\[b\]/ }],
    ['metadata value too long', { id: 'thg_1', metadata: { k: 'x'.repeat(501) } }, { argument: 'metadata', expected: /at most 500/, received: /501/ }],
    ['requires another argument', { id: 'thg_1', interval_count: 3 }, { argument: 'interval_count', expected: /"interval" to be given/, received: /without/ }],
    ['null is not an omitted value', { id: 'thg_1', mode: null }, { argument: 'mode', expected: /a string/, received: /null/ }],
  ];
  for (const [name, args, want] of cases) {
    test(name, () => {
      const [issue, ...rest] = issueOf(args);
      expect(rest).toEqual([]);
      expect(issue?.argument).toBe(want.argument);
      expect(issue?.expected).toMatch(want.expected);
      expect(issue?.received).toMatch(want.received);
    });
  }

  test('an unknown argument suggests the closest known one', () => {
    const [issue] = issueOf({ id: 'thg_1', ammount: 5 });
    expect(issue).toMatchObject({ argument: 'ammount', received: 'an unknown argument', hint: ' Did you mean "amount"?' });
  });

  test('undefined counts as omitted', () => expect(issueOf({ id: 'thg_1', amount: undefined, other: undefined })).toEqual([]));

  test('arguments that are not an object', () => {
    for (const value of [null, 'x', [], 5]) expect(issueOf(value)[0]?.argument).toBe('(arguments)');
  });

  test('every problem is reported at once', () => expect(issueOf({ amount: -1, mode: 'x' }).map((i) => i.argument)).toEqual(['id', 'amount', 'mode']));
});

describe('validateArgs', () => {
  test('throws one error naming the function, the argument, the expectation and the value', () => {
    let caught: unknown;
    try {
      validateArgs(op, { id: 'thg_1', limit: 500 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StripeValidationError);
    const error = caught as StripeValidationError;
    expect(error.message).toBe('make_thing: argument "limit" expected an integer from 1 to 100, got number 500. Nothing was sent to Stripe.');
    expect(error).toMatchObject({ function: 'make_thing', param: 'limit', type: 'validation_error', statusCode: undefined });
    expect(error.issues).toHaveLength(1);
    expect(error.toJSON()).toMatchObject({ name: 'StripeValidationError', function: 'make_thing', issues: [{ argument: 'limit' }] });
  });

  test('passes a valid call', () => expect(() => validateArgs(op, { id: 'thg_1' })).not.toThrow());
});

test('describeValue keeps long strings short', () => {
  expect(describeValue('x'.repeat(100))).toMatch(/… \(100 characters\)$/);
  expect(describeValue({ a: 1 })).toBe('an object');
});
