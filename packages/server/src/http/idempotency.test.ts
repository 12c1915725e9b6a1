import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../db/database.js';
import { ApiError } from '../errors.js';
import { testClock } from '../routes/test-helpers.js';
import { stableJson } from '@kefu/core/domain';
import { createIdempotencyStore, IDEMPOTENCY_TTL_MS } from './idempotency.js';

describe('idempotency records', () => {
  async function setup() {
    const db = await openDatabase(':memory:');
    db.exec('CREATE TABLE effects (n INTEGER)');
    const clock = testClock();
    const store = createIdempotencyStore(db, clock.now);
    let created = 0;
    const create = () => {
      created += 1;
      db.prepare('INSERT INTO effects (n) VALUES (?)').run(created);
      return { status: 201 as const, body: JSON.stringify({ n: created }) };
    };
    const effects = () => db.prepare('SELECT count(*) FROM effects').pluck().get();
    return { db, clock, store, create, effects };
  }
  const request = (key: string, hash = 'h1', route = 'POST /things') => ({ route, key, hash });

  it('replays the first answer for the same key and request, and refuses another request', async () => {
    const { store, create, effects } = await setup();
    assert.deepEqual(store.run(request('k'), create), { status: 201, body: '{"n":1}', replayed: false });
    assert.deepEqual(store.run(request('k'), create), { status: 201, body: '{"n":1}', replayed: true });
    assert.throws(
      () => store.run(request('k', 'h2'), create),
      (error: unknown) => error instanceof ApiError && error.status === 409 && error.code === 'idempotency_key_reused',
    );
    assert.equal(effects(), 1);
  });

  it('keeps neither the key nor the answer’s secrets in clear, and still replays after a restart', async () => {
    const { db, clock } = await setup();
    const secret = 'conversation-token-6f1d2c';
    const key = 'b1946ac9-2f0a-4c59-9b55-0f3e7c1f3a77';
    const answer = () => ({ status: 201 as const, body: JSON.stringify({ id: 'c1', token: secret }) });
    createIdempotencyStore(db, clock.now).run(request(key), answer);

    const rows = JSON.stringify(db.prepare('SELECT * FROM idempotency_records').all());
    assert.ok(!rows.includes(secret), 'token in clear');
    assert.ok(!rows.includes(key), 'key in clear');
    // A new store over the same database (a restarted server) replays the first answer exactly.
    const replay = createIdempotencyStore(db, clock.now).run(request(key), () => assert.fail('created twice'));
    assert.deepEqual(replay, { ...answer(), replayed: true });
  });

  it('scopes keys per route', async () => {
    const { store, create } = await setup();
    store.run(request('k'), create);
    assert.equal(store.run(request('k', 'other', 'POST /others'), create).replayed, false);
  });

  it('remembers nothing of a failed create, whose effect is rolled back with it', async () => {
    const { db, store, create, effects } = await setup();
    assert.throws(() =>
      store.run(request('k'), () => {
        db.prepare('INSERT INTO effects (n) VALUES (99)').run();
        throw new ApiError(422, 'validation_failed', 'No.');
      }),
    );
    assert.equal(effects(), 0);
    // The corrected retry, even with another body, goes through with the same key.
    assert.equal(store.run(request('k', 'h2'), create).replayed, false);
    assert.equal(effects(), 1);
  });

  it('forgets a key after 24 hours', async () => {
    const { clock, store, create } = await setup();
    store.run(request('k'), create);
    clock.advance(IDEMPOTENCY_TTL_MS - 1);
    assert.equal(store.run(request('k'), create).replayed, true);
    clock.advance(1);
    assert.deepEqual(store.run(request('k', 'h2'), create), { status: 201, body: '{"n":2}', replayed: false });
  });

  it('compares JSON bodies with their keys sorted, at every depth', () => {
    assert.equal(
      stableJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } }),
      '{"a":{"c":null,"d":[1,{"e":2,"f":1}]},"b":1}',
    );
  });
});
