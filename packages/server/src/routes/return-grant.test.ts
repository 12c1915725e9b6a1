import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderAccess, ReturnRecord } from '@kefu/core';
import { ACCESS_TOKEN_TTL_MS, RETURN_GRANT_TTL_MS } from '../services/order-access.js';
import { call, errorOf, startApiServer, testClock, type ApiServer } from './test-helpers.js';

// A return queued offline is sent when the shopper is back, which may be long after the order's
// 30-minute access token expired: the lookup's return grant lets that one request through.
describe('return grants', () => {
  const clock = testClock();
  let server: ApiServer;
  before(async () => {
    server = await startApiServer({ now: clock.now });
  });
  after(() => server.close());

  const lookUp = async (orderNumber: string, email: string) =>
    (await call<OrderAccess>(server.base, 'POST', '/orders/lookup', { body: { orderNumber, email } })).body;
  const oneItem = (orderId: string, itemId: string) => ({
    orderId,
    resolution: 'refund',
    items: [{ itemId, quantity: 1, reason: 'changed_mind', photoIds: [] }],
  });
  const create = (body: unknown, token: string) =>
    call<ReturnRecord>(server.base, 'POST', '/returns', { body, key: crypto.randomUUID(), token });

  it('creates a return for its order after the access token has expired, and only until it expires', async () => {
    const access = await lookUp('MM-1003', 'lena.schmidt@example.com');
    assert.ok(access.returnGrant, 'the lookup issues a return grant');
    assert.equal(
      Date.parse(access.returnGrantExpiresAt!) - Date.parse(access.expiresAt),
      RETURN_GRANT_TTL_MS - ACCESS_TOKEN_TTL_MS,
    );
    assert.notEqual(access.returnGrant, access.accessToken);
    // Only the hashes are kept.
    const stored = (await server.deps.engine.db.selectFrom('return_grants').select('token_hash').execute()).map(
      (row) => row.token_hash,
    );
    assert.ok(!stored.includes(access.returnGrant));

    clock.advance(ACCESS_TOKEN_TTL_MS + 60_000);
    const expired = await create(oneItem('ord_1003', 'item_1003_2'), access.accessToken);
    assert.equal(expired.status, 401, 'the access token has expired');

    const granted = await create(oneItem('ord_1003', 'item_1003_2'), access.returnGrant);
    assert.equal(granted.status, 201, granted.text);
    assert.equal(granted.body.orderId, 'ord_1003');

    clock.advance(RETURN_GRANT_TTL_MS);
    const late = await create(oneItem('ord_1003', 'item_1003_2'), access.returnGrant);
    assert.equal(late.status, 401);
  });

  it('refuses another order and every other route', async () => {
    const access = await lookUp('MM-1003', 'lena.schmidt@example.com');
    const grant = access.returnGrant!;
    const elsewhere = await create(oneItem('ord_1001', 'item_1001_1'), grant);
    assert.equal(elsewhere.status, 401, elsewhere.text);
    assert.equal(errorOf(elsewhere).code, 'unauthorized');

    const order = await call(server.base, 'GET', '/orders/ord_1003', { token: grant });
    assert.equal(order.status, 401, 'a grant does not open the order');
    const mine = await call(server.base, 'GET', '/orders', { token: grant });
    assert.equal(mine.status, 401);

    const made = await create(oneItem('ord_1003', 'item_1003_2'), access.accessToken);
    assert.equal(made.status, 201, made.text);
    const read = await call(server.base, 'GET', `/returns/${made.body.id}`, { token: grant });
    assert.equal(read.status, 401, 'a grant does not read returns');
  });
});
