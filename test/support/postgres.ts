// A throw-away PostgreSQL cluster for a test: initdb in a temp dir, the server on a free port of
// 127.0.0.1, stopped and deleted by stop(). Uses the installed server programs (scripts/postgres.mjs
// finds them; `npm test` installs Debian's package when they are missing) and never skips: when a
// cluster cannot be started, startPostgres() throws with the reason and the server's own words.
//
// Three layers make sure no cluster outlives the test process that started it:
// - stop() (the normal way): a fast shutdown, bounded, then the directory is removed;
// - a process 'exit' hook: an immediate shutdown and the directory removed, for a test that
//   failed before its stop() ran;
// - the server runs as a child of the test process under `setpriv --pdeathsig QUIT` (util-linux,
//   on every Debian): when the test process dies, even by SIGKILL, the kernel sends the postmaster
//   SIGQUIT, its immediate shutdown, which also frees its shared memory. The directory stays behind;
//   the next startPostgres() in any process removes every `kefu-pg-<pid>-*` directory whose <pid>
//   is gone, stopping a server still running in it (a machine without setpriv) first. A server
//   whose directory is removed under it also stops by itself within a minute (PostgreSQL rechecks
//   its postmaster.pid).
// The server is started directly rather than by `pg_ctl start`, which detaches it from its parent
// and would defeat the parent-death signal; startPostgres() waits for postmaster.pid to say
// "ready", as `pg_ctl -w` does, with a deadline.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findPostgresBin } from '../../scripts/postgres.mjs';

export interface PostgresCluster {
  /** `postgres://kefu:<generated password>@127.0.0.1:<port>/postgres`: the superuser `kefu`. */
  readonly url: string;
  readonly port: number;
  /** The temp directory holding the data directory (`data/`) and the server's Unix socket. */
  readonly dir: string;
  /** A fast shutdown (bounded), then the directory is removed. Calling it again does nothing more. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** More server settings (`-c name=value`), e.g. `{ max_connections: '200' }`. */
  settings?: Record<string, string>;
}

const prefix = 'kefu-pg-';
const startTimeoutMs = 30_000;
const stopTimeoutMs = 15_000;
const run = promisify(execFile);

/**
 * Speed over durability: a test cluster is deleted afterwards, so nothing needs to reach the disk.
 * C locale: the same sort order and messages on every machine.
 */
const defaultSettings: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  max_wal_senders: '0',
  shared_buffers: '32MB',
  max_connections: '50',
  lc_messages: 'C',
  log_min_messages: 'warning',
};

const live = new Set<{ child: ChildProcess; dir: string }>();
process.on('exit', () => {
  for (const { child, dir } of live) {
    child.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed: no initdb and postgres in KEFU_POSTGRES_BIN, on PATH or in /usr/lib/postgresql/*/bin. ' +
        '`npm test` installs it (Debian: apt-get install -y postgresql); or set KEFU_POSTGRES_BIN to the folder holding them.',
    );
  }
  removeLeftovers();
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
  const spawnAs = {
    ...(owner && { uid: owner.uid, gid: owner.gid }),
    env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' },
  };
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const password = randomBytes(18).toString('base64url');
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(passwordFile, owner.uid, owner.gid);
    // -N: no fsync of the new files (seconds saved); scram-sha-256: a password, as in production.
    const args = ['-D', join(dir, 'data'), '-U', 'kefu', `--pwfile=${passwordFile}`, '-A', 'scram-sha-256'];
    await run(join(bin, 'initdb'), [...args, '-E', 'UTF8', '--locale=C', '-N'], {
      ...spawnAs,
      timeout: startTimeoutMs,
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`initdb failed in ${dir}: ${error.stderr?.trim() || error.message}`);
    });
    rmSync(passwordFile);

    const settings = { ...defaultSettings, unix_socket_directories: dir, ...options.settings };
    // A free port can be taken between our check and the server's bind: try another one.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const cluster = await startServer(bin, dir, port, settings, spawnAs);
      if (cluster.ok) {
        const entry = { child: cluster.child, dir };
        live.add(entry);
        let stopping: Promise<void> | undefined;
        return {
          url: `postgres://kefu:${password}@127.0.0.1:${port}/postgres`,
          port,
          dir,
          stop: () =>
            (stopping ??= stopServer(cluster.child).finally(() => {
              live.delete(entry);
              rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
            })),
        };
      }
      if (!cluster.portTaken || attempt === 3) throw new Error(`PostgreSQL did not start in ${dir}: ${cluster.reason}`);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}

type Started = { ok: true; child: ChildProcess } | { ok: false; reason: string; portTaken: boolean };

async function startServer(
  bin: string,
  dir: string,
  port: number,
  settings: Record<string, string>,
  spawnAs: { uid?: number; gid?: number; env: NodeJS.ProcessEnv },
): Promise<Started> {
  const serverArgs = ['-D', join(dir, 'data'), '-p', String(port)];
  for (const [name, value] of Object.entries(settings)) serverArgs.push('-c', `${name}=${value}`);
  const setpriv = hasSetpriv();
  const logPath = join(dir, 'server.log');
  const logFile = openSync(logPath, 'a');
  const child = spawn(
    setpriv ? 'setpriv' : join(bin, 'postgres'),
    setpriv ? ['--pdeathsig', 'QUIT', join(bin, 'postgres'), ...serverArgs] : serverArgs,
    // A file, not a pipe: the server's log outlives nothing it depends on, and no pipe keeps the
    // test process alive.
    { ...spawnAs, stdio: ['ignore', logFile, logFile] },
  );
  closeSync(logFile);
  const log = () => readFileSync(logPath, 'utf8').slice(-4000);
  let exited = false;
  const exit = new Promise<void>((done) => child.once('exit', () => done()));
  void exit.then(() => (exited = true));
  // The server does not keep the test process alive on its own; stop() or the exit hook end it.
  child.unref();

  const deadline = Date.now() + startTimeoutMs;
  while (!exited && Date.now() < deadline) {
    if (readPidFileLine(join(dir, 'data', 'postmaster.pid'), 7) === 'ready') return { ok: true, child };
    await Promise.race([exit, new Promise((done) => setTimeout(done, 25))]);
  }
  if (!exited) {
    await stopServer(child);
    return { ok: false, reason: `not ready after ${startTimeoutMs / 1000} s. Its log:\n${log()}`, portTaken: false };
  }
  const words = log();
  return {
    ok: false,
    reason: `it exited. Its log:\n${words}`,
    portTaken: /could not bind|already in use/i.test(words),
  };
}

/** SIGINT is PostgreSQL's fast shutdown (sessions ended, a checkpoint); SIGKILL past the deadline. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<boolean>((done) => child.once('exit', () => done(true)));
  // Unreferenced while it runs (see startServer); waited for here, so referenced again.
  child.ref();
  child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((done) => (timer = setTimeout(() => done(false), stopTimeoutMs)));
  const inTime = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (inTime) return;
  child.kill('SIGKILL');
  await exited;
}

/**
 * PostgreSQL refuses to run as root (initdb and postgres both stop), and CI runs as root: there the
 * cluster belongs to `nobody`, which every Debian system has (base-passwd) — no account to create,
 * nothing left on the machine. Node switches the user itself (spawn's uid/gid, supplementary groups
 * dropped), so neither runuser nor sudo is needed. Not root: the cluster is the current user's.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  const user = { uid: id('-u'), gid: id('-g') };
  // `nobody` must reach the directory: every folder above it needs the others' execute bit.
  for (let folder = tmpdir(); folder !== dirname(folder); folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as nobody when the tests run as root, and nobody cannot enter ${folder}: point TMPDIR at a folder it can reach, such as /tmp.`,
      );
    }
  }
  return user;
}

let setprivFound: boolean | undefined;
function hasSetpriv(): boolean {
  setprivFound ??= (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'setpriv')));
  return setprivFound;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Clusters of test processes that are gone (killed before any hook ran): their servers stopped, dirs removed. */
function removeLeftovers(): void {
  for (const name of readdirSync(tmpdir())) {
    const owner = new RegExp(`^${prefix}(\\d+)-`).exec(name)?.[1];
    if (!owner || isAlive(Number(owner))) continue;
    const dir = join(tmpdir(), name);
    const serverPid = Number(readPidFileLine(join(dir, 'data', 'postmaster.pid'), 0));
    // Only a process whose command line names this directory: a pid may have been reused.
    if (serverPid && isAlive(serverPid) && commandLine(serverPid).includes(dir)) {
      try {
        process.kill(serverPid, 'SIGQUIT');
      } catch {
        // Gone meanwhile.
      }
    }
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Another user's (a root run's, seen by a later non-root run): left for its owner to remove.
    }
  }
}

/**
 * One line of a postmaster.pid: 0 is the server's pid; 7 its state, as `pg_ctl -w` reads it
 * ("ready" once it accepts connections).
 */
function readPidFileLine(pidFile: string, line: number): string | undefined {
  try {
    return readFileSync(pidFile, 'utf8').split('\n')[line]?.trim();
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux's view of a process's arguments; empty elsewhere, so nothing is killed on a guess. */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
