// Callbacks on both engines (decision 0016): the embedded SQLite and a real PostgreSQL cluster
// started for this file, where requests racing for a slot's last place, or writes racing on one
// callback, run on separate connections at once, as they would on two instances.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import type { CallbackInput, CallbackRecord } from '@kefu/core';
import { stableJson } from '@kefu/core/domain';
import { describeOnBothEngines, testStoreContext } from '../db/both-engines.test-support.js';
import type { Engine } from '../db/engine.js';
import { ApiError } from '../errors.js';
import { testClock } from '../routes/test-helpers.js';
import { createCallbacksService, type AdminCallback } from './callbacks.js';
import { sha256 } from './crypto.js';

/** Monday 7 December 2026, 08:00 in Paris (the demo store's zone): the day's slots are all ahead. */
const MONDAY_8AM_PARIS = Date.parse('2026-12-07T07:00:00Z');
const DAY_MS = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

function input(slot: string, name = 'Ana Lima'): CallbackInput {
  return { name, phone: '+33612345678', slot, timezone: 'Europe/Lisbon', topic: 'My return', consent: true };
}

/** What the route hands the service: the request's identity for its Idempotency-Key. */
function request(body: CallbackInput, key: string = crypto.randomUUID()) {
  return { route: 'POST /callbacks', key, hash: sha256(`POST\n/v1/callbacks\n${stableJson(body)}`) };
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  assert.fail('expected an ApiError');
}

/** Transactions waiting on a lock (a table's or an advisory one) in this database. */
async function lockWaiters(engine: Engine): Promise<number> {
  const { rows } = await sql<{ waiting: number }>`
    select count(*) as waiting from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'`.execute(engine.db);
  return rows[0]!.waiting;
}

/**
 * Starts `racers` at once so that, without the service's own lock, each would read before any
 * writes. On PostgreSQL a transaction of the test holds `callbacks` in SHARE mode (reads go on,
 * writes wait) until every racer waits on a lock — that table's, or the service's — then lets go:
 * with no service lock all of them have read the same state by then and all of them write. On
 * SQLite the process's one connection runs the transactions one after another: nothing to hold.
 */
async function race<T>(engine: Engine, racers: readonly (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  if (engine.kind === 'sqlite') return Promise.allSettled(racers.map((racer) => racer()));
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding = () => {};
  const held = new Promise<void>((resolve) => (holding = resolve));
  const holder = engine.db.transaction().execute(async (trx) => {
    await sql`lock table callbacks in share mode`.execute(trx);
    holding();
    await released;
  });
  await Promise.race([held, holder]);
  const answers = Promise.allSettled(racers.map((racer) => racer()));
  try {
    // Bounded: should a racer never wait, the holder lets go after 10 s and the assertions decide.
    for (let waited = 0; (await lockWaiters(engine)) < racers.length && waited < 500; waited += 1) await delay(20);
  } finally {
    release();
  }
  await holder;
  return answers;
}

describeOnBothEngines('callbacks', (engine) => {
  // The tests share one database: each books slots of its own (by index), with a clock of its own.
  function setup() {
    const clock = testClock(MONDAY_8AM_PARIS);
    const callbacks = createCallbacksService(testStoreContext(engine(), clock.now));
    const slots = () => callbacks.slots(iso(clock.now()), 7);
    const book = async (slot: string, name?: string) => {
      const body = input(slot, name);
      const answer = await callbacks.request(body, request(body));
      return JSON.parse(answer.body ?? 'null') as CallbackRecord;
    };
    return { clock, callbacks, slots, book };
  }

  it('offers slots with their free places, books one, replays its key, and cancels it with the token', async () => {
    const { callbacks, slots, book } = setup();
    const offered = await slots();
    // Monday 09:00 to Friday 17:30 in Paris, every half hour, 2 places each.
    assert.equal(offered[0]?.start, '2026-12-07T08:00:00.000Z');
    assert.ok(offered.every((slot) => slot.remaining === 2));
    const slot = offered[0]!;

    const body = input(slot.start);
    const identity = request(body);
    const first = await callbacks.request(body, identity);
    assert.equal(first.status, 201);
    assert.equal(first.replayed, false);
    const record = JSON.parse(first.body!) as CallbackRecord;
    assert.equal(record.status, 'scheduled');
    assert.deepEqual(record.slot, { start: slot.start, end: slot.end });
    assert.equal(record.createdAt, iso(MONDAY_8AM_PARIS));
    assert.deepEqual(await callbacks.request(body, identity), { ...first, replayed: true });
    assert.equal((await slots()).find((candidate) => candidate.start === slot.start)?.remaining, 1);

    assert.equal((await apiError(callbacks.cancel(record.id, 'not-the-token'))).status, 401);
    assert.equal((await apiError(callbacks.cancel(record.id, undefined))).status, 401);
    const cancelled = await callbacks.cancel(record.id, record.cancelToken);
    assert.deepEqual(cancelled, { ...record, status: 'cancelled' });
    assert.deepEqual(await callbacks.cancel(record.id, record.cancelToken), cancelled);
    assert.equal((await slots()).find((candidate) => candidate.start === slot.start)?.remaining, 2);
    assert.equal((await apiError(callbacks.cancel('cb_nope', record.cancelToken))).code, 'callback_not_found');

    // A full slot is no longer offered; another booking there is refused with the free slots.
    const full = offered[1]!;
    await book(full.start, 'A');
    await book(full.start, 'B');
    assert.equal(
      (await slots()).find((candidate) => candidate.start === full.start),
      undefined,
    );
    const refused = await apiError(book(full.start, 'C'));
    assert.equal(refused.code, 'slot_taken');
    assert.deepEqual(refused.details?.['slots'], await slots());
  });

  it('gives a slot’s two places to two of four simultaneous requests; the others get slot_taken', async () => {
    const { callbacks, slots } = setup();
    const slot = (await slots())[4]!;
    const answers = await race(
      engine(),
      ['A', 'B', 'C', 'D'].map((name) => () => {
        const body = input(slot.start, name);
        return callbacks.request(body, request(body));
      }),
    );
    const statuses = answers.map((answer) =>
      answer.status === 'fulfilled' ? answer.value.status : (answer.reason as ApiError).code,
    );
    assert.deepEqual(statuses.sort(), [201, 201, 'slot_taken', 'slot_taken'], JSON.stringify(answers));
    for (const answer of answers) {
      if (answer.status === 'rejected') {
        const offered = (answer.reason as ApiError).details?.['slots'] as { start: string }[];
        assert.ok(offered.length > 0);
        assert.equal(
          offered.find((candidate) => candidate.start === slot.start),
          undefined,
          'the fresh slots leave the full one out',
        );
      }
    }
    // Counted as the service counts: a number on both engines (PostgreSQL's count is an int8).
    const { booked } = await engine()
      .db.selectFrom('callbacks')
      .select((eb) => eb.fn.countAll<number>().as('booked'))
      .where('status', '=', 'scheduled')
      .where('slot_start', '=', Date.parse(slot.start))
      .executeTakeFirstOrThrow();
    assert.equal(booked, 2);
  });

  it('lists callbacks soonest first, records outcomes once their time has come, and reopens them', async () => {
    const { clock, callbacks, slots, book } = setup();
    const offered = await slots();
    const later = await book(offered[8]!.start, 'Later');
    const sooner = await book(offered[7]!.start, 'Sooner');

    const listed = await callbacks.list();
    const mine = listed.filter((callback) => callback.id === later.id || callback.id === sooner.id);
    assert.deepEqual(
      mine.map((callback) => callback.name),
      ['Sooner', 'Later'],
    );
    assert.deepEqual(mine[0], {
      id: sooner.id,
      status: 'scheduled',
      slot: sooner.slot,
      createdAt: sooner.createdAt,
      name: 'Sooner',
      phone: '+33612345678',
      timezone: 'Europe/Lisbon',
      topic: 'My return',
    });
    const order = listed.map((callback) => [callback.slot.start, callback.createdAt, callback.id].join(' '));
    assert.deepEqual(order, [...order].sort());

    const early = await apiError(callbacks.mark(sooner.id, 'called'));
    assert.equal(early.code, 'callback_not_due');
    assert.match(early.message, /^This call is due on Mon 7 Dec at \d\d:\d\d \(Europe\/Paris\)/);
    clock.advance(DAY_MS);
    assert.equal((await callbacks.mark(sooner.id, 'no_answer')).status, 'no_answer');
    assert.equal((await callbacks.mark(sooner.id, 'called')).status, 'called');
    const twice = await apiError(callbacks.mark(sooner.id, 'called'));
    assert.deepEqual(
      [twice.status, twice.code, twice.message],
      [409, 'callback_not_scheduled', 'This callback was already called.'],
    );
    assert.equal((await callbacks.reopen(sooner.id)).status, 'scheduled');
    assert.equal((await apiError(callbacks.reopen(sooner.id))).code, 'callback_not_done');
    assert.equal(
      (await callbacks.list()).find((callback) => callback.id === sooner.id)?.status,
      'scheduled',
      'what the list shows is what was stored',
    );
    // A cancelled callback cannot be marked.
    await callbacks.cancel(later.id, later.cancelToken);
    assert.equal((await apiError(callbacks.mark(later.id, 'called'))).message, 'This callback was already cancelled.');
    assert.equal((await apiError(callbacks.mark('cb_nope', 'called'))).status, 404);
    assert.equal((await apiError(callbacks.reopen('cb_nope'))).status, 404);
  });

  it('records a call once when agents mark it at the same moment; the others are told it is done', async () => {
    const { clock, callbacks, slots, book } = setup();
    const record = await book((await slots())[10]!.start);
    clock.advance(DAY_MS);
    const answers = await race(
      engine(),
      [1, 2, 3].map(() => () => callbacks.mark(record.id, 'called')),
    );
    const outcomes = answers.map((answer) =>
      answer.status === 'fulfilled' ? answer.value.status : (answer.reason as ApiError).code,
    );
    assert.deepEqual(
      outcomes.sort(),
      ['callback_not_scheduled', 'callback_not_scheduled', 'called'],
      JSON.stringify(answers),
    );
  });

  it('answers a cancel racing an agent’s outcome with what was stored', async () => {
    const { clock, callbacks, slots, book } = setup();
    const record = await book((await slots())[11]!.start);
    clock.advance(DAY_MS);
    const [cancel, mark] = await race<CallbackRecord | AdminCallback>(engine(), [
      () => callbacks.cancel(record.id, record.cancelToken),
      () => callbacks.mark(record.id, 'called'),
    ]);
    const stored = (await callbacks.list()).find((callback) => callback.id === record.id)?.status;
    // Either the cancel came first (the agent is told) or the call did (the shopper sees it).
    assert.ok(cancel?.status === 'fulfilled', JSON.stringify(cancel));
    assert.equal(cancel.value.status, stored, 'the shopper’s answer is what was stored');
    if (stored === 'cancelled') {
      assert.equal(mark?.status === 'rejected' && (mark.reason as ApiError).code, 'callback_not_scheduled');
    } else {
      assert.equal(stored, 'called');
      assert.equal(mark?.status === 'fulfilled' && mark.value.status, 'called');
    }
  });
});
