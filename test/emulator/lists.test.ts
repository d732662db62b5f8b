import { describe, expect, test } from 'vitest';
import { createCustomer, type Setup, setup } from './helpers.js';

const ids = (page: { data: Array<{ id: string }> }) => page.data.map((item) => item.id);

async function createCustomers(t: Setup, count: number): Promise<string[]> {
  const created: string[] = [];
  for (let i = 0; i < count; i += 1) {
    created.push((await createCustomer(t, `name=Customer+${i}&email=c${i}%40example.com`)).id);
    t.clock.now += 1;
  }
  return created;
}

describe('pagination', () => {
  test('25 customers, limit 10: three pages, newest first, has_more on all but the last', async () => {
    const t = setup();
    const newestFirst = (await createCustomers(t, 25)).reverse();
    const first = (await t.get('/v1/customers?limit=10')).body;
    expect(first).toMatchObject({ object: 'list', url: '/v1/customers', has_more: true });
    expect(ids(first)).toEqual(newestFirst.slice(0, 10));
    const second = (await t.get(`/v1/customers?limit=10&starting_after=${first.data[9].id}`)).body;
    expect(second.has_more).toBe(true);
    expect(ids(second)).toEqual(newestFirst.slice(10, 20));
    const third = (await t.get(`/v1/customers?limit=10&starting_after=${second.data[9].id}`)).body;
    expect(third.has_more).toBe(false);
    expect(ids(third)).toEqual(newestFirst.slice(20, 25));
  });

  test('limit defaults to 10', async () => {
    const t = setup();
    await createCustomers(t, 12);
    const page = (await t.get('/v1/customers')).body;
    expect(page.data).toHaveLength(10);
    expect(page.has_more).toBe(true);
  });

  test('ending_before pages back: the objects just newer than the cursor, still newest first', async () => {
    const t = setup();
    const newestFirst = (await createCustomers(t, 25)).reverse();
    const page = (await t.get(`/v1/customers?limit=5&ending_before=${newestFirst[20]}`)).body;
    expect(ids(page)).toEqual(newestFirst.slice(15, 20));
    expect(page.has_more).toBe(true);
    const top = (await t.get(`/v1/customers?limit=5&ending_before=${newestFirst[3]}`)).body;
    expect(ids(top)).toEqual(newestFirst.slice(0, 3));
    expect(top.has_more).toBe(false);
  });

  test('an exactly full last page has has_more false', async () => {
    const t = setup();
    await createCustomers(t, 20);
    const first = (await t.get('/v1/customers?limit=10')).body;
    const second = (await t.get(`/v1/customers?limit=10&starting_after=${first.data[9].id}`)).body;
    expect(second.data).toHaveLength(10);
    expect(second.has_more).toBe(false);
  });

  test('an empty list', async () => {
    expect((await setup().get('/v1/invoices')).body).toEqual({ object: 'list', data: [], has_more: false, url: '/v1/invoices' });
  });

  test('objects created in the same second still come newest first', async () => {
    const t = setup();
    const a = await createCustomer(t);
    const b = await createCustomer(t);
    expect(ids((await t.get('/v1/customers')).body)).toEqual([b.id, a.id]);
  });

  test('created filters by timestamp bounds', async () => {
    const t = setup();
    const created = await createCustomers(t, 5); // created at +0 … +4
    const page = (await t.get('/v1/customers?created[gte]=1700000001&created[lt]=1700000003')).body;
    expect(ids(page)).toEqual([created[2], created[1]]);
    expect(ids((await t.get('/v1/customers?created=1700000004')).body)).toEqual([created[4]]);
  });
});

describe('filters', () => {
  test('customers by exact email, paginated within the filter', async () => {
    const t = setup();
    const a1 = await createCustomer(t, 'email=a%40example.com');
    await createCustomer(t, 'email=b%40example.com');
    const a2 = await createCustomer(t, 'email=a%40example.com');
    await createCustomer(t, 'email=A%40example.com');
    const page = (await t.get('/v1/customers?email=a%40example.com&limit=1')).body;
    expect(ids(page)).toEqual([a2.id]);
    expect(page.has_more).toBe(true);
    const next = (await t.get(`/v1/customers?email=a%40example.com&limit=1&starting_after=${a2.id}`)).body;
    expect(ids(next)).toEqual([a1.id]);
    expect(next.has_more).toBe(false);
  });

  test('products by active', async () => {
    const t = setup();
    const on = (await t.post('/v1/products', 'name=On')).body;
    const off = (await t.post('/v1/products', 'name=Off&active=false')).body;
    expect(ids((await t.get('/v1/products?active=true')).body)).toEqual([on.id]);
    expect(ids((await t.get('/v1/products?active=false')).body)).toEqual([off.id]);
    expect(ids((await t.get('/v1/products')).body)).toEqual([off.id, on.id]);
    expect((await t.get('/v1/products')).body.url).toBe('/v1/products');
  });

  test('prices by product, active and type', async () => {
    const t = setup();
    const pro = (await t.post('/v1/products', 'name=Pro')).body;
    const basic = (await t.post('/v1/products', 'name=Basic')).body;
    const monthly = (await t.post('/v1/prices', `product=${pro.id}&unit_amount=2999&currency=usd&recurring[interval]=month`)).body;
    const oneTime = (await t.post('/v1/prices', `product=${pro.id}&unit_amount=9900&currency=usd`)).body;
    const archived = (await t.post('/v1/prices', `product=${pro.id}&unit_amount=1000&currency=usd&active=false`)).body;
    const other = (await t.post('/v1/prices', `product=${basic.id}&unit_amount=500&currency=usd`)).body;
    expect(ids((await t.get(`/v1/prices?product=${pro.id}`)).body)).toEqual([archived.id, oneTime.id, monthly.id]);
    expect(ids((await t.get(`/v1/prices?product=${pro.id}&active=true`)).body)).toEqual([oneTime.id, monthly.id]);
    expect(ids((await t.get('/v1/prices?type=recurring')).body)).toEqual([monthly.id]);
    expect(ids((await t.get('/v1/prices?active=true')).body)).toEqual([other.id, oneTime.id, monthly.id]);
    expect((await t.get('/v1/prices')).body.url).toBe('/v1/prices');
  });

  test('invoices by customer and status', async () => {
    const t = setup({ defaultPaymentMethod: null });
    const jane = await createCustomer(t);
    const bob = await createCustomer(t);
    const draft = (await t.post('/v1/invoices', `customer=${jane.id}`)).body;
    const paid = (await t.post('/v1/invoices', `customer=${jane.id}`)).body;
    await t.post(`/v1/invoices/${paid.id}/pay`);
    const bobs = (await t.post('/v1/invoices', `customer=${bob.id}`)).body;
    expect(ids((await t.get(`/v1/invoices?customer=${jane.id}`)).body)).toEqual([paid.id, draft.id]);
    expect(ids((await t.get(`/v1/invoices?customer=${jane.id}&status=draft`)).body)).toEqual([draft.id]);
    expect(ids((await t.get('/v1/invoices?status=paid')).body)).toEqual([paid.id]);
    expect(ids((await t.get('/v1/invoices?status=draft')).body)).toEqual([bobs.id, draft.id]);
    expect(ids((await t.get('/v1/invoices?status=void')).body)).toEqual([]);
  });
});
