import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import type { LoadedSpec } from '../../codegen/load.js';
import { formatProblem, validateSpec } from '../../codegen/validate.js';

const fixture = (name: string) => parse(readFileSync(new URL(`../fixtures/mini-spec/${name}`, import.meta.url), 'utf8'));

/** The mini spec with one change applied to a fresh copy of each document. */
function specWith(change: (functions: any, openapi: any, agentDocs: any) => void = () => {}): LoadedSpec {
  const functions = fixture('functions.yaml');
  const openapi = fixture('openapi.yaml');
  const agentDocs = fixture('agent-docs.yaml');
  change(functions, openapi, agentDocs);
  return {
    functions: { file: 'spec/functions.yaml', doc: functions },
    openapi: { file: 'spec/openapi.yaml', doc: openapi },
    agentDocs: { file: 'spec/agent-docs.yaml', doc: agentDocs },
  };
}

const problemsOf = (change: Parameters<typeof specWith>[0]) => validateSpec(specWith(change)).map(formatProblem);

test('the mini spec is valid', () => expect(validateSpec(specWith())).toEqual([]));

describe('the shape of functions.yaml', () => {
  const cases: Array<[string, (f: any) => void, string]> = [
    ['an unknown key on a function', (f) => (f.functions.get_customer.summary = 'x'), 'spec/functions.yaml: functions.get_customer.summary: unknown key'],
    ['a missing key', (f) => delete f.functions.get_customer.title, 'spec/functions.yaml: functions.get_customer.title: missing'],
    ['a bad operation', (f) => (f.functions.get_customer.operation = 'readonly'), 'spec/functions.yaml: functions.get_customer.operation: invalid value "readonly"'],
    ['an unknown group', (f) => (f.functions.get_customer.group = 'People'), 'functions.get_customer.group: "People" is not one of the groups'],
    ['an unknown argument key', (f) => (f.functions.list_customers.args.limit.max = 5), 'functions.list_customers.args.limit.max: unknown key'],
    ['an unknown type', (f) => (f.functions.list_customers.args.limit.type = 'number'), 'functions.list_customers.args.limit.type: invalid value "number"'],
    ['send_default without a default', (f) => delete f.functions.create_price.args.auto.default, 'functions.create_price.args.auto.send_default: send_default needs a default'],
    ['an optional path argument', (f) => delete f.functions.get_customer.args.id.required, 'functions.get_customer.args.id: a path argument must be required'],
    ['a function name in camelCase', (f) => ((f.functions.getThing = f.functions.get_customer), delete f.functions.get_customer), 'functions.getThing: function names are snake_case'],
  ];
  for (const [name, change, message] of cases) test(name, () => expect(problemsOf(change).join('\n')).toContain(message));
});

describe('agent-docs.yaml', () => {
  test('an ID prefix no argument uses', () =>
    expect(problemsOf((_, __, d) => (d.id_prefixes.xx_ = 'Thing')).join('\n')).toContain('spec/agent-docs.yaml: id_prefixes.xx_: no argument of spec/functions.yaml takes an ID with this prefix'));
  test('a missing section', () => expect(problemsOf((_, __, d) => delete d.pagination).join('\n')).toContain('spec/agent-docs.yaml: (root).pagination: missing'));
  test('a workflow without code', () => expect(problemsOf((_, __, d) => delete d.workflows[0].lua).join('\n')).toContain('spec/agent-docs.yaml: workflows.0.lua: missing'));
});

describe('the cross-check against openapi.yaml', () => {
  const cases: Array<[string, (f: any, o: any) => void, string]> = [
    ['an operation that does not exist', (f) => (f.functions.get_customer.stripe.method = 'DELETE'), 'functions.get_customer.stripe: DELETE /v1/customers/{id} is not an operation of spec/openapi.yaml'],
    ['a wire parameter that does not exist', (f) => (f.functions.create_price.args.recurring_interval.wire = 'recurring[every]'), 'functions.create_price.args.recurring_interval: wire parameter "recurring[every]" is not a parameter of POST /v1/prices'],
    ['a query parameter that does not exist', (f) => (f.functions.list_customers.args.emails = { type: 'string', description: 'x' }), 'functions.list_customers.args.emails: wire parameter "emails" is not a parameter of GET /v1/customers'],
    ['an enum value Stripe refuses', (f) => f.functions.create_price.args.recurring_interval.enum.push('fortnight'), 'args.recurring_interval.enum: "fortnight" is not accepted by Stripe (accepted: day, week, month, year)'],
    ['an enum left out', (f) => delete f.functions.create_price.args.recurring_interval.enum, 'args.recurring_interval.enum: Stripe accepts only day, week, month, year'],
    ['a default out of bounds', (f) => (f.functions.list_customers.args.limit.default = 500), 'args.limit.default: default 500 is not a value Stripe accepts here'],
    ['a looser bound than Stripe', (f) => (f.functions.list_customers.args.limit.maximum = 1000), "args.limit.maximum: Stripe's maximum is 100"],
    ['a type that does not fit', (f) => (f.functions.create_price.args.auto.type = 'string'), 'args.auto.type: "string" does not fit the parameter\'s type "boolean"'],
    ['a required parameter nobody sends', (f) => delete f.functions.create_price.args.currency.required, 'functions.create_price.args: Stripe requires "currency" for POST /v1/prices'],
    ['a documented field the object lacks', (f) => f.functions.get_customer.returns.push('phone'), 'functions.get_customer.returns: documented result field "phone" is not a field of customer'],
    ['a result object that is not returned', (f) => (f.functions.get_customer.result.object = 'price'), 'functions.get_customer.result.object: GET /v1/customers/{id} returns customer in the OpenAPI document, not price'],
    ['an API version that differs', (_, o) => (o.info.version = '2020-01-01'), 'api_version: "2026-10-28.endive" differs from info.version "2020-01-01" of spec/openapi.yaml'],
  ];
  for (const [name, change, message] of cases) test(name, () => expect(problemsOf(change).join('\n')).toContain(message));

  test('reports every problem at once', () => {
    const problems = problemsOf((f) => {
      f.functions.get_customer.returns.push('phone');
      f.functions.list_customers.args.limit.maximum = 1000;
      f.functions.create_price.args.recurring_interval.enum.push('fortnight');
    });
    expect(problems).toHaveLength(3);
  });
});
