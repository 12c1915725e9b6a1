import { randomBytes } from 'node:crypto';
import type { Order, ReturnItemInput, ReturnRecord, StoreConfig } from '@kefu/core';
import { normalizeEmail, normalizeOrderNumber, normalizePostalCode, seedReasonFor } from '@kefu/core/domain';
import { createDemoOrders, demoArticles, demoStoreConfig, type SeedOrder } from '@kefu/core/seed';
import { sha256 } from '../services/crypto.js';
import { insertArticle } from '../services/faq.js';
import type { Engine } from './engine.js';
import { inTransaction, lock, type Executor } from './tx.js';

/** RMA numbers of returns made here start after this one (RMA-4001, …), as in the memory backend. */
const FIRST_RMA_NUMBER = 4000;

/**
 * The names the demo's orders were placed under, by their email (the seed's customers, each with
 * one email): what the agent console shows beside the email. Shoppers are never sent them.
 */
export const demoCustomerNames: Readonly<Record<string, string>> = {
  'ana.garcia@example.com': 'Ana Garcia',
  'oliver.bennett@example.com': 'Oliver Bennett',
  'lena.schmidt@example.com': 'Lena Schmidt',
  'james.walker@example.com': 'James Walker',
  'priya.patel@example.com': 'Priya Patel',
  'sophie.martin@example.com': 'Sophie Martin',
  'javier.lopez@example.com': 'Javier Lopez',
  'camille.dubois@example.com': 'Camille Dubois',
  'wang.fang@example.cn': 'Wang Fang',
};

/**
 * What every store needs before its first request, demo or not: the FAQ's sync epoch and the
 * counter RMA numbers are taken from. Inserted once; a restart keeps them.
 */
async function prepareStoreRows(trx: Executor): Promise<void> {
  await trx
    .insertInto('store_meta')
    .values({ key: 'faq_epoch', value: randomBytes(4).toString('hex') })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  await trx
    .insertInto('counters')
    .values({ name: 'rma', value: FIRST_RMA_NUMBER })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
}

/**
 * Readies a store that starts without the demo (`kefu-server` without `--demo`): its own settings,
 * no orders, no articles. Under the `seed` lock, like seedDemoStore, for instances starting together.
 */
export async function seedEmptyStore(engine: Engine): Promise<void> {
  await inTransaction(engine.db, async (trx) => {
    await lock(trx, 'seed', '');
    await prepareStoreRows(trx);
  });
}

/** Whether the store has neither orders nor help articles: a start says how to load some. */
export async function storeIsEmpty(engine: Engine): Promise<boolean> {
  for (const table of ['orders', 'articles'] as const) {
    const row = await engine.db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row) return false;
  }
  return true;
}

/**
 * Fills an empty database with the demo store (Maple & Moss: the same help centre and orders the
 * backend-free demo shows); what `kefu-server --demo`, `npm start` and the tests run on. Once: a
 * database that already has articles or orders keeps them, so a restart keeps what shoppers did.
 * Orders are dated relative to `now`.
 *
 * One transaction, on either engine, under the `seed` lock: instances starting together on one
 * PostgreSQL database queue there, and the later ones find the store already seeded. (On SQLite
 * the transaction holds the only connection, which is the lock.)
 */
export async function seedDemoStore(engine: Engine, now: number, config: StoreConfig = demoStoreConfig): Promise<void> {
  await inTransaction(engine.db, async (trx) => {
    await lock(trx, 'seed', '');
    const isEmpty = async (table: 'articles' | 'orders') => {
      const { count } = await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      return count === 0;
    };
    const noArticles = await isEmpty('articles');
    const noOrders = await isEmpty('orders');
    await prepareStoreRows(trx);

    if (noArticles) for (const article of demoArticles) await insertArticle(trx, article);

    const seedOrders = createDemoOrders(new Date(now));
    if (noOrders) {
      for (const seed of seedOrders) await insertOrder(trx, seed, config);
      for (const seed of seedOrders) await insertSeededReturns(trx, seed.order, config);
    }

    // A database seeded before orders had names (migration 8): its demo orders get theirs now.
    // Only a demo order still under its seeded email and without a name is touched.
    for (const seed of seedOrders) {
      const customerName = demoCustomerNames[seed.email];
      if (customerName === undefined) continue;
      await trx
        .updateTable('orders')
        .set({ customer_name: customerName })
        .where('id', '=', seed.order.id)
        .where('email', '=', seed.email)
        .where('customer_name', 'is', null)
        .execute();
    }
  });
}

/** Stores an order; its customer's name is `customerName`, else the demo's name for its email, if any. */
export async function insertOrder(
  executor: Executor,
  seed: SeedOrder & { readonly customerName?: string },
  config: StoreConfig = demoStoreConfig,
): Promise<void> {
  await executor
    .insertInto('orders')
    .values({
      id: seed.order.id,
      // Kept as lookups normalize what shoppers type, so the two meet.
      number: normalizeOrderNumber(seed.order.number, config.orderNumbers) ?? seed.order.number,
      email: seed.email,
      postal_code: seed.postalCode,
      email_digest: sha256(normalizeEmail(seed.email)),
      postal_code_digest: sha256(normalizePostalCode(seed.postalCode)),
      customer_id: seed.customerId ?? null,
      customer_name: seed.customerName ?? demoCustomerNames[seed.email] ?? null,
      placed_at: seed.order.placedAt,
      json: JSON.stringify(seed.order),
    })
    .execute();
}

/**
 * The records behind the return summaries the demo orders come with (MM-1006 has RMA-3001), so
 * GET /returns/{id} and the console know them: the lines are what the order says went back.
 */
async function insertSeededReturns(trx: Executor, order: Order, config: StoreConfig): Promise<void> {
  const [summary, ...others] = order.returns;
  // With several summaries the order cannot say which line went back with which; none has that.
  if (!summary || others.length > 0) return;
  const items: ReturnItemInput[] = order.items.flatMap((item) => {
    const returned =
      item.notReturnableReason === 'already_returned' || item.returnableQuantity > 0
        ? item.quantity - item.returnableQuantity
        : 0;
    return returned > 0
      ? [{ itemId: item.id, quantity: returned, reason: seedReasonFor(config.returnPolicy, item), photoIds: [] }]
      : [];
  });
  const record: ReturnRecord = {
    id: summary.id,
    rma: summary.rma,
    orderId: order.id,
    status: summary.status,
    items,
    resolution: 'refund',
    createdAt: summary.createdAt,
    ...(summary.status === 'approved'
      ? { labelUrl: `https://maple-and-moss.example/returns/${summary.rma}/label.pdf` }
      : {}),
  };
  await trx
    .insertInto('returns')
    .values({
      id: record.id,
      rma: record.rma,
      order_id: record.orderId,
      status: record.status,
      created_at: record.createdAt,
      json: JSON.stringify(record),
    })
    .execute();
}
