import type { Migration } from '../migrate.js';

/**
 * The admin API's first part (issue 22, decision 0019):
 * - `api_keys`: one row per key made with `kefu-server keys create`, by the SHA-256 of the key
 *   (the key itself is shown once and never stored); `scopes` is a comma-separated list
 *   (`orders:write,articles:write,read`); times in ms, `revoked_at` set once revoked.
 * - `order_sources`: what the store last said about an order it pushed (`PUT /admin/v1/orders/{n}`),
 *   as JSON, with the `updatedAt` it carried (ms) and the digest of that body: the version an older
 *   push may not overwrite, and what an identical push is compared with. The order the widget
 *   reads stays in `orders.json`, derived from this.
 */
export const adminApiMigration: Migration = {
  id: 14,
  name: 'admin-api',
  sqlite: `
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        scopes TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at INTEGER
      );
      CREATE TABLE order_sources (
        order_id TEXT PRIMARY KEY,
        updated_at INTEGER NOT NULL,
        body_digest TEXT NOT NULL,
        json TEXT NOT NULL
      );
    `,
  postgres: `
      create table api_keys (
        id text collate "C" primary key,
        name text not null,
        key_hash text collate "C" not null unique,
        scopes text not null,
        created_at bigint not null,
        last_used_at bigint,
        revoked_at bigint
      );
      create table order_sources (
        order_id text collate "C" primary key,
        updated_at bigint not null,
        body_digest text not null,
        json text not null
      );
    `,
};
