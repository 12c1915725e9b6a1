import type { ChatEvent } from '@kefu/core';
import { sql, type Kysely } from 'kysely';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import type { KefuDatabase } from '../db/schema.js';
import type { ChatHub, ConversationListener, FeedListener, HubNews } from './hub.js';
import { chatTables } from './tables.js';

/** Carries `{"c":"<conversation id>","s":<seq>}`: ids only, far under NOTIFY's 8000 bytes. */
export const CHAT_CHANNEL = 'kefu_chat';
/** Carries the id of the instance whose write changed the consoles' list. */
export const LIST_CHANNEL = 'kefu_chat_list';
/** Carries the id of an agent session that ended (its digest, as stored: never the cookie's secret). */
export const SESSION_CHANNEL = 'kefu_session_ended';

export interface PostgresHubOptions {
  /** The database's URL: the hub's LISTEN connection is its own, not one of the pool's. */
  readonly url: string;
  /** The Kysely instance of the engine's pool: what the hub reads the events back with. */
  readonly db: Kysely<KefuDatabase>;
  /** This instance's id, so it skips its own list notifications (it told its consoles already). */
  readonly instanceId: string;
  /** Milliseconds before the nth attempt (0-based) to listen again; bounded, 0.1 s doubling to 5 s. */
  readonly reconnectDelayMs?: (attempt: number) => number;
  /** Test hook: awaited before every attempt to listen again after the connection dropped. */
  readonly beforeReconnect?: () => Promise<void>;
}

export interface PostgresChatHub extends ChatHub {
  inTransaction(trx: Parameters<NonNullable<ChatHub['inTransaction']>>[0], news: HubNews): Promise<void>;
  subscribed(conversationId: string): Promise<void>;
  /** Resolves once the hub listens (now, or after the connection it is waiting for). */
  listening(): Promise<void>;
  /** The LISTEN connection's backend pid while it is up. */
  readonly listenerPid: number | undefined;
  /** Ends the LISTEN connection for good (the pool is the engine's to close). */
  close(): Promise<void>;
}

/** What the hub knows about one conversation someone on this instance follows. */
interface Followed {
  /** The last seq delivered here; undefined until known (the subscribe's read, or a first notification). */
  last: number | undefined;
  readonly listeners: Set<ConversationListener>;
  /** Every step on this conversation runs in turn, so events leave in seq order and once. */
  chain: Promise<void>;
  pending: number;
  closed: boolean;
}

const defaultDelay = (attempt: number) => Math.min(100 * 2 ** attempt, 5000);

/**
 * The chat hub for several instances on one PostgreSQL database (decision 0016, §7).
 *
 * A write tells the other instances inside its transaction (`inTransaction`: `pg_notify`, which
 * PostgreSQL delivers at commit, in commit order, and drops on rollback); the notification carries
 * ids only and the events are read back from `chat_events`. Per conversation followed here (a
 * shopper's stream, or any conversation while a console's feed is open) the hub keeps the last seq
 * it delivered and, on news, reads what follows it in seq order — so a lost or reordered
 * notification heals at the next one, a local publish and its own notification deliver once, and
 * after the LISTEN connection drops, one read per conversation brings back what it missed: NOTIFY
 * has no replay, the table does.
 */
export function createPostgresChatHub(options: PostgresHubOptions): PostgresChatHub {
  const tables = chatTables(options.db);
  const followed = new Map<string, Followed>();
  const everything = new Set<FeedListener>();
  const listWatchers = new Set<() => void>();
  const sessionListeners = new Set<(sessionId: string) => void>();
  const reconnectDelay = options.reconnectDelayMs ?? defaultDelay;

  function safely(run: () => void): void {
    try {
      run();
    } catch (error) {
      console.error('[kefu] chat subscriber failed:', error instanceof Error ? error.message : String(error));
    }
  }

  function follow(conversationId: string, last?: number): Followed {
    let entry = followed.get(conversationId);
    if (!entry) {
      entry = { last, listeners: new Set(), chain: Promise.resolve(), pending: 0, closed: false };
      followed.set(conversationId, entry);
    }
    return entry;
  }

  /** Nobody here follows it any more: forget it once its steps are done. */
  function forgetIfUnfollowed(conversationId: string, entry: Followed): void {
    if (entry.pending > 0 || entry.listeners.size > 0) return;
    if (everything.size > 0 && !entry.closed) return;
    if (followed.get(conversationId) === entry) followed.delete(conversationId);
  }

  function enqueue(conversationId: string, entry: Followed, step: (entry: Followed) => Promise<void> | void): void {
    entry.pending += 1;
    entry.chain = entry.chain
      .then(() => step(entry))
      .catch((error: unknown) => {
        // The next notification (or reconnect) reads from the same last seq again.
        console.error('[kefu] chat hub read failed:', error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        entry.pending -= 1;
        forgetIfUnfollowed(conversationId, entry);
      });
  }

  function deliver(conversationId: string, entry: Followed, event: ChatEvent, clientId: string | undefined): void {
    if (entry.last !== undefined && event.seq <= entry.last) return;
    entry.last = event.seq;
    if (event.type === 'status' && event.status === 'closed') entry.closed = true;
    for (const listener of [...entry.listeners]) safely(() => listener(event));
    for (const listener of [...everything]) safely(() => listener(conversationId, event, clientId));
  }

  /** Delivers every event after the last one delivered here, from the table, in seq order. */
  async function catchUp(conversationId: string, entry: Followed): Promise<void> {
    if (entry.last === undefined) return;
    for (const { event, clientId } of await tables.eventsWithClientIdsAfter(conversationId, entry.last)) {
      deliver(conversationId, entry, event, clientId);
    }
  }

  /** News of `seq` in a conversation: nothing when it was delivered already, else a read. */
  function heard(conversationId: string, seq: number): void {
    const entry = followed.get(conversationId) ?? (everything.size > 0 ? follow(conversationId) : undefined);
    if (!entry) return;
    enqueue(conversationId, entry, async (current) => {
      // A conversation first heard of now (a console's feed): it starts at this event.
      current.last ??= seq - 1;
      if (seq > current.last) await catchUp(conversationId, current);
    });
  }

  function tellListWatchers(): void {
    for (const listener of [...listWatchers]) safely(listener);
  }

  function tellSessionEnded(sessionId: string): void {
    for (const listener of [...sessionListeners]) safely(() => listener(sessionId));
  }

  // The LISTEN connection: one per instance, reopened with bounded backoff when it drops.
  let client: pg.Client | undefined;
  let listenerPid: number | undefined;
  let stopped = false;
  let everListened = false;
  let markListening: () => void = () => {};
  let listeningNow = new Promise<void>((resolve) => (markListening = resolve));

  function onNotification(message: pg.Notification): void {
    if (message.channel === LIST_CHANNEL) {
      if (message.payload !== options.instanceId) tellListWatchers();
      return;
    }
    // Every instance's, this one's too: closing sockets already closed does nothing.
    if (message.channel === SESSION_CHANNEL) {
      if (message.payload) tellSessionEnded(message.payload);
      return;
    }
    if (message.channel !== CHAT_CHANNEL || message.payload === undefined) return;
    let news: { c?: unknown; s?: unknown };
    try {
      news = JSON.parse(message.payload) as { c?: unknown; s?: unknown };
    } catch {
      return;
    }
    if (typeof news.c === 'string' && typeof news.s === 'number') heard(news.c, news.s);
  }

  async function listen(): Promise<void> {
    for (let attempt = 0; !stopped; attempt += 1) {
      if (everListened || attempt > 0) {
        await delay(reconnectDelay(attempt), undefined, { ref: false });
        await options.beforeReconnect?.();
        if (stopped) return;
      }
      const connection = new pg.Client({ connectionString: options.url });
      // Errors end the connection; 'end' below reopens it. Without a listener they would crash us.
      connection.on('error', () => {});
      try {
        await connection.connect();
        await connection.query(`listen ${CHAT_CHANNEL}; listen ${LIST_CHANNEL}; listen ${SESSION_CHANNEL}`);
        const { rows } = await connection.query<{ pid: number }>('select pg_backend_pid() as pid');
        listenerPid = rows[0]?.pid;
      } catch (error) {
        console.error('[kefu] chat hub cannot listen:', error instanceof Error ? error.message : String(error));
        await connection.end().catch(() => {});
        continue;
      }
      if (stopped) {
        await connection.end().catch(() => {});
        return;
      }
      client = connection;
      connection.on('notification', onNotification);
      connection.once('end', () => {
        if (client !== connection) return;
        client = undefined;
        listenerPid = undefined;
        listeningNow = new Promise<void>((resolve) => (markListening = resolve));
        if (!stopped) void listen();
      });
      // NOTIFY has no replay: what committed while nobody listened is in the table.
      for (const [conversationId, entry] of followed) enqueue(conversationId, entry, (e) => catchUp(conversationId, e));
      if (everListened) tellListWatchers();
      everListened = true;
      markListening();
      return;
    }
  }
  void listen();

  return {
    subscribe(conversationId, listener) {
      const known = followed.has(conversationId);
      const entry = follow(conversationId);
      entry.listeners.add(listener);
      if (!known) {
        // From the seq committed now: what came before is the shopper's catch-up (REST), what comes
        // after is told here. `subscribed()` waits for this read.
        enqueue(conversationId, entry, async (current) => {
          const last = await tables.lastSeq(conversationId);
          current.last ??= last ?? 0;
        });
      }
      return () => {
        entry.listeners.delete(listener);
        forgetIfUnfollowed(conversationId, entry);
      };
    },
    subscribed: async (conversationId) => followed.get(conversationId)?.chain,
    subscribeAll(listener) {
      everything.add(listener);
      return () => {
        everything.delete(listener);
        for (const [conversationId, entry] of followed) forgetIfUnfollowed(conversationId, entry);
      };
    },
    onListChanged(listener) {
      listWatchers.add(listener);
      return () => listWatchers.delete(listener);
    },
    publish(conversationId, event, clientId) {
      // After this instance's own commit: delivered here at once when it is the next seq; its
      // notification then finds nothing new. A gap (another instance's write not heard yet) reads.
      let entry = followed.get(conversationId);
      if (!entry) {
        if (everything.size === 0) return;
        entry = follow(conversationId, event.seq - 1);
      }
      enqueue(conversationId, entry, async (current) => {
        current.last ??= event.seq - 1;
        if (event.seq === current.last + 1) deliver(conversationId, current, event, clientId);
        else if (event.seq > current.last) await catchUp(conversationId, current);
      });
    },
    listChanged: tellListWatchers,
    onSessionEnded(listener) {
      sessionListeners.add(listener);
      return () => sessionListeners.delete(listener);
    },
    sessionEnded: tellSessionEnded,
    async inTransaction(trx, news) {
      const channels: string[] = [];
      const payloads: string[] = [];
      for (const { conversationId, seq } of news.events) {
        channels.push(CHAT_CHANNEL);
        payloads.push(JSON.stringify({ c: conversationId, s: seq }));
      }
      if (news.listChanged) {
        channels.push(LIST_CHANNEL);
        payloads.push(options.instanceId);
      }
      for (const sessionId of news.endedSessions ?? []) {
        channels.push(SESSION_CHANNEL);
        payloads.push(sessionId);
      }
      if (channels.length === 0) return;
      await sql`select pg_notify(n.channel, n.payload) from unnest(${channels}::text[], ${payloads}::text[]) as n(channel, payload)`.execute(
        trx,
      );
    },
    listening: () => listeningNow,
    get listenerPid() {
      return listenerPid;
    },
    async close() {
      stopped = true;
      const connection = client;
      client = undefined;
      listenerPid = undefined;
      await connection?.end().catch(() => {});
    },
  };
}
