/**
 * Transactions written once for both engines (decision 0016, §2 and §4).
 *
 * Rule: inside `inTransaction`, query through the `trx` it hands you, never the outer `db`. On
 * SQLite the outer `db` waits for the one connection the transaction holds (the test hangs and its
 * timeout names it); on PostgreSQL it would run outside the transaction, silently.
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { KefuDatabase } from './schema.js';

/** Where a query runs: the database, or a transaction a caller already opened. */
export type Executor = Kysely<KefuDatabase> | Transaction<KefuDatabase>;

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

/**
 * Runs `work` in the executor's transaction when it is one (an idempotency record around a chat
 * start, say), else in a new one, committed when `work` resolves and rolled back when it throws.
 * `isolation` applies to a new transaction on PostgreSQL; SQLite's transactions are serializable.
 */
export function inTransaction<T>(
  executor: Executor,
  work: (trx: Transaction<KefuDatabase>) => Promise<T>,
  options: { readonly isolation?: IsolationLevel } = {},
): Promise<T> {
  if (executor.isTransaction) return work(executor as Transaction<KefuDatabase>);
  const builder = executor.transaction();
  return (options.isolation ? builder.setIsolationLevel(options.isolation) : builder).execute(work);
}

/**
 * Serializes the transactions that check and then write the same thing (a callback slot's last
 * place, one client's lookup budget): on PostgreSQL a transaction-scoped advisory lock on
 * `scope:key`, held until commit or rollback, across every instance on the database. On SQLite
 * nothing is needed: a transaction already holds the process's only connection.
 */
export async function lock(trx: Transaction<KefuDatabase>, scope: string, key: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${scope}:${key}`}, 0))`.execute(trx);
}

/** A unique index refused the insert (SQLite's SQLITE_CONSTRAINT_UNIQUE, PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
