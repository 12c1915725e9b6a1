// Idempotency records on both engines (decision 0016): the embedded SQLite and a real PostgreSQL
// cluster started for this file, where two instances' racing retries are real concurrency.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { sql, type Transaction } from 'kysely';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import type { Engine } from '../db/engine.js';
import type { KefuDatabase } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { testClock } from '../routes/test-helpers.js';
import { stableJson } from '@kefu/core/domain';
import { createIdempotencyStore, IDEMPOTENCY_TTL_MS } from './idempotency.js';

describeOnBothEngines('idempotency records', (engineOf) => {
  let engine: Engine;
  before(async () => {
    engine = engineOf();
    await sql`create table effects (scope text not null, n integer not null)`.execute(engine.db);
  });

  // Each test has its own route, so the tests share one database without seeing each other.
  let tests = 0;
  function setup() {
    const scope = `POST /things-${(tests += 1)}`;
    const clock = testClock();
    const store = createIdempotencyStore(engine.db, clock.now);
    let created = 0;
    const effect = (trx: Transaction<KefuDatabase>, n: number) =>
      sql`insert into effects (scope, n) values (${scope}, ${n})`.execute(trx);
    const create = async (trx: Transaction<KefuDatabase>) => {
      created += 1;
      await effect(trx, created);
      return { status: 201 as const, body: JSON.stringify({ n: created }) };
    };
    const effects = async () =>
      (await sql<{ count: number }>`select count(*) as count from effects where scope = ${scope}`.execute(engine.db))
        .rows[0]!.count;
    const request = (key: string, hash = 'h1', route = scope) => ({ route, key, hash });
    return { clock, store, create, effect, effects, request };
  }

  it('replays the first answer for the same key and request, and refuses another request', async () => {
    const { store, create, effects, request } = setup();
    assert.deepEqual(await store.run(request('k'), create), { status: 201, body: '{"n":1}', replayed: false });
    assert.deepEqual(await store.run(request('k'), create), { status: 201, body: '{"n":1}', replayed: true });
    await assert.rejects(
      store.run(request('k', 'h2'), create),
      (error: unknown) => error instanceof ApiError && error.status === 409 && error.code === 'idempotency_key_reused',
    );
    assert.equal(Number(await effects()), 1);
  });

  it('keeps neither the key nor the answer’s secrets in clear, and still replays after a restart', async () => {
    const { clock, request } = setup();
    const secret = 'conversation-token-6f1d2c';
    const key = 'b1946ac9-2f0a-4c59-9b55-0f3e7c1f3a77';
    const answer = async () => ({ status: 201 as const, body: JSON.stringify({ id: 'c1', token: secret }) });
    await createIdempotencyStore(engine.db, clock.now).run(request(key), answer);

    const rows = JSON.stringify(await engine.db.selectFrom('idempotency_records').selectAll().execute());
    assert.ok(!rows.includes(secret), 'token in clear');
    assert.ok(!rows.includes(key), 'key in clear');
    // A new store over the same database (a restarted server) replays the first answer exactly.
    const replay = await createIdempotencyStore(engine.db, clock.now).run(request(key), () =>
      assert.fail('created twice'),
    );
    assert.deepEqual(replay, { ...(await answer()), replayed: true });
  });

  it('scopes keys per route', async () => {
    const { store, create, request } = setup();
    await store.run(request('k'), create);
    assert.equal((await store.run(request('k', 'other', 'POST /others'), create)).replayed, false);
  });

  it('remembers nothing of a failed create, whose effect is rolled back with it', async () => {
    const { store, create, effect, effects, request } = setup();
    await assert.rejects(
      store.run(request('k'), async (trx) => {
        await effect(trx, 99);
        throw new ApiError(422, 'validation_failed', 'No.');
      }),
    );
    assert.equal(Number(await effects()), 0);
    // The corrected retry, even with another body, goes through with the same key.
    assert.equal((await store.run(request('k', 'h2'), create)).replayed, false);
    assert.equal(Number(await effects()), 1);
  });

  it('forgets a key after 24 hours', async () => {
    const { clock, store, create, request } = setup();
    await store.run(request('k'), create);
    clock.advance(IDEMPOTENCY_TTL_MS - 1);
    assert.equal((await store.run(request('k'), create)).replayed, true);
    clock.advance(1);
    assert.deepEqual(await store.run(request('k', 'h2'), create), {
      status: 201,
      body: '{"n":2}',
      replayed: false,
    });
  });

  it('creates once when retries of one key race, as two instances’ would', async () => {
    const { store, create, effects, request } = setup();
    // On PostgreSQL the pool runs these on separate connections at once. A create waits (bounded)
    // until every retry has reached it: without the lock on the key all eight find no record and
    // all eight create; with it the first creates alone and the others wait, then replay.
    const retries = 8;
    let arrived = 0;
    const slowCreate = async (trx: Transaction<KefuDatabase>) => {
      arrived += 1;
      for (let waited = 0; arrived < retries && waited < 40; waited += 1) await delay(10);
      return create(trx);
    };
    const answers = await Promise.allSettled(
      Array.from({ length: retries }, () => store.run(request('race'), slowCreate)),
    );
    const fulfilled = answers.flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value] : []));
    assert.equal(fulfilled.length, retries, JSON.stringify(answers));
    assert.deepEqual(new Set(fulfilled.map((answer) => answer.body)), new Set(['{"n":1}']));
    assert.equal(fulfilled.filter((answer) => !answer.replayed).length, 1);
    assert.equal(Number(await effects()), 1);
  });
});

describe('request identity', () => {
  it('compares JSON bodies with their keys sorted, at every depth', () => {
    assert.equal(
      stableJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } }),
      '{"a":{"c":null,"d":[1,{"e":2,"f":1}]},"b":1}',
    );
  });
});
