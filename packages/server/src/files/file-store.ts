/**
 * Where the bytes of uploads (return photos, chat attachments) are kept: the `FileStore` port of
 * decision 0016 §8, with two adapters chosen by configuration.
 *
 * - `directory` (`directory-file-store.ts`): one file per upload in a directory. The default on
 *   SQLite (`<dataDir>/uploads`, as before); with several instances it must be a directory every
 *   instance mounts.
 * - `database` (`database-file-store.ts`): the table `upload_blobs` (migration 12), written in the
 *   same transaction as the upload's row. The default on PostgreSQL, so several instances share
 *   their uploads with nothing else to set up.
 *
 * An upload is written in two steps around the transaction that records it, so that no row ever
 * names bytes that are not there: `stage` before the transaction (the directory adapter writes and
 * syncs its file here, outside any transaction, so a slow disk holds no database connection), then
 * `keep(trx)` inside it after the row is inserted (the database adapter writes its row here), and
 * `discard()` when the transaction did not commit or the request was a replay.
 * Nothing deletes an upload today, so the port has no `remove`.
 */
import type { Transaction } from 'kysely';
import type { Engine } from '../db/engine.js';
import type { KefuDatabase } from '../db/schema.js';
import { createDatabaseFileStore } from './database-file-store.js';
import { createDirectoryFileStore } from './directory-file-store.js';

export interface FileStore {
  readonly kind: UploadStoreKind;
  /** Where the bytes go, for people: the directory's path, or the table's name. */
  readonly location: string;
  /** Makes `bytes` ready to be kept as upload `id`; called before the transaction that records it. */
  stage(id: string, bytes: Uint8Array<ArrayBuffer>): Promise<StagedFile>;
  /** The bytes of upload `id`, or undefined when this store has none under that id. */
  read(id: string): Promise<Uint8Array<ArrayBuffer> | undefined>;
}

/** Bytes staged for one upload. */
export interface StagedFile {
  /** In the transaction that inserts the upload's row, after the insert. */
  keep(trx: Transaction<KefuDatabase>): Promise<void>;
  /** The transaction rolled back, or the upload was answered from its idempotency record. */
  discard(): Promise<void>;
}

export type UploadStoreKind = 'directory' | 'database';

export const uploadStoreKinds: readonly UploadStoreKind[] = ['directory', 'database'];

/** What the server's options say about uploads. */
export interface UploadStoreChoice {
  /** Unset: `database` on PostgreSQL when no directory is given, `directory` otherwise. */
  readonly kind?: UploadStoreKind | undefined;
  /** The uploads directory, when one is given (`KEFU_UPLOADS_DIR`). */
  readonly dir?: string | undefined;
  /** The directory used when none is given: `<dataDir>/uploads`. */
  readonly defaultDir: string;
}

/**
 * The store the options ask for. On the database store, the directory that would otherwise be
 * used is still read (never written) for uploads without a row in `upload_blobs`: what an earlier
 * version, or this one before a switch to the database, wrote there stays available.
 */
export function openFileStore(engine: Engine, choice: UploadStoreChoice): FileStore {
  const dir = choice.dir ?? choice.defaultDir;
  const kind = choice.kind ?? (engine.kind === 'postgres' && choice.dir === undefined ? 'database' : 'directory');
  if (kind === 'directory') return createDirectoryFileStore(dir);
  return createDatabaseFileStore(engine.db, { earlier: createDirectoryFileStore(dir) });
}
