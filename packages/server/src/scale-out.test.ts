// Issue 21's promises for several instances: one rate-limit budget across instances on one
// PostgreSQL database, and every acknowledged write surviving `kill -9` of the server, on both
// engines. Servers run as separate processes where a kill is involved, as in production.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatMessage, Conversation } from '@kefu/core';
import { freshPostgresDatabase, usePostgresCluster } from './db/both-engines.test-support.js';
import { startServer, type RunningServer } from './server.js';
import { startServerProcess } from './routes/test-helpers.js';

usePostgresCluster();

async function post(base: string, path: string, body: unknown, options: { token?: string; key?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.key) headers['idempotency-key'] = options.key;
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('one budget of failed order lookups across two instances on one PostgreSQL database', () => {
  const running: RunningServer[] = [];
  after(() => Promise.all(running.map((server) => server.close())));
  const start = async (database: string) => {
    const server = await startServer({ port: 0, demo: true, database });
    running.push(server);
    return `${server.origin}/v1`;
  };
  // 1,000 guesses of order numbers with a wrong email, all from this one client address.
  const guesses = Array.from({ length: 1000 }, (_, index) => ({
    orderNumber: `MM-${1001 + (index % 40)}`,
    email: `guess-${index}@example.com`,
  }));

  it('answers 1,000 guesses spread over two instances with the same 404s and 429s as one instance', async () => {
    const one = await start(await freshPostgresDatabase());
    const alone: number[] = [];
    for (const guess of guesses) alone.push((await post(one, '/orders/lookup', guess)).status);

    const shared = await freshPostgresDatabase();
    const [a, b] = [await start(shared), await start(shared)];
    const spread: number[] = [];
    for (const [index, guess] of guesses.entries()) {
      spread.push((await post(index % 2 === 0 ? a : b, '/orders/lookup', guess)).status);
    }
    assert.deepEqual(new Set(alone), new Set([404, 429]));
    assert.deepEqual(spread, alone);
  });

  it('lets 200 simultaneous guesses over two instances through no more often than one instance would', async () => {
    const one = await start(await freshPostgresDatabase());
    const alone = await Promise.all(guesses.slice(0, 200).map((guess) => post(one, '/orders/lookup', guess)));
    const shared = await freshPostgresDatabase();
    const [a, b] = [await start(shared), await start(shared)];
    const spread = await Promise.all(
      guesses.slice(0, 200).map((guess, index) => post(index % 2 === 0 ? a : b, '/orders/lookup', guess)),
    );
    const misses = (answers: { status: number }[]) => answers.filter((answer) => answer.status === 404).length;
    assert.ok(misses(alone) > 0);
    assert.equal(misses(spread), misses(alone));
  });
});

/** A reference server in a process of its own, which the test can kill -9; chat open without an agent. */
const startProcess = (options: { dataDir: string; database?: string }) =>
  startServerProcess({ ...options, chatAlwaysOpen: true });

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

for (const engine of ['SQLite', 'PostgreSQL'] as const) {
  describe(`acknowledged writes survive kill -9 of the server, on ${engine}`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-kill-'));
    const children: ChildProcess[] = [];
    after(async () => {
      await Promise.all(children.map(killHard));
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('keeps every acknowledged message once, in order, and stores a retried one once', async () => {
      const options = { dataDir, ...(engine === 'PostgreSQL' ? { database: await freshPostgresDatabase() } : {}) };
      let server = await startProcess(options);
      children.push(server.child);
      const started = await post(
        server.base,
        '/conversations',
        { name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?' },
        { key: crypto.randomUUID() },
      );
      assert.equal(started.status, 201);
      const conversation = started.body as Conversation;

      // Messages one after another, each with its key; the server dies after the 40th answer while
      // the next requests are in flight, some of them perhaps committed but never acknowledged.
      const acknowledged: string[] = [];
      const attempts: { clientId: string; text: string }[] = [];
      const send = (base: string, attempt: { clientId: string; text: string }) =>
        post(base, `/conversations/${conversation.id}/messages`, attempt, {
          token: conversation.token,
          key: attempt.clientId,
        });
      for (let index = 0; index < 60; index += 1) {
        const attempt = { clientId: `m-${index}`, text: `message ${index}` };
        attempts.push(attempt);
        if (index === 40) void killHard(server.child);
        try {
          const answer = await send(server.base, attempt);
          if (answer.status === 201) acknowledged.push(attempt.clientId);
        } catch {
          break; // the server is gone: this one was in flight
        }
      }
      await killHard(server.child);
      assert.ok(acknowledged.length >= 40, `${acknowledged.length} acknowledged`);

      // Restarted on the same database: the client retries what it never got an answer for.
      server = await startProcess(options);
      children.push(server.child);
      for (const attempt of attempts.filter((attempt) => !acknowledged.includes(attempt.clientId))) {
        assert.equal((await send(server.base, attempt)).status, 201);
      }
      const listed = await fetch(`${server.base}/conversations/${conversation.id}/messages?after=0`, {
        headers: { authorization: `Bearer ${conversation.token}` },
      });
      const { messages } = (await listed.json()) as { messages: ChatMessage[] };
      const texts = messages.filter((message) => message.author === 'shopper').map((message) => message.text);
      // Every attempt exactly once, in the order they were sent; the acknowledged ones first.
      assert.deepEqual(
        texts,
        attempts.map((attempt) => attempt.text),
      );
      const seqs = messages.map((message) => message.seq);
      assert.deepEqual(
        seqs,
        [...seqs].sort((x, y) => x - y),
      );
      assert.equal(new Set(seqs).size, seqs.length);
      await killHard(server.child);
    });
  });
}
