// The reference server's SQLite database, for end-to-end tests that read what a journey stored.
// Those tests run the server as `npm start` does, on its embedded SQLite.
import type { Db } from '../../packages/server/src/db/database.js';
import type { ServerDeps } from '../../packages/server/src/deps.js';

export function sqliteOf(deps: ServerDeps): Db {
  if (deps.engine.kind !== 'sqlite') throw new Error('This test reads the SQLite database npm start runs on.');
  return deps.engine.sqlite;
}
