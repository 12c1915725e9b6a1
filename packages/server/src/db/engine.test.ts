// The data layer's engine and transaction helpers do the same on both engines (decision 0016):
// the embedded SQLite and a real PostgreSQL cluster started for this file (test/support/postgres.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startPostgres, type PostgresCluster } from '../../../../test/support/postgres.js';
import { openEngine, type Engine } from './engine.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { inTransaction, isUniqueViolation, lock } from './tx.js';

let cluster: PostgresCluster;
before(async () => {
  cluster = await startPostgres();
});
after(() => cluster?.stop());

const engines = {
  SQLite: () => openEngine(':memory:'),
  PostgreSQL: () => openEngine(cluster.url),
} as const;

for (const [name, open] of Object.entries(engines)) {
  describe(`the ${name} engine`, () => {
    let engine: Engine;
    before(async () => {
      engine = open();
      await migrate(engine, migrations);
    });
    after(() => engine?.close());

    it(`is the ${name === 'SQLite' ? 'sqlite' : 'postgres'} kind, chosen by its target`, () => {
      assert.equal(engine.kind, name === 'SQLite' ? 'sqlite' : 'postgres');
    });

    it('writes and reads a row; a bigint column comes back as a number', async () => {
      const big = 1_765_000_000_000; // a millisecond instant: past 2^31, as every stored instant is
      await engine.db.insertInto('counters').values({ name: 'instant', value: big }).execute();
      const row = await engine.db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'instant')
        .executeTakeFirstOrThrow();
      assert.equal(row.value, big);
      assert.equal(typeof row.value, 'number');
      const { count } = await engine.db
        .selectFrom('counters')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('name', '=', 'instant')
        .executeTakeFirstOrThrow();
      assert.equal(count, 1);
    });

    it('rolls back a transaction whose work throws, and a nested one with it', async () => {
      await assert.rejects(
        inTransaction(engine.db, async (trx) => {
          await trx.insertInto('store_meta').values({ key: 'outer', value: '1' }).execute();
          await inTransaction(trx, async (inner) => {
            await inner.insertInto('store_meta').values({ key: 'inner', value: '1' }).execute();
          });
          throw new Error('the work failed');
        }),
        /the work failed/,
      );
      const left = await engine.db
        .selectFrom('store_meta')
        .select('key')
        .where('key', 'in', ['outer', 'inner'])
        .execute();
      assert.deepEqual(left, []);
    });

    it('commits a transaction whose work resolves, and gives back its result', async () => {
      const result = await inTransaction(
        engine.db,
        async (trx) => {
          await trx.insertInto('store_meta').values({ key: 'committed', value: 'yes' }).execute();
          return 'done';
        },
        { isolation: 'repeatable read' },
      );
      assert.equal(result, 'done');
      const row = await engine.db
        .selectFrom('store_meta')
        .select('value')
        .where('key', '=', 'committed')
        .executeTakeFirst();
      assert.equal(row?.value, 'yes');
    });

    it('tells a unique violation from other errors', async () => {
      await engine.db.insertInto('store_meta').values({ key: 'unique', value: 'a' }).execute();
      const duplicate = await engine.db
        .insertInto('store_meta')
        .values({ key: 'unique', value: 'b' })
        .execute()
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.ok(duplicate, 'the second insert of one key fails');
      assert.equal(isUniqueViolation(duplicate), true);
      const other = await sql`select * from no_such_table`.execute(engine.db).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(other);
      assert.equal(isUniqueViolation(other), false);
    });

    it('serializes two check-then-write transactions that take the same lock: no update is lost', async () => {
      await engine.db.insertInto('counters').values({ name: 'race', value: 0 }).execute();
      let secondAsked!: () => void;
      const secondHasAsked = new Promise<void>((resolve) => (secondAsked = resolve));
      const increment = (onLocked: () => Promise<void>) =>
        inTransaction(engine.db, async (trx) => {
          await lock(trx, 'counter', 'race');
          const { value } = await trx
            .selectFrom('counters')
            .select('value')
            .where('name', '=', 'race')
            .executeTakeFirstOrThrow();
          await onLocked();
          await trx
            .updateTable('counters')
            .set({ value: value + 1 })
            .where('name', '=', 'race')
            .execute();
        });
      const first = increment(async () => {
        // Hold the lock, having read 0, until the second transaction is waiting for it.
        await secondHasAsked;
        await waitingForTheLock(engine);
      });
      const second = (async () => {
        const done = increment(async () => {});
        secondAsked();
        await done;
      })();
      await Promise.all([first, second]);
      const { value } = await engine.db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'race')
        .executeTakeFirstOrThrow();
      assert.equal(value, 2, 'each transaction read what the other committed');
    });
  });
}

describe('the PostgreSQL engine, when the server ends a connection', () => {
  it('drops the idle connection the server closed (a restart, a failover) and opens another for the next query', async () => {
    const engine = openEngine(cluster.url, { maxConnections: 1 });
    const admin = openEngine(cluster.url, { maxConnections: 1 });
    const backendPid = async () =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(engine.db)).rows[0]?.pid;
    try {
      const first = await backendPid();
      await sql`select pg_terminate_backend(${first}::int)`.execute(admin.db);
      // Until the pool has seen the connection end (bounded): a query may still pick it up and fail.
      for (let attempt = 0; attempt < 200; attempt++) {
        const pid = await backendPid().catch(() => undefined);
        if (pid !== undefined && pid !== first) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.fail('no new connection after the server closed the first');
    } finally {
      await admin.close();
      await engine.close();
    }
  });

  it('fails only the transaction whose connection the server ended mid-way; the process goes on', async () => {
    // Found by chat/kill-runs.test.ts: a checked-out connection that ends emits 'error' on its
    // client, which the pool does not listen to; unheard, it crashed the process (the instance).
    const engine = openEngine(cluster.url, { maxConnections: 1 });
    const admin = openEngine(cluster.url, { maxConnections: 1 });
    try {
      await assert.rejects(
        inTransaction(engine.db, async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await sql`select pg_terminate_backend(${rows[0]?.pid}::int)`.execute(admin.db);
          await sql`select 1`.execute(trx);
        }),
      );
      // Bounded: the pool drops the ended connection and opens another.
      for (let attempt = 0; attempt < 200; attempt++) {
        const answer = await sql<{ one: number }>`select 1 as one`.execute(engine.db).catch(() => undefined);
        if (answer?.rows[0]?.one === 1) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.fail('no query worked after the connection ended');
    } finally {
      await admin.close();
      await engine.close();
    }
  });
});

/**
 * On PostgreSQL, until the second transaction waits on the advisory lock (seen from a connection of
 * its own, in pg_locks; bounded). On SQLite the second waits for the process's one connection,
 * which the first holds: nothing to see, nothing to wait for.
 */
async function waitingForTheLock(engine: Engine): Promise<void> {
  if (engine.kind !== 'postgres') return;
  const observer = openEngine(cluster.url, { maxConnections: 1 });
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted
      `.execute(observer.db);
      if (rows[0]?.waiting === 1) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.fail('the second transaction never waited for the advisory lock');
  } finally {
    await observer.close();
  }
}
