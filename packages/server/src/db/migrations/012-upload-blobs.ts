import type { Migration } from '../migrate.js';

/**
 * Uploads' bytes in the database, for the `database` file store (decision 0016 §8,
 * `files/database-file-store.ts`): one row per upload, inserted in the transaction that inserts the
 * `uploads` row it belongs to, so every instance on the database serves it and a backup of the
 * database holds it. Empty while the store keeps its uploads in a directory.
 *
 * On PostgreSQL the column is stored out of line without compression (`storage external`): photos
 * and PDFs are already compressed, and TOAST's compression would spend CPU on every write for nothing.
 */
export const uploadBlobsMigration: Migration = {
  id: 12,
  name: 'upload-blobs',
  sqlite: `
      CREATE TABLE upload_blobs (
        id TEXT PRIMARY KEY REFERENCES uploads (id) ON DELETE CASCADE,
        bytes BLOB NOT NULL
      );
    `,
  postgres: `
      create table upload_blobs (
        id text collate "C" primary key references uploads (id) on delete cascade,
        bytes bytea not null
      );
      alter table upload_blobs alter column bytes set storage external;
    `,
};
