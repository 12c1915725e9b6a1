import { randomBytes } from 'node:crypto';
import type { Order, ReturnItemInput, ReturnRecord, StoreConfig } from '@kefu/core';
import { normalizeEmail, normalizeOrderNumber, normalizePostalCode, seedReasonFor } from '@kefu/core/domain';
import { createDemoOrders, demoArticles, demoStoreConfig, type SeedOrder } from '@kefu/core/seed';
import { sha256 } from '../services/crypto.js';
import type { Db } from './database.js';
import type { Engine } from './engine.js';

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
 * The demo store (Maple & Moss) in an empty database; what `npm start` and the tests run on. The
 * body still runs on the better-sqlite3 handle until the seed moves to Kysely (decision 0016).
 */
export async function seedDemoStore(engine: Engine, now: number, config: StoreConfig = demoStoreConfig): Promise<void> {
  if (engine.kind !== 'sqlite')
    throw new Error('The demo seed runs on SQLite until it moves to Kysely (decision 0016).');
  seedDatabase(engine.sqlite, now, config);
}

/**
 * Fills an empty database with the demo store (the same help centre and orders the backend-free
 * demo shows), once: a database that already has articles or orders is left as it is, so a
 * restart keeps what shoppers did. Orders are dated relative to `now`.
 */
export function seedDatabase(db: Db, now: number, config: StoreConfig = demoStoreConfig): void {
  db.transaction(() => {
    db.prepare("INSERT OR IGNORE INTO store_meta (key, value) VALUES ('faq_epoch', ?)").run(
      randomBytes(4).toString('hex'),
    );
    db.prepare("INSERT OR IGNORE INTO counters (name, value) VALUES ('rma', ?)").run(FIRST_RMA_NUMBER);

    if (db.prepare('SELECT count(*) FROM articles').pluck().get() === 0) {
      const insert = db.prepare<[string, string, string]>('INSERT INTO articles (id, locale, json) VALUES (?, ?, ?)');
      for (const article of demoArticles) insert.run(article.id, article.locale, JSON.stringify(article));
    }

    if (db.prepare('SELECT count(*) FROM orders').pluck().get() === 0) {
      const seedOrders = createDemoOrders(new Date(now));
      for (const seed of seedOrders) insertOrder(db, seed, config);
      for (const seed of seedOrders) insertSeededReturns(db, seed.order, config);
    }

    // A database seeded before orders had names (migration 8): its demo orders get theirs now.
    // Only a demo order still under its seeded email and without a name is touched.
    const name = db.prepare<[string, string, string]>(
      'UPDATE orders SET customer_name = ? WHERE id = ? AND email = ? AND customer_name IS NULL',
    );
    for (const seed of createDemoOrders(new Date(now))) {
      const customerName = demoCustomerNames[seed.email];
      if (customerName !== undefined) name.run(customerName, seed.order.id, seed.email);
    }
  })();
}

/** Stores an order; its customer's name is `customerName`, else the demo's name for its email, if any. */
export function insertOrder(
  db: Db,
  seed: SeedOrder & { readonly customerName?: string },
  config: StoreConfig = demoStoreConfig,
): void {
  db.prepare(
    `INSERT INTO orders (id, number, email, postal_code, email_digest, postal_code_digest, customer_id, customer_name, placed_at, json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    seed.order.id,
    // Kept as lookups normalize what shoppers type, so the two meet.
    normalizeOrderNumber(seed.order.number, config.orderNumbers) ?? seed.order.number,
    seed.email,
    seed.postalCode,
    sha256(normalizeEmail(seed.email)),
    sha256(normalizePostalCode(seed.postalCode)),
    seed.customerId ?? null,
    seed.customerName ?? demoCustomerNames[seed.email] ?? null,
    seed.order.placedAt,
    JSON.stringify(seed.order),
  );
}

/**
 * The records behind the return summaries the demo orders come with (MM-1006 has RMA-3001), so
 * GET /returns/{id} and the console know them: the lines are what the order says went back.
 */
function insertSeededReturns(db: Db, order: Order, config: StoreConfig): void {
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
  db.prepare('INSERT INTO returns (id, rma, order_id, status, created_at, json) VALUES (?, ?, ?, ?, ?, ?)').run(
    record.id,
    record.rma,
    record.orderId,
    record.status,
    record.createdAt,
    JSON.stringify(record),
  );
}
