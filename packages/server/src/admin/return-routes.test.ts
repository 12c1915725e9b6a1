// Returns from the store's side (issue 22, decision 0020), as a store's developer uses them: the
// warehouse reports a return received, refunded or rejected; the shopper's own routes show it; the
// store pulls new and changed returns with their history; and reads an order back with a `read`
// key. On the tests' database (SQLite; PostgreSQL in the node-postgres suite).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Order, OrderAccess, ReturnRecord } from '@kefu/core';
import type { RunningServer } from '../server.js';
import { adminSender, call, startTestServer, testClock } from '../routes/test-helpers.js';
import type { StoreReturn } from '../services/return-reports.js';

const BOOTSTRAP_KEY = 'test-bootstrap-key-for-returns-0123456789abcdef';
const HOUR = 3_600_000;

interface AnswerBody {
  result?: string;
  changed?: boolean;
  return?: StoreReturn;
  returns?: StoreReturn[];
  hasMore?: boolean;
  order?: Order;
  facts?: { updatedAt: string; customer: { email: string } };
  error?: { code: string; scope?: string; currentStatus?: string; fields?: Record<string, string> };
}

/** An order of three mugs and a vase, delivered on 2026-11-22. */
function deliveredOrder(email: string) {
  return {
    updatedAt: '2026-11-23T10:00:00Z',
    placedAt: '2026-11-20T09:00:00Z',
    customer: { email, postalCode: '1012 AB', name: 'Sam Berg' },
    shippingAddress: { city: 'Amsterdam', country: 'NL' },
    items: [
      { id: 'l1', productId: 'p_mug', name: 'Harbour mug', quantity: 3, price: { amount: 1800, currency: 'EUR' } },
      { id: 'l2', productId: 'p_vase', name: 'Dune vase', quantity: 1, price: { amount: 4500, currency: 'EUR' } },
    ],
    shipments: [
      {
        id: 'parcel-1',
        carrier: 'PostNL',
        trackingNumber: '3SXYZ1',
        trackingUrl: 'https://postnl.example/track/3SXYZ1',
        items: [
          { itemId: 'l1', quantity: 3 },
          { itemId: 'l2', quantity: 1 },
        ],
        events: [{ at: '2026-11-22T14:30:00Z', status: 'delivered', description: 'Delivered at the door' }],
      },
    ],
  };
}

describe('returns reported by the store', () => {
  let server: RunningServer;
  let dataDir: string;
  let admin: string;
  let v1: string;
  let readKey: string;
  let writeKey: string;
  let writeKeyId: string;
  const clock = testClock(Date.parse('2026-11-25T12:00:00Z'));

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-admin-returns-'));
    server = await startTestServer({ port: 0, demo: false, dataDir, adminKey: BOOTSTRAP_KEY, now: clock.now });
    admin = `${server.origin}/admin/v1`;
    v1 = `${server.origin}/v1`;
    readKey = (await server.services.admin.keys.create('reports', ['read'])).key;
    const warehouse = await server.services.admin.keys.create('warehouse', ['orders:write']);
    writeKey = warehouse.key;
    writeKeyId = warehouse.info.id;
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = adminSender<AnswerBody>(() => admin, BOOTSTRAP_KEY);

  /** The shopper finds the order in the widget, as they would after a while (a new access token). */
  const shopperFinds = async (number: string, email: string) => {
    const found = await call<OrderAccess>(v1, 'POST', '/orders/lookup', { body: { orderNumber: number, email } });
    assert.equal(found.status, 200, found.text);
    return found.body;
  };
  /** The shopper returns `quantity` of a line. */
  const shopperReturns = async (number: string, email: string, itemId: string, quantity = 1) => {
    const access = await shopperFinds(number, email);
    const created = await call<ReturnRecord>(v1, 'POST', '/returns', {
      token: access.accessToken,
      key: crypto.randomUUID(),
      body: {
        orderId: access.order.id,
        resolution: 'refund',
        items: [{ itemId, quantity, reason: 'changed_mind', photoIds: [] }],
      },
    });
    assert.equal(created.status, 201, created.text);
    return { record: created.body };
  };
  /** What the shopper's widget reads: the return, and the order with its returns and quantities. */
  const shopperSees = async (number: string, email: string, id: string) => {
    const access = await shopperFinds(number, email);
    const headers = { authorization: `Bearer ${access.accessToken}` };
    const answer = await fetch(`${v1}/returns/${id}`, { headers });
    assert.equal(answer.status, 200, await answer.clone().text());
    return { record: (await answer.json()) as ReturnRecord, order: access.order };
  };

  it('takes received, then refunded with the amount; the shopper sees each, and a retry changes nothing', async () => {
    const email = 'sam.berg@example.org';
    assert.equal((await send('PUT', '/orders/RS-1001', deliveredOrder(email))).status, 201);
    const { record } = await shopperReturns('RS-1001', email, 'l1');

    // The parcel cannot have arrived before the return is approved.
    const early = await send('POST', `/returns/${record.rma}/received`, {}, writeKey);
    assert.equal(early.status, 409, early.text);
    assert.equal(early.body.error?.code, 'return_status_conflict');
    assert.equal(early.body.error?.currentStatus, 'requested');

    clock.advance(HOUR);
    await server.services.returns.decide(record.id, { status: 'approved', labelUrl: 'https://shop.example/l.pdf' });

    // By its RMA, with no body at all, as a warehouse scanner would.
    clock.advance(HOUR);
    const received = await fetch(`${admin}/returns/${record.rma}/received`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writeKey}` },
    });
    assert.equal(received.status, 200, await received.clone().text());
    assert.equal(((await received.json()) as AnswerBody).result, 'updated');
    assert.equal((await send('POST', `/returns/${record.id}/received`, {}, writeKey)).body.result, 'unchanged');
    let seen = await shopperSees('RS-1001', email, record.id);
    assert.equal(seen.record.status, 'received');
    assert.deepEqual(
      seen.order.returns.map((summary) => [summary.rma, summary.status]),
      [[record.rma, 'received']],
    );

    clock.advance(HOUR);
    const amount = { amount: 1800, currency: 'EUR' };
    const refunded = await send('POST', `/returns/${record.id}/refunded`, { amount }, writeKey);
    assert.equal(refunded.status, 200, refunded.text);
    assert.equal(refunded.body.changed, true);
    assert.deepEqual(refunded.body.return?.refund, amount);
    const retried = await send('POST', `/returns/${record.id}/refunded`, { amount }, writeKey);
    assert.equal(retried.body.result, 'unchanged');
    const other = await send(
      'POST',
      `/returns/${record.id}/refunded`,
      { amount: { ...amount, amount: 900 } },
      writeKey,
    );
    assert.equal(other.status, 409);
    // A late report of the arrival, after the refund: the return did arrive, nothing changes.
    assert.equal((await send('POST', `/returns/${record.id}/received`, {}, writeKey)).body.result, 'unchanged');
    seen = await shopperSees('RS-1001', email, record.id);
    assert.equal(seen.record.status, 'refunded');
    assert.equal(seen.order.returns[0]?.status, 'refunded');
    // The refunded mug stays returned: two of three can still be returned.
    assert.equal(seen.order.items[0]?.returnableQuantity, 2);

    const pulled = await send('GET', `/returns?status=refunded`, undefined, readKey);
    assert.equal(pulled.status, 200, pulled.text);
    const listed = pulled.body.returns?.find((candidate) => candidate.id === record.id);
    assert.ok(listed, pulled.text);
    assert.equal(listed.orderNumber, 'RS-1001');
    assert.deepEqual(
      listed.items.map((line) => [line.itemId, line.name, line.quantity, line.reason, line.photoCount]),
      [['l1', 'Harbour mug', 1, 'changed_mind', 0]],
    );
    assert.deepEqual(
      listed.history.map((entry) => [entry.status, entry.by, entry.at]),
      [
        ['requested', 'shopper', '2026-11-25T12:00:00.000Z'],
        ['approved', 'agent', '2026-11-25T13:00:00.000Z'],
        ['received', 'store', '2026-11-25T14:00:00.000Z'],
        ['refunded', 'store', '2026-11-25T15:00:00.000Z'],
      ],
    );
    assert.equal(listed.history[1]?.labelUrl, 'https://shop.example/l.pdf');
    assert.deepEqual(listed.history[3]?.amount, amount);
    assert.equal(listed.updatedAt, '2026-11-25T15:00:00.000Z');

    // The audit log says which key reported what: once each, the retries left out.
    const { entries } = await server.services.audit.list();
    const logged = entries.filter((entry) => entry.subject.id === record.rma && entry.actor.kind === 'api_key');
    assert.deepEqual(
      logged.map((entry) => entry.action),
      ['return.refunded', 'return.received'],
    );
    assert.ok(logged.every((entry) => entry.actor.name.includes(writeKeyId)));
    assert.equal(logged[0]?.summary, 'Refunded €18.00');
  });

  it('refuses a refund in another currency or over the order, and changes that skip a step', async () => {
    const email = 'ines.moll@example.org';
    await send('PUT', '/orders/RS-2001', deliveredOrder(email));
    const { record } = await shopperReturns('RS-2001', email, 'l2');
    // Requested: neither received nor refunded yet.
    const skipped = await send('POST', `/returns/${record.id}/refunded`, { amount: { amount: 1, currency: 'EUR' } });
    assert.equal(skipped.status, 409);
    await server.services.returns.decide(record.id, { status: 'approved', labelUrl: 'https://shop.example/2.pdf' });

    const currency = await send('POST', `/returns/${record.id}/refunded`, {
      amount: { amount: 4500, currency: 'USD' },
    });
    assert.equal(currency.status, 422, currency.text);
    assert.ok(currency.body.error?.fields?.['amount.currency'], currency.text);
    const tooMuch = await send('POST', `/returns/${record.id}/refunded`, {
      amount: { amount: 99_999, currency: 'EUR' },
    });
    assert.equal(tooMuch.status, 422);
    assert.ok(tooMuch.body.error?.fields?.['amount.amount'], tooMuch.text);
    // Approved and refunded without the parcel: allowed (a refund without asking for the item back).
    const refunded = await send('POST', `/returns/${record.id}/refunded`, {
      amount: { amount: 4500, currency: 'EUR' },
    });
    assert.equal(refunded.status, 200, refunded.text);
    const rejected = await send('POST', `/returns/${record.id}/rejected`, { reason: 'Too late' });
    assert.equal(rejected.status, 409);
    assert.equal(rejected.body.error?.currentStatus, 'refunded');
    assert.equal((await send('POST', '/returns/RMA-999999/received', {})).body.error?.code, 'return_not_found');
  });

  it('rejects a requested return with a reason the shopper sees, and gives its items back', async () => {
    const email = 'lou.park@example.org';
    await send('PUT', '/orders/RS-3001', deliveredOrder(email));
    const { record } = await shopperReturns('RS-3001', email, 'l1', 2);
    assert.equal((await shopperSees('RS-3001', email, record.id)).order.items[0]?.returnableQuantity, 1);

    const reason = 'The mugs were used.';
    const rejected = await send('POST', `/returns/${record.id}/rejected`, { reason }, writeKey);
    assert.equal(rejected.status, 200, rejected.text);
    assert.equal(rejected.body.return?.rejectionReason, reason);
    assert.equal((await send('POST', `/returns/${record.id}/rejected`, { reason }, writeKey)).body.result, 'unchanged');
    assert.equal((await send('POST', `/returns/${record.id}/rejected`, { reason: 'Other' }, writeKey)).status, 409);

    const seen = await shopperSees('RS-3001', email, record.id);
    assert.equal(seen.record.status, 'rejected');
    assert.equal(seen.record.rejectionReason, reason);
    assert.equal(seen.order.items[0]?.returnableQuantity, 3);
    // A rejected return cannot be received or refunded afterwards.
    assert.equal((await send('POST', `/returns/${record.id}/received`, {}, writeKey)).status, 409);
  });

  it('lists the returns made or changed since an instant, by status, a page at a time', async () => {
    const email = 'ada.v@example.org';
    await send('PUT', '/orders/RS-4001', deliveredOrder(email));
    clock.advance(24 * HOUR);
    const since = new Date(clock.now()).toISOString();
    const untouched = await send('GET', `/returns?since=${encodeURIComponent(since)}`, undefined, readKey);
    assert.deepEqual(untouched.body.returns, [], untouched.text);

    clock.advance(HOUR);
    const first = (await shopperReturns('RS-4001', email, 'l1')).record;
    clock.advance(HOUR);
    const second = (await shopperReturns('RS-4001', email, 'l2')).record;
    // The earlier return changed after the later one was made: it comes after it.
    clock.advance(HOUR);
    await server.services.returns.decide(first.id, { status: 'rejected', reason: 'Outside the window' });

    const page = await send('GET', `/returns?since=${encodeURIComponent(since)}&limit=1`, undefined, readKey);
    assert.deepEqual(
      page.body.returns?.map((entry) => entry.id),
      [second.id],
    );
    assert.equal(page.body.hasMore, true);
    const all = await send('GET', `/returns?since=${encodeURIComponent(since)}`, undefined, readKey);
    assert.deepEqual(
      all.body.returns?.map((entry) => [entry.id, entry.status]),
      [
        [second.id, 'requested'],
        [first.id, 'rejected'],
      ],
    );
    assert.equal(all.body.hasMore, false);
    const rejectedOnly = await send(
      'GET',
      `/returns?since=${encodeURIComponent(since)}&status=rejected`,
      undefined,
      readKey,
    );
    assert.deepEqual(
      rejectedOnly.body.returns?.map((entry) => entry.id),
      [first.id],
    );
    const bad = await send('GET', '/returns?since=yesterday&limit=0&status=lost', undefined, readKey);
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.error?.fields ?? {}).sort(), ['limit', 'since', 'status']);
  });

  it('reads an order back, as derived and as pushed, with a read key only', async () => {
    const email = 'kit.oh@example.org';
    await send('PUT', '/orders/RS-5001', deliveredOrder(email), writeKey);
    const read = await send('GET', '/orders/rs-5001', undefined, readKey);
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.order?.number, 'RS-5001');
    assert.equal(read.body.order?.status, 'delivered');
    assert.equal(read.body.facts?.customer.email, email);
    assert.equal(read.body.facts?.updatedAt, '2026-11-23T10:00:00Z');
    assert.equal((await send('GET', '/orders/RS-0000', undefined, readKey)).body.error?.code, 'order_not_found');

    // Each key does what its scopes say, and nothing else.
    const noRead = await send('GET', '/orders/RS-5001', undefined, writeKey);
    assert.equal(noRead.status, 403);
    assert.equal(noRead.body.error?.scope, 'read');
    assert.equal((await send('GET', '/returns', undefined, writeKey)).body.error?.scope, 'read');
    const noWrite = await send('POST', '/returns/RMA-1/received', {}, readKey);
    assert.equal(noWrite.status, 403);
    assert.equal(noWrite.body.error?.scope, 'orders:write');
    // No key, or a wrong one: the admin API's one 401, before anything else is looked at.
    const refusals = [
      await send('GET', '/orders/RS-5001', undefined, ''),
      await send('GET', '/returns', undefined, `kfk_${'B'.repeat(43)}`),
      await send('POST', '/returns/RMA-1/refunded', { amount: 1 }, ''),
    ];
    for (const refusal of refusals) {
      assert.equal(refusal.status, 401);
      assert.equal(refusal.text, refusals[0]?.text);
    }
  });

  it('answers malformed bodies and queries on the return and read routes with a 4xx, never a 5xx', async () => {
    const email = 'fuzz@example.org';
    await send('PUT', '/orders/RS-6001', deliveredOrder(email));
    const { record } = await shopperReturns('RS-6001', email, 'l1');
    await server.services.returns.decide(record.id, { status: 'approved', labelUrl: 'https://shop.example/f.pdf' });
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    // A lone surrogate cannot be percent-encoded as UTF-8: sent as the bytes such text would have.
    const encode = (text: string) => {
      try {
        return encodeURIComponent(text);
      } catch {
        return '%ED%A0%80';
      }
    };
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constant('a\u0000b'),
      fc.constant('\ud800'),
    );
    const bodies = fc.oneof(
      anyJson.map((value) => JSON.stringify(value)),
      anyJson.map((value) => JSON.stringify({ amount: value })),
      fc
        .tuple(fc.integer({ min: -5, max: 1e13 }), anyText)
        .map(([amount, currency]) => JSON.stringify({ amount: { amount, currency } })),
      anyText.map((reason) => JSON.stringify({ reason })),
      fc.string({ maxLength: 50 }),
    );
    const id = fc.constantFrom(record.id, record.rma, 'RMA-0', '%E2%80%AE%00', 'x'.repeat(101));
    const post = fc
      .tuple(fc.constantFrom('received', 'refunded', 'rejected'), id, bodies)
      .map(([what, target, raw]) => ['POST', `/returns/${target}/${what}`, raw] as const);
    const query = fc
      .tuple(anyText, anyText, anyText)
      .map(
        ([status, since, limit]) =>
          [
            'GET',
            `/returns?status=${encode(status)}&since=${encode(since)}&limit=${encode(limit)}`,
            undefined,
          ] as const,
      );
    const readOrder = anyText.map((number) => ['GET', `/orders/${encode(number) || 'x'}`, undefined] as const);
    await fc.assert(
      fc.asyncProperty(fc.oneof(post, query, readOrder), async ([method, path, raw]) => {
        const answer = await send(method, path, undefined, BOOTSTRAP_KEY, raw);
        assert.ok(answer.status < 500, `${method} ${path} ${raw ?? ''} → ${answer.status} ${answer.text}`);
      }),
      { numRuns: 300, seed: 22 },
    );
  });
});
