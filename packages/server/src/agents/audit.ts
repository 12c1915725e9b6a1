import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import type { Executor } from '../db/tx.js';

/** Who did it: a signed-in agent, an admin API key, or someone at the server's command line. */
export type AuditActor =
  | { readonly kind: 'agent'; readonly id: string; readonly name: string }
  | { readonly kind: 'api_key'; readonly id: string; readonly name?: string }
  | { readonly kind: 'cli' };

export interface AuditEntryInput {
  readonly actor: AuditActor;
  /** What was done, as a dotted code: `return.approved`, `key.created`, `article.updated`, … */
  readonly action: string;
  /** What it was done to: `{ type: 'return', id: 'RMA-4001' }`. */
  readonly subject: { readonly type: string; readonly id: string };
  /** One line for the console, e.g. the label's address or the reason given. */
  readonly summary: string;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  readonly actor: { readonly kind: AuditActor['kind']; readonly id?: string; readonly name: string };
  readonly action: string;
  readonly subject: { readonly type: string; readonly id: string };
  readonly summary: string;
}

export interface AuditQuery {
  /** Only what this agent did (their account id). */
  readonly agentId?: string;
  readonly action?: string;
  /** Entries older than this one (the previous page's `next`). */
  readonly before?: number;
  /** 1–100; 50 by default. */
  readonly limit?: number;
}

export interface AuditLog {
  /**
   * Writes one entry on `executor`: the caller's transaction when it has one, so the entry commits
   * with what it records, or the database.
   */
  record(executor: Executor, entry: AuditEntryInput): Promise<void>;
  /** Newest first; `next` is the `before` of the following page, absent on the last. */
  list(query?: AuditQuery): Promise<{ entries: AuditEntry[]; next?: number }>;
  /** The action codes recorded so far, for the console's filter. */
  actions(): Promise<string[]>;
}

const SUMMARY_MAX = 500;

export function actorName(actor: AuditActor): string {
  if (actor.kind === 'agent') return actor.name;
  if (actor.kind === 'api_key') return actor.name ? `api key ${actor.id} (${actor.name})` : `api key ${actor.id}`;
  return 'cli';
}

export function createAuditLog(db: Kysely<KefuDatabase>, now: () => number): AuditLog {
  return {
    async record(executor, entry) {
      await executor
        .insertInto('audit_log')
        .values({
          at: now(),
          actor_kind: entry.actor.kind,
          actor_id: entry.actor.kind === 'cli' ? null : entry.actor.id,
          actor_name: actorName(entry.actor).slice(0, 200),
          action: entry.action.slice(0, 100),
          subject_type: entry.subject.type.slice(0, 100),
          subject_id: entry.subject.id.slice(0, 200),
          summary: entry.summary.replace(/\s+/g, ' ').trim().slice(0, SUMMARY_MAX),
        })
        .execute();
    },

    async list(query = {}) {
      const limit = Math.min(100, Math.max(1, query.limit ?? 50));
      let select = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (query.agentId !== undefined)
        select = select.where('actor_kind', '=', 'agent').where('actor_id', '=', query.agentId);
      if (query.action !== undefined) select = select.where('action', '=', query.action);
      if (query.before !== undefined) select = select.where('id', '<', query.before);
      const rows = await select.execute();
      const page = rows.slice(0, limit);
      const entries = page.map((row): AuditEntry => ({
        id: Number(row.id),
        at: row.at,
        actor: { kind: row.actor_kind, ...(row.actor_id === null ? {} : { id: row.actor_id }), name: row.actor_name },
        action: row.action,
        subject: { type: row.subject_type, id: row.subject_id },
        summary: row.summary,
      }));
      const last = entries.at(-1);
      return rows.length > limit && last ? { entries, next: last.id } : { entries };
    },

    async actions() {
      const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
      return rows.map((row) => row.action);
    },
  };
}
