import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';

/** How often an instance tells the database its consoles are still open (at most; see `refreshEveryMs`). */
export const PRESENCE_REFRESH_MS = 10_000;
/**
 * A row not refreshed for this long is an instance that died (or lost its database): not counted.
 * The default; a server takes another (`KEFU_PRESENCE_TTL_MS`).
 */
export const PRESENCE_TTL_MS = 30_000;
/** Rows this old are deleted by any instance's refresh: what a crashed instance left behind. */
const FORGET_AFTER_MS = 60 * 60 * 1000;

/** An agent with a console open somewhere: who the console's "N online" lists. */
export interface OnlineAgent {
  readonly id: string;
  readonly name: string;
  readonly role: 'admin' | 'agent';
}

/**
 * Which signed-in agents have a console open, counted once across every instance on the database
 * (decision 0016, §6): each instance keeps one `agent_presence` row per session with a live
 * console socket, refreshed every `refreshEveryMs` and deleted when its last socket closes or the
 * instance shuts down. A row older than the TTL (PRESENCE_TTL_MS unless configured) does not
 * count, so an instance that dies without a word drops out on its own.
 *
 * Rows are per session, but people are counted: a session belongs to an agent account
 * (`agent_sessions.agent_id`), and one agent signed in from two browsers is one agent online. A row
 * whose session is gone (signed out, expired) counts nobody.
 */
export interface AgentPresence {
  /** This instance's random id (its rows' `instance_id`). */
  readonly instanceId: string;
  /**
   * How often `refresh()` must run: a third of the TTL (at most PRESENCE_REFRESH_MS), so a live
   * instance's rows stay counted even when a beat is late or one write fails.
   */
  readonly refreshEveryMs: number;
  /** Counts a socket of `sessionId` (its row written) until the returned function is called. */
  connect(sessionId: string): Promise<() => Promise<void>>;
  /** Distinct agent accounts with a console open on any instance (not sessions: people). */
  count(): Promise<number>;
  /** Those agents, by name: what `count()` counts. */
  online(): Promise<readonly OnlineAgent[]>;
  /** The heartbeat: this instance's live sessions are fresh again. */
  refresh(): Promise<void>;
  /** Shutdown: this instance's rows go; later calls change nothing. */
  close(): Promise<void>;
}

export interface PresenceOptions {
  /**
   * Process wall time for `seen_at` — not the business clock (`deps.now`), which tests freeze or
   * move by hours. Injectable so a test can age one instance's rows.
   */
  readonly wallNow?: () => number;
  readonly instanceId?: string;
  /**
   * How long a row counts without a refresh; PRESENCE_TTL_MS when not given. Every instance on one
   * database should use the same: each counts the others' rows by its own.
   */
  readonly ttlMs?: number;
  /** Inside a transaction that changed who is online: let other instances' consoles know. */
  readonly announce?: (trx: Transaction<KefuDatabase>) => Promise<void>;
}

export function createPresence(db: Kysely<KefuDatabase>, options: PresenceOptions = {}): AgentPresence {
  const wallNow = options.wallNow ?? Date.now;
  const instanceId = options.instanceId ?? `i_${randomBytes(9).toString('base64url')}`;
  const ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
  /** Open console sockets on this instance, by session (several tabs count once). */
  const socketsBySession = new Map<string, number>();
  let closed = false;

  const upsert = (executor: Kysely<KefuDatabase> | Transaction<KefuDatabase>, sessionIds: readonly string[]) =>
    executor
      .insertInto('agent_presence')
      .values(sessionIds.map((session_id) => ({ instance_id: instanceId, session_id, seen_at: wallNow() })))
      .onConflict((oc) => oc.columns(['instance_id', 'session_id']).doUpdateSet({ seen_at: wallNow() }))
      .execute();

  return {
    instanceId,
    refreshEveryMs: Math.min(PRESENCE_REFRESH_MS, Math.floor(ttlMs / 3)),
    async connect(sessionId) {
      const first = !socketsBySession.has(sessionId);
      socketsBySession.set(sessionId, (socketsBySession.get(sessionId) ?? 0) + 1);
      await db.transaction().execute(async (trx) => {
        await upsert(trx, [sessionId]);
        if (first) await options.announce?.(trx);
      });
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        const left = (socketsBySession.get(sessionId) ?? 1) - 1;
        if (left > 0) {
          socketsBySession.set(sessionId, left);
          return;
        }
        socketsBySession.delete(sessionId);
        if (closed) return;
        await db.transaction().execute(async (trx) => {
          await trx
            .deleteFrom('agent_presence')
            .where('instance_id', '=', instanceId)
            .where('session_id', '=', sessionId)
            .execute();
          await options.announce?.(trx);
        });
      };
    },
    async count() {
      const row = await db
        .selectFrom('agent_presence')
        .innerJoin('agent_sessions', 'agent_sessions.id', 'agent_presence.session_id')
        .innerJoin('agents', 'agents.id', 'agent_sessions.agent_id')
        .select((eb) => eb.fn.count<number>('agents.id').distinct().as('count'))
        .where('agent_presence.seen_at', '>', wallNow() - ttlMs)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },
    async online() {
      // The account's name now (a session keeps the name it was signed in with).
      const rows = await db
        .selectFrom('agent_presence')
        .innerJoin('agent_sessions', 'agent_sessions.id', 'agent_presence.session_id')
        .innerJoin('agents', 'agents.id', 'agent_sessions.agent_id')
        .select(['agents.id', 'agents.name', 'agents.role'])
        .where('agent_presence.seen_at', '>', wallNow() - ttlMs)
        .groupBy(['agents.id', 'agents.name', 'agents.role'])
        .execute();
      // Sorted here, not in SQL: the two engines collate names differently.
      return rows
        .map(({ id, name, role }) => ({ id, name, role }))
        .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
    },
    async refresh() {
      if (closed) return;
      const live = [...socketsBySession.keys()];
      // An upsert, not an update: a row someone removed (a restore, a cleanup) comes back.
      if (live.length > 0) await upsert(db, live);
      await db
        .deleteFrom('agent_presence')
        .where('seen_at', '<', wallNow() - FORGET_AFTER_MS)
        .execute();
    },
    async close() {
      if (closed) return;
      closed = true;
      socketsBySession.clear();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('agent_presence').where('instance_id', '=', instanceId).execute();
        await options.announce?.(trx);
      });
    },
  };
}
