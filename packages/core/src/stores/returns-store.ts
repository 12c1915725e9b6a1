import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { ReturnInput, ReturnRecord, UploadedPhoto } from '../model/returns.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import { KefuError } from '../errors.js';
import { idle, loadInto, toResult, type AsyncState, type Result } from '../state.js';
import type { StoreContext } from './store-context.js';
import { submissionsOf } from './submissions.js';

export interface ReturnsStore {
  /** Return requests in the outbox: waiting to send, sent (with the RMA in `result`) or failed. */
  readonly submissions: ReadonlySignal<readonly OutboxItem<'return'>[]>;
  readonly viewed: ReadonlySignal<AsyncState<ReturnRecord>>;
  /**
   * Saves the request and sends it when possible. Pass the same `submissionId` for a double tap or
   * a retry of the same request: it is kept once.
   */
  submit(input: ReturnInput, options?: { submissionId?: string }): Promise<OutboxItem<'return'>>;
  view(returnId: string, orderId: string): Promise<void>;
  /** Uploads need the network (a photo is too large to queue); a failure is a result, not a throw. */
  uploadPhoto(orderId: string, file: Blob, onProgress?: (fraction: number) => void): Promise<Result<UploadedPhoto>>;
}

export function createReturnsStore(
  context: StoreContext,
  tokenFor: (orderId: string) => Promise<string | undefined>,
): ReturnsStore {
  const { backend, outbox, clock, signal: abort } = context;
  const viewed = signal<AsyncState<ReturnRecord>>(idle);
  return {
    submissions: submissionsOf(outbox, 'return'),
    viewed,
    async submit(input, options = {}) {
      const token = await tokenFor(input.orderId);
      return outbox.enqueue('return', input, {
        ...(options.submissionId ? { id: options.submissionId } : {}),
        ...(token ? { token } : {}),
      });
    },
    async view(returnId, orderId) {
      const token = await tokenFor(orderId);
      await loadInto(
        viewed,
        () => backend.getReturn(returnId, { signal: abort, ...(token ? { token } : {}) }),
        () => clock.now(),
      );
    },
    uploadPhoto: (orderId, file, onProgress) =>
      toResult(async () => {
        const token = await tokenFor(orderId);
        if (!token) throw new KefuError('unauthorized', 'Look the order up again to add photos.');
        return backend.uploadPhoto(file, {
          idempotencyKey: crypto.randomUUID(),
          token,
          signal: abort,
          ...(onProgress ? { onProgress } : {}),
        });
      }),
  };
}
