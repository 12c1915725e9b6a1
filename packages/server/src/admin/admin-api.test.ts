// The admin API (issue 22, decision 0019) as a store's developer uses it: a key from the CLI or
// KEFU_ADMIN_KEY, orders pushed with PUT, tracking events appended, and then the widget's own
// routes (/v1/orders/lookup, /v1/orders/{id}, /v1/returns) on what was pushed. On the tests'
// database (SQLite; PostgreSQL in the node-postgres suite).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Order, OrderAccess } from '@kefu/core';
import type { RunningServer } from '../server.js';
import { adminSender, call, cliDatabaseEnv, runCli, startTestServer, testDatabase } from '../routes/test-helpers.js';

const BOOTSTRAP_KEY = 'test-bootstrap-key-0123456789abcdef-0123456789';

/** `kefu-server keys …` on the test server's database; its stdout and exit code. */
const keysCli = (dataDir: string, database: string | undefined, args: readonly string[]) =>
  runCli(['keys', ...args], { env: cliDatabaseEnv(dataDir, database) });

interface AnswerBody {
  result?: string;
  changed?: boolean;
  order?: Order;
  error?: { code: string; scope?: string };
}

/** A store with two parcels for one order: the mug went out first and arrived, the plates follow. */
function twoParcelOrder(updatedAt: string) {
  return {
    updatedAt,
    placedAt: '2026-11-20T09:00:00Z',
    customer: { email: 'Robin.Hale@example.org', postalCode: '1012 AB', customerId: 'cus_robin', name: 'Robin Hale' },
    shippingAddress: { city: 'Amsterdam', country: 'NL' },
    items: [
      { id: 'l1', productId: 'p_mug', name: 'Harbour mug', quantity: 2, price: { amount: 1800, currency: 'EUR' } },
      {
        id: 'l2',
        productId: 'p_plate',
        name: 'Tide plate',
        variant: 'Set of 4',
        category: 'tableware',
        quantity: 1,
        price: { amount: 6400, currency: 'EUR' },
      },
    ],
    shipments: [
      {
        id: 'parcel-1',
        carrier: 'PostNL',
        trackingNumber: '3SABC1',
        trackingUrl: 'https://postnl.example/track/3SABC1',
        items: [{ itemId: 'l1', quantity: 2 }],
        events: [
          { at: '2026-11-21T08:00:00Z', status: 'in_transit', description: 'Handed to PostNL', location: 'Utrecht' },
          {
            at: '2026-11-22T14:30:00Z',
            status: 'delivered',
            description: 'Delivered at the door',
            location: 'Amsterdam',
          },
        ],
      },
      {
        id: 'parcel-2',
        carrier: 'DHL',
        trackingNumber: 'JD0002',
        trackingUrl: 'https://dhl.example/track/JD0002',
        items: [{ itemId: 'l2', quantity: 1 }],
        events: [{ at: '2026-11-23T10:00:00Z', status: 'info_received', description: 'Label created' }],
      },
    ],
  };
}

describe('the admin API', () => {
  let server: RunningServer;
  let dataDir: string;
  let database: string | undefined;
  let admin: string;
  let v1: string;
  // Delivered 2026-11-22; the store's return window (the starter's 30 days) is still open then.
  const clockStart = Date.parse('2026-11-25T12:00:00Z');

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-admin-'));
    database = await testDatabase(dataDir);
    // A store that is not the demo: the starter settings, no orders.
    server = await startTestServer({ port: 0, demo: false, dataDir, adminKey: BOOTSTRAP_KEY, now: () => clockStart });
    admin = `${server.origin}/admin/v1`;
    v1 = `${server.origin}/v1`;
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = adminSender<AnswerBody>(() => admin, BOOTSTRAP_KEY);
  const lookUp = async (orderNumber: string, email: string) => {
    const found = await call<OrderAccess>(v1, 'POST', '/orders/lookup', { body: { orderNumber, email } });
    assert.equal(found.status, 200, found.text);
    return found.body;
  };
  const getOrder = async (access: OrderAccess) => {
    const response = await fetch(`${v1}/orders/${access.order.id}`, {
      headers: { authorization: `Bearer ${access.accessToken}` },
    });
    assert.equal(response.status, 200);
    return (await response.json()) as Order;
  };

  it('pushes an order with two parcels that the widget then finds, tracks and can return from', async () => {
    const pushed = await send('PUT', '/orders/SH-10042', twoParcelOrder('2026-11-23T10:05:00Z'), BOOTSTRAP_KEY);
    assert.equal(pushed.status, 201, pushed.text);
    assert.equal(pushed.body.result, 'created');

    // The shopper types the number and the email as they remember them.
    const access = await lookUp('sh-10042', 'robin.hale@EXAMPLE.org');
    const order = await getOrder(access);
    assert.equal(order.number, 'SH-10042');
    assert.equal(order.status, 'shipped');
    assert.equal(order.maskedEmail, 'R***@example.org');
    assert.deepEqual(
      order.shipments.map((shipment) => [shipment.id, shipment.status, shipment.events[0]?.description]),
      [
        ['parcel-1', 'delivered', 'Delivered at the door'],
        ['parcel-2', 'info_received', 'Label created'],
      ],
    );
    const [mug, plates] = order.items;
    assert.equal(mug?.returnableQuantity, 2);
    assert.equal(mug?.returnDeadline, '2026-12-22T14:30:00.000Z');
    assert.equal(plates?.returnableQuantity, 0);
    assert.equal(plates?.notReturnableReason, 'not_delivered');
    assert.deepEqual(order.total, { amount: 2 * 1800 + 6400, currency: 'EUR' });

    // A return made in the widget survives the store's next push of the order.
    const returned = await call(v1, 'POST', '/returns', {
      token: access.accessToken,
      key: crypto.randomUUID(),
      body: {
        orderId: order.id,
        resolution: 'refund',
        items: [{ itemId: 'l1', quantity: 1, reason: 'changed_mind', photoIds: [] }],
      },
    });
    assert.equal(returned.status, 201, returned.text);
    const next = twoParcelOrder('2026-11-24T09:00:00Z');
    const again = await send('PUT', '/orders/SH-10042', next, BOOTSTRAP_KEY);
    assert.equal(again.body.result, 'updated', again.text);
    const after = await getOrder(access);
    assert.equal(after.items[0]?.returnableQuantity, 1);
    assert.equal(after.returns.length, 1);
  });

  it('shows a pushed tracking event, once however often it is sent', async () => {
    await send('PUT', '/orders/SH-20001', twoParcelOrder('2026-11-23T10:05:00Z'), BOOTSTRAP_KEY);
    const event = {
      at: '2026-11-24T07:15:00Z',
      status: 'out_for_delivery',
      description: 'With the driver',
      location: 'Amsterdam',
    };
    const path = '/orders/SH-20001/shipments/parcel-2/events';
    const first = await send('POST', path, { events: [event] }, BOOTSTRAP_KEY);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.result, 'updated');
    const second = await send('POST', path, { events: [event] }, BOOTSTRAP_KEY);
    assert.equal(second.body.result, 'unchanged');

    const order = await getOrder(await lookUp('SH-20001', 'robin.hale@example.org'));
    const parcel = order.shipments.find((shipment) => shipment.id === 'parcel-2');
    assert.equal(parcel?.status, 'out_for_delivery');
    assert.deepEqual(
      parcel?.events.map((e) => e.description),
      ['With the driver', 'Label created'],
    );
    assert.equal(order.status, 'out_for_delivery');

    const unknown = await send(
      'POST',
      '/orders/SH-20001/shipments/parcel-9/events',
      { events: [event] },
      BOOTSTRAP_KEY,
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error?.code, 'shipment_not_found');
  });

  it('changes nothing for the same body twice, and never lets an older updatedAt overwrite a newer one', async () => {
    const newer = twoParcelOrder('2026-11-24T12:00:00Z');
    assert.equal((await send('PUT', '/orders/SH-30001', newer, BOOTSTRAP_KEY)).status, 201);
    const same = await send('PUT', '/orders/SH-30001', newer, BOOTSTRAP_KEY);
    assert.equal(same.status, 200);
    assert.equal(same.body.result, 'unchanged');
    assert.equal(same.body.changed, false);

    const older = {
      ...twoParcelOrder('2026-11-24T11:00:00Z'),
      customer: { email: 'someone.else@example.org', postalCode: '9999 ZZ' },
    };
    const refused = await send('PUT', '/orders/SH-30001', older, BOOTSTRAP_KEY);
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.error?.code, 'stale_order');
    // The order still answers to its newer details, and not to the older push's.
    await lookUp('SH-30001', 'robin.hale@example.org');
    const stale = await fetch(`${v1}/orders/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderNumber: 'SH-30001', email: 'someone.else@example.org' }),
    });
    assert.equal(stale.status, 404);
  });

  it('opens with a key made by `kefu-server keys create`, and not once it is revoked', async () => {
    const created = await keysCli(dataDir, database, [
      'create',
      '--name',
      'shop sync',
      '--scopes',
      'orders:write,read',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const key = /^kfk_[\w-]{43}$/m.exec(created.stdout)?.[0];
    assert.ok(key, created.stdout);
    const id = /key (key_[0-9a-f]+)/.exec(created.stdout)?.[1];
    assert.ok(id);

    const pushed = await send('PUT', '/orders/SH-40001', twoParcelOrder('2026-11-23T10:05:00Z'), key);
    assert.equal(pushed.status, 201, pushed.text);
    const listed = await keysCli(dataDir, database, ['list']);
    assert.match(
      listed.stdout,
      new RegExp(`${id}  shop sync  orders:write,read  created \\S+  last used \\S+  active`),
    );
    assert.ok(!listed.stdout.includes(key), 'the list never shows a key');

    assert.equal((await keysCli(dataDir, database, ['revoke', id])).code, 0);
    const refused = await send('PUT', '/orders/SH-40001', twoParcelOrder('2026-11-23T10:05:00Z'), key);
    assert.equal(refused.status, 401);
  });

  it('refuses a key with an unknown scope or no name, and a revoke of a key that is not there', async () => {
    const unknownScope = await keysCli(dataDir, database, ['create', '--name', 'x', '--scopes', 'orders:write,admin']);
    assert.equal(unknownScope.code, 2);
    assert.match(
      unknownScope.stderr,
      /unknown scope admin \(scopes: orders:write, articles:write, read, webhooks:write\)/,
    );
    assert.doesNotMatch(unknownScope.stdout, /kfk_/);
    const noName = await keysCli(dataDir, database, ['create', '--name', '  ', '--scopes', 'read']);
    assert.equal(noName.code, 2);
    assert.match(noName.stderr, /name/);
    const notThere = await keysCli(dataDir, database, ['revoke', 'key_0000000000000000']);
    assert.equal(notThere.code, 1);
    assert.match(notThere.stderr, /no API key has the id key_0000000000000000/);
    const listed = await keysCli(dataDir, database, ['list']);
    assert.doesNotMatch(listed.stdout, /^key_\w+ {2}x /m);
  });

  it('refuses a missing, a wrong and a revoked key with the same bytes, and names the scope a key lacks', async () => {
    const readOnly = await keysCli(dataDir, database, ['create', '--name', 'reports', '--scopes', 'read']);
    const readKey = /^kfk_[\w-]{43}$/m.exec(readOnly.stdout)?.[0];
    const revoked = await keysCli(dataDir, database, ['create', '--name', 'old', '--scopes', 'orders:write']);
    const revokedKey = /^kfk_[\w-]{43}$/m.exec(revoked.stdout)?.[0];
    const revokedId = /key (key_[0-9a-f]+)/.exec(revoked.stdout)?.[1];
    assert.ok(readKey && revokedKey && revokedId);
    await keysCli(dataDir, database, ['revoke', revokedId]);

    const body = twoParcelOrder('2026-11-23T10:05:00Z');
    const refusals = [
      await send('PUT', '/orders/SH-50001', body, ''),
      await send('PUT', '/orders/SH-50001', body, `kfk_${'A'.repeat(43)}`),
      await send('PUT', '/orders/SH-50001', body, revokedKey),
      await send('PUT', '/orders/SH-50001', body, BOOTSTRAP_KEY.slice(0, -1)),
    ];
    for (const refusal of refusals) {
      assert.equal(refusal.status, 401);
      assert.equal(refusal.text, refusals[0]?.text);
      assert.equal(refusal.headers.get('www-authenticate'), 'Bearer realm="kefu-admin"');
    }
    assert.equal(refusals[0]?.body.error?.code, 'unauthorized');

    const underScoped = await send('PUT', '/orders/SH-50001', body, readKey);
    assert.equal(underScoped.status, 403);
    assert.equal(underScoped.body.error?.code, 'forbidden');
    assert.equal(underScoped.body.error?.scope, 'orders:write');
    const events = await send('POST', '/orders/SH-50001/shipments/parcel-1/events', { events: [] }, readKey);
    assert.equal(events.status, 403);
    // Nothing was written by any of them.
    assert.equal((await send('PUT', '/orders/SH-50001', body, BOOTSTRAP_KEY)).body.result, 'created');
  });

  it('answers malformed bodies on every admin route with a 4xx, never a 5xx', async () => {
    const valid = twoParcelOrder('2026-11-23T10:05:00Z');
    await send('PUT', '/orders/SH-60001', valid, BOOTSTRAP_KEY);
    let fresh = 0;
    // Anything JSON can hold, and valid orders with one field replaced by anything.
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const mutated = fc
      .tuple(fc.constantFrom(...Object.keys(valid)), anyJson)
      .map(([field, value]) => ({ ...valid, [field]: value }));
    const deepMutated = fc
      .tuple(fc.nat(1), fc.constantFrom('events', 'items', 'id', 'quantity'), anyJson)
      .map(([index, field, value]) => ({
        ...valid,
        shipments: valid.shipments.map((s, i) => (i === index ? { ...s, [field]: value } : s)),
      }));
    // Valid orders with one text field replaced by any text, NUL and lone surrogates included.
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constant('a\u0000b'),
      fc.constant('\ud800'),
    );
    const oddText = fc
      .tuple(
        fc.constantFrom('postalCode', 'name', 'customerId', 'city', 'itemName', 'description', 'location'),
        anyText,
      )
      .map(([field, value]) => {
        const order = twoParcelOrder('2026-11-23T10:05:00Z');
        const [first, ...rest] = order.items;
        const [parcel, ...parcels] = order.shipments;
        const [event, ...events] = parcel?.events ?? [];
        if (!first || !parcel || !event) throw new Error('the order has lines, parcels and events');
        return {
          ...order,
          customer: {
            ...order.customer,
            ...(['postalCode', 'name', 'customerId'].includes(field) ? { [field]: value } : {}),
          },
          shippingAddress: { ...order.shippingAddress, ...(field === 'city' ? { city: value } : {}) },
          items: [{ ...first, ...(field === 'itemName' ? { name: value } : {}) }, ...rest],
          shipments: [
            {
              ...parcel,
              events: [
                { ...event, ...(['description', 'location'].includes(field) ? { [field]: value } : {}) },
                ...events,
              ],
            },
            ...parcels,
          ],
        };
      });
    const routes = fc.constantFrom(
      ['PUT', '/orders/SH-60001'],
      // A new order each time, so a body that passes validation is written, not refused as stale.
      ['PUT', '/orders/{fresh}'],
      ['PUT', '/orders/%E2%80%AE%00'],
      ['POST', '/orders/SH-60001/shipments/parcel-1/events'],
      ['POST', '/orders/SH-60001/shipments/nope/events'],
      ['POST', '/webhooks'],
      ['DELETE', '/webhooks/{fresh}'],
      ['POST', '/webhooks/wh_0000000000000000/deliveries/%00/redeliver'],
    );
    const bodies = fc.oneof(
      anyJson.map((value) => JSON.stringify(value)),
      mutated.map((value) => JSON.stringify(value)),
      deepMutated.map((value) => JSON.stringify(value)),
      oddText.map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 50 }),
      anyJson.map((value) => JSON.stringify({ events: value })),
      // Webhooks: anything as the URL (private ones are refused here) and anything as the events.
      fc
        .tuple(fc.oneof(anyText, fc.webUrl(), anyJson), fc.oneof(anyJson, fc.constant(['return.created'])))
        .map(([url, events]) => JSON.stringify({ url, events })),
    );
    await fc.assert(
      fc.asyncProperty(routes, bodies, async ([method, route], raw) => {
        const path = (route as string).replace('{fresh}', `SH-7${(fresh += 1)}`);
        const answer = await send(method as string, path, undefined, BOOTSTRAP_KEY, raw);
        assert.ok(answer.status < 500, `${method} ${path} ${raw} → ${answer.status} ${answer.text}`);
      }),
      { numRuns: 400, seed: 22 },
    );
  });
});
