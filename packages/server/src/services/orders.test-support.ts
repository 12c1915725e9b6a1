// For the orders and returns tests on both engines: the demo store's orders in a fresh database,
// written through Kysely, so the tests do not depend on how the demo seed is run. Not shipped
// (tsconfig.build.json leaves out *.test-support.ts).
import type { Kysely } from 'kysely';
import { normalizeEmail, normalizeOrderNumber, normalizePostalCode } from '@kefu/core/domain';
import { createDemoOrders, demoStoreConfig } from '@kefu/core/seed';
import type { KefuDatabase } from '../db/schema.js';
import { sha256 } from './crypto.js';

/** The first RMA number a return made here gets is one more than this (as in the demo seed). */
export const RMA_COUNTER_START = 4000;

/** The demo orders, dated from `now`, and the RMA counter. */
export async function insertDemoOrders(db: Kysely<KefuDatabase>, now: number): Promise<void> {
  await db.insertInto('counters').values({ name: 'rma', value: RMA_COUNTER_START }).execute();
  for (const seed of createDemoOrders(new Date(now))) {
    await db
      .insertInto('orders')
      .values({
        id: seed.order.id,
        number: normalizeOrderNumber(seed.order.number, demoStoreConfig.orderNumbers) ?? seed.order.number,
        email: seed.email,
        postal_code: seed.postalCode,
        email_digest: sha256(normalizeEmail(seed.email)),
        postal_code_digest: sha256(normalizePostalCode(seed.postalCode)),
        customer_id: seed.customerId ?? null,
        customer_name: null,
        placed_at: seed.order.placedAt,
        json: JSON.stringify(seed.order),
      })
      .execute();
  }
}
