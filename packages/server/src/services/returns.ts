import type { ReturnInput, ReturnRecord, ReturnStatus } from '@kefu/core';
import { applyReturn, cleanReturnInput, validateReturn } from '@kefu/core/domain';
import { sql } from 'kysely';
import { inTransaction, lock, type Executor } from '../db/tx.js';
import { ApiError } from '../errors.js';
import type { Caller } from '../http/auth.js';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId } from './crypto.js';
import { notFound, throwIfInvalid, type StoreContext } from './context.js';
import type { OrdersService, StoredOrder } from './orders.js';
import type { UploadsService } from './uploads.js';
import { recordWebhookEvent, returnEventData } from '../webhooks/events.js';
import { nextCounterValue } from '../db/counters.js';
import { saveReturnStatus } from './return-reports.js';

/** A return as the agent console lists it. */
export interface AdminReturn extends ReturnRecord {
  readonly orderNumber: string;
  /** The shopper's comment on the whole return, if any. */
  readonly comment?: string;
}

export interface ReturnsService {
  /** 201 with the record; the order's returnable quantities drop in the same transaction. */
  create(
    caller: Caller,
    input: ReturnInput,
    request: IdempotentRequest,
  ): Promise<StoredResponse & { readonly replayed: boolean }>;
  get(caller: Caller, id: string): Promise<ReturnRecord>;
  /** Every return, newest first; returns made in the same millisecond, the later RMA first. */
  list(): Promise<AdminReturn[]>;
  /** requested → approved (with the label) or rejected (with the reason); anything else is 409. */
  decide(
    id: string,
    decision: { status: 'approved'; labelUrl: string } | { status: 'rejected'; reason: string },
  ): Promise<ReturnRecord>;
}

export function createReturnsService(
  store: StoreContext,
  orders: OrdersService,
  uploads: UploadsService,
): ReturnsService {
  // The settings are read when used: the console may change them while the server runs.
  const { db } = store;
  const parse = (json: string) => JSON.parse(json) as ReturnRecord;
  const returnNotFound = () => notFound('return_not_found', 'We could not find that return.');

  async function recordOf(id: string, executor: Executor): Promise<ReturnRecord | undefined> {
    const row = await executor.selectFrom('returns').select('json').where('id', '=', id).executeTakeFirst();
    return row && parse(row.json);
  }

  /**
   * Photos this order's shopper uploaded (with its access token, or signed in as its customer),
   * among those the input names: the owners are read first, so the check itself is synchronous.
   */
  async function photoCheckFor(stored: StoredOrder, input: ReturnInput, trx: Executor) {
    const lines: readonly unknown[] = Array.isArray(input.items) ? input.items : [];
    const named = lines.flatMap((line) => {
      const photoIds = typeof line === 'object' && line !== null ? (line as { photoIds?: unknown }).photoIds : [];
      return Array.isArray(photoIds) ? photoIds.filter((id): id is string => typeof id === 'string') : [];
    });
    const owners = await uploads.ownersOf(named, trx);
    return (photoId: string) => {
      const owner = owners.get(photoId);
      return (
        (owner?.kind === 'order' && owner.id === stored.order.id) ||
        (owner?.kind === 'customer' && owner.id === stored.customerId)
      );
    };
  }

  return {
    async create(caller, input, request) {
      // Who may act on the order is settled before the key: a replay needs the order's token too.
      const authorized = await orders.authorize(caller, input.orderId);
      return store.idempotency.run(request, async (trx) => {
        // Read again inside the transaction, after every other change of this order has committed
        // (the lock): another return may have taken the quantities this one asks for.
        await lock(trx, 'order', authorized.order.id);
        const stored = (await orders.find(authorized.order.id, trx)) ?? authorized;
        const now = store.now();
        const isPhotoOf = await photoCheckFor(stored, input, trx);
        throwIfInvalid(validateReturn(stored.order, store.config.returnPolicy, input, isPhotoOf, now));
        const clean = cleanReturnInput(input);
        // The counter's row lock hands out RMA numbers one at a time, in the order returns commit.
        const rmaNumber = await nextCounterValue(trx, 'rma');
        const record: ReturnRecord = {
          id: newId('ret'),
          rma: `RMA-${rmaNumber}`,
          orderId: stored.order.id,
          status: 'requested',
          items: clean.items,
          resolution: clean.resolution,
          createdAt: new Date(now).toISOString(),
        };
        await trx
          .insertInto('returns')
          .values({
            id: record.id,
            rma: record.rma,
            order_id: record.orderId,
            status: record.status,
            created_at: record.createdAt,
            comment: clean.comment ?? null,
            json: JSON.stringify(record),
          })
          .execute();
        await orders.save(
          applyReturn(stored.order, clean.items, {
            id: record.id,
            rma: record.rma,
            status: record.status,
            createdAt: record.createdAt,
          }),
          trx,
        );
        await recordWebhookEvent(
          trx,
          'return.created',
          returnEventData(record, stored.order.number, clean.comment),
          now,
        );
        return { status: 201, body: JSON.stringify(record) };
      });
    },

    async get(caller, id) {
      const record = await recordOf(id, db);
      if (record === undefined) throw returnNotFound();
      await orders.authorize(caller, record.orderId);
      return record;
    },

    async list() {
      // Newest first. Returns made in one millisecond come later RMA first, as they were made: RMA
      // numbers are handed out in commit order, and compare as numbers by length, then by text.
      const rows = await db
        .selectFrom('returns')
        .innerJoin('orders', 'orders.id', 'returns.order_id')
        .select(['returns.json', 'returns.comment', 'orders.number'])
        .orderBy('returns.created_at', 'desc')
        .orderBy(sql`length(returns.rma)`, 'desc')
        .orderBy('returns.rma', 'desc')
        .orderBy('returns.id', 'desc')
        .execute();
      return rows.map((row) => ({
        ...parse(row.json),
        orderNumber: row.number,
        ...(row.comment !== null ? { comment: row.comment } : {}),
      }));
    },

    decide(id, decision) {
      return inTransaction(db, async (trx) => {
        // One decision per return: a second agent's click waits, then finds it decided (409).
        await lock(trx, 'return', id);
        const record = await recordOf(id, trx);
        if (record === undefined) throw returnNotFound();
        const pending: ReturnStatus = 'requested';
        if (record.status !== pending) {
          throw new ApiError(409, 'return_not_pending', `This return was already ${record.status}.`);
        }
        const decided: ReturnRecord =
          decision.status === 'approved'
            ? { ...record, status: 'approved', labelUrl: decision.labelUrl }
            : { ...record, status: 'rejected', rejectionReason: decision.reason };
        // The order's document changes too: after any return being made on it has committed.
        await lock(trx, 'order', record.orderId);
        const stored = await orders.find(record.orderId, trx);
        await saveReturnStatus(trx, orders, decided, stored, {
          status: decision.status,
          at: store.now(),
          actor: 'agent',
          detail: decision.status === 'approved' ? { labelUrl: decision.labelUrl } : { reason: decision.reason },
        });
        const type = decided.status === 'approved' ? 'return.approved' : 'return.rejected';
        await recordWebhookEvent(trx, type, returnEventData(decided, stored?.order.number), store.now());
        return decided;
      });
    },
  };
}
