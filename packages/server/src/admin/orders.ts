import type { Order, ReturnRecord, StoreConfig } from '@kefu/core';
import { normalizeEmail, normalizeOrderNumber, normalizePostalCode, stableJson } from '@kefu/core/domain';
import type { Kysely, Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock, type Executor } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { invalid } from '../services/context.js';
import { newId, sha256 } from '../services/crypto.js';
import { checkOrderFacts, deriveOrder, type OrderFacts } from './order-facts.js';

export type PushResult = 'created' | 'updated' | 'unchanged';

/** An order as `GET /admin/v1/orders/{number}` shows it: as the widget sees it, and as the store pushed it. */
export interface AdminOrderView {
  readonly order: Order;
  /** The facts the store last pushed, with appended events; absent for an order not pushed through the API. */
  readonly facts?: OrderFacts;
}

export interface AdminOrders {
  /** The order with this number (404 `order_not_found`). */
  get(number: string): Promise<AdminOrderView>;
  /**
   * Creates or replaces an order from the store's facts (decision 0019 says when it refuses), in
   * `executor`'s transaction when it is one (the import's batches), else in its own.
   */
  upsert(number: string, facts: OrderFacts, executor?: Executor): Promise<{ result: PushResult; order: Order }>;
  /** Adds tracking events to one shipment of an order the store pushed; events already there are skipped. */
  appendEvents(
    number: string,
    shipmentId: string,
    events: OrderFacts['shipments'][number]['events'],
  ): Promise<{ result: 'updated' | 'unchanged'; order: Order }>;
}

const orderNotFound = () => new ApiError(404, 'order_not_found', 'No order has this number.');

/**
 * The orders side of the admin API, over the orders tables the widget reads (`orders`, `returns`)
 * and `order_sources`. Each write is one transaction under the order number's lock, so two pushes
 * of one order on two instances take turns.
 */
export function createAdminOrders(db: Kysely<KefuDatabase>, config: () => StoreConfig): AdminOrders {
  const normalized = (number: string): string => {
    const value = normalizeOrderNumber(number, config().orderNumbers);
    if (value === undefined)
      throw invalid({ number: 'Not an order number of this store (its `orderNumbers` format).' });
    return value;
  };

  async function returnsOf(trx: Transaction<KefuDatabase>, orderId: string): Promise<ReturnRecord[]> {
    const rows = await trx
      .selectFrom('returns')
      .select('json')
      .where('order_id', '=', orderId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.json) as ReturnRecord);
  }

  /** Writes the derived order and its facts, at `version` (the push's `updatedAt` and digest); `created` inserts. */
  async function write(
    trx: Transaction<KefuDatabase>,
    id: string,
    number: string,
    facts: OrderFacts,
    created: boolean,
    version: { readonly updatedAt: number; readonly digest: string },
  ): Promise<Order> {
    // A new order has no returns yet: one query fewer per order of an import.
    const order = deriveOrder(id, number, facts, created ? [] : await returnsOf(trx, id), config());
    const row = {
      email: facts.customer.email,
      postal_code: facts.customer.postalCode,
      email_digest: sha256(normalizeEmail(facts.customer.email)),
      postal_code_digest: sha256(normalizePostalCode(facts.customer.postalCode)),
      customer_id: facts.customer.customerId ?? null,
      customer_name: facts.customer.name ?? null,
      placed_at: facts.placedAt,
      json: JSON.stringify(order),
    };
    const source = { updated_at: version.updatedAt, body_digest: version.digest, json: JSON.stringify(facts) };
    if (created) {
      await trx
        .insertInto('orders')
        .values({ id, number, ...row })
        .execute();
      await trx
        .insertInto('order_sources')
        .values({ order_id: id, ...source })
        .execute();
    } else {
      await trx.updateTable('orders').set(row).where('id', '=', id).execute();
      await trx
        .insertInto('order_sources')
        .values({ order_id: id, ...source })
        .onConflict((conflict) => conflict.column('order_id').doUpdateSet(source))
        .execute();
    }
    return order;
  }

  return {
    async get(rawNumber) {
      const row = await db
        .selectFrom('orders')
        .leftJoin('order_sources', 'order_sources.order_id', 'orders.id')
        .select(['orders.json as order_json', 'order_sources.json as facts_json'])
        .where('orders.number', '=', normalized(rawNumber))
        .executeTakeFirst();
      if (!row) throw orderNotFound();
      return {
        order: JSON.parse(row.order_json) as Order,
        ...(row.facts_json === null ? {} : { facts: JSON.parse(row.facts_json) as OrderFacts }),
      };
    },

    async upsert(rawNumber, facts, executor = db) {
      const number = normalized(rawNumber);
      const problems = checkOrderFacts(facts);
      if (Object.keys(problems).length > 0) throw invalid(problems);
      const digest = sha256(stableJson(facts));
      const updatedAt = Date.parse(facts.updatedAt);
      const version = { updatedAt, digest };
      return await inTransaction(executor, async (trx) => {
        await lock(trx, 'admin_order', number);
        const existing = await trx
          .selectFrom('orders')
          .leftJoin('order_sources', 'order_sources.order_id', 'orders.id')
          .select(['orders.id', 'orders.json', 'order_sources.updated_at', 'order_sources.body_digest'])
          .where('orders.number', '=', number)
          .executeTakeFirst();
        if (!existing)
          return { result: 'created' as const, order: await write(trx, newId('ord'), number, facts, true, version) };
        if (existing.updated_at !== null) {
          if (updatedAt === existing.updated_at && digest === existing.body_digest)
            return { result: 'unchanged' as const, order: JSON.parse(existing.json) as Order };
          if (updatedAt <= existing.updated_at)
            throw new ApiError(
              409,
              'stale_order',
              'The server has this order at the same or a newer updatedAt; send the order with a later updatedAt.',
              undefined,
              { currentUpdatedAt: new Date(existing.updated_at).toISOString() },
            );
        }
        return { result: 'updated' as const, order: await write(trx, existing.id, number, facts, false, version) };
      });
    },

    async appendEvents(rawNumber, shipmentId, events) {
      const number = normalized(rawNumber);
      return await inTransaction(db, async (trx) => {
        await lock(trx, 'admin_order', number);
        const existing = await trx
          .selectFrom('orders')
          .innerJoin('order_sources', 'order_sources.order_id', 'orders.id')
          .select([
            'orders.id',
            'orders.json as order_json',
            'order_sources.json as facts_json',
            'order_sources.updated_at',
            'order_sources.body_digest',
          ])
          .where('orders.number', '=', number)
          .executeTakeFirst();
        // Only orders the store pushed have facts to add to; the demo's own orders are not the API's.
        if (!existing) throw orderNotFound();
        const facts = JSON.parse(existing.facts_json) as OrderFacts;
        const shipment = facts.shipments.find((candidate) => candidate.id === shipmentId);
        if (!shipment) throw new ApiError(404, 'shipment_not_found', 'This order has no shipment with this id.');
        const known = new Set(shipment.events.map((event) => stableJson(event)));
        const added = events.filter((event) => {
          const key = stableJson(event);
          if (known.has(key)) return false;
          known.add(key);
          return true;
        });
        if (added.length === 0)
          return { result: 'unchanged' as const, order: JSON.parse(existing.order_json) as Order };
        const next: OrderFacts = {
          ...facts,
          shipments: facts.shipments.map((candidate) =>
            candidate === shipment ? { ...candidate, events: [...candidate.events, ...added] } : candidate,
          ),
        };
        // The version stays the store's last push (its `updatedAt` and digest): appended events are
        // not a new version, and a retry of that push still finds it unchanged.
        const version = { updatedAt: existing.updated_at, digest: existing.body_digest };
        return { result: 'updated' as const, order: await write(trx, existing.id, number, next, false, version) };
      });
    },
  };
}
