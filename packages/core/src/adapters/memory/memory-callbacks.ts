import type { CallbackInput, CallbackRecord, CallbackSlot } from '../../model/callbacks.js';
import type { CallbacksBackend } from '../../ports/backend.js';
import { slotsBetween, type SlotTime } from '../../domain/business-hours.js';
import { stableJson } from './idempotency.js';
import type { MemoryContext } from './memory-context.js';
import {
  conflict,
  isBlank,
  notFound,
  throwIfInvalid,
  unauthorized,
  validationError,
  type FieldErrors,
} from './memory-errors.js';
import { zonedParts, zonedTimeToUtc } from '../../domain/zoned-time.js';

/** Agents who can take calls in the same half hour. */
const SLOT_CAPACITY = 2;
const DAY_MS = 86_400_000;
const e164Pattern = /^\+[1-9]\d{6,14}$/;

export interface CallbacksControls {
  callbacks(): readonly CallbackRecord[];
}

export function createMemoryCallbacks(context: MemoryContext): {
  backend: CallbacksBackend;
  controls: CallbacksControls;
} {
  const records = new Map<string, CallbackRecord>();
  const { businessHours } = context.config;
  const { slotMinutes, leadMinutes, daysAhead } = context.config.callbacks;

  const bookedAt = (start: number) =>
    [...records.values()].filter((record) => record.status === 'scheduled' && Date.parse(record.slot.start) === start)
      .length;

  /** Slots a shopper may book now: not too soon, not too far ahead. */
  const bookable = (slot: SlotTime) =>
    slot.start >= context.now() + leadMinutes * 60_000 && slot.start < context.now() + daysAhead * DAY_MS;

  function slots(from: string, days: number): CallbackSlot[] {
    const fields: FieldErrors = {};
    const isDate = /^\d{4}-\d{2}-\d{2}$/.test(from);
    const fromInstant = isDate ? zonedTimeToUtc(from, '00:00', businessHours.timezone).getTime() : Date.parse(from);
    if (typeof from !== 'string' || Number.isNaN(fromInstant)) fields['from'] = 'Expected an ISO date or instant.';
    if (!Number.isInteger(days) || days < 1 || days > 31) fields['days'] = 'Expected a whole number of days, 1 to 31.';
    throwIfInvalid(fields);
    const firstDate = isDate ? from : zonedParts(fromInstant, businessHours.timezone).date;
    return slotsBetween(businessHours, firstDate, days, slotMinutes)
      .filter((slot) => slot.start >= fromInstant && bookable(slot))
      .map((slot) => ({
        start: new Date(slot.start).toISOString(),
        end: new Date(slot.end).toISOString(),
        remaining: SLOT_CAPACITY - bookedAt(slot.start),
      }))
      .filter((slot) => slot.remaining > 0);
  }

  /** The offered slot starting at `slot`, if it is one. */
  function offeredSlot(slot: string): SlotTime | undefined {
    const start = typeof slot === 'string' ? Date.parse(slot) : Number.NaN;
    if (Number.isNaN(start)) return undefined;
    const date = zonedParts(start, businessHours.timezone).date;
    return slotsBetween(businessHours, date, 1, slotMinutes).find(
      (candidate) => candidate.start === start && bookable(candidate),
    );
  }

  function request(input: CallbackInput): CallbackRecord {
    const fields: FieldErrors = {};
    if (isBlank(input.name)) fields['name'] = 'Enter your name.';
    if (typeof input.phone !== 'string' || !e164Pattern.test(input.phone.trim())) {
      fields['phone'] = 'Enter the number with its country code, e.g. +33 6 12 34 56 78.';
    }
    if (input.consent !== true) fields['consent'] = 'Please agree to be called.';
    const slot = offeredSlot(input.slot);
    if (!slot) fields['slot'] = 'That time is not available; please choose another.';
    if (!slot || Object.keys(fields).length > 0) throw validationError(fields);
    if (bookedAt(slot.start) >= SLOT_CAPACITY) throw conflict('That time was just taken.', 'slot_taken');
    const record: CallbackRecord = {
      id: context.nextId('cb'),
      status: 'scheduled',
      slot: { start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString() },
      createdAt: context.nowIso(),
      cancelToken: context.newToken(),
    };
    records.set(record.id, record);
    return record;
  }

  return {
    backend: {
      getCallbackSlots: (query, options) => context.handle(options?.signal, () => slots(query.from, query.days)),
      requestCallback: (input, options) =>
        context.handle(options.signal, () =>
          context.idempotency.run('callback', options.idempotencyKey, stableJson(input), () => request(input)),
        ),
      cancelCallback: (callbackId, options) =>
        context.handle(options.signal, () => {
          const record = records.get(callbackId);
          if (!record) throw notFound('We could not find that callback.', 'callback_not_found');
          if (options.token !== record.cancelToken) throw unauthorized('This link cannot cancel that callback.');
          if (record.status !== 'scheduled') return record;
          const cancelled: CallbackRecord = { ...record, status: 'cancelled' };
          records.set(callbackId, cancelled);
          return cancelled;
        }),
    },
    controls: { callbacks: () => structuredClone([...records.values()]) },
  };
}
