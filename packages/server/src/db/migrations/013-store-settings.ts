import type { Migration } from '../migrate.js';

/**
 * The store's settings in the database (issue 22, decision 0018): one row (`id` 1), the settings
 * as the settings file holds them (the store configuration plus `allowedOrigins`), as JSON text,
 * with when (ms) and by whom (the console agent's name, or `settings file` / `starter settings` for
 * the first value) they were last saved. The first start stores the file's settings; after that
 * the row wins, and the agent console edits it. `id` is UNIQUE rather than the primary key: an
 * INTEGER PRIMARY KEY is SQLite's rowid, which counts as auto-incrementing where PostgreSQL's
 * would not, and the one row needs no rowid.
 */
export const storeSettingsMigration: Migration = {
  id: 13,
  name: 'store-settings',
  sqlite: `
      CREATE TABLE store_settings (
        id INTEGER NOT NULL UNIQUE CHECK (id = 1),
        json TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      );
    `,
  postgres: `
      create table store_settings (
        id integer not null unique check (id = 1),
        json text not null,
        updated_at bigint not null,
        updated_by text not null
      );
    `,
};
