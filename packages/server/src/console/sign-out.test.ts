// Ending an agent's session closes the agent's console sockets wherever they are: on the instance
// that ended it, and, on PostgreSQL, on every other instance on the database (the hub carries the
// end; decision 0016 §6).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { freshPostgresDatabase, usePostgresCluster } from '../db/both-engines.test-support.js';
import { agentCookie, startTestServer, testClock } from '../routes/test-helpers.js';
import { startServer, type RunningServer } from '../server.js';
import { IDLE_MS } from './sessions.js';

usePostgresCluster();

/** Long enough for a notification on a busy machine; a close that never comes fails here. */
const WAIT_MS = 10_000;

const signIn = (server: RunningServer) => agentCookie(server);

async function signOut(server: RunningServer, cookie: string): Promise<void> {
  const response = await fetch(`${server.origin}/agent/api/session`, { method: 'DELETE', headers: { cookie } });
  assert.equal(response.status, 204);
}

/** The agent's console socket on `server`, once it has been greeted; `closed` is its close code. */
async function consoleSocket(server: RunningServer, cookie: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/agent/socket`, { headers: { cookie } });
  const frames: { type: string }[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const greeted = new Promise<void>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string };
      frames.push(frame);
      if (frame.type === 'hello') resolve();
    });
    socket.once('error', reject);
    void closed.then((code) => reject(new Error(`closed with ${code} before its hello`)));
  });
  await greeted;
  return { socket, frames, closed };
}

/** The close code, or a failure naming what did not happen within WAIT_MS. */
async function closeCode(closed: Promise<number>, what: string): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still open after ${WAIT_MS} ms`)), WAIT_MS);
  });
  try {
    return await Promise.race([closed, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a new console socket with `cookie` is let in (the upgrade's status when it is not). */
function upgradeStatus(server: RunningServer, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/agent/socket`, { headers: { cookie } });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** After its session ended, a socket hears nothing more and the cookie opens nothing on `server`. */
async function assertCannotAct(server: RunningServer, cookie: string, feed: { frames: { type: string }[] }) {
  const heard = feed.frames.length;
  // A shopper starts a conversation: a live console would be told of it.
  const started = await fetch(`${server.origin}/v1/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ name: 'Ana', email: 'ana@example.com', topic: 'Order', message: 'Hello?' }),
  });
  assert.equal(started.status, 201);
  assert.equal((await fetch(`${server.origin}/agent/api/session`, { headers: { cookie } })).status, 401);
  assert.equal((await fetch(`${server.origin}/agent/api/conversations`, { headers: { cookie } })).status, 401);
  assert.equal(await upgradeStatus(server, cookie), 401);
  assert.equal(feed.frames.length, heard, 'no frame after the session ended');
}

describe('signing out closes the console sockets of that session', () => {
  const running: RunningServer[] = [];
  after(() => Promise.all(running.map((server) => server.close())));

  it('on the same instance, with 4401 "signed out"', async () => {
    const server = await startTestServer({ port: 0, chatAlwaysOpen: true });
    running.push(server);
    const cookie = await signIn(server);
    const feed = await consoleSocket(server, cookie);
    const other = await consoleSocket(server, await signIn(server));
    await signOut(server, cookie);
    assert.equal(await closeCode(feed.closed, 'the signed-out console'), 4401);
    await assertCannotAct(server, cookie, feed);
    assert.equal(other.socket.readyState, WebSocket.OPEN, 'another session’s console stays open');
    other.socket.close();
  });
});

describe('ending a session reaches every instance on one PostgreSQL database', () => {
  const running: RunningServer[] = [];
  after(() => Promise.all(running.map((server) => server.close())));
  const clock = testClock();
  async function twoInstances() {
    const database = await freshPostgresDatabase();
    const start = () => startServer({ port: 0, database, chatAlwaysOpen: true, now: clock.now });
    const a = await start();
    running.push(a);
    const b = await start();
    running.push(b);
    return { a, b };
  }

  it('closes the console on B with 4401 when the agent signs out through A', async () => {
    const { a, b } = await twoInstances();
    const cookie = await signIn(a);
    const onB = await consoleSocket(b, cookie);
    const otherOnB = await consoleSocket(b, await signIn(a));
    await signOut(a, cookie);
    assert.equal(await closeCode(onB.closed, 'the console on B after a sign-out through A'), 4401);
    await assertCannotAct(b, cookie, onB);
    assert.equal(otherOnB.socket.readyState, WebSocket.OPEN, 'another session’s console on B stays open');
    otherOnB.socket.close();
  });

  it('closes the console on B when A ends the session for being idle', async () => {
    const { a, b } = await twoInstances();
    const cookie = await signIn(a);
    const onB = await consoleSocket(b, cookie);
    clock.advance(IDLE_MS + 60_000);
    await a.services.sessions.sweep();
    assert.equal(await closeCode(onB.closed, 'the idle console on B after A’s sweep'), 4401);
    await assertCannotAct(b, cookie, onB);
  });
});
