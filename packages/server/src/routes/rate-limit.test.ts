import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ORDER_GUESS_LIMITS } from '@kefu/core/domain';
import { call, errorOf, serverForSuite, startApiServer, testClock, type ApiServer } from './test-helpers.js';

describe('order lookup rate limits', () => {
  describe('per client and order number: 5 free tries, then a wait that doubles', () => {
    const clock = testClock();
    const api = serverForSuite({ now: clock.now });
    const guess = (email: string, orderNumber = 'MM-1007') =>
      call(api.base, 'POST', '/orders/lookup', { body: { orderNumber, email } });

    it('warns before the last try, then makes the client wait 30 s, even with the right details', async () => {
      const triesLeft: unknown[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const answer = await guess(`guess${attempt}@example.com`);
        assert.equal(answer.status, 404);
        triesLeft.push((errorOf(answer) as { triesLeft?: number }).triesLeft);
        clock.advance(1000);
      }
      // Said only once it matters: after the 4th failure one try is left, after the 5th none.
      assert.deepEqual(triesLeft, [undefined, undefined, undefined, 1, 0]);

      const limited = await guess('guess@example.com');
      assert.equal(limited.status, 429);
      assert.deepEqual(errorOf(limited), {
        code: 'rate_limited',
        message: 'Too many attempts. Please wait a little and try again.',
      });
      // 30 s after the last failure, which was 1 s ago.
      assert.equal(Number(limited.headers.get('retry-after')), 29);
      assert.equal((await guess('sophie.martin@example.com')).status, 429);
      // Other numbers are not affected.
      assert.equal((await guess('ana.garcia@example.com', 'MM-1004')).status, 200);

      clock.advance(29_000);
      assert.equal((await guess('sophie.martin@example.com')).status, 200);
    });

    it('doubles the wait with each further failure: slowed down, never locked out for good', async () => {
      // Five more failures after the previous test's, inside the same 10 minutes.
      const waits: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        assert.equal((await guess(`again${attempt}@example.com`)).status, 404);
        const limited = await guess('again@example.com');
        assert.equal(limited.status, 429);
        const wait = Number(limited.headers.get('retry-after'));
        waits.push(wait);
        clock.advance(wait * 1000);
      }
      assert.deepEqual(waits, [60, 120, 240]);
      assert.equal((await guess('sophie.martin@example.com')).status, 200);
    });
  });

  describe('a typo in the number’s format', () => {
    const api = serverForSuite();

    it('is a 422 with a field message and counts as no guess', async () => {
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const typo = await call(api.base, 'POST', '/orders/lookup', {
          body: { orderNumber: 'MM-10O3', email: 'lena.schmidt@example.com' },
        });
        assert.equal(typo.status, 422);
        assert.deepEqual(errorOf(typo).fields, { orderNumber: 'Check the order number: it looks like MM-1001.' });
      }
      // Neither the address (30) nor the number (5) limit has moved.
      const statuses = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const answer = await call(api.base, 'POST', '/orders/lookup', {
          body: { orderNumber: 'MM-1003', email: `guess${attempt}@example.com` },
        });
        statuses.push(answer.status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 404]);
      const owner = await call(api.base, 'POST', '/orders/lookup', {
        body: { orderNumber: 'mm 1003', email: 'lena.schmidt@example.com' },
      });
      assert.equal(owner.status, 200);
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
        limits: {
          perAddress: { max: 2, windowMs: 60_000 },
          perOrderNumber: { ...DEFAULT_ORDER_GUESS_LIMITS, tries: 100 },
        },
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

  describe('a stranger’s guesses (behind a trusted proxy, so addresses differ)', () => {
    let server: ApiServer;
    before(async () => {
      server = await startApiServer({ trustProxy: true });
    });
    after(() => server.close());

    const lookUp = (from: string, body: Record<string, string>) =>
      call(server.base, 'POST', '/orders/lookup', { body, headers: { 'x-forwarded-for': from } });

    it('cannot lock the owner out of their order', async () => {
      const stranger = '203.0.113.66';
      const statuses = [];
      for (let attempt = 0; attempt < 8; attempt += 1) {
        statuses.push((await lookUp(stranger, { orderNumber: 'MM-1007', postalCode: `7500${attempt}` })).status);
      }
      assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429, 429]);
      const owner = await lookUp('198.51.100.7', { orderNumber: 'MM-1007', email: 'sophie.martin@example.com' });
      assert.equal(owner.status, 200);
    });

    it('under guesses from many addresses, gives each only 2 free tries on the number, the owner too', async () => {
      // 20 failures on MM-1006 spread over 10 addresses put it under pressure.
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const answer = await lookUp(`203.0.113.${attempt % 10}`, { orderNumber: 'MM-1006', postalCode: `${attempt}` });
        assert.equal(answer.status, 404);
      }
      const owner = '198.51.100.8';
      const typo = await lookUp(owner, { orderNumber: 'MM-1006', email: 'priya.patell@example.com' });
      assert.equal(typo.status, 404);
      assert.equal((errorOf(typo) as { triesLeft?: number }).triesLeft, 1);
      const right = await lookUp(owner, { orderNumber: 'MM-1006', email: 'priya.patel@example.com' });
      assert.equal(right.status, 200);
      // A newcomer guessing gets two tries, then waits.
      const newcomer = '203.0.113.200';
      assert.equal((await lookUp(newcomer, { orderNumber: 'MM-1006', postalCode: '1' })).status, 404);
      assert.equal((await lookUp(newcomer, { orderNumber: 'MM-1006', postalCode: '2' })).status, 404);
      assert.equal((await lookUp(newcomer, { orderNumber: 'MM-1006', postalCode: '3' })).status, 429);
    });
  });
});
