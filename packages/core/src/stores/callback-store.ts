import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { CallbackInput, CallbackRecord, CallbackSlot } from '../model/callbacks.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import { idle, loadInto, type AsyncState } from '../state.js';
import type { StoreContext } from './store-context.js';
import { submissionsOf } from './submissions.js';

export interface CallbackStore {
  readonly slots: ReadonlySignal<AsyncState<readonly CallbackSlot[]>>;
  readonly submissions: ReadonlySignal<readonly OutboxItem<'callback'>[]>;
  /** The last cancellation asked for on this page: its record once the server confirmed it. */
  readonly cancellation: ReadonlySignal<AsyncState<CallbackRecord>>;
  /** Free slots; without a query, from now for `days` (7) days. */
  loadSlots(query?: { from?: string; days?: number }): Promise<void>;
  /**
   * Saves the request in the outbox and sends it when possible. `replaces` is a failed request
   * (a slot that was just taken, a field the server refused) that this corrected one replaces.
   * When the chosen slot was taken meanwhile, the slots are loaded again, so the shopper sees
   * what is still free next to the "that time was just taken" message.
   */
  request(
    input: CallbackInput,
    options?: { submissionId?: string; replaces?: string },
  ): Promise<OutboxItem<'callback'> | undefined>;
  /** Cancels a booked callback; once confirmed, the request (and its cancel token) is forgotten. */
  cancel(callbackId: string, cancelToken: string, submissionId?: string): Promise<CallbackRecord | undefined>;
  /** Forgets a request on this device (a failed one the shopper gives up, a call that took place). */
  dismiss(submissionId: string): Promise<void>;
}

/** Whether an outbox item failed because its slot filled up before it reached the server. */
export function isSlotTaken(item: OutboxItem<'callback'> | undefined): boolean {
  return item?.status === 'failed' && item.error?.serverCode === 'slot_taken';
}

export function createCallbackStore(context: StoreContext): CallbackStore {
  const { backend, outbox, clock, signal: abort } = context;
  const slots = signal<AsyncState<readonly CallbackSlot[]>>(idle);
  const cancellation = signal<AsyncState<CallbackRecord>>(idle);
  let lastDays = 7;

  async function loadSlots(query: { from?: string; days?: number } = {}) {
    lastDays = query.days ?? lastDays;
    const from = query.from ?? new Date(clock.now()).toISOString();
    await loadInto(
      slots,
      () => backend.getCallbackSlots({ from, days: lastDays }, { signal: abort }),
      () => clock.now(),
    );
  }

  /** A taken slot means the list the shopper chose from is stale: show what is free now. */
  function refreshSlotsIfTaken(item: OutboxItem<'callback'> | undefined) {
    if (!item) return;
    void outbox.whenSettled(item.id).then((settled) => {
      if (isSlotTaken(settled as OutboxItem<'callback'>) && !abort.aborted) return loadSlots();
      return undefined;
    });
  }

  return {
    slots,
    submissions: submissionsOf(outbox, 'callback'),
    cancellation,
    loadSlots,
    async request(input, options = {}) {
      const item = options.replaces
        ? await outbox.resend<'callback'>(options.replaces, input)
        : await outbox.enqueue('callback', input, options.submissionId ? { id: options.submissionId } : {});
      refreshSlotsIfTaken(item);
      return item;
    },
    async cancel(callbackId, cancelToken, submissionId) {
      const record = await loadInto(
        cancellation,
        () => backend.cancelCallback(callbackId, { token: cancelToken, signal: abort }),
        () => clock.now(),
      );
      if (record && submissionId) await outbox.discard(submissionId);
      return record;
    },
    dismiss: (submissionId) => outbox.discard(submissionId),
  };
}
