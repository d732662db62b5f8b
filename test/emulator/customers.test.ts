import { describe, expect, test } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';
import { createCustomer, createRecurringPrice, send, setup } from './helpers.js';

describe('customers', () => {
  test('create returns a full customer with Stripe defaults', async () => {
    const t = setup();
    const reply = await t.post('/v1/customers', 'name=Acme+Corp&email=billing%40acme.example&description=Enterprise+customer&phone=%2B1+555-0123&metadata[crm_id]=12345&metadata[tier]=enterprise');
    expect(reply.status).toBe(200);
    const customer = reply.body;
    expect(customer.id).toMatch(/^cus_[A-Za-z0-9]{24}$/);
    expect(customer).toMatchObject({
      object: 'customer',
      name: 'Acme Corp',
      email: 'billing@acme.example',
      description: 'Enterprise customer',
      phone: '+1 555-0123',
      metadata: { crm_id: '12345', tier: 'enterprise' },
      created: 1_700_000_000,
      livemode: false,
      balance: 0,
      currency: null,
      address: null,
      shipping: null,
      default_source: null,
      delinquent: false,
      discount: null,
      next_invoice_sequence: 1,
      preferred_locales: [],
      tax_exempt: 'none',
      test_clock: null,
    });
    expect(customer.invoice_prefix).toMatch(/^[0-9A-F]{8}$/);
    expect(customer.invoice_settings).toMatchObject({ custom_fields: null, footer: null, rendering_options: null });
  });

  test('as on Stripe, a new customer has no default payment method unless the request gives one', async () => {
    const reply = await send(createEmulator(), 'POST', '/v1/customers', 'name=Jane');
    expect(reply.body.invoice_settings.default_payment_method).toBeNull();
  });

  test('the defaultPaymentMethod option gives new customers that test card, minted into a pm_ id', async () => {
    const customer = await createCustomer(setup({ defaultPaymentMethod: 'pm_card_visa' }));
    expect(customer.invoice_settings.default_payment_method).toMatch(/^pm_[A-Za-z0-9]{24}$/);
    expect((await createCustomer(setup({ defaultPaymentMethod: null }))).invoice_settings.default_payment_method).toBeNull();
  });

  test('createEmulator refuses a default payment method that is not a test token', () => {
    expect(() => setup({ defaultPaymentMethod: 'pm_made_up' })).toThrow(/defaultPaymentMethod/);
  });

  test('get returns what create stored', async () => {
    const t = setup();
    const created = await createCustomer(t);
    const fetched = await t.get(`/v1/customers/${created.id}`);
    expect(fetched.body).toEqual(created);
  });

  test('update sets fields, merges metadata and removes a key sent empty', async () => {
    const t = setup();
    const customer = await createCustomer(t, 'name=Acme&email=old%40example.com&metadata[tier]=pro&metadata[crm_id]=1&metadata[keep]=yes');
    const reply = await t.post(`/v1/customers/${customer.id}`, 'name=Acme+(Updated)&metadata[tier]=premium&metadata[crm_id]=&metadata[new]=1');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: customer.id, name: 'Acme (Updated)', email: 'old@example.com' });
    expect(reply.body.metadata).toEqual({ tier: 'premium', keep: 'yes', new: '1' });
  });

  test('metadata= removes every key; email= unsets the email', async () => {
    const t = setup();
    const customer = await createCustomer(t, 'email=a%40example.com&metadata[a]=1&metadata[b]=2');
    const reply = await t.post(`/v1/customers/${customer.id}`, 'metadata=&email=');
    expect(reply.body.metadata).toEqual({});
    expect(reply.body.email).toBeNull();
  });

  test('an address is replaced as a whole and address= removes it', async () => {
    const t = setup();
    const customer = await createCustomer(t, 'address[line1]=1+Main+St&address[city]=Springfield');
    const moved = await t.post(`/v1/customers/${customer.id}`, 'address[city]=Shelbyville');
    expect(moved.body.address).toEqual({ city: 'Shelbyville', country: null, line1: null, line2: null, postal_code: null, state: null });
    expect((await t.post(`/v1/customers/${customer.id}`, 'address=')).body.address).toBeNull();
  });

  test('the default payment method can be changed to another test card or removed', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const changed = await t.post(`/v1/customers/${customer.id}`, 'invoice_settings[default_payment_method]=pm_card_mastercard');
    expect(changed.body.invoice_settings.default_payment_method).toMatch(/^pm_/);
    expect(changed.body.invoice_settings.default_payment_method).not.toBe(customer.invoice_settings.default_payment_method);
    const removed = await t.post(`/v1/customers/${customer.id}`, 'invoice_settings[default_payment_method]=');
    expect(removed.body.invoice_settings.default_payment_method).toBeNull();
    const unknown = await t.post(`/v1/customers/${customer.id}`, 'invoice_settings[default_payment_method]=pm_nope');
    expect(unknown.body.error).toMatchObject({ code: 'resource_missing', param: 'invoice_settings[default_payment_method]' });
  });

  test('delete answers the deleted stub; later reads get the stub, writes get 404', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const deleted = await t.del(`/v1/customers/${customer.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: customer.id, object: 'customer', deleted: true });
    const fetched = await t.get(`/v1/customers/${customer.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual({ id: customer.id, object: 'customer', deleted: true });
    const updated = await t.post(`/v1/customers/${customer.id}`, 'name=Back');
    expect(updated.status).toBe(404);
    expect(updated.body.error).toMatchObject({ code: 'resource_missing', message: `No such customer: '${customer.id}'` });
    expect((await t.del(`/v1/customers/${customer.id}`)).status).toBe(404);
  });

  test('a deleted customer is not listed and cannot be charged', async () => {
    const t = setup();
    const kept = await createCustomer(t);
    const gone = await createCustomer(t);
    await t.del(`/v1/customers/${gone.id}`);
    expect((await t.get('/v1/customers')).body.data.map((c: { id: string }) => c.id)).toEqual([kept.id]);
    const intent = await t.post('/v1/payment_intents', `amount=100&currency=usd&customer=${gone.id}`);
    expect(intent.body.error).toMatchObject({ code: 'resource_missing', param: 'customer' });
  });

  test('deleting a customer cancels its subscriptions', async () => {
    const t = setup();
    const customer = await createCustomer(t);
    const price = await createRecurringPrice(t);
    const subscription = (await t.post('/v1/subscriptions', `customer=${customer.id}&items[0][price]=${price.id}`)).body;
    t.clock.now += 60;
    await t.del(`/v1/customers/${customer.id}`);
    const after = await t.get(`/v1/subscriptions/${subscription.id}`);
    expect(after.body).toMatchObject({ status: 'canceled', canceled_at: 1_700_000_060, ended_at: 1_700_000_060 });
  });
});
