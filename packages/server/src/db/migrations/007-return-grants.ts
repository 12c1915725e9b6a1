import type { Migration } from '../migrate.js';

/**
 * Return grants (docs/decisions/0012-return-grant.md): issued with each order lookup, they let a
 * return queued offline be sent days later, and do nothing else. As with order access tokens,
 * only the SHA-256 of each grant is kept, so a copy of the database opens nothing.
 */
export const returnGrantsMigration: Migration = {
  id: 7,
  name: 'return-grants',
  sqlite: `
      CREATE TABLE return_grants (
        token_hash TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders (id),
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX return_grants_by_expiry ON return_grants (expires_at);
    `,
  postgres: `
      create table return_grants (
        token_hash text collate "C" primary key,
        order_id text collate "C" not null references orders (id),
        expires_at bigint not null
      );
      create index return_grants_by_expiry on return_grants (expires_at);
    `,
};
