import type { Order, ReturnInput, ReturnRecord, ReturnStatus } from '@kefu/core';
import { applyReturn, cleanReturnInput, releaseReturn, validateReturn } from '@kefu/core/domain';
import { ApiError } from '../errors.js';
import type { Caller } from '../http/auth.js';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId } from './crypto.js';
import { notFound, throwIfInvalid, type StoreContext } from './context.js';
import type { OrdersService, StoredOrder } from './orders.js';
import type { UploadsService } from './uploads.js';

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
  get(caller: Caller, id: string): ReturnRecord;
  list(): AdminReturn[];
  /** requested → approved (with the label) or rejected (with the reason); anything else is 409. */
  decide(
    id: string,
    decision: { status: 'approved'; labelUrl: string } | { status: 'rejected'; reason: string },
  ): ReturnRecord;
}

interface ReturnRow {
  readonly json: string;
  readonly comment: string | null;
  readonly number: string;
}

export function createReturnsService(
  store: StoreContext,
  orders: OrdersService,
  uploads: UploadsService,
): ReturnsService {
  const { sqlite: db, config } = store;
  const nextRma = db
    .prepare<[], number>("UPDATE counters SET value = value + 1 WHERE name = 'rma' RETURNING value")
    .pluck();
  const insert = db.prepare<[string, string, string, string, string, string | null, string]>(
    'INSERT INTO returns (id, rma, order_id, status, created_at, comment, json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], string>('SELECT json FROM returns WHERE id = ?').pluck();
  const all = db.prepare<[], ReturnRow>(
    `SELECT returns.json, returns.comment, orders.number FROM returns JOIN orders ON orders.id = returns.order_id
     ORDER BY returns.created_at DESC, returns.rowid DESC`,
  );
  const update = db.prepare<[string, string, string]>('UPDATE returns SET status = ?, json = ? WHERE id = ?');
  const parse = (json: string) => JSON.parse(json) as ReturnRecord;

  /** Photos this order's shopper uploaded: with its access token, or signed in as its customer. */
  const isPhotoOf = (stored: StoredOrder) => (photoId: string) => {
    const owner = uploads.find(photoId)?.owner;
    return (
      (owner?.kind === 'order' && owner.id === stored.order.id) ||
      (owner?.kind === 'customer' && owner.id === stored.customerId)
    );
  };

  function withSummaryStatus(order: Order, record: ReturnRecord): Order {
    return {
      ...order,
      returns: order.returns.map((summary) =>
        summary.id === record.id ? { ...summary, status: record.status } : summary,
      ),
    };
  }

  return {
    create(caller, input, request) {
      // Who may act on the order is settled before the key: a replay needs the order's token too.
      const authorized = orders.authorize(caller, input.orderId);
      return store.idempotency.run(request, async () => {
        // Read again inside the transaction: another return may have changed the quantities.
        const stored = orders.find(authorized.order.id) ?? authorized;
        const now = store.now();
        throwIfInvalid(validateReturn(stored.order, config.returnPolicy, input, isPhotoOf(stored), now));
        const clean = cleanReturnInput(input);
        const record: ReturnRecord = {
          id: newId('ret'),
          rma: `RMA-${nextRma.get()}`,
          orderId: stored.order.id,
          status: 'requested',
          items: clean.items,
          resolution: clean.resolution,
          createdAt: new Date(now).toISOString(),
        };
        insert.run(
          record.id,
          record.rma,
          record.orderId,
          record.status,
          record.createdAt,
          clean.comment ?? null,
          JSON.stringify(record),
        );
        orders.save(
          applyReturn(stored.order, clean.items, {
            id: record.id,
            rma: record.rma,
            status: record.status,
            createdAt: record.createdAt,
          }),
        );
        return { status: 201, body: JSON.stringify(record) };
      });
    },

    get(caller, id) {
      const json = byId.get(id);
      if (json === undefined) throw notFound('return_not_found', 'We could not find that return.');
      const record = parse(json);
      orders.authorize(caller, record.orderId);
      return record;
    },

    list: () =>
      all.all().map((row) => ({
        ...parse(row.json),
        orderNumber: row.number,
        ...(row.comment !== null ? { comment: row.comment } : {}),
      })),

    decide(id, decision) {
      return db
        .transaction(() => {
          const json = byId.get(id);
          if (json === undefined) throw notFound('return_not_found', 'We could not find that return.');
          const record = parse(json);
          const pending: ReturnStatus = 'requested';
          if (record.status !== pending) {
            throw new ApiError(409, 'return_not_pending', `This return was already ${record.status}.`);
          }
          const decided: ReturnRecord =
            decision.status === 'approved'
              ? { ...record, status: 'approved', labelUrl: decision.labelUrl }
              : { ...record, status: 'rejected', rejectionReason: decision.reason };
          update.run(decided.status, JSON.stringify(decided), id);
          const stored = orders.find(record.orderId);
          if (stored) {
            const order = withSummaryStatus(stored.order, decided);
            orders.save(decided.status === 'rejected' ? releaseReturn(order, record.items) : order);
          }
          return decided;
        })
        .immediate();
    },
  };
}
