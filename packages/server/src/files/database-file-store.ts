import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import type { FileStore } from './file-store.js';

/**
 * The bytes in the table `upload_blobs` (migration 12: BLOB on SQLite, bytea on PostgreSQL), one
 * row per upload, inserted in the transaction that inserts the upload's row: both commit or
 * neither does, and every instance on the database reads them. A row holds at most one upload's
 * bytes, which the upload routes already bound (the return policy's photo size, 10 MB for a chat
 * attachment). `earlier`, when given, is read for ids without a row: files written to a directory
 * before the store moved to the database.
 */
export function createDatabaseFileStore(
  db: Kysely<KefuDatabase>,
  options: { readonly earlier?: FileStore } = {},
): FileStore & { readonly kind: 'database' } {
  return {
    kind: 'database',
    location: 'the database (table upload_blobs)',

    async stage(id, bytes) {
      return {
        async keep(trx) {
          // A Buffer over the same memory: better-sqlite3 binds Buffers as BLOBs, pg as bytea.
          const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          await trx.insertInto('upload_blobs').values({ id, bytes: data }).execute();
        },
        async discard() {
          // Nothing was written outside the transaction: its rollback took the row with it.
        },
      };
    },

    async read(id) {
      const row = await db.selectFrom('upload_blobs').select('bytes').where('id', '=', id).executeTakeFirst();
      if (row) return row.bytes;
      return options.earlier?.read(id);
    },
  };
}
