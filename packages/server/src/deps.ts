import type { StoreConfig } from '@kefu/core';
import type { Engine } from './db/engine.js';
import type { FileStore } from './files/file-store.js';
import type { LookupLimits } from './http/rate-limit.js';
import type { LiveSettings } from './settings/live.js';
import type { WebhookWorkerOptions } from './webhooks/worker.js';

/** Everything the server's parts are built from, by `createServices` (compose.ts), once. */
export interface ServerDeps {
  /** The database (SQLite or PostgreSQL); every query goes through `engine.db` (Kysely). */
  readonly engine: Engine;
  /**
   * The store's settings as they are now: with `settings`, a getter onto `settings.current()`, so
   * read it when you need it and do not keep it (the console may change it while the server runs).
   */
  readonly config: StoreConfig;
  /**
   * The store's settings saved in the database and edited in the console (settings/live.ts).
   * Absent in deps made by hand for the REST routes alone: their `config` is then fixed.
   */
  readonly settings?: LiveSettings;
  /** The clock; tests move it. */
  readonly now: () => number;
  /** HS256 secret the store signs identity tokens with (`sub` = its customer id). */
  readonly identitySecret: string;
  /**
   * The admin API's bootstrap key (`KEFU_ADMIN_KEY`): every scope, never stored (admin/keys.ts).
   * None when not given: only keys made with `kefu-server keys create` open /admin/v1.
   */
  readonly adminKey?: string;
  /** Where uploads' bytes are kept: a directory or the database (`files/file-store.ts`). */
  readonly files: FileStore;
  /** Storefront origins allowed by CORS (with `settings`, a getter: the environment's and the settings'). */
  readonly allowedOrigins: readonly string[];
  /**
   * Behind a reverse proxy that appends the client's address to X-Forwarded-For: per-address
   * limits (order lookups, console sign-ins) then count that address instead of the proxy's.
   */
  readonly trustProxy: boolean;
  /** Failed order lookups allowed (DEFAULT_LOOKUP_LIMITS when not given). */
  readonly lookupLimits?: LookupLimits;
  /**
   * How long an agent's presence row counts without a refresh (`KEFU_PRESENCE_TTL_MS`;
   * PRESENCE_TTL_MS, 30 s, when not given): how soon a dead instance's agents stop counting.
   */
  readonly presenceTtlMs?: number;
  /**
   * Chat accepts conversations outside business hours and with no agent online; they wait in the
   * queue (the demo's and `npm start`'s setting, `KEFU_CHAT_ALWAYS_OPEN=1`). Default false.
   */
  readonly chatAlwaysOpen?: boolean;
  /**
   * How webhooks are sent (decision 0022): `allowPrivate` lets them reach loopback and private
   * addresses (`KEFU_WEBHOOKS_ALLOW_PRIVATE=1`; off by default), and tests shorten the retry waits.
   */
  readonly webhooks?: Partial<Omit<WebhookWorkerOptions, 'now' | 'log'>>;
}
