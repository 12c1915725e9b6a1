// Agents online, counted in the database across instances (decision 0016, §6): two presence
// instances over one database stand for two servers, each with its own wall clock to move.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import type { KefuDatabase } from '../db/schema.js';
import { createPresence, PRESENCE_REFRESH_MS, PRESENCE_TTL_MS } from './presence.js';

/**
 * What a sign-in writes: the agent's account (once) and a session of theirs. The tests' consoles
 * connect with these session ids; agents are `a_<name>`, named with a capital ("mei" → "Mei").
 */
async function signedIn(db: Kysely<KefuDatabase>, agent: string, sessionId: string = agent): Promise<void> {
  const name = agent[0]!.toUpperCase() + agent.slice(1);
  const now = Date.now();
  await db
    .insertInto('agents')
    .values({
      id: `a_${agent}`,
      email: `${agent}@example.com`,
      email_key: `${agent}@example.com`,
      name,
      role: agent === 'mei' ? 'admin' : 'agent',
      password_hash: null,
      created_at: now,
      password_changed_at: null,
      disabled_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('agent_sessions')
    .values({ id: sessionId, agent_id: `a_${agent}`, name, created_at: now, last_seen: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

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
    for (const agent of ['mei', 'jon']) await signedIn(engineOf().db, agent);
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
    for (const agent of ['mei', 'jon']) await signedIn(engineOf().db, agent);
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
    await signedIn(db, 'mei');
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
    await signedIn(engineOf().db, 'ana');
    const release = await a.connect('ana');
    assert.equal(await b.count(), 1);
    await release();
    await release();
    assert.equal(await b.count(), 0);
    await Promise.all([a.close(), b.close()]);
  });

  it('counts people, not sessions: one agent signed in from two browsers once, two agents twice', async () => {
    const { a, b } = twoInstances();
    const { db } = engineOf();
    // Lin signs in from her laptop and from her phone: two sessions of one account.
    await signedIn(db, 'lin', 'lin-laptop');
    await signedIn(db, 'lin', 'lin-phone');
    await a.connect('lin-laptop');
    const phone = await b.connect('lin-phone');
    assert.equal(await a.count(), 1, 'Lin, once');
    assert.deepEqual(await b.online(), [{ id: 'a_lin', name: 'Lin', role: 'agent' }]);

    await signedIn(db, 'noor', 'noor-desk');
    await b.connect('noor-desk');
    assert.equal(await b.count(), 2, 'Lin and Noor');
    assert.deepEqual(
      (await a.online()).map((agent) => agent.name),
      ['Lin', 'Noor'],
    );

    await phone();
    assert.equal(await a.count(), 2, 'Lin’s laptop is still open');
    // A session signed out (its row gone) counts nobody, whatever its presence row says.
    await db.deleteFrom('agent_sessions').where('id', '=', 'lin-laptop').execute();
    assert.deepEqual(
      (await a.online()).map((agent) => agent.name),
      ['Noor'],
    );
    assert.equal(await a.count(), 1);
    await Promise.all([a.close(), b.close()]);
  });
});
