// Console sessions in the database, on both engines: what a restart or a second instance keeps.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeOnBothEngines } from '../db/both-engines.test-support.js';
import { createChatHub } from '../chat/hub.js';
import { createAgents } from '../agents/agents.js';
import { createAuditLog } from '../agents/audit.js';
import { createConsoleSessions, IDLE_MS, type ConsoleSessions } from './sessions.js';

const PASSWORD = 'right-password-1';

describeOnBothEngines('agent console sessions', (engine) => {
  // Each test has its own addresses and account, so tests on one database do not share a budget.
  let tests = 0;
  async function setup() {
    const test = (tests += 1);
    const clock = { now: 1_000_000 + test * 10 * IDLE_MS };
    const now = () => clock.now;
    const agents = createAgents(engine().db, now, createAuditLog(engine().db, now));
    const email = `mei${test}@example.com`;
    const agent = await agents.create({ email, name: 'Mei', role: 'agent', password: PASSWORD });
    const instance = () => createConsoleSessions({ engine: engine(), now }, createChatHub(), agents);
    return { clock, instance, email, agent, agents, address: (n = 0) => `192.0.${test}.${n}` };
  }
  const cookie = (secret: string) => `other=1; kefu_agent=${secret}`;
  async function signedIn(sessions: ConsoleSessions, email: string, address: string) {
    const result = await sessions.signIn(email, PASSWORD, address);
    assert.ok(result.ok, JSON.stringify(result));
    return result;
  }

  it('keeps an agent signed in across a restart and on another instance, and signs out everywhere', async () => {
    const { instance, address, email } = await setup();
    const first = instance();
    const { secret, session } = await signedIn(first, email, address());
    // A new instance over the same database (a restart, or the other server behind the proxy).
    const second = instance();
    assert.deepEqual(await second.fromCookieHeader(cookie(secret)), {
      id: session.id,
      agentId: session.agentId,
      name: 'Mei',
      role: 'agent',
    });
    await second.signOut(session.id);
    assert.equal(await first.fromCookieHeader(cookie(secret)), undefined);
  });

  it('stores only a digest of the cookie’s secret', async () => {
    const { instance, address, email } = await setup();
    const { secret } = await signedIn(instance(), email, address());
    const rows = JSON.stringify(await engine().db.selectFrom('agent_sessions').selectAll().execute());
    assert.ok(!rows.includes(secret));
  });

  it('ends a session idle for more than 12 hours when swept, which tells its sockets', async () => {
    const { clock, instance, address, email } = await setup();
    const sessions = instance();
    const { secret, session } = await signedIn(sessions, email, address());
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
    const { clock, instance, address, email } = await setup();
    const sessions = instance();
    const { secret } = await signedIn(sessions, email, address());
    for (let hour = 0; hour < 14; hour += 1) {
      clock.now += 60 * 60 * 1000;
      assert.ok(await sessions.fromCookieHeader(cookie(secret)), `hour ${hour}`);
    }
  });

  it('locks out one address after five failures a minute, counted across instances', async () => {
    const { clock, instance, address, email } = await setup();
    const [a, b] = [instance(), instance()];
    for (let i = 0; i < 3; i += 1) assert.equal((await a.signIn(`x${i}@example.com`, 'guess', address())).ok, false);
    for (let i = 0; i < 2; i += 1) assert.equal((await b.signIn(`y${i}@example.com`, 'guess', address())).ok, false);
    const refused = await a.signIn(email, PASSWORD, address());
    assert.ok(!refused.ok && refused.reason === 'rate_limited', JSON.stringify(refused));
    assert.equal((await b.signIn(email, PASSWORD, address(1))).ok, true, 'another address');
    clock.now += 61_000;
    assert.equal((await b.signIn(email, PASSWORD, address())).ok, true, 'a minute later');
  });

  it('gives racing guesses from one address five tries in all, not five each', async () => {
    const { instance, address } = await setup();
    const instances = [instance(), instance()];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => instances[i % 2]!.signIn(`x${i}@example.com`, 'guess', address())),
    );
    const reasons = results.map((result) => (result.ok ? 'ok' : result.reason));
    assert.equal(reasons.filter((reason) => reason === 'wrong_credentials').length, 5, reasons.join());
    assert.equal(reasons.filter((reason) => reason === 'rate_limited').length, 7);
  });

  it('forgets failures older than a minute, so guesses from many addresses do not pile up', async () => {
    const { clock, instance, address } = await setup();
    const sessions = instance();
    for (let i = 0; i < 8; i += 1) await sessions.signIn(`x${i}@example.com`, 'guess', address(i));
    clock.now += 61_000;
    await sessions.signIn('x99@example.com', 'guess', address(99));
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

  it('limits one account after five failures in ten minutes, whatever the addresses', async () => {
    const { clock, instance, address, email } = await setup();
    const sessions = instance();
    for (let i = 0; i < 5; i += 1) {
      const result = await sessions.signIn(email.toUpperCase(), 'guess', address(i));
      assert.ok(!result.ok && result.reason === 'wrong_credentials', JSON.stringify(result));
    }
    const sixth = await sessions.signIn(email, PASSWORD, address(9));
    assert.ok(!sixth.ok && sixth.reason === 'rate_limited', 'the right password from a sixth address waits too');
    clock.now += 10 * 60_000 + 1;
    assert.equal((await sessions.signIn(email, PASSWORD, address(9))).ok, true, 'ten minutes later');
  });

  it('answers an unknown e-mail, a wrong password and a disabled account alike', async () => {
    const { instance, address, email, agent, agents } = await setup();
    const sessions = instance();
    const unknown = await sessions.signIn(`nobody-${email}`, PASSWORD, address(1));
    const wrong = await sessions.signIn(email, 'not-the-password', address(2));
    assert.deepEqual(unknown, wrong);
    assert.deepEqual(wrong, { ok: false, reason: 'wrong_credentials' });
    const { secret } = await signedIn(sessions, email, address(3));
    await agents.update(agent.id, { role: 'admin' }, { kind: 'cli' });
    assert.equal((await sessions.fromCookieHeader(cookie(secret)))?.role, 'admin', 'a new role applies at once');
    await agents.create({ email: `admin-${email}`, name: 'Ada', role: 'admin', password: PASSWORD });
    await agents.disable(agent.id, { kind: 'cli' });
    assert.equal(await sessions.fromCookieHeader(cookie(secret)), undefined, 'a disabled account is signed out');
    assert.deepEqual(await sessions.signIn(email, PASSWORD, address(4)), wrong);
  });

  it('ends an agent’s other sessions, and only theirs, keeping the one asked', async () => {
    const { instance, address, email, agents } = await setup();
    const sessions = instance();
    const other = await agents.create({ email: `lin-${email}`, name: 'Lin', role: 'agent', password: PASSWORD });
    const here = await signedIn(sessions, email, address(1));
    const there = await signedIn(sessions, email, address(2));
    const lins = await signedIn(sessions, other.email, address(3));
    const ended: string[] = [];
    sessions.onEnd((id) => ended.push(id));
    await sessions.endAgentSessions(here.session.agentId, here.session.id);
    assert.deepEqual(ended, [there.session.id]);
    assert.ok(await sessions.fromCookieHeader(cookie(here.secret)));
    assert.equal(await sessions.fromCookieHeader(cookie(there.secret)), undefined);
    assert.ok(await sessions.fromCookieHeader(cookie(lins.secret)), 'another agent stays signed in');
  });
});
