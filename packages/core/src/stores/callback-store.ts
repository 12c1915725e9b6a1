import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { CallbackInput, CallbackRecord, CallbackSlot } from '../model/callbacks.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import { idle, loadInto, type AsyncState } from '../state.js';
import type { StoreContext } from './store-context.js';
import { submissionsOf } from './submissions.js';

export interface CallbackStore {
  readonly slots: ReadonlySignal<AsyncState<readonly CallbackSlot[]>>;
  readonly submissions: ReadonlySignal<readonly OutboxItem<'callback'>[]>;
  loadSlots(query: { from: string; days: number }): Promise<void>;
  request(input: CallbackInput, options?: { submissionId?: string }): Promise<OutboxItem<'callback'>>;
  cancel(callbackId: string, cancelToken: string): Promise<CallbackRecord | undefined>;
}

export function createCallbackStore(context: StoreContext): CallbackStore {
  const { backend, outbox, clock, signal: abort } = context;
  const slots = signal<AsyncState<readonly CallbackSlot[]>>(idle);
  const cancelled = signal<AsyncState<CallbackRecord>>(idle);
  return {
    slots,
    submissions: submissionsOf(outbox, 'callback'),
    async loadSlots(query) {
      await loadInto(
        slots,
        () => backend.getCallbackSlots(query, { signal: abort }),
        () => clock.now(),
      );
    },
    request: (input, options = {}) =>
      outbox.enqueue('callback', input, options.submissionId ? { id: options.submissionId } : {}),
    cancel: (callbackId, cancelToken) =>
      loadInto(
        cancelled,
        () => backend.cancelCallback(callbackId, { token: cancelToken, signal: abort }),
        () => clock.now(),
      ),
  };
}
