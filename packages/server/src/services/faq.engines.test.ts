// The help centre and the demo seed on both engines (decision 0016): the embedded SQLite and a real
// PostgreSQL cluster started for this file, where two instances' writes and syncs really overlap.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely';
import type { Article, ArticleSync } from '@kefu/core';
import { createDemoOrders, demoArticles } from '@kefu/core/seed';
import { describeOnBothEngines, openTestEngine, testStoreContext } from '../db/both-engines.test-support.js';
import { openSqliteEngine, type Engine } from '../db/engine.js';
import { migrate } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { seedDemoStore } from '../db/seed.js';
import { ApiError } from '../errors.js';
import { createFaqService, type FaqService } from './faq.js';

const english = demoArticles.filter((article) => article.locale === 'en');
const ids = (articles: readonly Article[]) => articles.map((article) => article.id);
const count = async (engine: Engine, table: 'articles' | 'orders' | 'returns' | 'article_feedback') =>
  (
    await engine.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
  ).count;

/**
 * A plugin that holds the first query `matches` picks, after the database has answered it, until
 * `release()` (or ten seconds, so a broken test ends): how a test stops one transaction midway,
 * its locks held, while another runs.
 */
function pauseAfterFirst(matches: (args: PluginTransformQueryArgs) => boolean) {
  const held = new WeakSet<object>();
  let armed = true;
  let arrive = () => {};
  let release = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (armed && matches(args)) {
        armed = false;
        held.add(args.queryId);
      }
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs) {
      if (held.has(args.queryId)) {
        arrive();
        await Promise.race([released, delay(10_000)]);
      }
      return args.result;
    },
  };
  return { plugin, arrived, release };
}

const touches = (kind: string, table: string) => (args: PluginTransformQueryArgs) =>
  args.node.kind === kind && JSON.stringify(args.node).includes(`"name":"${table}"`);

describeOnBothEngines('the help centre', (engineOf, name) => {
  let engine: Engine;
  let faq: FaqService;
  before(async () => {
    engine = engineOf();
    await seedDemoStore(engine, Date.now());
    faq = createFaqService(testStoreContext(engine));
  });

  // Each test puts back what it changed, so the next starts from the seeded help centre.
  const article = (id: string, locale = 'en'): Article => ({ ...english[0]!, id, locale, title: `Title of ${id}` });
  const delta = (since: string, locale = 'en') => faq.list(locale, since);

  it('lists a locale in the order its articles were written, an edit keeping its place', async () => {
    const first = await faq.list('en', undefined);
    assert.equal(first.full, true);
    assert.deepEqual(first.articles, english);
    // The order is not the ids' order, which an engine could fall back to.
    assert.notDeepEqual(ids(english), [...ids(english)].sort());

    await faq.upsert(article('zz-new'));
    await faq.upsert(article('aa-new'));
    await faq.upsert({ ...english[0]!, title: 'Edited' });
    const listed = (await faq.list('en', undefined)).articles;
    assert.deepEqual(ids(listed), [...ids(english), 'zz-new', 'aa-new']);
    assert.equal(listed[0]!.title, 'Edited');
    // Taken down and published again, an article comes last, as a new one does.
    await faq.remove(english[1]!.id);
    await faq.upsert(english[1]!);
    assert.deepEqual(ids((await faq.list('en', undefined)).articles).slice(-3), ['zz-new', 'aa-new', english[1]!.id]);

    await faq.remove('zz-new');
    await faq.remove('aa-new');
    await faq.upsert(english[0]!);
  });

  it('sends exactly the changes after a token: edits and additions, then deletions and moves', async () => {
    const [edited, removed, moved] = english as [Article, Article, Article];
    const start = await faq.list('en', undefined);
    assert.deepEqual(await delta(start.syncToken), { ...start, full: false, articles: [], deleted: [] });

    await faq.upsert({ ...edited, title: 'Edited' });
    const afterEdit = (await delta(start.syncToken)).syncToken;
    await faq.upsert(article('en-added'));
    await faq.remove(removed.id);
    await faq.upsert({ ...moved, locale: 'zh-CN' });

    const all = await delta(start.syncToken);
    assert.deepEqual(
      [all.full, all.articles.map((one) => [one.id, one.title]), all.deleted],
      [
        false,
        [
          [edited.id, 'Edited'],
          ['en-added', 'Title of en-added'],
        ],
        [removed.id, moved.id],
      ],
    );
    const later = await delta(afterEdit);
    assert.deepEqual([ids(later.articles), later.deleted], [['en-added'], [removed.id, moved.id]]);
    assert.deepEqual(ids((await delta(start.syncToken, 'zh-CN')).articles), [moved.id]);
    const current = await delta(all.syncToken);
    assert.deepEqual([current.articles, current.deleted, current.syncToken], [[], [], all.syncToken]);

    // A token of another database, or one past this log's end, gets everything again.
    const [epoch] = Buffer.from(all.syncToken, 'base64url').toString().split('.');
    for (const since of [
      Buffer.from('otherepoch.1').toString('base64url'),
      Buffer.from(`${epoch}.999999`).toString('base64url'),
    ]) {
      const answer = await delta(since);
      assert.equal(answer.full, true, since);
      assert.equal(answer.syncToken, all.syncToken);
    }

    await faq.upsert(edited);
    await faq.remove('en-added');
    await faq.upsert(moved);
    await faq.upsert(removed);
    assert.deepEqual(ids((await faq.list('en', undefined)).articles).sort(), ids(english).sort());
  });

  it('gets one article, 404 article_not_found for another, and searches a locale', async () => {
    assert.deepEqual(await faq.get(english[0]!.id), english[0]);
    await assert.rejects(
      faq.get('no-such-article'),
      (error: unknown) => error instanceof ApiError && error.status === 404 && error.code === 'article_not_found',
    );
    const found = await faq.search('return', 'en');
    assert.ok(found.some((one) => one.category === 'returns'));
    assert.ok(found.every((one) => one.locale === 'en'));
  });

  it('records feedback once per key, through the idempotency store, and nothing of a refused one', async () => {
    const before = await count(engine, 'article_feedback');
    // count(*) is int8 on PostgreSQL: the engine reads it as a number, as SQLite gives it.
    assert.equal(typeof before, 'number');
    const request = { route: 'POST /articles/{id}/feedback', key: `key-${name}`, hash: 'h1' };
    const first = await faq.sendFeedback(request, { helpful: true, comment: 'Clear.' }, english[0]!.id);
    assert.deepEqual(first, { status: 204, body: null, replayed: false });
    const again = await faq.sendFeedback(request, { helpful: true, comment: 'Clear.' }, english[0]!.id);
    assert.deepEqual(again, { status: 204, body: null, replayed: true });
    await assert.rejects(
      faq.sendFeedback({ ...request, key: 'other', hash: 'h2' }, { helpful: true }, 'no-such-article'),
      (error: unknown) => error instanceof ApiError && error.status === 404,
    );
    await assert.rejects(
      faq.sendFeedback(
        { ...request, key: 'bad', hash: 'h3' },
        { helpful: 'yes' as unknown as boolean },
        english[0]!.id,
      ),
      (error: unknown) => error instanceof ApiError && error.status === 422,
    );
    assert.equal(await count(engine, 'article_feedback'), before + 1);
  });

  it('seeds once when two instances start together on one database', async () => {
    const fresh = await openTestEngine(name);
    try {
      const now = Date.now();
      // On PostgreSQL these run on two connections at once: without the seed lock both find the
      // tables empty and both insert, and one fails on the articles' primary key.
      await Promise.all([seedDemoStore(fresh, now), seedDemoStore(fresh, now)]);
      await seedDemoStore(fresh, now);
      assert.equal(await count(fresh, 'articles'), demoArticles.length);
      assert.equal(await count(fresh, 'orders'), createDemoOrders(new Date(now)).length);
      const { value } = await fresh.db
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'article_position')
        .executeTakeFirstOrThrow();
      assert.equal(value, demoArticles.length);
      const english = await createFaqService(testStoreContext(fresh)).list('en', undefined);
      assert.deepEqual(ids(english.articles), ids(demoArticles.filter((one) => one.locale === 'en')));
    } finally {
      await fresh.close();
    }
  });

  // What the lock and the snapshot prevent needs two transactions at once: on SQLite a transaction
  // holds the only connection, so these two races can only happen on PostgreSQL.
  if (name !== 'PostgreSQL') return;

  /** Resolves once a session of this database waits on a lock, or `settled` has (bounded). */
  async function waitingOrDone(settled: Promise<unknown>): Promise<void> {
    let done = false;
    void settled.finally(() => (done = true)).catch(() => {});
    for (let tries = 0; tries < 500 && !done; tries += 1) {
      const { rows } = await sql<{ waiting: number }>`
        select count(*) as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'
      `.execute(engine.db);
      if (rows[0]!.waiting > 0) return;
      await delay(10);
    }
  }

  it('never lets a token skip a change that commits after a later one (the article_changes lock)', async () => {
    const [a, b] = english as [Article, Article];
    // An edit stops after writing its change, its transaction open; a removal then runs, and a
    // shopper syncs. Without the lock (in either) the removal commits with the higher seq, the
    // shopper's token names it, and the edit, committing later with the lower seq, is never sent.
    const pause = pauseAfterFirst(touches('InsertQueryNode', 'article_changes'));
    const slow = createFaqService({ ...testStoreContext(engine), db: engine.db.withPlugin(pause.plugin) });
    const edit = slow.upsert({ ...a, title: 'Edited while racing' });
    await pause.arrived;
    const removal = faq.remove(b.id);
    await waitingOrDone(removal);
    const during = await faq.list('en', undefined);
    pause.release();
    await Promise.all([edit, removal]);

    // What the shopper holds: the list of the token, then the changes after it.
    const since = await delta(during.syncToken);
    const held = new Map(during.articles.map((one) => [one.id, one.title]));
    for (const one of since.articles) held.set(one.id, one.title);
    for (const id of since.deleted) held.delete(id);
    assert.equal(held.get(a.id), 'Edited while racing');
    assert.equal(held.has(b.id), false);
    assert.deepEqual([...held.keys()].sort(), ids((await faq.list('en', undefined)).articles).sort());

    await faq.upsert(a);
    await faq.upsert(b);
  });

  it('reads a sync’s token and articles from one snapshot, whatever commits in between', async () => {
    // The sync stops after reading the log's end; an article is published meanwhile. Its list
    // must match its token: without the new article, which the next sync then sends.
    const published = ids((await faq.list('en', undefined)).articles);
    const pause = pauseAfterFirst(touches('SelectQueryNode', 'article_changes'));
    const slow = createFaqService({ ...testStoreContext(engine), db: engine.db.withPlugin(pause.plugin) });
    const sync: Promise<ArticleSync> = slow.list('en', undefined);
    await pause.arrived;
    await faq.upsert(article('en-meanwhile'));
    pause.release();
    const snapshot = await sync;
    assert.deepEqual(ids(snapshot.articles), published);
    assert.deepEqual(ids((await delta(snapshot.syncToken)).articles), ['en-meanwhile']);

    await faq.remove('en-meanwhile');
  });
});

describe('a help centre of the previous version (migration 9)', () => {
  const folders: string[] = [];
  after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('keeps its order, which was the rows’ order, and puts a new article last', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kefu-article-position-'));
    folders.push(folder);
    const path = join(folder, 'kefu.sqlite');
    const old = new Database(path);
    old.exec(readFileSync(new URL('../db/fixtures/kefu-before-0016.sql', import.meta.url), 'utf8'));
    const written = old.prepare<[], string>("SELECT id FROM articles WHERE locale = 'en' ORDER BY rowid").pluck().all();
    old.close();
    assert.ok(written.length >= 2);
    assert.notDeepEqual(written, [...written].sort(), 'the rows’ order is not the ids’ order');

    const engine = openSqliteEngine(path);
    try {
      await migrate(engine, migrations);
      const faq = createFaqService(testStoreContext(engine));
      assert.deepEqual(ids((await faq.list('en', undefined)).articles), written);
      await faq.upsert({ ...english[0]!, id: 'a-new-article' });
      assert.deepEqual(ids((await faq.list('en', undefined)).articles), [...written, 'a-new-article']);
    } finally {
      await engine.close();
    }
  });
});
