// The migrations on both engines (decision 0016, §5): one list makes the same schema on SQLite and
// on a real PostgreSQL cluster (test/support/postgres.ts); instances started together on one
// PostgreSQL database apply each migration once; a SQLite file of the previous version migrates and
// keeps what it holds.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { ChatMessage, Order } from '@kefu/core';
import { startPostgres, type PostgresCluster } from '../../../../test/support/postgres.js';
import { call, tinyPng } from '../routes/test-helpers.js';
import { startServer } from '../server.js';
import { openDatabase } from './database.js';
import { openEngine, openSqliteEngine, type Engine, type PostgresEngine } from './engine.js';
import { migrate, type Migration } from './migrate.js';
import { migrations } from './migrations/index.js';
import type { KefuDatabase } from './schema.js';

let cluster: PostgresCluster;
before(async () => {
  cluster = await startPostgres();
});
after(() => cluster?.stop());

/** A database of its own in the test cluster, for one test. */
async function freshPostgres(name: string): Promise<string> {
  const admin = openEngine(cluster.url, { maxConnections: 1 });
  try {
    await sql`create database ${sql.id(name)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.href;
}

const ids = (list: readonly Migration[]) => list.map((migration) => migration.id);

interface ColumnShape {
  readonly type: string;
  readonly nullable: boolean;
  readonly autoIncrementing: boolean;
}

/**
 * Each table's columns as both engines can be compared: SQLite declares INTEGER for what
 * PostgreSQL stores as integer or bigint, and lets a text primary key hold NULL (an old SQLite
 * quirk) where PostgreSQL cannot, so a primary-key column counts as NOT NULL on both.
 */
async function schemaOf(engine: Engine): Promise<Record<string, Record<string, ColumnShape>>> {
  const types: Record<string, string> = {
    integer: 'integer',
    int4: 'integer',
    int8: 'integer',
    text: 'text',
    // An upload's bytes (migration 12).
    blob: 'bytes',
    bytea: 'bytes',
  };
  const tables = await engine.db.introspection.getTables();
  const schema: Record<string, Record<string, ColumnShape>> = {};
  for (const table of tables) {
    const keyColumns = new Set(
      engine.kind === 'sqlite'
        ? engine.sqlite
            .prepare<[string], string>('SELECT name FROM pragma_table_info(?) WHERE pk > 0')
            .pluck()
            .all(table.name)
        : [],
    );
    schema[table.name] = Object.fromEntries(
      table.columns.map((column) => [
        column.name,
        {
          type: types[column.dataType.toLowerCase()] ?? `unmapped ${column.dataType}`,
          nullable: column.isNullable && !keyColumns.has(column.name),
          autoIncrementing: column.isAutoIncrementing,
        },
      ]),
    );
  }
  return schema;
}

/** The indexes the migrations create by name (not those behind a primary key or UNIQUE). */
async function indexesOf(engine: Engine): Promise<string[]> {
  if (engine.kind === 'sqlite') {
    const tables = engine.sqlite
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all();
    return tables
      .flatMap((table) =>
        engine.sqlite
          .prepare<[string], { name: string; unique: number; origin: string; partial: number }>(
            'SELECT name, "unique", origin, partial FROM pragma_index_list(?)',
          )
          .all(table)
          .filter((index) => index.origin === 'c')
          .map((index) => `${table}.${index.name} unique=${index.unique} partial=${index.partial}`),
      )
      .sort();
  }
  const { rows } = await sql<{ description: string }>`
    select t.relname || '.' || c.relname || ' unique=' || i.indisunique::int || ' partial=' || (i.indpred is not null)::int
      as description
    from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema()
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
  `.execute(engine.db);
  return rows.map((row) => row.description).sort();
}

describe('the migrations on both engines', () => {
  let sqlite: Engine;
  let postgres: PostgresEngine;
  before(async () => {
    sqlite = openEngine(':memory:');
    postgres = openEngine(await freshPostgres('kefu_schema')) as PostgresEngine;
    assert.deepEqual(await migrate(sqlite, migrations), ids(migrations));
    assert.deepEqual(await migrate(postgres, migrations), ids(migrations));
  });
  after(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it('make the same tables, with the same columns, types and nullability', async () => {
    const onSqlite = await schemaOf(sqlite);
    const onPostgres = await schemaOf(postgres);
    assert.ok(Object.keys(onSqlite).length >= 19, 'every table of the store and the chat');
    assert.deepEqual(onPostgres, onSqlite);
  });

  it('make the same indexes, unique and partial where SQLite’s are', async () => {
    const onSqlite = await indexesOf(sqlite);
    assert.ok(onSqlite.includes('chat_messages.chat_messages_by_client_id unique=1 partial=1'));
    assert.deepEqual(await indexesOf(postgres), onSqlite);
  });

  it('collate every indexed text column of PostgreSQL bytewise ("C"), so pages and ties come out as on SQLite', async () => {
    const { rows } = await sql<{ column: string; collation: string }>`
      select distinct t.relname || '.' || a.attname as column, coll.collname as collation
      from pg_index i
      join pg_class t on t.oid = i.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = any (i.indkey)
      join pg_collation coll on coll.oid = a.attcollation
      where n.nspname = current_schema() and a.atttypid = 'text'::regtype
    `.execute(postgres.db);
    assert.ok(rows.some((row) => row.column === 'chat_conversations.updated_at'));
    assert.deepEqual(
      rows.filter((row) => row.collation !== 'C'),
      [],
    );
    // What that buys: mixed-case ids sort as SQLite sorts them (upper case first).
    for (const engine of [sqlite, postgres]) {
      await engine.db
        .insertInto('store_meta')
        .values(['b', 'B', 'a', 'A', '_'].map((key) => ({ key: `order_${key}`, value: '' })))
        .execute();
      const keys = await engine.db
        .selectFrom('store_meta')
        .select('key')
        .where('key', 'like', 'order_%')
        .orderBy('key')
        .execute();
      assert.deepEqual(
        keys.map((row) => row.key),
        ['order_A', 'order_B', 'order__', 'order_a', 'order_b'],
        engine.kind,
      );
    }
  });

  it('refuse the same rows on both: CHECKs, a second shopper message with one client id', async () => {
    for (const engine of [sqlite, postgres]) {
      const conversation = {
        id: 'c_1',
        token_hash: 'h',
        status: 'open' as const,
        shopper_name: 'Ana',
        shopper_email: 'ana@example.com',
        topic: 'Help',
        created_at: '2026-01-01T00:00:00.000Z',
      };
      await assert.rejects(
        engine.db
          .insertInto('chat_conversations')
          .values({ ...conversation, status: 'lost' as 'open' })
          .execute(),
        /check/i,
        engine.kind,
      );
      await engine.db.insertInto('chat_conversations').values(conversation).execute();
      const message = (seq: number, clientId: string | null) => ({
        id: `m_${seq}`,
        conversation_id: 'c_1',
        seq,
        author: 'shopper' as const,
        client_id: clientId,
        text: 'Hello',
        created_at: '2026-01-01T00:00:00.000Z',
      });
      // Messages without a client id are not unique by it: the index is partial.
      await engine.db
        .insertInto('chat_messages')
        .values([message(1, null), message(2, null), message(3, 'k')])
        .execute();
      await assert.rejects(
        engine.db.insertInto('chat_messages').values(message(4, 'k')).execute(),
        /unique|duplicate/i,
        engine.kind,
      );
    }
  });
});

describe('migrate() on PostgreSQL', () => {
  it('lets two instances started together apply each migration once, the second waiting for the first', async () => {
    const url = await freshPostgres('kefu_concurrent');
    const first = openEngine(url);
    const second = openEngine(url);
    let runs = 0;
    // The last migration holds its transaction until the other instance is seen waiting for a lock,
    // so the two really overlap, whichever takes the migration lock first.
    const probe: Migration = {
      id: 1000,
      name: 'probe',
      sqlite: 'SELECT 1',
      postgres: async (trx: Transaction<KefuDatabase>) => {
        runs += 1;
        for (let attempt = 0; attempt < 200; attempt++) {
          const { rows } = await sql<{ waiting: number }>`
            select count(*)::int as waiting from pg_locks where not granted
          `.execute(trx);
          if ((rows[0]?.waiting ?? 0) > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        assert.fail('the other instance never waited for the first');
      },
    };
    const list = [...migrations, probe];
    try {
      const applied = await Promise.all([migrate(first, list), migrate(second, list)]);
      assert.equal(runs, 1);
      assert.deepEqual(
        applied.map((done) => done.length).sort((a, b) => a - b),
        [0, list.length],
        'one applied them all, the other found nothing left to do',
      );
      const recorded = await first.db.selectFrom('migrations').select('id').orderBy('id').execute();
      assert.deepEqual(
        recorded.map((row) => row.id),
        ids(list),
      );
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('applies all pending migrations or none: a failing one leaves no table behind', async () => {
    const engine = openEngine(await freshPostgres('kefu_all_or_nothing'));
    const broken: Migration = { id: 1001, name: 'broken', sqlite: 'SELECT 1', postgres: 'select * from no_such_table' };
    try {
      await assert.rejects(migrate(engine, [...migrations, broken]), /no_such_table/);
      assert.deepEqual(await engine.db.introspection.getTables(), []);
      assert.deepEqual(await migrate(engine, migrations), ids(migrations), 'and it can try again');
    } finally {
      await engine.close();
    }
  });
});

describe('migrate() on SQLite', () => {
  it('keeps each migration in its own transaction: those before a failing one stay applied', async () => {
    const engine = openSqliteEngine(':memory:');
    const broken: Migration = {
      id: 1001,
      name: 'broken',
      sqlite: 'CREATE TABLE half_done (id TEXT); SELECT * FROM no_such_table',
      postgres: 'select 1',
    };
    try {
      await assert.rejects(migrate(engine, [...migrations, broken]), /no_such_table/);
      const recorded = await engine.db.selectFrom('migrations').select('id').orderBy('id').execute();
      assert.deepEqual(
        recorded.map((row) => row.id),
        ids(migrations),
      );
      const tables = (await engine.db.introspection.getTables()).map((table) => table.name);
      assert.ok(tables.includes('chat_conversations'));
      assert.ok(!tables.includes('half_done'), 'the failing migration is rolled back');
    } finally {
      await engine.close();
    }
  });
});

/**
 * db/fixtures/kefu-before-0016.sql, a data folder's database written by the previous version, and
 * what that version answered the shopper when it was made (its header says how): the clock, the
 * tokens and ids the shopper was given.
 */
const previous = {
  sql: readFileSync(new URL('./fixtures/kefu-before-0016.sql', import.meta.url), 'utf8'),
  now: Date.parse('2026-12-07T12:00:00.000Z'),
  accessToken: 'SnpdsS4Y4aHwJ7ZcYeAhczbFBs17HMo0n1xLrayHkPw',
  returnId: 'ret_b47577b6c6cdd8fb',
  conversationId: 'c_eqtGZ07-k0kRam2b',
  conversationToken: 'EoOHYSGuRUFwru2B8ztBmqCEHeYcx3O8',
  photoId: 'upl_cbdf51f1cea57af6',
};

describe('a SQLite file of the previous version', () => {
  const folders: string[] = [];
  after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  /** A data folder holding the fixture as `kefu.sqlite`, as that version left it. */
  function previousDataFolder(): { dataDir: string; path: string } {
    const dataDir = mkdtempSync(join(tmpdir(), 'kefu-previous-'));
    folders.push(dataDir);
    const path = join(dataDir, 'kefu.sqlite');
    const db = new Database(path);
    db.exec(previous.sql);
    db.close();
    return { dataDir, path };
  }

  const rowCounts = (db: Database.Database) =>
    Object.fromEntries(
      db
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all()
        .map((table) => [table, db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get()]),
    );

  it('opens with only the later migrations to apply, every row kept, and takes the next migration', async () => {
    const { path } = previousDataFolder();
    const old = new Database(path);
    const before = rowCounts(old);
    const appliedBefore = old.prepare<[], { id: number }>('SELECT * FROM migrations ORDER BY id').all();
    old.close();
    assert.deepEqual(
      appliedBefore.map((row) => row.id),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    assert.ok(before.chat_messages === 1 && before.returns === 2 && before.store_meta === 2);

    const db = await openDatabase(path);
    const later = ids(migrations).filter((id) => id > 8);
    const appliedAfter = db.prepare<[], { id: number }>('SELECT * FROM migrations ORDER BY id').all();
    assert.deepEqual(appliedAfter.slice(0, appliedBefore.length), appliedBefore, 'none applied again');
    assert.deepEqual(
      appliedAfter.slice(appliedBefore.length).map((row) => row.id),
      later,
    );
    // Later migrations may start counters (chat arrival order, …); no other row comes or goes.
    const { migrations: migrationRows, counters, ...rest } = rowCounts(db);
    const { migrations: migrationRowsBefore, counters: countersBefore, ...restBefore } = before;
    // Tables that came with later migrations start empty; those that were there keep every row.
    assert.deepEqual(Object.fromEntries(Object.keys(restBefore).map((table) => [table, rest[table]])), restBefore);
    assert.ok(Object.keys(rest).every((table) => table in restBefore || rest[table] === 0));
    assert.equal(migrationRows, Number(migrationRowsBefore) + later.length);
    assert.ok(Number(counters) >= Number(countersBefore));
    db.close();

    const next: Migration = {
      id: Math.max(...ids(migrations)) + 1,
      name: 'next',
      sqlite: 'CREATE TABLE next_feature (id TEXT PRIMARY KEY)',
      postgres: 'create table next_feature (id text primary key)',
    };
    const engine = openSqliteEngine(previousDataFolder().path);
    try {
      assert.deepEqual(await migrate(engine, [...migrations, next]), [...later, next.id]);
    } finally {
      await engine.close();
    }
  });

  it('serves what the shopper did before the upgrade: the order with its return, the chat and its photo', async () => {
    const { dataDir } = previousDataFolder();
    // The bytes of an upload live beside the database; the fixture holds only its row.
    mkdirSync(join(dataDir, 'uploads'), { recursive: true });
    writeFileSync(join(dataDir, 'uploads', previous.photoId), tinyPng);
    const server = await startServer({ port: 0, demo: true, dataDir, now: () => previous.now });
    const base = `${server.origin}/v1`;
    try {
      const order = await call<Order>(base, 'GET', '/orders/ord_1004', { token: previous.accessToken });
      assert.equal(order.status, 200);
      assert.ok(order.body.returns.some((summary) => summary.id === previous.returnId));
      const messages = await call<{ messages: ChatMessage[] }>(
        base,
        'GET',
        `/conversations/${previous.conversationId}/messages`,
        { token: previous.conversationToken },
      );
      assert.equal(messages.status, 200);
      const [message] = messages.body.messages;
      assert.equal(message?.text, 'Here');
      const url = message?.attachments?.[0]?.url ?? '';
      assert.match(url, new RegExp(`^/files/${previous.photoId}\\?sig=`));
      // The link was signed with the key in the file: it still opens the photo.
      const photo = await fetch(`${base}${url}`);
      assert.equal(photo.status, 200);
      assert.deepEqual(new Uint8Array(await photo.arrayBuffer()), tinyPng);
    } finally {
      await server.close();
    }
  });
});
