import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallbackSlot } from '@kefu/core';
import { type RunningServer } from '../server.js';
import { call, errorOf, startServerProcess, startTestServer, testDatabase } from '../routes/test-helpers.js';

/** A second reference server in a process of its own, on the same data folder. */
async function startOtherProcess(dataDir: string): Promise<{ base: string; child: ChildProcess }> {
  // The same database as the first server's: its SQLite file, or its PostgreSQL database.
  const database = await testDatabase(dataDir);
  return startServerProcess({ dataDir, ...(database === undefined ? {} : { database }) });
}

describe('callback slot capacity across two server processes on one database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-callbacks-'));
  let first: RunningServer;
  let second: { base: string; child: ChildProcess };

  before(async () => {
    first = await startTestServer({ port: 0, dataDir });
    second = await startOtherProcess(dataDir);
  });
  after(async () => {
    second?.child.kill();
    await first?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives each slot’s two places to two of four simultaneous requests; the others get slot_taken with fresh slots', async () => {
    const base = `${first.origin}/v1`;
    const offered = (
      await call<{ slots: CallbackSlot[] }>(base, 'GET', `/callbacks/slots?from=${new Date().toISOString()}&days=7`)
    ).body.slots;
    const slots = offered.slice(0, 5);
    assert.equal(slots.length, 5);

    const request = (server: string, slot: CallbackSlot, name: string) =>
      call(server, 'POST', '/callbacks', {
        key: crypto.randomUUID(),
        body: { name, phone: '+33612345678', slot: slot.start, timezone: 'Asia/Shanghai', topic: '', consent: true },
      });
    // Every slot is asked for four times at once, twice through each process.
    const answers = await Promise.all(
      slots.flatMap((slot) =>
        [base, second.base, base, second.base].map(async (server, index) => ({
          slot,
          answer: await request(server, slot, `Shopper ${index}`),
        })),
      ),
    );

    for (const slot of slots) {
      const mine = answers.filter((entry) => entry.slot.start === slot.start).map((entry) => entry.answer);
      assert.deepEqual(mine.map((answer) => answer.status).sort(), [201, 201, 409, 409], slot.start);
      for (const refused of mine.filter((answer) => answer.status === 409)) {
        const error = errorOf(refused) as ReturnType<typeof errorOf> & { slots: CallbackSlot[] };
        assert.equal(error.code, 'slot_taken');
        assert.equal(error.message, 'That time was just taken.');
        assert.equal(
          error.slots.find((candidate) => candidate.start === slot.start),
          undefined,
          'the fresh slots leave the full one out',
        );
        assert.ok(error.slots.length > 0);
      }
    }
    const booked = await first.deps.engine.db
      .selectFrom('callbacks')
      .select((eb) => ['slot_start', eb.fn.countAll<number>().as('booked')])
      .where('status', '=', 'scheduled')
      .groupBy('slot_start')
      .orderBy('slot_start')
      .execute();
    assert.deepEqual(
      booked.map((row) => row.booked),
      [2, 2, 2, 2, 2],
    );
    // Both processes now offer none of them.
    for (const server of [base, second.base]) {
      const after = (
        await call<{ slots: CallbackSlot[] }>(server, 'GET', `/callbacks/slots?from=${new Date().toISOString()}&days=7`)
      ).body.slots;
      assert.equal(after.filter((candidate) => slots.some((slot) => slot.start === candidate.start)).length, 0);
    }
  });
});
