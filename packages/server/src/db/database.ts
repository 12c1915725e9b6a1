import type Database from 'better-sqlite3';
import { isPostgresUrl, openSqliteEngine, type SqliteEngine } from './engine.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database at `path` (`:memory:` for tests) and brings its
 * schema up to date, for the code that still runs better-sqlite3 statements itself (decision 0016:
 * the services move to the engine's Kysely instance from step 3). Closing the handle closes it all.
 */
export async function openDatabase(path: string): Promise<Db> {
  return (await openMigratedEngine(path)).sqlite;
}

/**
 * Opens the engine at `target` and brings its schema up to date. While the services move to Kysely
 * (decision 0016, steps 3–5) the server runs on SQLite only: code not yet moved uses the
 * better-sqlite3 handle beside the Kysely instance.
 */
export async function openMigratedEngine(target: string): Promise<SqliteEngine> {
  if (isPostgresUrl(target)) {
    throw new Error('The server runs on SQLite until PostgreSQL is wired in (decision 0016, step 6).');
  }
  const engine = openSqliteEngine(target);
  try {
    await migrate(engine, migrations);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}
