import type { Money, Order, ReturnRecord, ReturnResolution, ReturnStatus } from '@kefu/core';
import { releaseReturn } from '@kefu/core/domain';
import type { Selectable, Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock, type Executor } from '../db/tx.js';
import type { AuditActor, AuditLog } from '../agents/audit.js';
import { ApiError } from '../errors.js';
import { invalid, notFound, type StoreContext } from './context.js';
import type { OrdersService, StoredOrder } from './orders.js';

/**
 * Returns as the store sees them through the admin API (issue 22, decision 0020): what the
 * warehouse reports (`received`, `refunded` with the amount, `rejected` with the reason), and the
 * list a store pulls new and changed returns from, each with its history.
 */

/** What the store reports about a return. */
export type StoreReturnReport =
  | { readonly status: 'received' }
  | { readonly status: 'refunded'; readonly amount: Money }
  | { readonly status: 'rejected'; readonly reason: string };

/** One change in a return's life, oldest first; the first is always the shopper's request. */
export interface ReturnHistoryEntry {
  readonly status: ReturnStatus;
  readonly at: string;
  /** Who made the change: the shopper (the request), an agent in the console, or the store's API key. */
  readonly by: 'shopper' | 'agent' | 'store';
  readonly labelUrl?: string;
  readonly reason?: string;
  readonly amount?: Money;
}

/** A return as `GET /admin/v1/returns` lists it. */
export interface StoreReturn {
  readonly id: string;
  readonly rma: string;
  readonly orderId: string;
  readonly orderNumber: string;
  readonly status: ReturnStatus;
  readonly resolution: ReturnResolution;
  readonly createdAt: string;
  /** Its last change: the request, or the newest entry of `history`. */
  readonly updatedAt: string;
  readonly comment?: string;
  readonly labelUrl?: string;
  readonly rejectionReason?: string;
  /** What the store reported refunding. */
  readonly refund?: Money;
  readonly items: readonly {
    readonly itemId: string;
    readonly productId?: string;
    readonly name?: string;
    readonly quantity: number;
    readonly reason: string;
    readonly comment?: string;
    readonly exchangeVariantId?: string;
    readonly photoCount: number;
  }[];
  readonly photoCount: number;
  readonly history: readonly ReturnHistoryEntry[];
}

export interface StoreReturnQuery {
  readonly status?: ReturnStatus;
  /** Milliseconds: returns made or changed at or after it. */
  readonly since?: number;
  readonly limit: number;
}

type EventRow = Selectable<KefuDatabase['return_events']>;
type EventDetail = { labelUrl?: string; reason?: string; amount?: Money };

/** Records a change of a return's status, in the transaction that makes it. */
export async function recordReturnEvent(
  trx: Transaction<KefuDatabase>,
  event: { returnId: string; status: EventRow['status']; at: number; actor: EventRow['actor']; detail: EventDetail },
): Promise<void> {
  await trx
    .insertInto('return_events')
    .values({
      return_id: event.returnId,
      status: event.status,
      at: event.at,
      actor: event.actor,
      detail: JSON.stringify(event.detail),
    })
    .execute();
}

/**
 * A return's new status, written in the transaction that decides it (the console's decision, the
 * store's report): the return, its history entry and, when its order is stored (`stored`, read
 * under the order's lock), the order's summary of it. A rejected return gives its lines back: the
 * shopper may return them another way.
 */
export async function saveReturnStatus(
  trx: Transaction<KefuDatabase>,
  orders: OrdersService,
  changed: ReturnRecord,
  stored: StoredOrder | undefined,
  event: { status: EventRow['status']; at: number; actor: EventRow['actor']; detail: EventDetail },
): Promise<void> {
  await trx
    .updateTable('returns')
    .set({ status: changed.status, json: JSON.stringify(changed) })
    .where('id', '=', changed.id)
    .execute();
  await recordReturnEvent(trx, { returnId: changed.id, ...event });
  if (!stored) return;
  const order: Order = {
    ...stored.order,
    returns: stored.order.returns.map((summary) =>
      summary.id === changed.id ? { ...summary, status: changed.status } : summary,
    ),
  };
  await orders.save(changed.status === 'rejected' ? releaseReturn(order, changed.items) : order, trx);
}

/** 1800 EUR → "€18.00", in the currency's own minor units (JPY has none). */
function moneyText(money: Money): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency });
  return format.format(money.amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

const conflict = (record: ReturnRecord, wanted: string) =>
  new ApiError(409, 'return_status_conflict', `This return is ${record.status}; ${wanted}`, undefined, {
    currentStatus: record.status,
  });

/** Whether `report` is already what the return says, so repeating it changes nothing. */
function alreadyReported(record: ReturnRecord, report: StoreReturnReport, events: readonly EventRow[]): boolean {
  if (report.status === 'received')
    // A refund may have overtaken the parcel's arrival report; the arrival itself is on record.
    return record.status === 'received' || events.some((event) => event.status === 'received');
  if (report.status === 'rejected') return record.status === 'rejected' && record.rejectionReason === report.reason;
  if (record.status !== 'refunded') return false;
  const refund = refundOf(events);
  return refund?.amount === report.amount.amount && refund.currency === report.amount.currency;
}

/**
 * Which statuses each report may follow. `requested` → rejected; `approved` → received, or
 * refunded (a store may refund before the parcel arrives, or without asking for it back);
 * `received` → refunded. Anything else is 409 `return_status_conflict`.
 */
const allowedFrom: Record<StoreReturnReport['status'], readonly ReturnStatus[]> = {
  rejected: ['requested'],
  received: ['approved'],
  refunded: ['approved', 'received'],
};
const whatIsAllowed: Record<StoreReturnReport['status'], string> = {
  rejected: 'only a requested return can be rejected.',
  received: 'only an approved return can be received.',
  refunded: 'only an approved or received return can be refunded.',
};

function refundOf(events: readonly EventRow[]): Money | undefined {
  const last = events.filter((event) => event.status === 'refunded').at(-1);
  return last ? (JSON.parse(last.detail) as EventDetail).amount : undefined;
}

async function eventsOf(executor: Executor, returnIds: readonly string[]): Promise<Map<string, EventRow[]>> {
  const byReturn = new Map<string, EventRow[]>();
  // In slices, well under either engine's limit on bound parameters.
  for (let start = 0; start < returnIds.length; start += 500) {
    const rows = await executor
      .selectFrom('return_events')
      .selectAll()
      .where('return_id', 'in', returnIds.slice(start, start + 500))
      .orderBy('seq')
      .execute();
    for (const row of rows) byReturn.set(row.return_id, [...(byReturn.get(row.return_id) ?? []), row]);
  }
  return byReturn;
}

interface ReturnRow {
  readonly json: string;
  readonly comment: string | null;
  readonly number: string;
  readonly order_json: string;
}

function toStoreReturn(row: ReturnRow, events: readonly EventRow[]): StoreReturn {
  const record = JSON.parse(row.json) as ReturnRecord;
  const order = JSON.parse(row.order_json) as Order;
  const history: ReturnHistoryEntry[] = [
    { status: 'requested', at: record.createdAt, by: 'shopper' },
    ...events.map((event) => ({
      status: event.status,
      at: new Date(Number(event.at)).toISOString(),
      by: event.actor,
      ...(JSON.parse(event.detail) as EventDetail),
    })),
  ];
  const refund = refundOf(events);
  const items = record.items.map((line) => {
    const item = order.items.find((candidate) => candidate.id === line.itemId);
    return {
      itemId: line.itemId,
      ...(item ? { productId: item.productId, name: item.name } : {}),
      quantity: line.quantity,
      reason: line.reason,
      ...(line.comment !== undefined ? { comment: line.comment } : {}),
      ...(line.exchangeVariantId !== undefined ? { exchangeVariantId: line.exchangeVariantId } : {}),
      photoCount: line.photoIds.length,
    };
  });
  return {
    id: record.id,
    rma: record.rma,
    orderId: record.orderId,
    orderNumber: row.number,
    status: record.status,
    resolution: record.resolution,
    createdAt: record.createdAt,
    updatedAt: history.reduce((latest, entry) => (entry.at > latest ? entry.at : latest), record.createdAt),
    ...(row.comment !== null ? { comment: row.comment } : {}),
    ...(record.labelUrl !== undefined ? { labelUrl: record.labelUrl } : {}),
    ...(record.rejectionReason !== undefined ? { rejectionReason: record.rejectionReason } : {}),
    ...(refund ? { refund } : {}),
    items,
    photoCount: items.reduce((sum, line) => sum + line.photoCount, 0),
    history,
  };
}

export interface ReturnReports {
  /**
   * Applies what the store reports about the return with this id or RMA: `updated`, or
   * `unchanged` when the return already says so (a retry). 404 `return_not_found`, 409
   * `return_status_conflict` for a change its status does not allow, 422 for a refund in another
   * currency or over the order's total.
   */
  report(
    idOrRma: string,
    report: StoreReturnReport,
    /** Who reported it, for the audit log (a change is logged with it; a retry that changes nothing is not). */
    actor: AuditActor,
  ): Promise<{ result: 'updated' | 'unchanged'; return: StoreReturn }>;
  /** Returns made or changed since `since`, the least recently changed first, `limit` at most. */
  list(query: StoreReturnQuery): Promise<{ returns: StoreReturn[]; hasMore: boolean }>;
}

export function createReturnReports(store: StoreContext, orders: OrdersService, audit: AuditLog): ReturnReports {
  const { db } = store;
  const selectReturns = (executor: Executor) =>
    executor
      .selectFrom('returns')
      .innerJoin('orders', 'orders.id', 'returns.order_id')
      .select(['returns.id', 'returns.json', 'returns.comment', 'orders.number', 'orders.json as order_json']);

  async function view(executor: Executor, id: string): Promise<StoreReturn> {
    const row = await selectReturns(executor).where('returns.id', '=', id).executeTakeFirstOrThrow();
    return toStoreReturn(row, (await eventsOf(executor, [id])).get(id) ?? []);
  }

  return {
    async report(idOrRma, report, actor) {
      // No id or RMA holds a NUL (PostgreSQL's text could not even be compared with one).
      if (idOrRma.includes('\u0000')) throw notFound('return_not_found', 'No return has this id or RMA.');
      const found = await db
        .selectFrom('returns')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', idOrRma), eb('rma', '=', idOrRma)]))
        .executeTakeFirst();
      if (!found) throw notFound('return_not_found', 'No return has this id or RMA.');
      const id = found.id;
      return inTransaction(db, async (trx) => {
        // The console's decisions take the same lock: one change of a return at a time.
        await lock(trx, 'return', id);
        const row = await trx.selectFrom('returns').select('json').where('id', '=', id).executeTakeFirstOrThrow();
        const record = JSON.parse(row.json) as ReturnRecord;
        const events = (await eventsOf(trx, [id])).get(id) ?? [];
        if (alreadyReported(record, report, events))
          return { result: 'unchanged' as const, return: await view(trx, id) };
        if (!allowedFrom[report.status].includes(record.status)) throw conflict(record, whatIsAllowed[report.status]);

        // The order's document changes too: after any return being made on it has committed.
        await lock(trx, 'order', record.orderId);
        const stored = await orders.find(record.orderId, trx);
        if (report.status === 'refunded' && stored) {
          const total = stored.order.total;
          if (report.amount.currency !== total.currency)
            throw invalid({ 'amount.currency': `The order is in ${total.currency}.` });
          if (report.amount.amount > total.amount)
            throw invalid({ 'amount.amount': `More than the order's total (${total.amount}).` });
        }
        const changed: ReturnRecord =
          report.status === 'rejected'
            ? { ...record, status: 'rejected', rejectionReason: report.reason }
            : { ...record, status: report.status };
        await saveReturnStatus(trx, orders, changed, stored, {
          status: report.status,
          at: store.now(),
          actor: 'store',
          detail:
            report.status === 'rejected'
              ? { reason: report.reason }
              : report.status === 'refunded'
                ? { amount: report.amount }
                : {},
        });
        await audit.record(trx, {
          actor,
          action: `return.${report.status}`,
          subject: { type: 'return', id: record.rma },
          summary:
            report.status === 'rejected'
              ? `Reason: ${report.reason}`
              : report.status === 'refunded'
                ? `Refunded ${moneyText(report.amount)}`
                : 'The store received the parcel',
        });
        return { result: 'updated' as const, return: await view(trx, id) };
      });
    },

    async list({ status, since, limit }) {
      let query = selectReturns(db);
      if (status !== undefined) query = query.where('returns.status', '=', status);
      if (since !== undefined) {
        // created_at is always an ISO instant as toISOString writes it (UTC, milliseconds), so the
        // text compares as the instant does.
        const sinceIso = new Date(since).toISOString();
        query = query.where((eb) =>
          eb.or([
            eb('returns.created_at', '>=', sinceIso),
            eb('returns.id', 'in', eb.selectFrom('return_events').select('return_id').where('at', '>=', since)),
          ]),
        );
      }
      const rows = await query.execute();
      const events = await eventsOf(
        db,
        rows.map((row) => row.id),
      );
      const all = rows
        .map((row) => toStoreReturn(row, events.get(row.id) ?? []))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id < b.id ? -1 : 1));
      return { returns: all.slice(0, limit), hasMore: all.length > limit };
    },
  };
}
