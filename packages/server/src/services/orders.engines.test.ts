// Order lookups, their limits and order access tokens on both engines (decision 0016): the
// embedded SQLite and a real PostgreSQL cluster started for this file, where lookups racing on
// several connections are real concurrency.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_ORDER_GUESS_LIMITS } from '@kefu/core/domain';
import { createDemoOrders } from '@kefu/core/seed';
import { describeOnBothEngines, testStoreContext } from '../db/both-engines.test-support.js';
import type { Engine } from '../db/engine.js';
import { ApiError } from '../errors.js';
import {
  createFailureCounter,
  DEFAULT_LOOKUP_LIMITS,
  RateLimitedError,
  type FailureCounter,
  type LookupLimits,
} from '../http/rate-limit.js';
import { testClock } from '../routes/test-helpers.js';
import { ACCESS_TOKEN_TTL_MS, createOrderAccessTokens, RETURN_GRANT_TTL_MS } from './order-access.js';
import { createOrdersService } from './orders.js';
import { insertDemoOrders } from './orders.test-support.js';

/** How a lookup ended, as the route answers it. */
async function outcome(lookup: Promise<unknown>): Promise<number> {
  try {
    await lookup;
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

describeOnBothEngines('order lookups and access tokens', (engineOf) => {
  const clock = testClock();
  let engine: Engine;
  before(async () => {
    engine = engineOf();
    await insertDemoOrders(engine.db, clock.now());
  });

  // Each test looks up from addresses of its own, so the failures of one never limit another.
  let tests = 0;
  const address = (n = 0) => `198.51.${(tests += 1)}.${n}`;

  /** One instance's services over the test's database. */
  function instance(
    limits: LookupLimits = DEFAULT_LOOKUP_LIMITS,
    failures: FailureCounter = createFailureCounter(clock.now),
  ) {
    const tokens = createOrderAccessTokens(engine.db, clock.now);
    const orders = createOrdersService(testStoreContext(engine, clock.now), tokens, failures, limits);
    return { tokens, orders };
  }

  it('finds an order by number and email or postal code, with a token for 30 minutes and a grant for 7 days', async () => {
    const { tokens, orders } = instance();
    const from = address();
    const access = await orders.lookup({ orderNumber: 'mm 1004', email: ' Ana.Garcia@example.com' }, from);
    assert.equal(access.order.id, 'ord_1004');
    assert.equal(access.expiresAt, new Date(clock.now() + ACCESS_TOKEN_TTL_MS).toISOString());
    assert.equal(access.returnGrantExpiresAt, new Date(clock.now() + RETURN_GRANT_TTL_MS).toISOString());
    const byPostalCode = await orders.lookup({ orderNumber: 'MM-1004', postalCode: '75011' }, from);
    assert.equal(byPostalCode.order.id, 'ord_1004');
    assert.notEqual(byPostalCode.accessToken, access.accessToken);
    const grant = access.returnGrant;
    assert.ok(grant !== undefined);

    // The token opens the order; the grant only creates its returns; neither is the other.
    assert.equal(await tokens.orderFor(access.accessToken), 'ord_1004');
    assert.equal(await tokens.returnOrderFor(grant), 'ord_1004');
    assert.equal(await tokens.orderFor(grant), undefined);
    assert.equal(await tokens.returnOrderFor(access.accessToken), undefined);
    assert.equal(
      (await orders.authorize({ kind: 'order', orderId: 'ord_1004' }, 'ord_1004')).email,
      'ana.garcia@example.com',
    );

    clock.advance(ACCESS_TOKEN_TTL_MS);
    assert.equal(await tokens.orderFor(access.accessToken), undefined);
    assert.equal(await tokens.returnOrderFor(grant), 'ord_1004');
    clock.advance(RETURN_GRANT_TTL_MS - ACCESS_TOKEN_TTL_MS);
    assert.equal(await tokens.returnOrderFor(grant), undefined);

    // The next lookup forgets the expired ones: only its own token and grant are left.
    await orders.lookup({ orderNumber: 'MM-1004', postalCode: '75011' }, from);
    const count = async (table: 'order_access_tokens' | 'return_grants') =>
      (
        await engine.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow()
      ).count;
    assert.deepEqual([await count('order_access_tokens'), await count('return_grants')], [1, 1]);
  });

  it('answers every miss alike, then makes the address wait, even with the right details', async () => {
    const failures = createFailureCounter(clock.now);
    const { orders } = instance(
      { perAddress: { max: 3, windowMs: 60_000 }, perOrderNumber: { ...DEFAULT_ORDER_GUESS_LIMITS, tries: 100 } },
      failures,
    );
    const from = address();
    const misses = [
      { orderNumber: 'MM-1004', email: 'someone@example.com' },
      { orderNumber: 'MM-1004', postalCode: '00000' },
      { orderNumber: 'MM-9999', email: 'ana.garcia@example.com' },
    ];
    const answers = [];
    for (const miss of misses) {
      answers.push(await orders.lookup(miss, from).catch((error: unknown) => error));
    }
    assert.deepEqual(
      answers.map((answer) =>
        answer instanceof ApiError ? [answer.status, answer.code, answer.message, answer.details] : answer,
      ),
      misses.map(() => [404, 'order_not_found', 'We could not find an order with those details.', undefined]),
    );

    const limited = await orders
      .lookup({ orderNumber: 'MM-1004', email: 'ana.garcia@example.com' }, from)
      .catch((error: unknown) => error);
    assert.ok(limited instanceof RateLimitedError);
    assert.equal(limited.retryAfterSeconds, 60);
    // Counts come back as numbers on both engines (PostgreSQL's count(*) is an int8).
    const recent = await failures.recent(engine.db, 'lookup:address', from, 60_000);
    assert.deepEqual(recent, { count: 3, newestAt: clock.now() });
    // A 422 typo is no guess and still answered while the address waits.
    assert.equal(await outcome(orders.lookup({ orderNumber: 'MM-10O4', email: 'x@example.com' }, from)), 422);
    clock.advance(60_000);
    assert.equal(await outcome(orders.lookup({ orderNumber: 'MM-1004', email: 'ana.garcia@example.com' }, from)), 200);
  });

  it('gives each address one budget when its guesses race over two instances', async () => {
    // Two addresses guess at once, each half through one instance and half through the other. A
    // failure waits (bounded) until every guess of its address has reached it: without the lock on
    // the address all of them pass the check before any failure is recorded, and each address gets
    // as many 404s as it guessed; with it they take turns, and the budget holds across instances.
    const guesses = 5;
    const limits: LookupLimits = {
      perAddress: { max: 2, windowMs: 60_000 },
      perOrderNumber: { ...DEFAULT_ORDER_GUESS_LIMITS, tries: 100 },
    };
    const arrived = new Map<string, number>();
    const counter = createFailureCounter(clock.now);
    const slowToRecord: FailureCounter = {
      ...counter,
      async record(executor, bucket, subject) {
        if (arrived.has(subject)) {
          arrived.set(subject, arrived.get(subject)! + 1);
          for (let waited = 0; arrived.get(subject)! < guesses && waited < 30; waited += 1) await delay(10);
        }
        return counter.record(executor, bucket, subject);
      },
    };
    const instances = [instance(limits, slowToRecord), instance(limits, slowToRecord)];
    const addresses = [address(1), address(2)];
    for (const from of addresses) arrived.set(from, 0);
    const statuses = await Promise.all(
      addresses.map((from) =>
        Promise.all(
          Array.from({ length: guesses }, (_, n) =>
            outcome(instances[n % 2]!.orders.lookup({ orderNumber: `MM-${5000 + n}`, email: 'x@example.com' }, from)),
          ),
        ),
      ),
    );
    for (const perAddress of statuses) {
      assert.deepEqual(
        perAddress.toSorted((a, b) => a - b),
        [404, 404, 429, 429, 429],
        JSON.stringify(statuses),
      );
    }
  });

  it('finds an order by its number in any spelling, and lists a signed-in shopper’s orders newest first', async () => {
    const { orders } = instance();
    assert.equal((await orders.findByNumber(' #mm-1002'))?.order.id, 'ord_1002');
    assert.equal(await orders.findByNumber('MM-0000'), undefined);
    assert.equal(await orders.findByNumber('not a number'), undefined);

    const anas = createDemoOrders(new Date(clock.now()))
      .filter((seed) => seed.customerId === 'cus_ana')
      .map((seed) => seed.order)
      .toSorted((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt));
    assert.ok(anas.length > 1);
    const mine = await orders.listMine({ kind: 'customer', customerId: 'cus_ana' });
    assert.deepEqual(
      mine.map((order) => order.number),
      anas.map((order) => order.number),
    );
    await assert.rejects(orders.listMine({ kind: 'order', orderId: 'ord_1004' }), { status: 401 });
    // Someone else's order and an unknown one are the same 401.
    await assert.rejects(orders.authorize({ kind: 'customer', customerId: 'cus_ana' }, 'ord_1003'), { status: 401 });
    await assert.rejects(orders.authorize({ kind: 'customer', customerId: 'cus_ana' }, 'ord_nope'), { status: 401 });
  });
});
