/**
 * The database engine the server runs on, chosen by its target: a file path or `:memory:` opens
 * the embedded SQLite (better-sqlite3, the default for one box), a `postgres://` URL a pool of
 * PostgreSQL connections (several instances). Both are reached through one Kysely instance typed
 * by `KefuDatabase`, so a query is written once for both (decision 0016).
 *
 * While the services move to Kysely area by area (decision 0016, "Order of work"), the SQLite
 * engine also hands out its better-sqlite3 handle, and `exclusive(fn)` runs a synchronous body on
 * the one connection Kysely's SQLite driver holds, so no Kysely transaction interleaves with it.
 */
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { Db } from './database.js';
import type { KefuDatabase } from './schema.js';

interface EngineBase {
  readonly db: Kysely<KefuDatabase>;
  /** Ends every connection; the engine cannot be used afterwards. */
  close(): Promise<void>;
}

export interface SqliteEngine extends EngineBase {
  readonly kind: 'sqlite';
  /** The better-sqlite3 handle, for the code not yet on Kysely. Use it inside `exclusive`. */
  readonly sqlite: Db;
  /** Runs a synchronous body while no Kysely query or transaction holds the connection. */
  exclusive<T>(body: (sqlite: Db) => T): Promise<T>;
}

export interface PostgresEngine extends EngineBase {
  readonly kind: 'postgres';
  /** The database's URL: for a connection of its own outside the pool (the chat hub's LISTEN). */
  readonly url: string;
}

export type Engine = SqliteEngine | PostgresEngine;

export interface EngineOptions {
  /** PostgreSQL: the most connections this instance opens (default 10). */
  readonly maxConnections?: number;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * Opens the database at `target` without touching its schema: `migrate()` (db/migrate.ts) brings it
 * up to date.
 */
export function openEngine(target: string, options: EngineOptions = {}): Engine {
  return isPostgresUrl(target) ? openPostgres(target, options) : openSqliteEngine(target);
}

/**
 * Opens (creating if needed) the SQLite file; `:memory:` for tests. WAL with synchronous=NORMAL
 * survives a process crash without losing committed transactions, which is what "a restart loses
 * nothing acknowledged" needs.
 */
export function openSqliteEngine(path: string): SqliteEngine {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<KefuDatabase>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return {
    kind: 'sqlite',
    db,
    sqlite,
    // Kysely's SQLite driver has one connection behind a mutex: holding it keeps every Kysely
    // query of the process out until the synchronous body has returned.
    exclusive: (body) => db.connection().execute(async () => body(sqlite)),
    // Kysely's destroy closes the better-sqlite3 handle it was given.
    close: () => db.destroy(),
  };
}

/**
 * Kysely's SQLite driver begins a transaction DEFERRED: it takes the write lock at its first write.
 * Two processes on one file (a restart overlapping its successor, the test of two servers on one
 * database) would then both read, both try to write, and one fail with SQLITE_BUSY at once — a
 * deadlock busy_timeout cannot wait out. BEGIN IMMEDIATE takes the write lock first, so the second
 * waits (busy_timeout) and then reads what the first wrote: check-then-write stays one step across
 * processes, as it was with better-sqlite3's `.immediate()`.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * `bigint` (int8: counts, millisecond instants, identity columns) as a JavaScript number: every
 * value the server stores is far below 2^53, and the SQLite engine returns numbers too. Set on this
 * pool's connections only, not on `pg`'s global parsers, which other code in the process may use.
 */
const int8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function openPostgres(url: string, options: EngineOptions): PostgresEngine {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
  // An idle connection the server ends (a restart, a failover, pool.end() racing a shutdown) is
  // dropped by the pool, which then emits 'error': with no listener that would crash the process.
  // The next query opens another connection; a query that was running fails on its own.
  pool.on('error', () => {});
  // The pool listens only while a connection is idle. One ended while checked out (mid-request,
  // mid-transaction) also emits 'error' on its client, after failing its queries: without this
  // listener that crashed the process. The query's own error is the one the request sees, and the
  // pool drops the connection when it is released (it is no longer queryable).
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<KefuDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, url, close: () => db.destroy() };
}
