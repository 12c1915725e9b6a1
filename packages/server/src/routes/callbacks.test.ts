import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CallbackRecord, CallbackSlot } from '@kefu/core';
import { demoStoreConfig } from '@kefu/core/seed';
import { call, errorOf, serverForSuite } from './test-helpers.js';

const MINUTE_MS = 60_000;
const parisTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

describe('callbacks over HTTP', () => {
  const api = serverForSuite();

  const slots = async (from = new Date().toISOString().slice(0, 10), days = 7) =>
    (await call<{ slots: CallbackSlot[] }>(api.base, 'GET', `/callbacks/slots?from=${from}&days=${days}`)).body.slots;
  const input = (slot: string, overrides: Record<string, unknown> = {}) => ({
    name: 'Ana Lima',
    phone: '+33612345678',
    slot,
    timezone: 'Europe/Lisbon',
    topic: 'My return',
    consent: true,
    ...overrides,
  });
  const book = (body: unknown, key: string = crypto.randomUUID()) =>
    call<CallbackRecord>(api.base, 'POST', '/callbacks', { body, key });

  it('offers future slots inside business hours, Monday to Friday, 09:00 to 17:30 in Paris', async () => {
    const offered = await slots();
    assert.ok(offered.length > 0);
    for (const slot of offered) {
      const start = Date.parse(slot.start);
      assert.ok(start >= Date.now() + demoStoreConfig.callbacks.leadMinutes * MINUTE_MS - 1000);
      assert.equal(Date.parse(slot.end) - start, 30 * MINUTE_MS);
      assert.equal(slot.remaining, 2);
      const parts = Object.fromEntries(parisTime.formatToParts(new Date(start)).map((p) => [p.type, p.value]));
      assert.ok(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].includes(parts['weekday']!));
      const minutes = Number(parts['hour']) * 60 + Number(parts['minute']);
      assert.ok(minutes >= 9 * 60 && minutes <= 17 * 60 + 30);
    }
    // An instant works as `from` too.
    assert.ok((await slots(new Date().toISOString(), 7)).length > 0);
  });

  it('needs from and days (400), and judges their values (422)', async () => {
    assert.deepEqual(errorOf(await call(api.base, 'GET', '/callbacks/slots?days=2')).fields, { from: 'Required.' });
    assert.equal((await call(api.base, 'GET', '/callbacks/slots?from=2026-01-01')).status, 400);
    const invalid = await call(api.base, 'GET', '/callbacks/slots?from=2026-02-30&days=32');
    assert.equal(invalid.status, 422);
    assert.deepEqual(errorOf(invalid).fields, {
      from: 'Expected an ISO date or instant.',
      days: 'Expected a whole number of days, 1 to 31.',
    });
    assert.deepEqual(errorOf(await call(api.base, 'GET', '/callbacks/slots?from=2026-01-01&days=x')).fields, {
      days: 'Expected a whole number of days, 1 to 31.',
    });
  });

  it('books a slot (201 with a cancel token), replays it for the same key, and cancels it with the token', async () => {
    const slot = (await slots()).at(-1)!;
    const key = crypto.randomUUID();
    const first = await book(input(slot.start), key);
    assert.equal(first.status, 201);
    assert.equal(first.body.status, 'scheduled');
    assert.deepEqual(first.body.slot, { start: slot.start, end: slot.end });
    assert.ok(first.body.cancelToken.length >= 32);
    const again = await book(input(slot.start), key);
    assert.equal(again.text, first.text);
    assert.equal(errorOf(await book(input(slot.start, { name: 'Bo' }), key)).code, 'idempotency_key_reused');
    assert.equal((await slots()).find((candidate) => candidate.start === slot.start)?.remaining, 1);

    const path = `/callbacks/${first.body.id}/cancel`;
    const wrong = await call(api.base, 'POST', path, { token: 'wrong' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(errorOf(wrong), { code: 'unauthorized', message: 'This link cannot cancel that callback.' });
    assert.equal((await call(api.base, 'POST', path)).status, 401);
    const cancelled = await call<CallbackRecord>(api.base, 'POST', path, { token: first.body.cancelToken });
    assert.equal(cancelled.status, 200);
    assert.deepEqual(cancelled.body, { ...first.body, status: 'cancelled' });
    const twice = await call<CallbackRecord>(api.base, 'POST', path, { token: first.body.cancelToken });
    assert.deepEqual(twice.body, cancelled.body);
    assert.equal((await slots()).find((candidate) => candidate.start === slot.start)?.remaining, 2);

    const missing = await call(api.base, 'POST', '/callbacks/cb_nope/cancel', { token: first.body.cancelToken });
    assert.equal(missing.status, 404);
    assert.equal(errorOf(missing).code, 'callback_not_found');
  });

  it('names every mistake: phone not E.164, no consent, a time that is not an offered slot, …', async () => {
    const slot = (await slots())[0]!;
    const answer = await book(input(slot.start, { phone: '06 12 34 56 78', consent: false, name: ' ' }));
    assert.equal(answer.status, 422);
    assert.deepEqual(errorOf(answer).fields, {
      name: 'Enter your name.',
      phone: 'Enter the number with its country code, e.g. +33 6 12 34 56 78.',
      consent: 'Please agree to be called.',
    });
    assert.deepEqual(errorOf(await book(input('2020-01-01T03:07:00.000Z'))).fields, {
      slot: 'That time is not available; please choose another.',
    });
    assert.deepEqual(errorOf(await book(input(slot.start, { timezone: 'Mars/Olympus' }))).fields, {
      timezone: 'Expected an IANA timezone, e.g. Europe/Paris.',
    });
  });

  it('gives the last place of a slot to one of two concurrent requests; the other gets 409 slot_taken', async () => {
    const slot = (await slots())[1]!;
    assert.equal((await book(input(slot.start))).status, 201);
    const [a, b] = await Promise.all([book(input(slot.start, { name: 'A' })), book(input(slot.start, { name: 'B' }))]);
    assert.deepEqual([a.status, b.status].sort(), [201, 409]);
    const refused = a.status === 409 ? a : b;
    const { slots: fresh, ...error } = errorOf(refused) as ReturnType<typeof errorOf> & { slots: CallbackSlot[] };
    assert.deepEqual(error, { code: 'slot_taken', message: 'That time was just taken.' });
    // The refusal carries the slots free at that moment: the full one is gone, the others are there.
    assert.ok(fresh.length > 0);
    assert.equal(
      fresh.find((candidate) => candidate.start === slot.start),
      undefined,
    );
    const stillFree = (await slots()).at(-1)!;
    assert.deepEqual(
      fresh.find((candidate) => candidate.start === stillFree.start),
      stillFree,
    );
    assert.equal(
      (await slots()).find((candidate) => candidate.start === slot.start),
      undefined,
    );
    const { booked } = await api.server.deps.engine.db
      .selectFrom('callbacks')
      .select((eb) => eb.fn.countAll<number>().as('booked'))
      .where('status', '=', 'scheduled')
      .where('slot_start', '=', Date.parse(slot.start))
      .executeTakeFirstOrThrow();
    assert.equal(booked, 2);
  });
});
