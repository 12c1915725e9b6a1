import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, Conversation, Order, OrderAccess } from '@kefu/core';
import { createDemoOrders } from '@kefu/core/seed';
import { openSqliteEngine } from '../db/engine.js';
import { migrate } from '../db/migrate.js';
import { migrations } from '../db/migrations/index.js';
import { demoCustomerNames, insertOrder, seedDemoStore } from '../db/seed.js';
import { type RunningServer } from '../server.js';
import { agentCookie, call, identityToken, IDENTITY_SECRET, startTestServer } from '../routes/test-helpers.js';
import type { ConsoleOrder } from './orders.js';
import type { ConsoleReturn } from './returns.js';

describe('the name an order was placed under (migration 8)', () => {
  it('adds the column to a database of the last release, and the demo orders get their names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-migration-8-'));
    try {
      const path = join(dir, 'kefu.sqlite');
      // A database as the previous release left it: migrations 1–7, the demo seeded, and one order of
      // the store's own with no name to give.
      const previous = openSqliteEngine(path);
      const old = previous.sqlite;
      await migrate(
        previous,
        migrations.filter((migration) => migration.id < 8),
      );
      const now = Date.now();
      const [demo] = createDemoOrders(new Date(now));
      assert.ok(demo);
      old
        .prepare(
          `INSERT INTO orders (id, number, email, postal_code, email_digest, postal_code_digest, customer_id, placed_at, json)
           VALUES (?, ?, ?, ?, '', '', NULL, ?, ?)`,
        )
        .run(demo.order.id, demo.order.number, demo.email, demo.postalCode, demo.order.placedAt, '{}');
      old
        .prepare(
          `INSERT INTO orders (id, number, email, postal_code, email_digest, postal_code_digest, customer_id, placed_at, json)
           VALUES ('ord_own', 'MM-9001', 'someone@shop.example', '1000', '', '', NULL, ?, '{}')`,
        )
        .run(new Date(now).toISOString());
      await previous.close();

      const engine = openSqliteEngine(path);
      await migrate(engine, migrations);
      const db = engine.sqlite;
      const nameOf = (id: string) => db.prepare('SELECT customer_name FROM orders WHERE id = ?').pluck().get(id);
      assert.equal(nameOf(demo.order.id), null, 'the migration itself invents no name');
      await seedDemoStore(engine, now);
      assert.equal(nameOf(demo.order.id), demoCustomerNames[demo.email]);
      assert.equal(nameOf('ord_own'), null, 'an order of the store’s own is left alone');
      await engine.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every demo order a name, and keeps a name given on insert', async () => {
    const engine = openSqliteEngine(':memory:');
    await migrate(engine, migrations);
    const db = engine.sqlite;
    await seedDemoStore(engine, Date.now());
    const unnamed = db.prepare('SELECT count(*) FROM orders WHERE customer_name IS NULL').pluck().get();
    assert.equal(unnamed, 0);
    const [seed] = createDemoOrders(new Date());
    assert.ok(seed);
    await insertOrder(engine.db, {
      ...seed,
      customerName: 'Ana María García',
      order: { ...seed.order, id: 'ord_named', number: 'MM-9002' },
    });
    assert.equal(
      db.prepare("SELECT customer_name FROM orders WHERE id = 'ord_named'").pluck().get(),
      'Ana María García',
    );
    await engine.close();
  });
});

describe('who asked, in the agent console; never in what a shopper is sent', () => {
  let server: RunningServer;
  let dataDir: string;
  let cookie: string;
  const [seed] = createDemoOrders(new Date()).filter(
    (candidate) =>
      candidate.customerId !== undefined &&
      candidate.order.items.some((line) => line.returnableQuantity > 0 && !line.finalSale),
  );
  assert.ok(seed, 'a demo order placed signed in, with a line to return');
  const name = demoCustomerNames[seed.email];
  assert.ok(name);

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-customer-name-'));
    server = await startTestServer({ port: 0, dataDir, identitySecret: IDENTITY_SECRET });
    cookie = await agentCookie(server);
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const agent = <T>(path: string) => call<T>(`${server.origin}/agent/api`, 'GET', path, { headers: { cookie } });

  it('shows the order’s owner by name and email in the order panel', async () => {
    const conversation = await call<Conversation>(`${server.origin}/v1`, 'POST', '/conversations', {
      key: crypto.randomUUID(),
      body: { name: 'Someone', email: 'someone@example.com', topic: 'Order', orderNumber: seed.order.number },
    });
    assert.equal(conversation.status, 201);
    const detail = await agent<{ order: ConsoleOrder }>(`/conversations/${conversation.body.id}`);
    assert.deepEqual(detail.body.order.customer, { email: seed.email, name });
    assert.equal(detail.body.order.emailMatches, false);
  });

  it('shows who asked for a return by name and email', async () => {
    const access = await call<OrderAccess>(`${server.origin}/v1`, 'POST', '/orders/lookup', {
      body: { orderNumber: seed.order.number, email: seed.email },
    });
    const item = access.body.order.items.find((line) => line.returnableQuantity > 0 && !line.finalSale);
    assert.ok(item, `${seed.order.number} has a returnable line`);
    const created = await call<{ id: string }>(`${server.origin}/v1`, 'POST', '/returns', {
      token: access.body.accessToken,
      key: crypto.randomUUID(),
      body: {
        orderId: seed.order.id,
        items: [{ itemId: item.id, quantity: 1, reason: 'changed_mind', photoIds: [] }],
        resolution: 'refund',
      },
    });
    assert.equal(created.status, 201, created.text);
    const listed = await agent<{ returns: ConsoleReturn[] }>('/returns');
    const record = listed.body.returns.find((entry) => entry.id === created.body.id);
    assert.deepEqual(record?.customer, { email: seed.email, name, customerId: seed.customerId });
  });

  it('sends the shopper their order without the name, by lookup, by id and in their list', async () => {
    const base = `${server.origin}/v1`;
    const lookup = await call<OrderAccess>(base, 'POST', '/orders/lookup', {
      body: { orderNumber: seed.order.number, email: seed.email },
    });
    assert.equal(lookup.status, 200);
    const byId = await call<Order>(base, 'GET', `/orders/${seed.order.id}`, { token: lookup.body.accessToken });
    assert.equal(byId.status, 200);
    const mine = await call<{ orders: Order[] }>(base, 'GET', '/orders', {
      token: await identityToken(seed.customerId ?? ''),
    });
    assert.equal(mine.status, 200);
    assert.ok(mine.body.orders.some((order) => order.id === seed.order.id));
    for (const answer of [lookup, byId, mine]) {
      assert.ok(!answer.text.includes(name), `no name in ${answer.text.slice(0, 80)}…`);
      assert.ok(!answer.text.includes('customerName'));
    }
  });

  it('opens the article a chat came from, in its language, for agents only', async () => {
    const { articles } = (await call<{ articles: Article[] }>(`${server.origin}/v1`, 'GET', '/articles?locale=zh-CN'))
      .body;
    const [article] = articles;
    assert.ok(article, 'the demo help centre has articles in Chinese');
    const opened = await agent<Article>(`/articles/${encodeURIComponent(article.id)}`);
    assert.equal(opened.status, 200);
    // The article as the shopper read it, with what the editor adds beside it (published, feedback).
    const asRead = Object.fromEntries(Object.keys(article).map((key) => [key, opened.body[key as keyof Article]]));
    assert.deepEqual(asRead, article);
    assert.equal(opened.headers.get('cache-control'), 'no-store');

    const missing = await agent<{ error: { code: string } }>('/articles/no-such-article');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'article_not_found');
    const stranger = await call(`${server.origin}/agent/api`, 'GET', `/articles/${encodeURIComponent(article.id)}`);
    assert.equal(stranger.status, 401);
  });
});
