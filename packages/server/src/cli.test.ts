// `kefu-server` as an operator starts it: the database from KEFU_DATABASE_URL (PostgreSQL) or the
// SQLite file in KEFU_DATA_DIR, and a setting that cannot be used stopping the start with a line that
// names it (docs/server.md, docs/deploy.md).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgres, type PostgresCluster } from '../../../test/support/postgres.js';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

function start(env: Record<string, string>, args: readonly string[] = []): ChildProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-cli-'));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    env: { PATH: process.env.PATH, PORT: '0', KEFU_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  return child;
}

/**
 * The origin a started CLI announces (`Kefu reference server: http://127.0.0.1:PORT/v1`, then
 * `after`, e.g. the engine); rejects when it exits first or says nothing within 30 s.
 */
function startedOrigin(child: ChildProcess, after = /(?:)/): Promise<string> {
  const announced = new RegExp(`Kefu reference server: (http://127\\.0\\.0\\.1:\\d+)/v1${after.source}`);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s: ${stdout} ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = announced.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
}

/** Runs the CLI until it exits (bounded); what it printed and its exit code. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = start(env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A bound, not a timing: a refusal takes a second or two, but the describe below starts eight
  // CLIs at once, each compiling the server with tsx, and on two busy cores that took over 20 s.
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    }),
  );
}

describe('kefu-server refuses a database setting it cannot use, naming it', { concurrency: true }, () => {
  const refusals: Array<[string, Record<string, string>, RegExp]> = [
    [
      'a URL of another database',
      { KEFU_DATABASE_URL: 'mysql://kefu@db.internal/kefu' },
      /KEFU_DATABASE_URL must start with postgres:\/\//,
    ],
    ['something that is not a URL', { KEFU_DATABASE_URL: 'db.internal:5432/kefu' }, /KEFU_DATABASE_URL/],
    ['a URL without a host', { KEFU_DATABASE_URL: 'postgres:///kefu' }, /KEFU_DATABASE_URL names no host/],
    [
      'a pool size that is not a number',
      { KEFU_DATABASE_URL: 'postgres://kefu@db.internal/kefu', KEFU_DATABASE_MAX_CONNECTIONS: 'ten' },
      /KEFU_DATABASE_MAX_CONNECTIONS must be a whole number from 1 to 1000, not "ten"/,
    ],
    [
      'a pool of none',
      { KEFU_DATABASE_URL: 'postgres://kefu@db.internal/kefu', KEFU_DATABASE_MAX_CONNECTIONS: '0' },
      /KEFU_DATABASE_MAX_CONNECTIONS must be a whole number/,
    ],
    ['a pool size without PostgreSQL', { KEFU_DATABASE_MAX_CONNECTIONS: '20' }, /KEFU_DATABASE_URL is not set/],
    [
      'a presence TTL too short to refresh within',
      { KEFU_PRESENCE_TTL_MS: '500' },
      /KEFU_PRESENCE_TTL_MS must be a whole number of ms from 3000 to 3600000, not "500"/,
    ],
  ];
  for (const [what, env, message] of refusals) {
    it(`stops at ${what}, before opening anything`, async () => {
      const { code, stderr, stdout } = await runToExit(env);
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1, `one line, no stack: ${stderr}`);
      assert.equal(stdout, '', 'no server was started');
    });
  }

  it('does not print the password of a URL it refuses', async () => {
    const { code, stderr } = await runToExit({ KEFU_DATABASE_URL: 'mysql://kefu:hunter2-secret@db.internal/kefu' });
    assert.equal(code, 2);
    assert.doesNotMatch(stderr, /hunter2/);
  });
});

describe('kefu-server on PostgreSQL from KEFU_DATABASE_URL', () => {
  let cluster: PostgresCluster;
  before(async () => {
    cluster = await startPostgres();
  });
  after(() => cluster.stop());

  it('migrates the database, answers /ready and serves the store, with the pool size it was given', async () => {
    // --demo: the demo store's orders to look up.
    const child = start({ KEFU_DATABASE_URL: cluster.url, KEFU_DATABASE_MAX_CONNECTIONS: '3' }, ['--demo']);
    try {
      const origin = await startedOrigin(child, / \(PostgreSQL\)/);
      assert.equal((await fetch(`${origin}/ready`)).status, 200);
      // Many requests at once: the instance never holds more than its 3 pooled connections.
      const lookups = await Promise.all(
        Array.from({ length: 12 }, () =>
          fetch(`${origin}/v1/orders/lookup`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ orderNumber: 'MM-1004', email: 'ana.garcia@example.com' }),
          }).then((response) => response.status),
        ),
      );
      assert.deepEqual(new Set(lookups), new Set([200]));
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ migrations: string; connections: string }>(
          `select (select count(*) from migrations) as migrations,
                  (select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                     and backend_type = 'client backend') as connections`,
        );
        assert.ok(Number(rows[0]!.migrations) > 0, 'the migrations ran on PostgreSQL');
        // The pool's 3, and one of its own for the chat fan-out's LISTEN where that runs on PostgreSQL.
        assert.ok(Number(rows[0]!.connections) <= 3 + 1, `at most 3 + 1 connections, saw ${rows[0]!.connections}`);
        assert.ok(Number(rows[0]!.connections) >= 1);
      } finally {
        await client.end();
      }
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('kefu-server takes chats at any hour with KEFU_CHAT_ALWAYS_OPEN=1', () => {
  /** Starts the CLI on SQLite and answers whether its chat says it is open, then stops it. */
  async function chatOpen(env: Record<string, string>): Promise<boolean> {
    const child = start(env);
    try {
      const origin = await startedOrigin(child);
      const availability = (await (await fetch(`${origin}/v1/availability`)).json()) as { open: boolean };
      return availability.open;
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }

  it('is open with no agent signed in when set, and keeps to the real rule when not', async () => {
    // No agent is online in either: only the setting can open the chat, whatever the hour.
    assert.equal(await chatOpen({ KEFU_CHAT_ALWAYS_OPEN: '1' }), true);
    assert.equal(await chatOpen({}), false);
  });
});
