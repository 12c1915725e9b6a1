// The admin API's data on both engines: keys stored as digests and revoked for good, and pushes of
// one order racing each other (the newest updatedAt wins, whatever order they arrive in).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { starterSettings } from '../settings/starter.js';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import type { ApiError } from '../errors.js';
import { createApiKeys } from './keys.js';
import { OrderFactsSchema } from './order-facts.js';
import { createAdminOrders } from './orders.js';

const facts = (updatedAt: string, name: string) =>
  OrderFactsSchema.parse({
    updatedAt,
    placedAt: '2026-11-20T09:00:00Z',
    customer: { email: 'kim@example.org', postalCode: '8001', name },
    shippingAddress: { city: 'Zürich', country: 'CH' },
    items: [{ id: 'l1', productId: 'p1', name: 'Linen throw', quantity: 1, price: { amount: 9900, currency: 'CHF' } }],
  });

describeOnBothEngines('admin API data', (engine) => {
  it('keeps a key only as its digest, records its use, and revokes it for good', async () => {
    let clock = 1_000;
    const keys = createApiKeys(engine().db, () => clock, 'bootstrap-key-for-this-test-0123456789');
    const { key, info } = await keys.create('  sync  ', ['orders:write']);
    assert.equal(info.name, 'sync');
    const stored = await engine().db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(stored).includes(key.slice(4)), 'the key itself is not stored');

    clock = 2_000;
    assert.deepEqual(await keys.verify(key), { keyId: info.id, scopes: ['orders:write'] });
    assert.equal((await keys.list())[0]?.lastUsedAt, 2_000);
    assert.deepEqual((await keys.verify('bootstrap-key-for-this-test-0123456789'))?.scopes, [
      'orders:write',
      'articles:write',
      'read',
      'webhooks:write',
    ]);
    assert.equal(await keys.verify('bootstrap-key-for-this-test-012345678'), undefined);

    assert.equal(await keys.revoke(info.id), true);
    assert.equal(await keys.verify(key), undefined);
    assert.equal(await keys.revoke('key_unknown'), false);
  });

  it('lets the newest of racing pushes win, whatever order they are written in', async () => {
    const orders = createAdminOrders(engine().db, () => starterSettings().store);
    // Twenty orders, each pushed in five versions at once, out of order.
    const numbers = Array.from({ length: 20 }, (_, index) => `R-${index + 1}`);
    const days = [3, 1, 5, 2, 4];
    const outcomes = await Promise.allSettled(
      numbers.flatMap((number) =>
        days.map((day) => orders.upsert(number, facts(`2026-11-2${day}T10:00:00Z`, `Version ${day}`))),
      ),
    );
    const created = outcomes.filter((o) => o.status === 'fulfilled' && o.value.result === 'created');
    assert.equal(created.length, numbers.length);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') assert.equal((outcome.reason as ApiError).code, 'stale_order');
    const rows = await engine()
      .db.selectFrom('orders')
      .innerJoin('order_sources', 'order_sources.order_id', 'orders.id')
      .select(['orders.number', 'orders.customer_name', 'order_sources.updated_at'])
      .where('orders.number', 'like', 'R-%')
      .execute();
    assert.equal(rows.length, numbers.length);
    for (const row of rows) {
      assert.equal(row.customer_name, 'Version 5', row.number);
      assert.equal(row.updated_at, Date.parse('2026-11-25T10:00:00Z'));
    }
  });
});
