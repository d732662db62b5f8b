import { describe, expect, test } from 'vitest';
import { decodeForm, joinKey, splitKey } from '../../src/emulator/form.js';
import { setup } from './helpers.js';

describe('decodeForm', () => {
  const cases: Array<[string, string, unknown]> = [
    ['flat fields', 'name=Acme&email=jane%40example.com', { name: 'Acme', email: 'jane@example.com' }],
    ['plus and percent escapes', 'description=Hello+world%21&note=a%2Bb', { description: 'Hello world!', note: 'a+b' }],
    ['escaped brackets', 'metadata%5Btier%5D=pro', { metadata: { tier: 'pro' } }],
    ['nested object', 'metadata[tier]=pro&metadata[crm_id]=12345', { metadata: { tier: 'pro', crm_id: '12345' } }],
    ['two levels', 'address[line1]=1+Main+St&recurring[interval]=month', { address: { line1: '1 Main St' }, recurring: { interval: 'month' } }],
    ['array of objects by index', 'items[0][price]=price_A&items[0][quantity]=2&items[1][price]=price_B', { items: [{ price: 'price_A', quantity: '2' }, { price: 'price_B' }] }],
    ['indices out of order', 'items[1][price]=b&items[0][price]=a', { items: [{ price: 'a' }, { price: 'b' }] }],
    ['gaps in indices close up', 'items[0]=a&items[5]=b', { items: ['a', 'b'] }],
    ['index 10 sorts after 2', 'x[10]=c&x[2]=b&x[0]=a', { x: ['a', 'b', 'c'] }],
    ['empty brackets append', 'expand[]=customer&expand[]=latest_invoice', { expand: ['customer', 'latest_invoice'] }],
    ['a key with leading zeros is a name, not an index', 'metadata[01]=x', { metadata: { '01': 'x' } }],
    ['three levels', 'a[b][0][c]=x', { a: { b: [{ c: 'x' }] } }],
    ['empty value', 'description=', { description: '' }],
    ['the last of a repeated key wins', 'name=a&name=b', { name: 'b' }],
    ['empty body', '', {}],
    ['a key that is not bracket syntax stays whole', 'a[b=1', { 'a[b': '1' }],
  ];
  for (const [name, wire, expected] of cases) test(name, () => expect(decodeForm(wire)).toEqual(expected));

  test('__proto__ is an ordinary key and pollutes nothing', () => {
    const decoded = decodeForm('__proto__[polluted]=yes&metadata[__proto__]=x');
    expect(Object.keys(decoded)).toEqual(['__proto__', 'metadata']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('a value and a nested value under one name clash', () => {
    expect(() => decodeForm('metadata=x&metadata[a]=y')).toThrow(/Invalid hash/);
    expect(() => decodeForm('metadata[a]=y&metadata=x')).toThrow(/Invalid string/);
  });

  test('splitKey and joinKey are inverses on bracket names', () => {
    expect(splitKey('items[0][price]')).toEqual(['items', '0', 'price']);
    expect(joinKey(['items', '0', 'price'])).toBe('items[0][price]');
    expect(splitKey('name')).toEqual(['name']);
  });
});

describe('bodies and query strings reach the handlers decoded', () => {
  test('a nested POST body creates nested metadata', async () => {
    const t = setup();
    const reply = await t.post('/v1/customers', 'name=Acme&metadata[tier]=pro&metadata[crm_id]=12345&address[city]=Berlin');
    expect(reply.body).toMatchObject({ name: 'Acme', metadata: { tier: 'pro', crm_id: '12345' }, address: { city: 'Berlin', line1: null } });
  });

  test('a GET query string is decoded the same way', async () => {
    const t = setup();
    await t.post('/v1/customers', 'email=a%2Bb%40example.com');
    const reply = await t.get('/v1/customers?email=a%2Bb%40example.com&limit=1');
    expect(reply.body.data.map((c: { email: string }) => c.email)).toEqual(['a+b@example.com']);
  });

  test('a DELETE takes its parameters from the query string or the body', async () => {
    const t = setup();
    for (const viaQuery of [true, false]) {
      const price = (await t.post('/v1/prices', 'product_data[name]=Pro&unit_amount=100&currency=usd&recurring[interval]=month')).body;
      const customer = (await t.post('/v1/customers', '')).body;
      const subscription = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`)).body;
      const reply = viaQuery ? await t.del(`/v1/subscriptions/${subscription.id}?prorate=true&invoice_now=false`) : await t.del(`/v1/subscriptions/${subscription.id}`, 'prorate=true&invoice_now=false');
      expect(reply.status).toBe(200);
      const refused = viaQuery ? await t.del(`/v1/customers/${customer.id}?bogus=1`) : await t.del(`/v1/customers/${customer.id}`, 'bogus=1');
      expect(refused.body.error.param).toBe('bogus');
    }
  });

  test('a clash in the body is a 400 naming the parameter', async () => {
    const reply = await setup().post('/v1/customers', 'metadata=x&metadata[a]=y');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ type: 'invalid_request_error', param: 'metadata', message: 'Invalid hash' });
  });
});
