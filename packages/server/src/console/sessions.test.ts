import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consoleSessions, FAILURE_LOG_CAP } from './sessions.js';
import type { ServerDeps } from '../deps.js';

describe('agent console sign-in', () => {
  function sessionsAt(clock: { now: number }) {
    return consoleSessions({ agentPassword: 'right-password', now: () => clock.now } as unknown as ServerDeps);
  }

  it('keeps its failed sign-in log bounded when guesses come from very many addresses', () => {
    const clock = { now: 1_000_000 };
    const sessions = sessionsAt(clock);
    for (let i = 0; i < FAILURE_LOG_CAP + 5_000; i += 1) {
      sessions.signIn('mallory', 'guess', `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    }
    assert.ok(sessions.trackedAddresses <= FAILURE_LOG_CAP, `${sessions.trackedAddresses} addresses tracked`);

    // A minute later the old failures are stale: the next failure sweeps them out.
    clock.now += 61_000;
    sessions.signIn('mallory', 'guess', '192.0.2.1');
    assert.equal(sessions.trackedAddresses, 1);
  });

  it('ends a session idle for more than 12 hours when swept, which closes its console sockets', () => {
    const clock = { now: 1_000_000 };
    const sessions = sessionsAt(clock);
    const signedIn = sessions.signIn('mei', 'right-password', '192.0.2.9');
    assert.ok(signedIn.ok);
    const ended: string[] = [];
    sessions.onEnd((id) => ended.push(id));

    clock.now += 11 * 60 * 60 * 1000;
    sessions.sweep();
    assert.deepEqual(ended, [], 'still within the idle limit');
    clock.now += 60 * 60 * 1000 + 1;
    sessions.sweep();
    assert.deepEqual(ended, [signedIn.session.id]);
    assert.equal(sessions.fromCookieHeader(`kefu_agent=${signedIn.session.id}`), undefined);
  });

  it('still locks out one address after five failures a minute', () => {
    const clock = { now: 1_000_000 };
    const sessions = sessionsAt(clock);
    for (let i = 0; i < 5; i += 1) sessions.signIn('mallory', 'guess', '192.0.2.7');
    const result = sessions.signIn('mei', 'right-password', '192.0.2.7');
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.reason === 'rate_limited');
    assert.equal(sessions.signIn('mei', 'right-password', '192.0.2.8').ok, true);
  });
});
