import type Database from 'better-sqlite3';
import { openEngine, type Engine, type EngineOptions } from './engine.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database at `path` (`:memory:` for tests) and brings its
 * schema up to date, for the code that still runs better-sqlite3 statements itself (decision 0016:
 * the services move to the engine's Kysely instance from step 3). Closing the handle closes it all.
 */
export async function openDatabase(path: string): Promise<Db> {
  const engine = await openMigratedEngine(path);
  if (engine.kind !== 'sqlite') throw new Error('openDatabase opens SQLite files only.');
  return engine.sqlite;
}

/**
 * Opens the engine at `target` (a SQLite file, `:memory:`, or a `postgres://` URL) and brings its
 * schema up to date; several instances starting together on one PostgreSQL database wait for each
 * other's migrations (db/migrate.ts). `options.maxConnections` sizes a PostgreSQL pool.
 */
export async function openMigratedEngine(target: string, options: EngineOptions = {}): Promise<Engine> {
  const engine = openEngine(target, options);
  try {
    await migrate(engine, migrations);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}

/**
 * The better-sqlite3 handle of a SQLite engine, for the code not yet on Kysely (decision 0016,
 * steps 3–5). On PostgreSQL there is none: whatever still reaches for it throws, naming the gap.
 */
export function legacyHandleOf(engine: Engine): Db {
  if (engine.kind === 'sqlite') return engine.sqlite;
  return new Proxy({} as Db, {
    get(_target, property) {
      throw new Error(
        `This code still uses the better-sqlite3 handle (.${String(property)}), which PostgreSQL has not: move it to Kysely (decision 0016).`,
      );
    },
  });
}
