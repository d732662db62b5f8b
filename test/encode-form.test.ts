import { expect, test } from 'vitest';
import { encodeForm } from '../src/encode-form.js';

// Expected strings are Stripe's bracket syntax as its API reference writes it.
const cases: Array<[string, Record<string, unknown>, string]> = [
  ['flat string, percent-encoded', { name: 'Acme Corp', email: 'billing@acme.example' }, 'name=Acme%20Corp&email=billing%40acme.example'],
  ['nested object', { metadata: { plan: 'pro', crm_id: '12' } }, 'metadata[plan]=pro&metadata[crm_id]=12'],
  ['array of objects', { items: [{ price: 'price_1Pro', quantity: 5 }] }, 'items[0][price]=price_1Pro&items[0][quantity]=5'],
  ['two levels', { recurring: { interval: 'month', interval_count: 3 } }, 'recurring[interval]=month&recurring[interval_count]=3'],
  ['booleans as words', { active: true, auto_advance: false }, 'active=true&auto_advance=false'],
  ['integers as digits', { amount: 5000 }, 'amount=5000'],
  ['undefined dropped', { email: undefined, name: 'x' }, 'name=x'],
  ['nothing at all', {}, ''],
  ['empty string kept (Stripe clears the field)', { description: '' }, 'description='],
  ['date as unix seconds', { at: new Date('2026-01-01T00:00:00Z') }, 'at=1767225600'],
  ['reserved characters in values', { description: 'a&b=c+d/é' }, 'description=a%26b%3Dc%2Bd%2F%C3%A9'],
  ['brackets inside a key are data', { metadata: { 'a[b]': 'x' } }, 'metadata[a%5Bb%5D]=x'],
];

for (const [name, input, wire] of cases) {
  test(name, () => expect(encodeForm(input)).toBe(wire));
}
