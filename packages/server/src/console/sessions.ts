import { randomBytes } from 'node:crypto';
import { sha256 } from '../services/crypto.js';
import type { ServerDeps } from '../deps.js';
import type { Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock } from '../db/tx.js';
import type { ChatHub } from '../chat/hub.js';
import { createFailureCounter, type Limit } from '../http/rate-limit.js';
import type { Account, AgentRole, Agents } from '../agents/agents.js';

export const SESSION_COOKIE = 'kefu_agent';
/** A console left alone this long signs out. */
export const IDLE_MS = 12 * 60 * 60 * 1000;
/** Five failed sign-ins a minute per address, then a wait. */
const SIGN_IN_LIMIT: Limit = { max: 5, windowMs: 60_000 };
/**
 * Five failed sign-ins to one account in ten minutes, from anywhere, then a wait: guesses spread
 * over many addresses still meet this one (decision 0023). Unknown e-mails count the same way.
 */
const ACCOUNT_LIMIT: Limit = { max: 5, windowMs: 10 * 60_000 };
/**
 * A session's `last_seen` is written when it is older than this, not on every request: every
 * console call would otherwise be a write. The idle expiry is late by at most this much.
 */
const TOUCH_EVERY_MS = 60_000;
const SIGN_IN_BUCKET = 'console_sign_in';
const ACCOUNT_BUCKET = 'console_sign_in_account';

export interface AgentSession {
  /**
   * The SHA-256 of the cookie's secret: what the database stores and the socket registry knows. The
   * secret itself goes to the browser once, at sign-in, and nowhere else.
   */
  readonly id: string;
  /** The account's id. */
  readonly agentId: string;
  /** The account's display name; shoppers see it when the agent joins. */
  readonly name: string;
  readonly role: AgentRole;
}

export type SignInResult =
  | { readonly ok: true; readonly session: AgentSession; readonly secret: string }
  | { readonly ok: false; readonly reason: 'wrong_credentials' }
  | { readonly ok: false; readonly reason: 'rate_limited'; readonly retryAfterSeconds: number };

/**
 * The console's sessions, in the database (decision 0016 §6): an agent stays signed in across a
 * restart and on every instance, and five failed sign-ins a minute per address hold across all
 * instances, in `rate_limit_hits`.
 */
export interface ConsoleSessions {
  /**
   * Checks the e-mail and password (5 failures a minute per address and 5 in ten minutes per
   * account, then a wait) and opens a session. An unknown e-mail and a wrong password get the same
   * answer, in the same time.
   */
  signIn(email: string, password: string, address: string): Promise<SignInResult>;
  /** A session for an account whose password was just set (an accepted invite). */
  open(account: Account): Promise<{ session: AgentSession; secret: string }>;
  /** The live session a cookie header names, if any; using it keeps it alive. */
  fromCookieHeader(header: string | undefined): Promise<AgentSession | undefined>;
  signOut(id: string): Promise<void>;
  /** Ends every session of an agent, or every one but `except` (a changed password keeps this one). */
  endAgentSessions(agentId: string, except?: string): Promise<void>;
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
  deps: Pick<ServerDeps, 'engine' | 'now'>,
  hub: Pick<ChatHub, 'inTransaction' | 'sessionEnded' | 'onSessionEnded'>,
  agents: Pick<Agents, 'check' | 'active'>,
): ConsoleSessions {
  const { db } = deps.engine;
  const failures = createFailureCounter(deps.now);
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

  async function open(account: Account): Promise<{ session: AgentSession; secret: string }> {
    const now = deps.now();
    await endIdle(now);
    const secret = randomBytes(32).toString('base64url');
    const session: AgentSession = { id: digestOf(secret), agentId: account.id, name: account.name, role: account.role };
    await db
      .insertInto('agent_sessions')
      .values({ id: session.id, agent_id: account.id, name: account.name, created_at: now, last_seen: now })
      .execute();
    return { session, secret };
  }

  return {
    async signIn(email, password, address) {
      const now = deps.now();
      const account = email.trim().toLowerCase();
      const limited = (waitMs: number): SignInResult => ({
        ok: false,
        reason: 'rate_limited',
        retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      });
      const waitMs = async (trx: Transaction<KefuDatabase>) =>
        Math.max(
          await failures.waitMs(trx, SIGN_IN_BUCKET, address, SIGN_IN_LIMIT),
          await failures.waitMs(trx, ACCOUNT_BUCKET, account, ACCOUNT_LIMIT),
        );
      // A held-back caller is answered before the slow hash: waiting guesses cost the server nothing.
      const early = await inTransaction(db, waitMs);
      if (early > 0) return limited(early);
      // The hash runs outside any transaction (it takes a tenth of a second; SQLite has one
      // connection). Whether it matched does not change what the limits answer below.
      const matched = await agents.check(account, password);
      // Check and record in one transaction, under locks on the address and the account: two
      // instances' guesses share one budget, and racing guesses cannot both be the fifth.
      const refused = await inTransaction(db, async (trx): Promise<SignInResult | undefined> => {
        await lock(trx, SIGN_IN_BUCKET, address);
        await lock(trx, ACCOUNT_BUCKET, account);
        const wait = await waitMs(trx);
        if (wait > 0) return limited(wait);
        if (matched) return undefined;
        // Failures older than the window count for nothing: they go, so guesses from very many
        // addresses cannot grow the table beyond a window's worth.
        await failures.purge(trx, now - SIGN_IN_LIMIT.windowMs, SIGN_IN_BUCKET);
        await failures.purge(trx, now - ACCOUNT_LIMIT.windowMs, ACCOUNT_BUCKET);
        await failures.record(trx, SIGN_IN_BUCKET, address);
        await failures.record(trx, ACCOUNT_BUCKET, account);
        return { ok: false, reason: 'wrong_credentials' };
      });
      if (refused || !matched) return refused ?? { ok: false, reason: 'wrong_credentials' };
      return { ok: true, ...(await open(matched)) };
    },

    open,

    async fromCookieHeader(header) {
      const secret = cookieValue(header, SESSION_COOKIE);
      if (secret === undefined || secret === '') return undefined;
      const id = digestOf(secret);
      const row = await db
        .selectFrom('agent_sessions')
        .select(['agent_id', 'last_seen'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      // The account as it is now: a new name shows at once, a disabled account is signed out.
      const account = await agents.active(row.agent_id);
      if (!account) {
        await endOne(id);
        return undefined;
      }
      const now = deps.now();
      if (now - row.last_seen > IDLE_MS) {
        await endOne(id);
        return undefined;
      }
      if (now - row.last_seen > TOUCH_EVERY_MS) {
        await db.updateTable('agent_sessions').set({ last_seen: now }).where('id', '=', id).execute();
      }
      return { id, agentId: account.id, name: account.name, role: account.role };
    },

    signOut: endOne,

    endAgentSessions: (agentId, except) =>
      end((trx) => {
        let which = trx.deleteFrom('agent_sessions').where('agent_id', '=', agentId);
        if (except !== undefined) which = which.where('id', '!=', except);
        return which.returning('id').execute();
      }),

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
