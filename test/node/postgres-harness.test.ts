// The throw-away PostgreSQL cluster that the server's tests on PostgreSQL (issue #21) will stand
// on: it must be a real server a real client reaches over TCP on 127.0.0.1 only, never run as
// root, and leave nothing behind — neither when stop() runs nor when the test process is killed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { until } from '../support/until.js';

const clusters: PostgresCluster[] = [];
after(() => Promise.all(clusters.map((cluster) => cluster.stop())));

/** What a client meets at 127.0.0.1:port: a listener, or a refusal once nothing listens. */
function probe(port: number): Promise<'open' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error),
    );
  });
}

/** The owner of a running process, from Linux's /proc. */
function processUid(pid: number): number {
  return statSync(`/proc/${pid}`).uid;
}

function parentPid(pid: number): number {
  return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

describe('the PostgreSQL test cluster', () => {
  it('serves a real client over TCP on 127.0.0.1, not as root, and stop() removes it', async () => {
    const cluster = await startPostgres();
    clusters.push(cluster);
    assert.match(cluster.url, new RegExp(`^postgres://kefu:[^@]+@127\\.0\\.0\\.1:${cluster.port}/postgres$`));

    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE conversations (id serial PRIMARY KEY, subject text NOT NULL)');
      await client.query('INSERT INTO conversations (subject) VALUES ($1)', ['退货 · where is my parcel?']);
      const { rows } = await client.query<{ id: number; subject: string }>('SELECT id, subject FROM conversations');
      assert.deepEqual(rows, [{ id: 1, subject: '退货 · where is my parcel?' }]);

      const setting = async (name: string) =>
        (await client.query<{ value: string }>('SELECT current_setting($1) AS value', [name])).rows[0]?.value;
      assert.equal(await setting('listen_addresses'), '127.0.0.1');
      assert.equal(await setting('unix_socket_directories'), cluster.dir, 'the socket is in the temp dir');
      assert.equal(await setting('server_encoding'), 'UTF8');

      // This session's backend is a child of the postmaster: both belong to the same non-root user.
      const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? 0;
      const postmaster = parentPid(backend);
      assert.equal(
        readFileSync(`/proc/${postmaster}/cmdline`, 'utf8').split('\0')[0]?.endsWith('postgres'),
        true,
        'the parent of the backend is the postmaster',
      );
      assert.notEqual(processUid(postmaster), 0, 'the postmaster does not run as root');
      assert.equal(processUid(backend), processUid(postmaster));
    } finally {
      await client.end();
    }

    await cluster.stop();
    assert.equal(existsSync(cluster.dir), false, 'the directory is gone');
    assert.equal(await probe(cluster.port), 'refused', 'nothing listens on the port any more');
    await cluster.stop(); // a second stop() (an after() hook behind a test's own) is harmless
  });

  it('stops the server of a test process that was killed, and the next start removes its directory', async (t) => {
    // A temp folder of this test's own: other test files starting clusters at the same time sweep
    // /tmp, and must not be the ones that remove the killed process's directory. Open to the
    // others' execute bit: as root the cluster belongs to nobody, who must enter it.
    const scope = mkdtempSync(join(tmpdir(), 'kefu-pg-scope-'));
    chmodSync(scope, 0o755);
    const tmpdirBefore = process.env.TMPDIR;
    t.after(() => rmSync(scope, { recursive: true, force: true }));
    // A test process of its own, killed with SIGKILL: no hook of its own runs.
    const harness = new URL('../support/postgres.ts', import.meta.url).href;
    const victim = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const c = await (await import(${JSON.stringify(harness)})).startPostgres();
         console.log(JSON.stringify({ dir: c.dir, port: c.port, url: c.url }));
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TMPDIR: scope } },
    );
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: victim.stdout! }).once('line', resolve);
      victim.once('exit', (code) => reject(new Error(`the process starting a cluster exited (${code})`)));
    });
    const orphan = JSON.parse(line) as { dir: string; port: number; url: string };
    const client = new pg.Client({ connectionString: orphan.url });
    await client.connect();
    assert.equal((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one, 1);
    client.on('error', () => {}); // the server going away ends this session, as intended
    const exited = new Promise((done) => victim.once('exit', done));
    victim.kill('SIGKILL');
    await exited;

    await until(() => probe(orphan.port), 'refused', 'the server of the killed process stops', 10_000);
    assert.equal(existsSync(orphan.dir), true, 'the killed process could not remove its directory');

    assert.equal(dirname(orphan.dir), scope);
    process.env.TMPDIR = scope;
    const next = await startPostgres().finally(() => {
      if (tmpdirBefore === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdirBefore;
    });
    clusters.push(next);
    assert.equal(existsSync(orphan.dir), false, 'the next start removed the left-over directory');
    assert.equal(existsSync(next.dir), true);
    await next.stop();
  });
});
