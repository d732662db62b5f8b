import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { listDocs, readDoc, REFERENCE_PAGE, searchDocs, StripeDocNotFoundError } from '../src/docs/index.js';
import { seedParameterTables } from './helpers/seed.js';

const markdown = readFileSync(new URL('../generated/docs/stripe.md', import.meta.url), 'utf8');

/** The parameter rows of one function's entry in the reference's "Function Reference" section. */
function referenceRows(text: string, tool: string): Array<{ parameter: string; type: string; required: boolean }> {
  const section = text.split(/^### /m).find((part) => part.startsWith(`${tool}\n`)) ?? '';
  return [...section.matchAll(/^\| `(\w+)` \| (\w+) \| (yes|no) \|/gm)].map((m) => ({ parameter: m[1]!, type: m[2]!, required: m[3] === 'yes' }));
}

describe('the generated Lua reference', () => {
  test('covers the same 25 functions as the seed', () => {
    expect(seedParameterTables).toHaveLength(25);
    for (const { tool } of seedParameterTables) expect(markdown).toContain(`### ${tool}\n`);
  });

  test("every function's parameter table equals the seed's (name, type, required)", () => {
    for (const { tool, parameters } of seedParameterTables) expect(referenceRows(markdown, tool), tool).toEqual(parameters);
  });

  test('counts and sections come out of the spec', () => {
    expect(markdown).toContain('provides 25 functions (10 read, 15 write)');
    for (const heading of ['## Overview', '## Authentication', '## Customers', '## Products', '## Prices', '## Payment Intents', '## Invoices', '## Subscriptions', '## Balance', '## Pagination', '## Common Workflows', '## Notes', '## Multi-Account Usage', '## Function Reference']) {
      expect(markdown).toContain(`\n${heading}\n`);
    }
    expect(markdown).toMatch(/\| `pm_` \| Payment Method \|/);
    expect(markdown).toContain('- Full name: `stripe.stripe_create_customer`');
  });

  test('corrects the seed where Stripe disagrees', () => {
    expect(markdown).not.toContain('void drafts');
    expect(markdown).not.toMatch(/"automatic", "duplicate"/);
    expect(markdown).toContain('status = "open"');
    expect(markdown).not.toContain('[email protected]');
    expect(markdown).toContain('`"abandoned"`, `"duplicate"`, `"fraudulent"`, `"requested_by_customer"`');
  });
});

describe('readDoc', () => {
  test('the whole reference', () => {
    expect(readDoc('integrations.stripe')).toBe(markdown.replace(/^<!--.*-->\n\n/, ''));
    expect(readDoc()).toBe(readDoc(REFERENCE_PAGE));
  });

  test('one function: signature, description, parameters, example and tool', () => {
    const page = readDoc('integrations.stripe.create_price');
    expect(page).toContain('`app.integrations.stripe.create_price({ product = string, unit_amount = integer, currency = string, recurring_interval = string?, recurring_interval_count = integer?, metadata = object? })`');
    expect(page).toContain('Tool `stripe_create_price` · operation: write');
    expect(page).toContain('| `unit_amount` | integer | yes |');
    expect(page).toContain('recurring_interval_count = 3,');
    expect(page).not.toContain('create_customer');
  });

  test('an account path resolves to the same page, and so does the Lua path', () => {
    expect(readDoc('integrations.stripe.work.create_customer')).toBe(readDoc('integrations.stripe.create_customer'));
    expect(readDoc('app.integrations.stripe.get_balance')).toBe(readDoc('integrations.stripe.get_balance'));
  });

  test('an unknown page lists close matches', () => {
    expect(() => readDoc('integrations.stripe.create_custmer')).toThrow(StripeDocNotFoundError);
    expect(() => readDoc('integrations.stripe.create_custmer')).toThrow('there is no page "integrations.stripe.create_custmer". Close matches: "integrations.stripe.create_customer"');
    expect(() => readDoc('integrations.paypal')).toThrow(/Start with "integrations.stripe"/);
  });

  test('listDocs names the reference and all 25 functions', () => {
    const pages = listDocs();
    expect(pages[0]).toBe('integrations.stripe');
    expect(pages).toHaveLength(26);
    expect(pages).toContain('integrations.stripe.void_invoice');
  });

  test('searchDocs finds functions by their words', () => {
    const hits = searchDocs('capture authorized amount');
    expect(hits[0]?.page).toBe('integrations.stripe.capture_payment_intent');
    expect(searchDocs('refund')).toEqual([]);
    const [best, ...rest] = searchDocs('void invoice');
    expect(best).toMatchObject({ page: 'integrations.stripe.void_invoice', score: 4 });
    expect(rest.every((hit) => hit.score < 4)).toBe(true);
  });
});
