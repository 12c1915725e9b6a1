import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Order, OrderAccess } from '@kefu/core';
import { type RunningServer } from '../server.js';
import { call, errorOf, IDENTITY_SECRET, identityToken, testClock, startTestServer } from './test-helpers.js';

const MINUTE_MS = 60_000;

describe('orders over HTTP', () => {
  const clock = testClock();
  let server: RunningServer;
  let base: string;
  before(async () => {
    server = await startTestServer({ port: 0, now: clock.now, identitySecret: IDENTITY_SECRET });
    base = `${server.origin}/v1`;
  });
  after(() => server.close());

  const lookUp = (body: Record<string, unknown>) => call<OrderAccess>(base, 'POST', '/orders/lookup', { body });

  it('finds an order by number and email, ignoring case and spaces, with a 30-minute token', async () => {
    const { status, body, headers } = await lookUp({ orderNumber: ' #mm-1003 ', email: '  LENA.Schmidt@example.com ' });
    assert.equal(status, 200);
    assert.equal(body.order.number, 'MM-1003');
    assert.equal(body.order.maskedEmail, 'l***@example.com');
    assert.ok(body.accessToken.length >= 32);
    assert.equal(Date.parse(body.expiresAt), clock.now() + 30 * MINUTE_MS);
    assert.equal(headers.get('cache-control'), 'no-store');
    // Only a digest of the token is kept.
    const stored = (await server.deps.engine.db.selectFrom('order_access_tokens').select('token_hash').execute()).map(
      (row) => row.token_hash,
    );
    assert.ok(!stored.includes(body.accessToken));
  });

  it('reads the number the shopper typed in the store’s format: case, spaces, dashes, "#", full width', async () => {
    for (const typed of [
      'mm1003',
      'MM 1003',
      '#MM-1003',
      'ＭＭ－１００３',
      'MM-１００３',
      'mm_1003',
      'MM–1003',
      '1003',
    ]) {
      const { status, body } = await lookUp({ orderNumber: typed, postalCode: '10115' });
      assert.equal(status, 200, typed);
      assert.equal(body.order.number, 'MM-1003', typed);
    }
  });

  it('answers a number that cannot be the store’s with a 422 field message, not a miss', async () => {
    for (const typed of ['MM-10O3', 'MN-1003', '#', 'MM-']) {
      const answer = await lookUp({ orderNumber: typed, postalCode: '10115' });
      assert.equal(answer.status, 422, typed);
      assert.deepEqual(errorOf(answer).fields, { orderNumber: 'Check the order number: it looks like MM-1001.' });
    }
  });

  it('finds an order by number and postal code, ignoring spaces and case', async () => {
    const { status, body } = await lookUp({ orderNumber: 'MM-1002', postalCode: ' s w1a 1aa ' });
    assert.equal(status, 200);
    assert.equal(body.order.id, 'ord_1002');
  });

  it('answers an unknown number and wrong details with byte-identical 404s', async () => {
    const unknown = await lookUp({ orderNumber: 'MM-0000', email: 'lena.schmidt@example.com' });
    const wrongEmail = await lookUp({ orderNumber: 'MM-1004', email: 'someone.else@example.com' });
    const wrongPostalCode = await lookUp({ orderNumber: 'MM-1004', postalCode: '99999' });
    for (const answer of [unknown, wrongEmail, wrongPostalCode]) {
      assert.equal(answer.status, 404);
      assert.equal(answer.text, unknown.text);
    }
    assert.deepEqual(errorOf(unknown), {
      code: 'order_not_found',
      message: 'We could not find an order with those details.',
    });
  });

  it('checks the lookup’s form: 422 with fields, 400 for a body that is not an object', async () => {
    const empty = await lookUp({ orderNumber: ' ', postalCode: '' });
    assert.equal(empty.status, 422);
    assert.deepEqual(errorOf(empty).fields, {
      orderNumber: 'Enter your order number.',
      postalCode: 'Enter the postal code of the delivery address.',
    });
    assert.deepEqual(errorOf(await lookUp({ orderNumber: 'MM-1001' })).fields, {
      email: 'Enter the email address you ordered with.',
    });
    assert.deepEqual(errorOf(await lookUp({ orderNumber: 12, email: 3 })).fields, {
      orderNumber: 'Enter your order number.',
      email: 'Enter the email address you ordered with.',
    });
    const notObject = await fetch(`${base}/orders/lookup`, { method: 'POST', body: '"MM-1001"' });
    assert.equal(notObject.status, 400);
  });

  it('gets an order with its token; 401 without one, with another order’s, or once it expired', async () => {
    const access = (await lookUp({ orderNumber: 'MM-1003', postalCode: '10115' })).body;
    const other = (await lookUp({ orderNumber: 'MM-1006', email: 'priya.patel@example.com' })).body;
    const ok = await call<Order>(base, 'GET', '/orders/ord_1003', { token: access.accessToken });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, access.order);

    for (const token of [undefined, other.accessToken, 'not-a-token']) {
      const refused = await call(base, 'GET', '/orders/ord_1003', token === undefined ? {} : { token });
      assert.equal(refused.status, 401);
      assert.equal(errorOf(refused).code, 'unauthorized');
    }
    // A token never counts when it comes in the URL.
    const inUrl = await call(
      base,
      'GET',
      `/orders/ord_1003?token=${access.accessToken}&access_token=${access.accessToken}`,
    );
    assert.equal(inUrl.status, 401);
    // Nor as a cookie.
    const cookie = await call(base, 'GET', '/orders/ord_1003', { headers: { cookie: `token=${access.accessToken}` } });
    assert.equal(cookie.status, 401);

    clock.advance(29 * MINUTE_MS);
    assert.equal((await call(base, 'GET', '/orders/ord_1003', { token: access.accessToken })).status, 200);
    clock.advance(2 * MINUTE_MS);
    assert.equal((await call(base, 'GET', '/orders/ord_1003', { token: access.accessToken })).status, 401);
  });

  describe('identity tokens (HS256 JWT, sub = customer id)', () => {
    it('lists the signed-in shopper’s orders, newest first', async () => {
      const token = await identityToken('cus_ana', { expiresAt: clock.now() + 3_600_000 });
      const { status, body } = await call<{ orders: Order[] }>(base, 'GET', '/orders', { token });
      assert.equal(status, 200);
      assert.deepEqual(
        body.orders.map((order) => order.number),
        ['MM-1001', 'MM-1004'],
      );
    });

    it('opens the shopper’s own orders only, and says the same 401 for another’s and one that does not exist', async () => {
      const token = await identityToken('cus_ana', { expiresAt: clock.now() + 3_600_000 });
      assert.equal((await call(base, 'GET', '/orders/ord_1004', { token })).status, 200);
      const others = await call(base, 'GET', '/orders/ord_1002', { token });
      const missing = await call(base, 'GET', '/orders/ord_9999', { token });
      // Ids are sequential: a different answer for a missing one would tell which orders exist.
      assert.equal(others.status, 401);
      assert.equal(missing.status, 401);
      assert.equal(missing.text, others.text);
    });

    it('refuses a missing, expired, foreign-signed or non-HS256 token with 401', async () => {
      const expired = await identityToken('cus_ana', { expiresAt: clock.now() - 1000 });
      const foreign = await identityToken('cus_ana', { expiresAt: clock.now() + 3_600_000, secret: 'another-secret' });
      const [header, payload] = expired.split('.');
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      for (const token of [undefined, expired, foreign, unsigned, `${header}.${payload}.x`]) {
        const answer = await call(base, 'GET', '/orders', token === undefined ? {} : { token });
        assert.equal(answer.status, 401, String(token));
        assert.deepEqual(errorOf(answer), { code: 'unauthorized', message: 'Sign in to see your orders.' });
      }
      // An order access token is not an identity.
      const access = (await lookUp({ orderNumber: 'MM-1004', email: 'ana.garcia@example.com' })).body;
      assert.equal((await call(base, 'GET', '/orders', { token: access.accessToken })).status, 401);
    });
  });
});
