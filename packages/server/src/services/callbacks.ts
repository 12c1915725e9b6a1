import type { CallbackInput, CallbackRecord, CallbackSlot, CallbackStatus } from '@kefu/core';
import {
  CALLBACK_SLOT_CAPACITY,
  MAX_SLOT_QUERY_DAYS,
  checkSlotQuery,
  offeredSlot,
  offeredSlots,
  validateCallbackInput,
} from '@kefu/core/domain';
import type { Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock, type Executor } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { unauthorized } from '../http/auth.js';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId, newToken, sameDigest, sha256 } from './crypto.js';
import { invalid, notFound, type StoreContext } from './context.js';
import { recordWebhookEvent } from '../webhooks/events.js';

/** A callback as the agent console lists it: who to call and when, never the cancel token. */
export interface AdminCallback {
  readonly id: string;
  readonly status: CallbackStatus;
  readonly slot: { readonly start: string; readonly end: string };
  readonly createdAt: string;
  readonly name: string;
  readonly phone: string;
  readonly timezone?: string;
  readonly topic?: string;
  readonly orderNumber?: string;
}

export interface CallbacksService {
  /** Bookable slots with room left, from `from` (a store-local date or an instant) for `days` days. */
  slots(from: string, days: number): Promise<CallbackSlot[]>;
  /** 201 with the record and its cancel token; 422 for the input, 409 `slot_taken` (with the free slots) when it is full. */
  request(input: CallbackInput, request: IdempotentRequest): Promise<StoredResponse & { readonly replayed: boolean }>;
  /** Cancelling again answers the same record. */
  cancel(id: string, token: string | undefined): Promise<CallbackRecord>;
  /** Every callback, soonest slot first. */
  list(): Promise<AdminCallback[]>;
  /**
   * An agent's outcome: called, or no answer (which may be tried again). Refused (409
   * `callback_not_due`) before the slot starts: the shopper was told that time.
   */
  mark(id: string, status: 'called' | 'no_answer'): Promise<AdminCallback>;
  /** Undoes an outcome (a mis-click on "Called"): the callback is to call again; 409 unless called or no answer. */
  reopen(id: string): Promise<AdminCallback>;
}

type CallbackRow = KefuDatabase['callbacks'];

const iso = (ms: number) => new Date(ms).toISOString();

/** "on Tue 9 Dec at 14:00 (Europe/Paris)": the time the shopper was given, in the store's zone. */
function storeTime(ms: number, timeZone: string): string {
  const date = new Date(ms);
  const day = date.toLocaleDateString('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const time = date.toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' });
  return `on ${day} at ${time} (${timeZone})`;
}

function toRecord(row: CallbackRow, cancelToken: string): CallbackRecord {
  return {
    id: row.id,
    status: row.status,
    slot: { start: iso(row.slot_start), end: iso(row.slot_end) },
    createdAt: row.created_at,
    cancelToken,
  };
}

function toAdmin(row: CallbackRow): AdminCallback {
  return {
    id: row.id,
    status: row.status,
    slot: { start: iso(row.slot_start), end: iso(row.slot_end) },
    createdAt: row.created_at,
    name: row.name,
    phone: row.phone,
    ...(row.timezone !== null ? { timezone: row.timezone } : {}),
    ...(row.topic !== null ? { topic: row.topic } : {}),
    ...(row.order_number !== null ? { orderNumber: row.order_number } : {}),
  };
}

export function createCallbacksService(store: StoreContext): CallbacksService {
  // The settings are read when used: the console may change them while the server runs.
  const { db } = store;

  const find = async (executor: Executor, id: string): Promise<CallbackRow> => {
    const row = await executor.selectFrom('callbacks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('callback_not_found', 'We could not find that callback.');
    return row;
  };

  /*
   * Every write to one callback (the shopper's cancel, an agent's outcome) reads its status, checks
   * it and writes the next one in a transaction that first takes this lock: two agents recording
   * the same call, or a cancel racing an outcome, on two instances cannot both win. On SQLite the
   * transaction's one connection is the lock already.
   */
  const changeCallback = <T>(id: string, change: (trx: Transaction<KefuDatabase>, row: CallbackRow) => Promise<T>) =>
    inTransaction(db, async (trx) => {
      await lock(trx, 'callback', id);
      return change(trx, await find(trx, id));
    });

  const setStatus = (trx: Transaction<KefuDatabase>, id: string, status: CallbackStatus) =>
    trx.updateTable('callbacks').set({ status }).where('id', '=', id).execute();

  async function freeSlots(executor: Executor, from: string, days: number): Promise<CallbackSlot[]> {
    const checked = checkSlotQuery(store.config, from, days);
    if ('fields' in checked) throw invalid(checked.fields);
    const offered = offeredSlots(store.config, checked.query, store.now());
    const first = offered[0];
    const last = offered.at(-1);
    const rows =
      first && last
        ? await executor
            .selectFrom('callbacks')
            .select((eb) => ['slot_start', eb.fn.countAll<number>().as('booked')])
            .where('status', '=', 'scheduled')
            .where('slot_start', '>=', first.start)
            .where('slot_start', '<=', last.start)
            .groupBy('slot_start')
            .execute()
        : [];
    const booked = new Map<number, number>(rows.map((row) => [row.slot_start, row.booked]));
    return offered
      .map((slot) => ({
        start: iso(slot.start),
        end: iso(slot.end),
        remaining: CALLBACK_SLOT_CAPACITY - (booked.get(slot.start) ?? 0),
      }))
      .filter((slot) => slot.remaining > 0);
  }

  return {
    slots: (from, days) => freeSlots(db, from, days),

    // The idempotency record's transaction holds the count and the insert, and the slot's lock
    // comes before the count: of two requests for a slot's last place, on this instance or
    // another, exactly one gets it, and the other counts after the first has committed.
    request: (input, request) =>
      store.idempotency.run(request, async (trx) => {
        const now = store.now();
        const slot = offeredSlot(store.config, input.slot, now);
        const fields = validateCallbackInput(input, slot !== undefined);
        if (!slot || Object.keys(fields).length > 0) throw invalid(fields);
        await lock(trx, 'callback_slot', iso(slot.start));
        const { booked } = await trx
          .selectFrom('callbacks')
          .select((eb) => eb.fn.countAll<number>().as('booked'))
          .where('status', '=', 'scheduled')
          .where('slot_start', '=', slot.start)
          .executeTakeFirstOrThrow();
        if (booked >= CALLBACK_SLOT_CAPACITY) {
          // The slots free at this very moment come along, so the shopper can choose again at once.
          const days = Math.min(store.config.callbacks.daysAhead, MAX_SLOT_QUERY_DAYS);
          throw new ApiError(409, 'slot_taken', 'That time was just taken.', undefined, {
            slots: await freeSlots(trx, iso(now), days),
          });
        }
        const cancelToken = newToken();
        const row: CallbackRow = {
          id: newId('cb'),
          status: 'scheduled',
          slot_start: slot.start,
          slot_end: slot.end,
          name: input.name.trim(),
          phone: input.phone.trim(),
          timezone: input.timezone ?? null,
          topic: input.topic ?? null,
          order_number: input.orderNumber ?? null,
          cancel_token_hash: sha256(cancelToken),
          created_at: iso(now),
        };
        await trx.insertInto('callbacks').values(row).execute();
        await recordWebhookEvent(trx, 'callback.requested', toAdmin(row), now);
        return { status: 201, body: JSON.stringify(toRecord(row, cancelToken)) };
      }),

    cancel: (id, token) =>
      changeCallback(id, async (trx, row) => {
        if (token === undefined || !sameDigest(sha256(token), row.cancel_token_hash)) {
          throw unauthorized('This link cannot cancel that callback.');
        }
        if (row.status !== 'scheduled') return toRecord(row, token);
        await setStatus(trx, id, 'cancelled');
        return toRecord({ ...row, status: 'cancelled' }, token);
      }),

    list: async () =>
      (
        await db.selectFrom('callbacks').selectAll().orderBy('slot_start').orderBy('created_at').orderBy('id').execute()
      ).map(toAdmin),

    mark: (id, status) =>
      changeCallback(id, async (trx, row) => {
        if (row.status !== 'scheduled' && row.status !== 'no_answer') {
          throw new ApiError(
            409,
            'callback_not_scheduled',
            `This callback was already ${row.status.replace('_', ' ')}.`,
          );
        }
        if (store.now() < row.slot_start) {
          throw new ApiError(
            409,
            'callback_not_due',
            `This call is due ${storeTime(row.slot_start, store.config.businessHours.timezone)}: record it once that time has come.`,
          );
        }
        await setStatus(trx, id, status);
        return toAdmin({ ...row, status });
      }),

    reopen: (id) =>
      changeCallback(id, async (trx, row) => {
        if (row.status !== 'called' && row.status !== 'no_answer') {
          throw new ApiError(409, 'callback_not_done', 'Only a callback marked called or no answer can be undone.');
        }
        await setStatus(trx, id, 'scheduled');
        return toAdmin({ ...row, status: 'scheduled' });
      }),
  };
}
