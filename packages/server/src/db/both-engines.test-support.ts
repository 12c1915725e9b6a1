// For the server's tests of one area on both engines (decision 0016): a real PostgreSQL cluster for
// the test file, a migrated database per engine, and a StoreContext over it. Not shipped
// (tsconfig.build.json leaves out *.test-support.ts).
import { after, before, describe } from 'node:test';
import { sql } from 'kysely';
import { demoStoreConfig } from '@kefu/core/seed';
import { startPostgres, type PostgresCluster } from '../../../../test/support/postgres.js';
import { createDirectoryFileStore } from '../files/directory-file-store.js';
import { createIdempotencyStore } from '../http/idempotency.js';
import type { StoreContext } from '../services/context.js';
import { openEngine, type Engine } from './engine.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const engineNames = ['SQLite', 'PostgreSQL'] as const;
export type EngineName = (typeof engineNames)[number];

let cluster: Promise<PostgresCluster> | undefined;
let databases = 0;

/**
 * Call at the top level of a test file that uses `openTestEngine('PostgreSQL')`: the file's cluster
 * starts on first use and stops after the file's tests.
 */
export function usePostgresCluster(): void {
  after(async () => {
    const started = cluster;
    cluster = undefined;
    await (await started)?.stop();
  });
}

/**
 * A fresh, migrated database on the named engine: an in-memory SQLite, or a new database in the
 * file's PostgreSQL cluster (so tests never see each other's rows). Close it with `engine.close()`.
 */
export async function openTestEngine(name: EngineName): Promise<Engine> {
  const engine = openEngine(name === 'SQLite' ? ':memory:' : await freshPostgresDatabase());
  await migrate(engine, migrations);
  return engine;
}

/**
 * The URL of a new, empty database in this process's PostgreSQL cluster (started on first use;
 * `usePostgresCluster()` stops it after the file's tests, else the cluster's exit hook does).
 */
export async function freshPostgresDatabase(): Promise<string> {
  // npm test's node-postgres suite starts one cluster for all its files (test/support/postgres-for-suite.ts).
  const shared = process.env.KEFU_TEST_POSTGRES_URL;
  const url = shared ?? (await (cluster ??= startPostgres())).url;
  const admin = openEngine(url);
  const database = `kefu_test_${process.pid}_${(databases += 1)}`;
  try {
    await sql.raw(`create database ${database}`).execute(admin.db);
  } finally {
    await admin.close();
  }
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
}

/** What a service is built from, over `engine`. */
export function testStoreContext(engine: Engine, now: () => number = Date.now): StoreContext {
  return {
    db: engine.db,
    config: demoStoreConfig,
    now,
    files: createDirectoryFileStore(join(tmpdir(), `kefu-test-uploads-${process.pid}`, 'uploads')),
    idempotency: createIdempotencyStore(engine.db, now),
  };
}

/**
 * `describe(`${title} on SQLite`)` and the same on PostgreSQL, each with a fresh migrated database
 * (opened in `before`, closed after), which `engine()` gives inside the tests.
 */
export function describeOnBothEngines(title: string, body: (engine: () => Engine, name: EngineName) => void): void {
  usePostgresCluster();
  for (const name of engineNames) {
    describe(`${title} on ${name}`, () => {
      let engine: Engine | undefined;
      before(async () => {
        engine = await openTestEngine(name);
      });
      after(() => engine?.close());
      body(() => {
        if (!engine) throw new Error('the engine opens in before()');
        return engine;
      }, name);
    });
  }
}
