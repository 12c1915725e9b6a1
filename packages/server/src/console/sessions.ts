import { randomBytes } from 'node:crypto';
import { sameDigest, sha256 } from '../services/crypto.js';
import type { ServerDeps } from '../deps.js';
import type { Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock } from '../db/tx.js';
import type { ChatHub } from '../chat/hub.js';
import { createFailureCounter, type Limit } from '../http/rate-limit.js';

export const SESSION_COOKIE = 'kefu_agent';
/** A console left alone this long signs out. */
export const IDLE_MS = 12 * 60 * 60 * 1000;
/** Five failed sign-ins a minute per address, then a wait. */
const SIGN_IN_LIMIT: Limit = { max: 5, windowMs: 60_000 };
/**
 * A session's `last_seen` is written when it is older than this, not on every request: every
 * console call would otherwise be a write. The idle expiry is late by at most this much.
 */
const TOUCH_EVERY_MS = 60_000;
const SIGN_IN_BUCKET = 'console_sign_in';

export interface AgentSession {
  /**
   * The SHA-256 of the cookie's secret: what the database stores and the socket registry knows. The
   * secret itself goes to the browser once, at sign-in, and nowhere else.
   */
  readonly id: string;
  /** The name the agent typed at sign-in; shoppers see it when the agent joins. */
  readonly name: string;
}

export type SignInResult =
  | { readonly ok: true; readonly session: AgentSession; readonly secret: string }
  | { readonly ok: false; readonly reason: 'wrong_password' }
  | { readonly ok: false; readonly reason: 'rate_limited'; readonly retryAfterSeconds: number };

/**
 * The console's sessions, in the database (decision 0016 §6): an agent stays signed in across a
 * restart and on every instance, and five failed sign-ins a minute per address hold across all
 * instances, in `rate_limit_hits`.
 */
export interface ConsoleSessions {
  /** Checks the password (5 failures a minute per address, then a wait) and opens a session. */
  signIn(name: string, password: string, address: string): Promise<SignInResult>;
  /** The live session a cookie header names, if any; using it keeps it alive. */
  fromCookieHeader(header: string | undefined): Promise<AgentSession | undefined>;
  signOut(id: string): Promise<void>;
  /**
   * Called with a session's id when it ends, on whichever instance ended it (the hub carries it), so
   * the sockets it opened here can be closed.
   */
  onEnd(listener: (id: string) => void): () => void;
  /** Ends the sessions idle for longer than allowed (their console sockets close with them). */
  sweep(): Promise<void>;
  /** Which of these sessions still exist: a socket whose session is gone must close, news or not. */
  live(ids: readonly string[]): Promise<Set<string>>;
}

/**
 * `hub` carries the ends of sessions to every instance (decision 0016 §6): each ending is announced
 * inside the transaction that deletes the session (PostgreSQL: `pg_notify`, delivered at commit to
 * every instance), then told to this instance after the commit.
 */
export function createConsoleSessions(
  deps: Pick<ServerDeps, 'engine' | 'now' | 'agentPassword'>,
  hub: Pick<ChatHub, 'inTransaction' | 'sessionEnded' | 'onSessionEnded'>,
): ConsoleSessions {
  const { db } = deps.engine;
  const failures = createFailureCounter(deps.now);
  // Comparing digests of equal length keeps the comparison constant-time whatever was typed.
  const expected = sha256(deps.agentPassword);
  const digestOf = (secret: string) => sha256(`kefu-agent-session\n${secret}`);

  /**
   * Deletes the sessions `which` selects and announces their end in the same transaction, so no
   * instance misses an end that committed; then tells this instance.
   */
  async function end(which: (trx: Transaction<KefuDatabase>) => Promise<readonly { id: string }[]>): Promise<void> {
    const ids = await inTransaction(db, async (trx) => {
      const gone = (await which(trx)).map((row) => row.id);
      if (gone.length > 0) await hub.inTransaction?.(trx, { events: [], listChanged: false, endedSessions: gone });
      return gone;
    });
    for (const id of ids) hub.sessionEnded(id);
  }

  const endIdle = (now: number) =>
    end((trx) =>
      trx
        .deleteFrom('agent_sessions')
        .where('last_seen', '<', now - IDLE_MS)
        .returning('id')
        .execute(),
    );
  const endOne = (id: string) =>
    end((trx) => trx.deleteFrom('agent_sessions').where('id', '=', id).returning('id').execute());

  return {
    async signIn(name, password, address) {
      const now = deps.now();
      // Check and record in one transaction, under a lock on the address: two instances' guesses
      // share one budget, and racing guesses cannot both be the fifth.
      const refused = await inTransaction(db, async (trx): Promise<SignInResult | undefined> => {
        await lock(trx, SIGN_IN_BUCKET, address);
        const waitMs = await failures.waitMs(trx, SIGN_IN_BUCKET, address, SIGN_IN_LIMIT);
        if (waitMs > 0) {
          return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
        }
        if (sameDigest(sha256(password), expected)) return undefined;
        // Failures older than the window count for nothing: they go, so guesses from very many
        // addresses cannot grow the table beyond a minute's worth.
        await failures.purge(trx, now - SIGN_IN_LIMIT.windowMs, SIGN_IN_BUCKET);
        await failures.record(trx, SIGN_IN_BUCKET, address);
        return { ok: false, reason: 'wrong_password' };
      });
      if (refused) return refused;
      await endIdle(now);
      const secret = randomBytes(32).toString('base64url');
      const session: AgentSession = { id: digestOf(secret), name };
      await db.insertInto('agent_sessions').values({ id: session.id, name, created_at: now, last_seen: now }).execute();
      return { ok: true, session, secret };
    },

    async fromCookieHeader(header) {
      const secret = cookieValue(header, SESSION_COOKIE);
      if (secret === undefined || secret === '') return undefined;
      const id = digestOf(secret);
      const row = await db
        .selectFrom('agent_sessions')
        .select(['name', 'last_seen'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const now = deps.now();
      if (now - row.last_seen > IDLE_MS) {
        await endOne(id);
        return undefined;
      }
      if (now - row.last_seen > TOUCH_EVERY_MS) {
        await db.updateTable('agent_sessions').set({ last_seen: now }).where('id', '=', id).execute();
      }
      return { id, name: row.name };
    },

    signOut: endOne,

    sweep: () => endIdle(deps.now()),

    onEnd: (listener) => hub.onSessionEnded(listener),

    async live(ids) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('agent_sessions')
        .select('id')
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Set(rows.map((row) => row.id));
    },
  };
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
