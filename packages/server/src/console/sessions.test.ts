// Console sessions in the database, on both engines: what a restart or a second instance keeps.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import { createChatHub } from '../chat/hub.js';
import { createConsoleSessions, IDLE_MS, type ConsoleSessions } from './sessions.js';

describeOnBothEngines('agent console sessions', (engine) => {
  // Each test has its own addresses, so tests on one database do not share a budget.
  let tests = 0;
  function setup() {
    const clock = { now: 1_000_000 + (tests += 1) * 10 * IDLE_MS };
    const instance = () =>
      createConsoleSessions(
        { engine: engine(), now: () => clock.now, agentPassword: 'right-password' },
        createChatHub(),
      );
    return { clock, instance, address: (n = 0) => `192.0.${tests}.${n}` };
  }
  const cookie = (secret: string) => `other=1; kefu_agent=${secret}`;
  async function signedIn(sessions: ConsoleSessions, address: string) {
    const result = await sessions.signIn('Mei', 'right-password', address);
    assert.ok(result.ok, JSON.stringify(result));
    return result;
  }

  it('keeps an agent signed in across a restart and on another instance, and signs out everywhere', async () => {
    const { instance, address } = setup();
    const first = instance();
    const { secret, session } = await signedIn(first, address());
    // A new instance over the same database (a restart, or the other server behind the proxy).
    const second = instance();
    assert.deepEqual(await second.fromCookieHeader(cookie(secret)), { id: session.id, name: 'Mei' });
    await second.signOut(session.id);
    assert.equal(await first.fromCookieHeader(cookie(secret)), undefined);
  });

  it('stores only a digest of the cookie’s secret', async () => {
    const { instance, address } = setup();
    const { secret } = await signedIn(instance(), address());
    const rows = JSON.stringify(await engine().db.selectFrom('agent_sessions').selectAll().execute());
    assert.ok(!rows.includes(secret));
  });

  it('ends a session idle for more than 12 hours when swept, which tells its sockets', async () => {
    const { clock, instance, address } = setup();
    const sessions = instance();
    const { secret, session } = await signedIn(sessions, address());
    const ended: string[] = [];
    sessions.onEnd((id) => ended.push(id));
    clock.now += IDLE_MS - 60 * 60 * 1000;
    await sessions.sweep();
    assert.deepEqual(ended, [], 'still within the idle limit');
    clock.now += 60 * 60 * 1000 + 1;
    await sessions.sweep();
    assert.deepEqual(ended, [session.id]);
    assert.equal(await sessions.fromCookieHeader(cookie(secret)), undefined);
  });

  it('keeps a session in use alive past 12 hours from its sign-in', async () => {
    const { clock, instance, address } = setup();
    const sessions = instance();
    const { secret } = await signedIn(sessions, address());
    for (let hour = 0; hour < 14; hour += 1) {
      clock.now += 60 * 60 * 1000;
      assert.ok(await sessions.fromCookieHeader(cookie(secret)), `hour ${hour}`);
    }
  });

  it('locks out one address after five failures a minute, counted across instances', async () => {
    const { clock, instance, address } = setup();
    const [a, b] = [instance(), instance()];
    for (let i = 0; i < 3; i += 1) assert.equal((await a.signIn('x', 'guess', address())).ok, false);
    for (let i = 0; i < 2; i += 1) assert.equal((await b.signIn('x', 'guess', address())).ok, false);
    const refused = await a.signIn('Mei', 'right-password', address());
    assert.ok(!refused.ok && refused.reason === 'rate_limited', JSON.stringify(refused));
    assert.equal((await b.signIn('Mei', 'right-password', address(1))).ok, true, 'another address');
    clock.now += 61_000;
    assert.equal((await b.signIn('Mei', 'right-password', address())).ok, true, 'a minute later');
  });

  it('gives racing guesses from one address five tries in all, not five each', async () => {
    const { instance, address } = setup();
    const instances = [instance(), instance()];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => instances[i % 2]!.signIn('x', 'guess', address())),
    );
    const reasons = results.map((result) => (result.ok ? 'ok' : result.reason));
    assert.equal(reasons.filter((reason) => reason === 'wrong_password').length, 5, reasons.join());
    assert.equal(reasons.filter((reason) => reason === 'rate_limited').length, 7);
  });

  it('forgets failures older than a minute, so guesses from many addresses do not pile up', async () => {
    const { clock, instance, address } = setup();
    const sessions = instance();
    for (let i = 0; i < 50; i += 1) await sessions.signIn('x', 'guess', address(i));
    clock.now += 61_000;
    await sessions.signIn('x', 'guess', address(99));
    const rows = await engine()
      .db.selectFrom('rate_limit_hits')
      .select('at')
      .where('bucket', '=', 'console_sign_in')
      .execute();
    assert.deepEqual(
      rows.map((row) => row.at),
      [clock.now],
    );
  });
});
