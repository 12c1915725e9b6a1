import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, errorOf, serverForSuite, startApiServer, testClock, type ApiServer } from './test-helpers.js';

describe('order lookup rate limits', () => {
  describe('per order number: 5 failures in 10 minutes', () => {
    const clock = testClock();
    const api = serverForSuite({ now: clock.now });

    it('turns the 6th attempt into 429 with Retry-After, even with the right details, until the wait is over', async () => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const answer = await call(api.base, 'POST', '/orders/lookup', {
          body: { orderNumber: 'MM-1007', email: `guess${attempt}@example.com` },
        });
        assert.equal(answer.status, 404);
        clock.advance(1000);
      }
      const limited = await call(api.base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'mm-1007', email: 'guess@example.com' },
      });
      assert.equal(limited.status, 429);
      assert.deepEqual(errorOf(limited), {
        code: 'rate_limited',
        message: 'Too many attempts. Please wait a little and try again.',
      });
      const retryAfter = Number(limited.headers.get('retry-after'));
      // The first failure leaves the window 10 minutes after it happened, 5 s ago.
      assert.equal(retryAfter, 600 - 5);

      const right = { orderNumber: 'MM-1007', email: 'sophie.martin@example.com' };
      assert.equal((await call(api.base, 'POST', '/orders/lookup', { body: right })).status, 429);
      // Other numbers are not affected.
      const other = await call(api.base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'MM-1004', email: 'ana.garcia@example.com' },
      });
      assert.equal(other.status, 200);

      clock.advance(retryAfter * 1000);
      assert.equal((await call(api.base, 'POST', '/orders/lookup', { body: right })).status, 200);
    });
  });

  describe('per client address: 30 failures in 10 minutes', () => {
    const api = serverForSuite();

    it('answers 429 to every lookup from the address after its 30th failure', async () => {
      for (let attempt = 0; attempt < 30; attempt += 1) {
        const answer = await call(api.base, 'POST', '/orders/lookup', {
          body: { orderNumber: `MM-${5000 + attempt}`, email: 'guess@example.com' },
        });
        assert.equal(answer.status, 404, `attempt ${attempt + 1}`);
      }
      const limited = await call(api.base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'MM-1004', email: 'ana.garcia@example.com' },
      });
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      // A spoofed X-Forwarded-For changes nothing while the proxy is not trusted.
      const spoofed = await call(api.base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'MM-1004', email: 'ana.garcia@example.com' },
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      assert.equal(spoofed.status, 429);
    });
  });

  describe('behind a trusted proxy', () => {
    let server: ApiServer;
    before(async () => {
      server = await startApiServer({
        trustProxy: true,
        limits: { perAddress: { max: 2, windowMs: 60_000 }, perOrderNumber: { max: 100, windowMs: 60_000 } },
      });
    });
    after(() => server.close());

    it('counts per address from the last X-Forwarded-For entry, the one the proxy wrote', async () => {
      const guess = (forwardedFor: string) =>
        call(server.base, 'POST', '/orders/lookup', {
          body: { orderNumber: 'MM-0001', email: 'guess@example.com' },
          headers: { 'x-forwarded-for': forwardedFor },
        });
      assert.equal((await guess('198.51.100.1')).status, 404);
      assert.equal((await guess('10.0.0.1, 198.51.100.1')).status, 404);
      assert.equal((await guess('10.0.0.2, 198.51.100.1')).status, 429);
      assert.equal((await guess('198.51.100.2')).status, 404);
    });
  });
});
