import type { StoreConfig } from '@kefu/core';
import type { Db } from './db/database.js';
import type { Engine } from './db/engine.js';
import type { LookupLimits } from './http/rate-limit.js';

/** Everything the server's parts are built from; createApp assembles it once. */
export interface ServerDeps {
  /** The database: every query of the moved code goes through `engine.db` (Kysely). */
  readonly engine: Engine;
  /**
   * The same database's better-sqlite3 handle (`legacyHandleOf(engine)`), for the code not yet on
   * Kysely (decision 0016, steps 3–5); it goes when the last area has moved.
   */
  readonly db: Db;
  readonly config: StoreConfig;
  /** The clock; tests move it. */
  readonly now: () => number;
  /** HS256 secret the store signs identity tokens with (`sub` = its customer id). */
  readonly identitySecret: string;
  /** The agent console's password. */
  readonly agentPassword: string;
  /** Where uploaded photos are written. */
  readonly uploadsDir: string;
  /** Storefront origins allowed by CORS. */
  readonly allowedOrigins: readonly string[];
  /**
   * Behind a reverse proxy that appends the client's address to X-Forwarded-For: per-address
   * limits (order lookups, console sign-ins) then count that address instead of the proxy's.
   */
  readonly trustProxy: boolean;
  /** Failed order lookups allowed (DEFAULT_LOOKUP_LIMITS when not given). */
  readonly lookupLimits?: LookupLimits;
}
