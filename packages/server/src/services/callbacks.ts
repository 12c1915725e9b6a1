import type { CallbackInput, CallbackRecord, CallbackSlot, CallbackStatus } from '@kefu/core';
import {
  CALLBACK_SLOT_CAPACITY,
  MAX_SLOT_QUERY_DAYS,
  checkSlotQuery,
  offeredSlot,
  offeredSlots,
  validateCallbackInput,
} from '@kefu/core/domain';
import { ApiError } from '../errors.js';
import { unauthorized } from '../http/auth.js';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId, newToken, sameDigest, sha256 } from './crypto.js';
import { invalid, notFound, type StoreContext } from './context.js';

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
  slots(from: string, days: number): CallbackSlot[];
  /** 201 with the record and its cancel token; 422 for the input, 409 `slot_taken` (with the free slots) when it is full. */
  request(input: CallbackInput, request: IdempotentRequest): Promise<StoredResponse & { readonly replayed: boolean }>;
  /** Cancelling again answers the same record. */
  cancel(id: string, token: string | undefined): CallbackRecord;
  list(): AdminCallback[];
  /**
   * An agent's outcome: called, or no answer (which may be tried again). Refused (409
   * `callback_not_due`) before the slot starts: the shopper was told that time.
   */
  mark(id: string, status: 'called' | 'no_answer'): AdminCallback;
  /** Undoes an outcome (a mis-click on "Called"): the callback is to call again; 409 unless called or no answer. */
  reopen(id: string): AdminCallback;
}

interface CallbackRow {
  readonly id: string;
  readonly status: CallbackStatus;
  readonly slot_start: number;
  readonly slot_end: number;
  readonly name: string;
  readonly phone: string;
  readonly timezone: string | null;
  readonly topic: string | null;
  readonly order_number: string | null;
  readonly cancel_token_hash: string;
  readonly created_at: string;
}

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
  const { sqlite: db, config } = store;
  const bookedBetween = db.prepare<[number, number], { slot_start: number; booked: number }>(
    `SELECT slot_start, count(*) AS booked FROM callbacks
     WHERE status = 'scheduled' AND slot_start BETWEEN ? AND ? GROUP BY slot_start`,
  );
  const bookedAt = db
    .prepare<[number], number>("SELECT count(*) FROM callbacks WHERE status = 'scheduled' AND slot_start = ?")
    .pluck();
  const insert = db.prepare<
    [string, number, number, string, string, string | null, string | null, string | null, string, string]
  >(
    `INSERT INTO callbacks
       (id, status, slot_start, slot_end, name, phone, timezone, topic, order_number, cancel_token_hash, created_at)
     VALUES (?, 'scheduled', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], CallbackRow>('SELECT * FROM callbacks WHERE id = ?');
  const all = db.prepare<[], CallbackRow>('SELECT * FROM callbacks ORDER BY slot_start, created_at');
  const setStatus = db.prepare<[CallbackStatus, string]>('UPDATE callbacks SET status = ? WHERE id = ?');

  const find = (id: string) => {
    const row = byId.get(id);
    if (!row) throw notFound('callback_not_found', 'We could not find that callback.');
    return row;
  };

  function freeSlots(from: string, days: number): CallbackSlot[] {
    const checked = checkSlotQuery(config, from, days);
    if ('fields' in checked) throw invalid(checked.fields);
    const offered = offeredSlots(config, checked.query, store.now());
    const first = offered[0];
    const last = offered.at(-1);
    const booked = new Map<number, number>(
      first && last ? bookedBetween.all(first.start, last.start).map((row) => [row.slot_start, row.booked]) : [],
    );
    return offered
      .map((slot) => ({
        start: iso(slot.start),
        end: iso(slot.end),
        remaining: CALLBACK_SLOT_CAPACITY - (booked.get(slot.start) ?? 0),
      }))
      .filter((slot) => slot.remaining > 0);
  }

  return {
    slots: freeSlots,

    // The idempotency store's IMMEDIATE transaction makes the count and the insert one step: of
    // two requests for a slot's last place, in this process or another, exactly one gets it.
    request: (input, request) =>
      store.idempotency.run(request, async () => {
        const now = store.now();
        const slot = offeredSlot(config, input.slot, now);
        const fields = validateCallbackInput(input, slot !== undefined);
        if (!slot || Object.keys(fields).length > 0) throw invalid(fields);
        if ((bookedAt.get(slot.start) ?? 0) >= CALLBACK_SLOT_CAPACITY) {
          // The slots free at this very moment come along, so the shopper can choose again at once.
          const days = Math.min(config.callbacks.daysAhead, MAX_SLOT_QUERY_DAYS);
          throw new ApiError(409, 'slot_taken', 'That time was just taken.', undefined, {
            slots: freeSlots(iso(now), days),
          });
        }
        const id = newId('cb');
        const cancelToken = newToken();
        insert.run(
          id,
          slot.start,
          slot.end,
          input.name.trim(),
          input.phone.trim(),
          input.timezone ?? null,
          input.topic ?? null,
          input.orderNumber ?? null,
          sha256(cancelToken),
          iso(now),
        );
        const record = toRecord(find(id), cancelToken);
        return { status: 201, body: JSON.stringify(record) };
      }),

    cancel: (id, token) =>
      db
        .transaction(() => {
          const row = find(id);
          if (token === undefined || !sameDigest(sha256(token), row.cancel_token_hash)) {
            throw unauthorized('This link cannot cancel that callback.');
          }
          if (row.status !== 'scheduled') return toRecord(row, token);
          setStatus.run('cancelled', id);
          return toRecord({ ...row, status: 'cancelled' }, token);
        })
        .immediate(),

    list: () => all.all().map(toAdmin),

    mark: (id, status) =>
      db
        .transaction(() => {
          const row = find(id);
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
              `This call is due ${storeTime(row.slot_start, config.businessHours.timezone)}: record it once that time has come.`,
            );
          }
          setStatus.run(status, id);
          return toAdmin({ ...row, status });
        })
        .immediate(),

    reopen: (id) =>
      db
        .transaction(() => {
          const row = find(id);
          if (row.status !== 'called' && row.status !== 'no_answer') {
            throw new ApiError(409, 'callback_not_done', 'Only a callback marked called or no answer can be undone.');
          }
          setStatus.run('scheduled', id);
          return toAdmin({ ...row, status: 'scheduled' });
        })
        .immediate(),
  };
}
