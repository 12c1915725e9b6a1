import type { CallbackInput, CallbackRecord, CallbackSlot } from '../../model/callbacks.js';
import type { CallbacksBackend } from '../../ports/backend.js';
import {
  CALLBACK_SLOT_CAPACITY,
  checkSlotQuery,
  offeredSlot,
  offeredSlots,
  validateCallbackInput,
} from '../../domain/callbacks.js';
import { stableJson } from '../../domain/stable-json.js';
import type { MemoryContext } from './memory-context.js';
import { conflict, notFound, unauthorized, validationError } from './memory-errors.js';

export interface CallbacksControls {
  callbacks(): readonly CallbackRecord[];
}

export function createMemoryCallbacks(context: MemoryContext): {
  backend: CallbacksBackend;
  controls: CallbacksControls;
} {
  const records = new Map<string, CallbackRecord>();

  const bookedAt = (start: number) =>
    [...records.values()].filter((record) => record.status === 'scheduled' && Date.parse(record.slot.start) === start)
      .length;

  function slots(from: string, days: number): CallbackSlot[] {
    const checked = checkSlotQuery(context.config, from, days);
    if ('fields' in checked) throw validationError(checked.fields);
    return offeredSlots(context.config, checked.query, context.now())
      .map((slot) => ({
        start: new Date(slot.start).toISOString(),
        end: new Date(slot.end).toISOString(),
        remaining: CALLBACK_SLOT_CAPACITY - bookedAt(slot.start),
      }))
      .filter((slot) => slot.remaining > 0);
  }

  function request(input: CallbackInput): CallbackRecord {
    const slot = offeredSlot(context.config, input.slot, context.now());
    const fields = validateCallbackInput(input, slot !== undefined);
    if (!slot || Object.keys(fields).length > 0) throw validationError(fields);
    if (bookedAt(slot.start) >= CALLBACK_SLOT_CAPACITY) throw conflict('That time was just taken.', 'slot_taken');
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
