/**
 * The reference server under chat load (issue 21): agent replies per second, and how long a reply
 * takes from the agent's POST being sent to the shopper's stream socket receiving its `message`
 * event (p50, p99), with 100 and 1,000 conversations open, each with its shopper's socket open.
 *
 * Three configurations, side by side in one run, against SQLite × 1 (the simple default):
 * - SQLite × 1: one instance on a SQLite file;
 * - PostgreSQL × 1: one instance on a fresh database of a throw-away cluster (test/support/postgres.ts);
 * - PostgreSQL × 2: two instances on one database, the shoppers' sockets on A and the agent on B,
 *   so every reply crosses instances through the PostgreSQL hub (chat/hub-postgres.ts).
 *
 * Each server is a process of its own, started as `kefu-server` would be (chat always open,
 * so chat is open without a console socket): the load generator (this process: the agent's
 * requests and every shopper's socket) does not share the servers' event loop. All on 127.0.0.1,
 * on the same machine, so the servers, PostgreSQL and the load generator share its cores; the CPU
 * time each used during the measured phase is reported beside the figures, to show where it went.
 *
 * The agent is one signed-in console session with a fixed number of replies in flight (a closed
 * loop), sent round-robin across the conversations. Bounded throughout: a fixed count of replies
 * per run, and a bounded wait for the last deliveries (a reply not delivered by then is counted as
 * lost and reported, never waited for forever). No figure here is asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type * as ws from 'ws';
import { startPostgres, type PostgresCluster } from '../test/support/postgres.js';
import { repo } from './lib/demo.js';
import { quick } from './lib/conditions.js';
import { DEMO_AGENT_PASSWORD, DEMO_AGENTS } from '../packages/server/src/agents/demo-agents.js';

// The server's own ws (8.x, its declared dependency): the copy hoisted to the root is an older one
// that another package brought, without the named export.
const { WebSocket } = createRequire(join(repo, 'packages/server/package.json'))('ws') as typeof ws;
type WebSocket = ws.WebSocket;

export const configurations = ['SQLite × 1', 'PostgreSQL × 1', 'PostgreSQL × 2'] as const;
export type Configuration = (typeof configurations)[number];

export interface ServerBenchOptions {
  readonly conversations?: readonly number[];
  /** Measured replies per configuration and size. */
  readonly replies?: number;
  /** Replies in flight at once (the agent's concurrency). */
  readonly inFlight?: number;
}

export interface CpuShare {
  /** CPU seconds over the measured phase's wall-clock seconds: 1 is one core kept busy. */
  readonly servers: number;
  readonly postgres: number;
  readonly loadGenerator: number;
}

export interface ServerRow {
  readonly configuration: Configuration;
  readonly conversations: number;
  readonly replies: number;
  readonly delivered: number;
  readonly lost: number;
  readonly seconds: number;
  /** Acknowledged (201) agent replies per second. */
  readonly messagesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Setting up: conversations started and accepted, sockets opened and subscribed. */
  readonly setupSeconds: number;
  readonly cpu: CpuShare;
  /** Over SQLite × 1 with as many conversations (same run); 1 for the baseline itself. */
  readonly ratioToBaseline: { readonly messagesPerSecond: number; readonly p50: number; readonly p99: number };
}

export interface ServerBenchResult {
  readonly rows: readonly ServerRow[];
  readonly replies: number;
  readonly inFlight: number;
  readonly hubPostgres: boolean;
  readonly postgresVersion: string;
  /** The machine's 1-minute load average before and after: other work on a shared machine shows here. */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly notes: readonly string[];
}

const serverModule = join(repo, 'packages/server/src/server.ts');
const hubFile = join(repo, 'packages/server/src/chat/hub-postgres.ts');
/** The longest wait for the last deliveries after the last acknowledgement. */
const DRAIN_MS = 30_000;
/** Setup requests in flight at once. */
const SETUP_IN_FLIGHT = 16;

interface Instance {
  readonly origin: string;
  readonly port: number;
  readonly child: ChildProcess;
}

/** A reference server in a process of its own, as `kefu-server` runs it. */
async function startInstance(options: { dataDir: string; database?: string }): Promise<Instance> {
  const script = `const { startServer } = await import(${JSON.stringify(serverModule)});
    const server = await startServer(${JSON.stringify({ port: 0, demo: true, chatAlwaysOpen: true, ...options })});
    console.log(server.origin);
    process.on('SIGTERM', () => server.close().then(() => process.exit(0)));`;
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const { stdout } = child;
  if (!stdout) throw new Error('the server process has no stdout');
  const origin = await new Promise<string>((resolve, reject) => {
    createInterface({ input: stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { origin, port: Number(new URL(origin).port), child };
}

async function stopInstance({ child }: Instance): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** utime + stime of a process, in seconds (Linux's /proc; 0 where it cannot be read). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), counted from the state (field 3) here; 100 ticks a second.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The postmaster and its backends: every process whose parent is the postmaster. */
function postgresCpuSeconds(cluster: PostgresCluster | undefined): number {
  if (!cluster) return 0;
  const postmaster = Number(readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = cpuSeconds(postmaster);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === postmaster) total += cpuSeconds(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

async function expectJson<T>(response: Response, status: number, what: string): Promise<T> {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface Open {
  readonly id: string;
  readonly socket: WebSocket;
}

/** Starts N conversations on `shop`, accepts them on `console`, opens each shopper's stream on `shop`. */
async function openConversations(shop: Instance, consoleInstance: Instance, count: number) {
  const signIn = await fetch(`${consoleInstance.origin}/agent/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // The demo's admin (the servers run with the demo store).
    body: JSON.stringify({ email: DEMO_AGENTS[0]?.email, password: DEMO_AGENT_PASSWORD }),
  });
  await expectJson(signIn, 200, 'sign-in');
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const opened: Open[] = [];
  const onMessage = new Map<string, (text: string) => void>();
  await pool(
    Array.from({ length: count }, (_, index) => index),
    SETUP_IN_FLIGHT,
    async (index) => {
      const started = await fetch(`${shop.origin}/v1/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ name: `Shopper ${index}`, email: `shopper-${index}@example.com`, topic: 'Bench' }),
      });
      const conversation = await expectJson<{ id: string; token: string }>(started, 201, 'start');
      const accepted = await fetch(`${consoleInstance.origin}/agent/api/conversations/${conversation.id}/accept`, {
        method: 'POST',
        headers: { cookie },
      });
      await expectJson(accepted, 200, 'accept');
      const socket = new WebSocket(`ws://127.0.0.1:${shop.port}/v1/conversations/${conversation.id}/stream`);
      await new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
      });
      const subscribed = new Promise<void>((resolve, reject) => {
        socket.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as { type: string; message?: { author: string; text: string } };
          if (frame.type === 'subscribed') resolve();
          else if (frame.type === 'error') reject(new Error(`stream refused: ${data.toString()}`));
          else if (frame.type === 'message' && frame.message?.author === 'agent') {
            onMessage.get(conversation.id)?.(frame.message.text);
          }
        });
      });
      socket.send(JSON.stringify({ type: 'auth', token: conversation.token }));
      await subscribed;
      opened.push({ id: conversation.id, socket });
    },
  );
  return { cookie, opened, onMessage };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One configuration with `count` conversations open: setup, a warm-up, then the measured replies. */
async function measure(
  configuration: Configuration,
  count: number,
  instances: { shop: Instance; console: Instance; all: readonly Instance[] },
  cluster: PostgresCluster | undefined,
  replies: number,
  inFlight: number,
): Promise<Omit<ServerRow, 'ratioToBaseline'>> {
  const setupStart = performance.now();
  const { cookie, opened, onMessage } = await openConversations(instances.shop, instances.console, count);
  const setupSeconds = (performance.now() - setupStart) / 1000;

  // Each reply's text names it; the socket handler records when it arrived.
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  let allDelivered: (() => void) | undefined;
  let expected = 0;
  for (const { id } of opened) {
    onMessage.set(id, (text) => {
      const start = sentAt.get(text);
      if (start === undefined) return;
      sentAt.delete(text);
      if (!text.startsWith('warm-up')) latencies.push(performance.now() - start);
      delivered += 1;
      if (delivered === expected) allDelivered?.();
    });
  }

  const send = async (label: string, index: number) => {
    const conversation = opened[index % opened.length] as Open;
    const text = `${label} ${index}`;
    sentAt.set(text, performance.now());
    const response = await fetch(`${instances.console.origin}/agent/api/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: crypto.randomUUID(), text }),
    });
    await expectJson(response, 201, 'reply');
  };
  const drain = async () => {
    if (delivered < expected) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (allDelivered = resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS))),
      ]);
      clearTimeout(timer);
      allDelivered = undefined;
    }
  };

  // Warm-up: a tenth as many, not measured (JIT, pools, the first LISTEN round trips).
  const warmUp = Math.max(50, Math.round(replies / 10));
  expected = warmUp;
  await pool(
    Array.from({ length: warmUp }, (_, index) => index),
    inFlight,
    (index) => send('warm-up', index),
  );
  await drain();
  sentAt.clear();
  delivered = 0;
  expected = replies;

  const cpuBefore = {
    servers: instances.all.reduce((sum, instance) => sum + cpuSeconds(instance.child.pid ?? 0), 0),
    postgres: postgresCpuSeconds(cluster),
    loadGenerator: process.cpuUsage(),
  };
  const start = performance.now();
  await pool(
    Array.from({ length: replies }, (_, index) => index),
    inFlight,
    (index) => send('reply', index),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = {
    servers: instances.all.reduce((sum, instance) => sum + cpuSeconds(instance.child.pid ?? 0), 0),
    postgres: postgresCpuSeconds(cluster),
    loadGenerator: process.cpuUsage(cpuBefore.loadGenerator),
  };
  await drain();

  for (const { socket } of opened) socket.terminate();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    configuration,
    conversations: count,
    replies,
    delivered,
    lost: replies - delivered,
    seconds: round(seconds, 2),
    messagesPerSecond: Math.round(replies / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    setupSeconds: round(setupSeconds),
    cpu: {
      servers: round((cpuAfter.servers - cpuBefore.servers) / seconds, 2),
      postgres: round((cpuAfter.postgres - cpuBefore.postgres) / seconds, 2),
      loadGenerator: round((cpuAfter.loadGenerator.user + cpuAfter.loadGenerator.system) / 1e6 / seconds, 2),
    },
  };
}

async function createDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function postgresVersion(cluster: PostgresCluster): Promise<string> {
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    return rows[0]?.server_version ?? 'unknown';
  } finally {
    await admin.end();
  }
}

export async function runServerBench(options: ServerBenchOptions = {}): Promise<ServerBenchResult> {
  const sizes = options.conversations ?? (quick ? [100] : [100, 1000]);
  const replies = options.replies ?? (quick ? 300 : 1000);
  const inFlight = options.inFlight ?? 8;
  const loadBefore = round(loadavg()[0] ?? NaN, 2);
  const hubPostgres = readdirSync(join(repo, 'packages/server/src/chat')).includes('hub-postgres.ts');
  const notes: string[] = [];
  if (!hubPostgres) notes.push(`${hubFile} is absent: PostgreSQL × 2 has no fan-out across instances.`);
  // Room for two instances' pools (10 each) and their LISTEN connections.
  const cluster = await startPostgres({ settings: { max_connections: '60' } });
  const dataDirs: string[] = [];
  const running = new Set<Instance>();
  const rows: Omit<ServerRow, 'ratioToBaseline'>[] = [];
  try {
    const version = await postgresVersion(cluster);
    let databases = 0;
    for (const count of sizes) {
      for (const configuration of configurations) {
        process.stderr.write(`bench: server, ${configuration}, ${count} conversations…\n`);
        const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-server-'));
        dataDirs.push(dataDir);
        const database = configuration.startsWith('PostgreSQL')
          ? await createDatabase(cluster, `kefu_bench_${process.pid}_${(databases += 1)}`)
          : undefined;
        const start = () => startInstance({ dataDir, ...(database ? { database } : {}) });
        const shop = await start();
        running.add(shop);
        let consoleInstance = shop;
        if (configuration === 'PostgreSQL × 2') {
          consoleInstance = await start();
          running.add(consoleInstance);
        }
        const all = [...new Set([shop, consoleInstance])];
        try {
          rows.push(
            await measure(
              configuration,
              count,
              { shop, console: consoleInstance, all },
              database ? cluster : undefined,
              replies,
              inFlight,
            ),
          );
        } finally {
          for (const instance of all) {
            await stopInstance(instance);
            running.delete(instance);
          }
        }
      }
    }
    const withRatios = rows.map((row): ServerRow => {
      const baseline = rows.find(
        (candidate) => candidate.configuration === 'SQLite × 1' && candidate.conversations === row.conversations,
      );
      const ratio = (value: number, base: number | undefined) => (base ? round(value / base, 2) : NaN);
      return {
        ...row,
        ratioToBaseline: {
          messagesPerSecond: ratio(row.messagesPerSecond, baseline?.messagesPerSecond),
          p50: ratio(row.p50Ms, baseline?.p50Ms),
          p99: ratio(row.p99Ms, baseline?.p99Ms),
        },
      };
    });
    const loadAverage = { before: loadBefore, after: round(loadavg()[0] ?? NaN, 2) };
    return { rows: withRatios, replies, inFlight, hubPostgres, postgresVersion: version, loadAverage, notes };
  } finally {
    await Promise.all([...running].map(stopInstance));
    await cluster.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }
}
