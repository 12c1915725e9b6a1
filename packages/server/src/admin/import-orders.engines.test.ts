// The orders import (issue 22, decision 0020) on both engines: good lines are imported and broken
// ones named by line number and reason, a second run finds everything unchanged, and an order the
// database refuses halfway leaves nothing of itself while the rest of its batch stays.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import { starterSettings } from '../settings/starter.js';
import { importOrders } from './import-orders.js';
import { OrderFactsSchema } from './order-facts.js';
import { createAdminOrders } from './orders.js';

/** One order line of the import: the PUT body plus its number. */
function orderLine(number: string, updatedAt = '2026-11-23T10:00:00Z', email = 'noor@example.org') {
  return {
    number,
    updatedAt,
    placedAt: '2026-11-20T09:00:00Z',
    customer: { email, postalCode: '2011', name: 'Noor' },
    shippingAddress: { city: 'Haarlem', country: 'NL' },
    items: [{ id: 'l1', productId: 'p1', name: 'Wool scarf', quantity: 1, price: { amount: 3900, currency: 'EUR' } }],
    shipments: [
      {
        id: 's1',
        carrier: 'PostNL',
        trackingNumber: `T-${number}`,
        trackingUrl: `https://postnl.example/${number}`,
        items: [{ itemId: 'l1', quantity: 1 }],
        events: [{ at: '2026-11-21T10:00:00Z', status: 'in_transit', description: 'On its way' }],
      },
    ],
  };
}

async function* linesOf(lines: readonly string[]): AsyncIterable<string> {
  for (const line of lines) yield line;
}

const config = starterSettings().store;

describeOnBothEngines('orders import', (engine) => {
  const numbersIn = async (prefix: string) =>
    (
      await engine()
        .db.selectFrom('orders')
        .select('number')
        .where('number', 'like', `${prefix}%`)
        .orderBy('number')
        .execute()
    ).map((row) => row.number);

  it('imports the good lines, names each bad one by line and reason, and finds it all unchanged again', async () => {
    const { db } = engine();
    const orders = createAdminOrders(db, () => config);
    // Already on the server, newer than the file's line for it.
    const { number: _seven, ...newerSeven } = orderLine('IM-7', '2026-11-30T00:00:00Z');
    await orders.upsert('IM-7', OrderFactsSchema.parse(newerSeven));
    const { customer: _customer, ...missingCustomer } = orderLine('IM-4');
    const file = [
      JSON.stringify(orderLine('IM-1')),
      JSON.stringify(orderLine('IM-2')),
      '{"number": "IM-3", "updatedAt": ',
      JSON.stringify(missingCustomer),
      '',
      JSON.stringify({ ...orderLine('IM-5'), items: [{ ...orderLine('IM-5').items[0], quantity: 0 }] }),
      JSON.stringify(orderLine('IM-6')),
      JSON.stringify(orderLine('IM-7', '2026-11-23T10:00:00Z')),
      '[1, 2]',
      JSON.stringify(orderLine('IM-1', '2026-11-24T10:00:00Z', 'noor.new@example.org')),
    ];
    const first = await importOrders(linesOf(file), orders, db, { batchSize: 3 });
    assert.deepEqual(
      { lines: first.lines, created: first.created, updated: first.updated, unchanged: first.unchanged },
      { lines: 10, created: 3, updated: 1, unchanged: 0 },
    );
    assert.equal(first.rejected, 5);
    assert.deepEqual(
      first.rejections.map((rejection) => [rejection.line, rejection.number, rejection.code]),
      [
        [3, undefined, 'invalid_json'],
        [4, 'IM-4', 'validation_failed'],
        [6, 'IM-5', 'validation_failed'],
        [8, 'IM-7', 'stale_order'],
        [9, undefined, 'invalid_json'],
      ],
    );
    assert.match(first.rejections[1]?.reason ?? '', /customer/);
    assert.match(first.rejections[2]?.reason ?? '', /items\.0\.quantity/);
    assert.match(first.rejections[3]?.reason ?? '', /2026-11-30T00:00:00.000Z/);
    assert.deepEqual(await numbersIn('IM-'), ['IM-1', 'IM-2', 'IM-6', 'IM-7']);
    const view = await orders.get('IM-1');
    assert.equal(view.facts?.customer.email, 'noor.new@example.org', 'the later line for IM-1 won');

    const again = await importOrders(linesOf(file), orders, db, { batchSize: 4 });
    assert.deepEqual(
      [again.created, again.updated, again.unchanged, again.rejected],
      [0, 0, 3, 6],
      'IM-1’s first line is now older than what is kept: stale, like IM-7',
    );
    const good = file.filter((_, index) => [0, 1, 6, 9].includes(index));
    const goodOnly = await importOrders(linesOf(good.slice(1)), orders, db);
    assert.deepEqual([goodOnly.created, goodOnly.updated, goodOnly.unchanged, goodOnly.rejected], [0, 0, 3, 0]);
  });

  it('leaves nothing of an order the database refuses halfway, and keeps the rest of its batch', async () => {
    const { db, kind } = engine();
    const orders = createAdminOrders(db, () => config);
    // The database refuses the second write of one order (its facts), after its first (the order) went in.
    if (kind === 'sqlite')
      await sql
        .raw(
          `CREATE TRIGGER refuse_half BEFORE INSERT ON order_sources WHEN NEW.json LIKE '%T-HALF-2%'
           BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
        )
        .execute(db);
    else {
      await sql
        .raw(
          `create function refuse_half() returns trigger language plpgsql as $$
           begin if new.json like '%T-HALF-2%' then raise exception 'refused by the test'; end if; return new; end $$`,
        )
        .execute(db);
      await sql
        .raw('create trigger refuse_half before insert on order_sources for each row execute function refuse_half()')
        .execute(db);
    }
    try {
      const file = ['HALF-1', 'HALF-2', 'HALF-3'].map((number) => JSON.stringify(orderLine(number)));
      const summary = await importOrders(linesOf(file), orders, db, { batchSize: 10 });
      assert.equal(summary.created, 2);
      assert.deepEqual(
        summary.rejections.map((rejection) => [rejection.line, rejection.number, rejection.code]),
        [[2, 'HALF-2', 'database_error']],
      );
      assert.match(summary.rejections[0]?.reason ?? '', /refused by the test/);
      assert.deepEqual(await numbersIn('HALF-'), ['HALF-1', 'HALF-3']);
      const sources = await db
        .selectFrom('order_sources')
        .innerJoin('orders', 'orders.id', 'order_sources.order_id')
        .select('orders.number')
        .where('orders.number', 'like', 'HALF-%')
        .execute();
      assert.equal(sources.length, 2);
    } finally {
      await sql.raw('drop trigger refuse_half' + (kind === 'sqlite' ? '' : ' on order_sources')).execute(db);
    }
  });
});
