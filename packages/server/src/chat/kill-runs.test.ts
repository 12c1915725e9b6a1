// Issue 21, "Done when" 1, in Node: 200 seeded runs of random kills and reconnects over three
// instances on one PostgreSQL database, and after each run the shopper's transcript, the agent's
// and the database's log of the conversation are the same: every message once, in order.
//
// The shopper is the widget's own core (createKefu over the HTTP adapter: its outbox, idempotency
// keys and resume-from-last-seq), on an injected clock that runs its backoff 25 times faster. The
// agent follows the console's rules (console/ui/chat-model.ts): after every `hello`, on a gap in
// the feed's seqs and when a list is ahead of it, it catches up over HTTP from the last seq it saw
// all of, and it retries a reply under one client id until stored.
// Everything goes through the test's reverse proxy, as nginx in docs/deploy.md.
//
// How an instance is "killed" (decision 0016, "The 200 kill runs"): every instance reaches the
// world through two plugs of its own, TCP forwarders in this process, one in front of its HTTP
// port and one in front of PostgreSQL. A kill pulls both at once: every client and proxied
// connection is reset (no close frame, no answer), every database connection is cut (PostgreSQL
// rolls back what had not committed, the LISTEN connection is gone), and nothing more it does
// can reach anyone; the process's leftover state is then discarded. Real `kill -9` of a process
// is in scale-out.test.ts and the Chromium test: 200 process starts would not fit in CI.
//
// Reproduce a run: KEFU_KILL_RUNS_SEED=<seed> KEFU_KILL_RUNS=1; KEFU_KILL_RUNS changes the count.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { WebSocket } from 'ws';
import {
  createHttpBackend,
  createKefu,
  createMemoryStorage,
  manualNetworkStatus,
  type ChatEvent,
  type ChatMessage,
  type Clock,
  type KefuClient,
} from '@kefu/core';
import { freshPostgresDatabase, usePostgresCluster } from '../db/both-engines.test-support.js';
import { startServer, type RunningServer } from '../server.js';
import { agentCookie } from '../routes/test-helpers.js';
import { startReverseProxy, type ReverseProxy } from '../../../../test/support/reverse-proxy.js';

usePostgresCluster();

const RUNS = Number(process.env.KEFU_KILL_RUNS ?? 200);
const BASE_SEED = process.env.KEFU_KILL_RUNS_SEED
  ? Number(process.env.KEFU_KILL_RUNS_SEED) >>> 0
  : Math.floor(Math.random() * 2 ** 32);
const INSTANCES = 3;
/** The clients' timers (reconnect and retry backoff) run this many times faster than the wall clock. */
const SPEED = 25;
/** A Monday, 10:00 in Paris, moving on from there: inside the demo store's business hours. */
const MONDAY_MORNING = Date.parse('2026-11-23T10:00:00+01:00');
const startedAt = Date.now();
const serverNow = () => MONDAY_MORNING + (Date.now() - startedAt);

/** mulberry32: a small seeded PRNG, so a run's choices come back from its seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock whose timers run SPEED times faster (and whose now() moves SPEED times faster). */
function fastClock(): Clock {
  const origin = Date.now();
  const start = performance.now();
  return {
    now: () => origin + (performance.now() - start) * SPEED,
    setTimeout: (callback, ms) => setTimeout(callback, ms / SPEED),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/**
 * A TCP forwarder: an instance's one way in or out. `cut()` resets every connection through it
 * and stops listening for good (connections are then refused, as to a dead host's port).
 */
interface Plug {
  readonly port: number;
  /** Local ports of the forwarder's sockets towards the target (PostgreSQL's pg_stat_activity.client_port). */
  readonly targetSidePorts: Set<number>;
  retarget(port: number): void;
  /** Refuses new connections; those open stay (a graceful shutdown's first step). */
  stopListening(): void;
  cut(): void;
  reopen(): Promise<void>;
}

async function openPlug(targetPort: number, port = 0): Promise<Plug> {
  let target = targetPort;
  const pairs = new Set<Socket>();
  const targetSidePorts = new Set<number>();
  let server: Server | undefined;
  const listen = (on: number) =>
    new Promise<Server>((resolve, reject) => {
      const listening = createServer((client) => {
        const upstream = connect({ host: '127.0.0.1', port: target });
        pairs.add(client).add(upstream);
        upstream.once('connect', () => {
          if (upstream.localPort) targetSidePorts.add(upstream.localPort);
        });
        const end = () => {
          client.destroy();
          upstream.destroy();
          pairs.delete(client);
          pairs.delete(upstream);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        client.pipe(upstream).pipe(client);
      });
      listening.once('error', reject);
      listening.listen(on, '127.0.0.1', () => resolve(listening));
    });
  server = await listen(port);
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    targetSidePorts,
    retarget(next) {
      target = next;
    },
    stopListening() {
      server?.close();
      server = undefined;
    },
    cut() {
      server?.close();
      server = undefined;
      for (const socket of pairs) socket.resetAndDestroy();
      pairs.clear();
      targetSidePorts.clear();
    },
    async reopen() {
      server ??= await listen(bound);
    },
  };
}

/** One instance: a server on the shared database, behind its front plug, through its own database plug. */
interface Instance {
  server: RunningServer;
  front: Plug;
  database: Plug;
  up: boolean;
}

/** The console's client in Node: the feed and the replies, by the rules of console/ui/chat-model.ts. */
class Agent {
  messages: ChatMessage[] = [];
  /** The highest seq up to which every event was seen: the feed's (once caught up) and catch-ups'. */
  lastSeq = 0;
  pendingReplies = 0;
  socket: WebSocket | undefined;
  private stopped = false;
  private attempts = 0;
  readonly log: string[] = [];

  constructor(
    private readonly origin: string,
    private readonly cookie: string,
    private readonly conversationId: string,
    private readonly random: () => number,
  ) {}

  private async api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.origin}/agent/api/conversations/${this.conversationId}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // A proxy's 502 is plain text.
    const json = response.headers.get('content-type')?.includes('json') ?? false;
    return { status: response.status, body: (json ? JSON.parse(text) : undefined) as T };
  }

  /** Until it answers, like the console: transient failures (network, 5xx, 429) are tried again. */
  private async persist<T>(method: string, path: string, body?: unknown, attempts = Infinity): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.stopped || attempt >= attempts) throw new Error(`${method} ${path}: the agent gave up`);
      const answer = await this.api<T>(method, path, body).catch((error: unknown) => {
        this.log.push(`${method} ${path}: ${String(error)}`);
        return undefined;
      });
      if (answer && answer.status < 300) return answer.body;
      if (answer && answer.status < 500 && answer.status !== 429)
        throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      await delay(Math.min(5000, 300 * 2 ** attempt) / SPEED);
    }
  }

  private merge(incoming: readonly ChatMessage[]): void {
    const byId = new Map(this.messages.map((message) => [message.id, message]));
    for (const message of incoming) byId.set(message.id, message);
    this.messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
  }

  connect(): Promise<void> {
    const socket = new WebSocket(`${this.origin.replace('http', 'ws')}/agent/socket`, {
      headers: { cookie: this.cookie, origin: this.origin },
    });
    this.socket = socket;
    const greeted = new Promise<void>((resolve) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as
          | { type: 'hello' }
          | { type: 'conversations'; conversations: Array<{ id: string; lastSeq: number }> }
          | { type: 'event'; conversationId: string; event: ChatEvent };
        if (frame.type === 'hello') {
          this.attempts = 0;
          resolve();
          // A (re)connect: whatever happened while the socket was down is fetched now.
          void this.catchUp();
        } else if (frame.type === 'conversations') {
          // As console/ui/chat-model.ts: a list that is ahead of what the feed brought.
          const listed = frame.conversations.find((summary) => summary.id === this.conversationId);
          if (listed && listed.lastSeq > this.lastSeq) void this.catchUp();
        } else if (frame.type === 'event' && frame.conversationId === this.conversationId) {
          if (frame.event.type === 'message') this.merge([frame.event.message]);
          // As console/ui/chat-model.ts: a gap in the feed's seqs is fetched, never skipped.
          if (frame.event.seq <= this.lastSeq + 1) this.lastSeq = Math.max(this.lastSeq, frame.event.seq);
          else void this.catchUp();
        }
      });
    });
    socket.on('error', () => {});
    socket.once('close', (code) => {
      this.log.push(`feed closed ${code}`);
      if (this.stopped || this.socket !== socket) return;
      this.attempts += 1;
      const wait = Math.min(10_000, 250 * 2 ** (this.attempts - 1)) * (0.5 + this.random() / 2);
      setTimeout(() => {
        if (!this.stopped) void this.connect();
      }, wait / SPEED);
    });
    return greeted;
  }

  /** Fetches what came after the last seq seen; overlapping with the feed is harmless. */
  async catchUp(): Promise<void> {
    const after = this.lastSeq;
    const answer = await this.api<{ conversation: { lastSeq: number }; messages: ChatMessage[] }>(
      'GET',
      `/messages?after=${after}`,
    ).catch((error: unknown) => {
      this.log.push(`catch-up failed: ${String(error)}`);
      return undefined;
    });
    if (!answer || answer.status !== 200) return;
    this.merge(answer.body.messages);
    this.lastSeq = Math.max(this.lastSeq, answer.body.conversation.lastSeq);
  }

  async open(): Promise<void> {
    await this.persist('POST', '/accept');
    const detail = await this.persist<{ conversation: { lastSeq: number }; messages: ChatMessage[] }>('GET', '');
    this.merge(detail.messages);
    this.lastSeq = Math.max(this.lastSeq, detail.conversation.lastSeq);
  }

  /** Sends a reply until the server has it, under one client id. */
  async reply(text: string): Promise<void> {
    this.pendingReplies += 1;
    try {
      const message = await this.persist<ChatMessage>('POST', '/messages', { clientId: crypto.randomUUID(), text });
      // lastSeq stays: it moves only with the feed and catch-ups, which see every seq in order.
      this.merge([message]);
    } finally {
      this.pendingReplies -= 1;
    }
  }

  async close(): Promise<void> {
    await this.persist('POST', '/close', undefined, 20).catch(() => undefined);
    this.stopped = true;
    this.socket?.terminate();
  }
}

/** The ws client as the browser's WebSocket, remembering every socket so a test can cut one. */
function trackedWebSocket(sockets: Set<WebSocket>): typeof globalThis.WebSocket {
  class Tracked extends WebSocket {
    constructor(url: string | URL) {
      super(url);
      sockets.add(this);
      this.once('close', () => sockets.delete(this));
      this.on('error', () => {});
    }
  }
  return Tracked as unknown as typeof globalThis.WebSocket;
}

type Fault = 'cut-shopper-socket' | 'cut-agent-socket' | 'kill' | 'drop-listen' | 'restart';
// Kills and restarts are the dearest (an instance starts again, about 0.1–0.2 s of CPU): one fault in four.
const faults: readonly Fault[] = [
  'cut-shopper-socket',
  'cut-shopper-socket',
  'cut-agent-socket',
  'cut-agent-socket',
  'drop-listen',
  'drop-listen',
  'kill',
  'restart',
];

describe('200 seeded runs of kills and reconnects over three instances on one PostgreSQL database', () => {
  let databaseUrl: URL;
  let admin: pg.Client;
  let proxy: ReverseProxy;
  const instances: Instance[] = [];
  const errors: string[] = [];
  /** Instances coming back: a run does not wait for them (the others serve meanwhile). */
  const restarts: Promise<void>[] = [];
  const restartFailures: unknown[] = [];
  const comeBack = (restart: Promise<void>) => {
    restarts.push(
      restart.catch((error: unknown) => {
        restartFailures.push(error);
      }),
    );
  };
  const consoleError = console.error;
  let cookie = '';

  async function launch(front?: Plug): Promise<Instance> {
    const database = await openPlug(Number(databaseUrl.port));
    const url = new URL(databaseUrl);
    url.port = String(database.port);
    const server = await startServer({
      port: 0,
      database: url.toString(),
      databaseMaxConnections: 4,
      trustProxy: true,
      now: serverNow,
    });
    if (front) {
      front.retarget(server.port);
      await front.reopen();
    } else {
      front = await openPlug(server.port);
    }
    return { server, front, database, up: true };
  }

  /** Pulls both plugs at once; what the process had in memory is then thrown away. */
  function kill(instance: Instance): void {
    instance.up = false;
    instance.front.cut();
    instance.database.cut();
    // Its listener and timers go; nothing it tries now reaches a client or the database.
    void instance.server.close().catch(() => undefined);
  }

  async function restartAfter(index: number, ms: number): Promise<void> {
    await delay(ms);
    const old = instances[index]!;
    instances[index] = await launch(old.front);
  }

  async function gracefulRestart(index: number): Promise<void> {
    const old = instances[index]!;
    old.up = false;
    old.front.stopListening();
    await old.server.close();
    old.front.cut();
    old.database.cut();
    instances[index] = await launch(old.front);
  }

  async function dropListen(instance: Instance): Promise<void> {
    const ports = [...instance.database.targetSidePorts];
    if (ports.length === 0) return;
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where client_port = any($1::int[]) and query like 'select pg_backend_pid()%'`,
      [ports],
    );
  }

  before(async () => {
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    databaseUrl = new URL(await freshPostgresDatabase());
    admin = new pg.Client({ connectionString: databaseUrl.toString() });
    await admin.connect();
    // The first start migrates and seeds; the others find it done.
    instances.push(await launch());
    for (let index = 1; index < INSTANCES; index += 1) instances.push(await launch());
    proxy = await startReverseProxy({
      upstreams: instances.map((instance) => `http://127.0.0.1:${instance.front.port}`),
    });
    cookie = await agentCookie(instances[0]!.server, { via: proxy.origin });
  });

  after(async () => {
    await Promise.allSettled(restarts);
    console.error = consoleError;
    await proxy?.close();
    for (const instance of instances) {
      instance.front.cut();
      await instance.server.close().catch(() => undefined);
      instance.database.cut();
    }
    await admin?.end();
  });

  /** One run: a conversation, a burst from both sides with faults among it, then the three logs compared. */
  async function run(seed: number): Promise<void> {
    const random = mulberry32(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const sockets = new Set<WebSocket>();
    const clock = fastClock();
    const client: KefuClient = createKefu({
      backend: createHttpBackend({
        apiBase: `${proxy.origin}/v1`,
        now: () => clock.now(),
        WebSocket: trackedWebSocket(sockets),
      }),
      storage: () => createMemoryStorage(),
      clock,
      network: manualNetworkStatus(true),
      locale: 'en',
      languages: [],
    });
    let agent: Agent | undefined;
    try {
      await client.activate();
      let conversation;
      for (let attempt = 0; !conversation; attempt += 1) {
        conversation = await client.chat.start({ name: 'Ana', email: 'ana@example.com', topic: 'Where is my order?' });
        if (!conversation) await delay(20);
        assert.ok(attempt < 50, 'the conversation never started');
      }
      agent = new Agent(proxy.origin, cookie, conversation.id, random);
      await agent.connect();
      await agent.open();

      // The burst: shopper messages, agent replies (one after another, as a person types) and faults.
      const shopperTexts = Array.from({ length: 2 + Math.floor(random() * 5) }, (_, i) => `shopper ${seed} #${i}`);
      const agentTexts = Array.from({ length: 2 + Math.floor(random() * 5) }, (_, i) => `agent ${seed} #${i}`);
      const faultCount = 1 + Math.floor(random() * 3);
      const steps: Array<{ kind: 'shopper' } | { kind: 'agent' } | { kind: 'fault'; fault: Fault }> = [
        ...shopperTexts.map(() => ({ kind: 'shopper' as const })),
        ...agentTexts.map(() => ({ kind: 'agent' as const })),
        ...Array.from({ length: faultCount }, () => ({ kind: 'fault' as const, fault: pick(faults) })),
      ];
      for (let i = steps.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [steps[i], steps[j]] = [steps[j]!, steps[i]!];
      }
      let shopperSent = 0;
      let agentQueued = 0;
      let agentChain = Promise.resolve();
      const done: string[] = [];
      for (const step of steps) {
        await delay(Math.floor(random() * 5));
        if (step.kind === 'shopper') {
          await client.chat.send(shopperTexts[shopperSent++]!);
        } else if (step.kind === 'agent') {
          const text = agentTexts[agentQueued++]!;
          const replying = agent;
          agentChain = agentChain.then(() => replying.reply(text));
        } else {
          done.push(step.fault);
          const live = instances.map((instance, index) => ({ instance, index })).filter(({ instance }) => instance.up);
          switch (step.fault) {
            case 'cut-shopper-socket':
              for (const socket of sockets) socket.terminate();
              break;
            case 'cut-agent-socket':
              agent.socket?.terminate();
              break;
            case 'kill': {
              if (live.length < 2) break;
              const { instance, index } = pick(live);
              kill(instance);
              comeBack(restartAfter(index, Math.floor(random() * 30)));
              break;
            }
            case 'drop-listen':
              if (live.length > 0) await dropListen(pick(live).instance);
              break;
            case 'restart':
              if (live.length > 1) comeBack(gracefulRestart(pick(live).index));
              break;
          }
        }
      }
      await agentChain;

      // Both sides settle: nothing left to send, and each has what the database has.
      const stored = async () =>
        (
          await admin.query<{ seq: number; author: string; text: string }>(
            'select seq, author, text from chat_messages where conversation_id = $1 order by seq',
            [conversation.id],
          )
        ).rows.map(({ seq, author, text }) => `${seq} ${author}: ${text}`);
      const shopperView = () =>
        client.chat.transcript.value.map((entry) =>
          entry.state === 'sent' ? `${entry.seq} ${entry.author}: ${entry.text}` : `(${entry.state}) ${entry.text}`,
        );
      const agentView = () => agent!.messages.map(({ seq, author, text }) => `${seq} ${author}: ${text}`);
      const expectedCount = shopperTexts.length + agentTexts.length;
      const deadline = Date.now() + 15_000;
      let database = await stored();
      while (Date.now() < deadline) {
        database = await stored();
        const settled =
          database.length >= expectedCount &&
          JSON.stringify(shopperView()) === JSON.stringify(database) &&
          JSON.stringify(agentView()) === JSON.stringify(database);
        if (settled) break;
        await delay(10);
      }
      const context = `seed ${seed} (reproduce: KEFU_KILL_RUNS_SEED=${seed} KEFU_KILL_RUNS=1), faults ${done.join(', ')}`;
      assert.deepEqual(restartFailures, [], 'every instance came back');
      assert.deepEqual(shopperView(), database, `the shopper's transcript is the database's log; ${context}`);
      assert.deepEqual(agentView(), database, `the agent's transcript is the database's log; ${context}`);
      // Every message once, each side's in the order it was written.
      const texts = database.map((line) => line.slice(line.indexOf(': ') + 2));
      assert.deepEqual(
        texts.filter((text) => text.startsWith('shopper')),
        shopperTexts,
        `every shopper message once, in order; ${context}`,
      );
      assert.deepEqual(
        texts.filter((text) => text.startsWith('agent')),
        agentTexts,
        `every agent message once, in order; ${context}`,
      );
    } catch (error) {
      consoleError(`kill run with seed ${seed} failed. Agent: ${agent?.log.join(' | ')}`);
      consoleError(`server errors: ${errors.slice(-30).join('\n')}`);
      throw error;
    } finally {
      await agent?.close();
      client.dispose();
      for (const socket of sockets) socket.terminate();
      errors.length = 0;
    }
  }

  it(`keeps every message once and in order on both sides and in the database (${RUNS} runs from seed ${BASE_SEED})`, async () => {
    consoleError(`kill runs: base seed ${BASE_SEED}, ${RUNS} runs`);
    for (let index = 0; index < RUNS; index += 1) await run((BASE_SEED + index) >>> 0);
  });
});
