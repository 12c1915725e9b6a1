// Agents online, counted in the database across instances (decision 0016, §6): two presence
// instances over one database stand for two servers, each with its own wall clock to move.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import { createPresence, PRESENCE_REFRESH_MS, PRESENCE_TTL_MS } from './presence.js';

describeOnBothEngines('agents online', (engineOf) => {
  /** Two instances on the database; their wall clocks move only when a test moves them. */
  function twoInstances() {
    const { db } = engineOf();
    const clock = { a: Date.now(), b: Date.now() };
    const a = createPresence(db, { instanceId: `a-${Math.random()}`, wallNow: () => clock.a });
    const b = createPresence(db, { instanceId: `b-${Math.random()}`, wallNow: () => clock.b });
    return { a, b, clock };
  }

  it('counts one agent with consoles on two instances once', async () => {
    const { a, b } = twoInstances();
    await a.connect('mei');
    await b.connect('mei');
    const secondTab = await b.connect('mei');
    assert.equal(await a.count(), 1);
    assert.equal(await b.count(), 1);
    await b.connect('jon');
    assert.equal(await a.count(), 2);
    await secondTab();
    assert.equal(await a.count(), 2, 'Mei still has a tab open on B, and a console on A');
    await Promise.all([a.close(), b.close()]);
    assert.equal(await a.count(), 0);
  });

  it('stops counting an instance whose heartbeat stopped, and counts none when both are gone', async () => {
    const { a, b, clock } = twoInstances();
    await a.connect('mei');
    await a.connect('jon');
    await b.connect('mei');
    assert.equal(await b.count(), 2);

    // A dies without a word; B lives on and keeps its rows fresh.
    clock.b += PRESENCE_TTL_MS + 1;
    await b.refresh();
    assert.equal(await b.count(), 1, 'only Mei, whose console is on B');

    clock.b += PRESENCE_TTL_MS - 1000;
    await b.refresh();
    assert.equal(await b.count(), 1, 'the heartbeat keeps B’s rows fresh');

    // B goes too, without a word: nobody is online.
    clock.b += PRESENCE_TTL_MS + 1;
    assert.equal(await b.count(), 0);
    // The database's other tests do not see these rows (a crashed instance's stay until forgotten).
    await Promise.all([a.close(), b.close()]);
  });

  it('counts by the TTL a server was given (KEFU_PRESENCE_TTL_MS), refreshed three times as often', async () => {
    const { db } = engineOf();
    let now = Date.now();
    const ttlMs = 6000;
    const a = createPresence(db, { instanceId: `a-${Math.random()}`, wallNow: () => now, ttlMs });
    const b = createPresence(db, { instanceId: `b-${Math.random()}`, wallNow: () => now, ttlMs });
    assert.equal(a.refreshEveryMs, 2000);
    assert.equal(createPresence(db).refreshEveryMs, PRESENCE_REFRESH_MS, 'by default, every 10 s for 30 s');
    await a.connect('mei');
    now += ttlMs - 1;
    assert.equal(await b.count(), 1, 'A spoke within the TTL');
    now += 2;
    assert.equal(await b.count(), 0, 'A has been silent for longer than the TTL');
    await a.refresh();
    assert.equal(await b.count(), 1, 'A’s heartbeat counts Mei again');
    await Promise.all([a.close(), b.close()]);
  });

  it('forgets an agent whose last console on an instance closed', async () => {
    const { a, b } = twoInstances();
    const release = await a.connect('ana');
    assert.equal(await b.count(), 1);
    await release();
    await release();
    assert.equal(await b.count(), 0);
    await Promise.all([a.close(), b.close()]);
  });
});
