import { batch, computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type { ReturnPolicy } from '../model/config.js';
import type { Order, OrderItem } from '../model/orders.js';
import type {
  DraftPhoto,
  ReturnDraft,
  ReturnInput,
  ReturnLineDraft,
  ReturnRecord,
  UploadedPhoto,
} from '../model/returns.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import { KefuError } from '../errors.js';
import { idle, loadInto, toResult, type AsyncState, type Result } from '../state.js';
import { notReturnableReasonOf, validateReturn, type NotReturnableReason } from '../domain/returns.js';
import type { FieldErrors } from '../domain/fields.js';
import { checkPhoto, sniffImageType } from '../domain/photo-type.js';
import type { StoreContext } from './store-context.js';
import { submissionsOf } from './submissions.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether an order line can be returned now: until when and how many, or why not. */
export type Returnability =
  | { readonly returnable: true; readonly maxQuantity: number; /** ISO 8601, when known. */ readonly until?: string }
  | { readonly returnable: false; readonly reason: NotReturnableReason };

export interface ReturnsStore {
  /** Return requests in the outbox: waiting to send, sent (with the RMA in `result`) or failed. */
  readonly submissions: ReadonlySignal<readonly OutboxItem<'return'>[]>;
  readonly viewed: ReadonlySignal<AsyncState<ReturnRecord>>;
  /** The return being filled in for the order opened with `openDraft`, as kept in storage. */
  readonly draft: ReadonlySignal<ReturnDraft | undefined>;
  /** The outbox item of the draft once submitted (pending, sent with the RMA, or failed). */
  readonly draftSubmission: ReadonlySignal<OutboxItem<'return'> | undefined>;
  /**
   * The server's per-field objections to the draft's submission, keyed like `check`:
   * `items.<itemId>.<field>`, `resolution`, `comment`, `items`.
   */
  readonly submissionErrors: ReadonlySignal<FieldErrors>;
  /** The full records of the order's earlier returns (label link, rejection reason), by return id. */
  readonly history: ReadonlySignal<Readonly<Record<string, AsyncState<ReturnRecord>>>>;
  /**
   * Saves the request and sends it when possible. Pass the same `submissionId` for a double tap or
   * a retry of the same request: it is kept once.
   */
  submit(input: ReturnInput, options?: { submissionId?: string }): Promise<OutboxItem<'return'>>;
  view(returnId: string, orderId: string): Promise<void>;
  /** Uploads need the network (a photo is too large to queue); a failure is a result, not a throw. */
  uploadPhoto(orderId: string, file: Blob, onProgress?: (fraction: number) => void): Promise<Result<UploadedPhoto>>;
  /** Whether `item` can be returned now, until when, or why not. */
  returnability(item: OrderItem, order: Order, policy: ReturnPolicy): Returnability;
  /** Restores the order's draft from storage, or starts a new one (with a new idempotency key). */
  openDraft(orderId: string): Promise<ReturnDraft>;
  /** Changes the draft and keeps it in storage. */
  editDraft(change: (draft: ReturnDraft) => ReturnDraft): Promise<void>;
  /** Changes one line of the draft (an unchosen line starts unselected, quantity 1, no reason). */
  editLine(itemId: string, change: (line: ReturnLineDraft) => ReturnLineDraft): Promise<void>;
  /**
   * Checks a photo by its content and size against the policy, uploads it and adds it to the line.
   * Refusals come back as `validation` errors with serverCode `too_large`, `unsupported_type` or
   * `too_many`; offline as `network`.
   */
  addPhoto(
    itemId: string,
    file: Blob,
    policy: ReturnPolicy,
    onProgress?: (fraction: number) => void,
  ): Promise<Result<DraftPhoto>>;
  removePhoto(itemId: string, photoId: string): Promise<void>;
  /** Forgets the draft and starts an empty one for another return on the same order. */
  startAnother(orderId: string): Promise<void>;
  /** What is wrong with the draft, keyed `items.<itemId>.<field>`, `resolution`, `comment`, `items`. */
  check(order: Order, policy: ReturnPolicy): FieldErrors;
  /**
   * Checks the draft and, when nothing is wrong, hands it to the outbox under the draft's key.
   * Resolves with the problems found (empty once queued). Submitting again is harmless.
   */
  submitDraft(order: Order, policy: ReturnPolicy): Promise<FieldErrors>;
  /** Loads the full record of each earlier return on the order. */
  loadHistory(order: Order): Promise<void>;
}

const blankLine: ReturnLineDraft = { selected: false, quantity: 1, reason: '', photos: [] };

function emptyDraft(orderId: string): ReturnDraft {
  return { orderId, submissionId: crypto.randomUUID(), lines: {}, comment: '', step: 'edit' };
}

/** The draft as the backend expects it: the chosen lines in the order's own order. */
function inputOf(draft: ReturnDraft, order: Order): { input: ReturnInput; itemIds: string[] } {
  const chosen = order.items.flatMap((item) => {
    const line = draft.lines[item.id];
    return line?.selected ? [{ item, line }] : [];
  });
  const comment = draft.comment.trim();
  const input: ReturnInput = {
    orderId: order.id,
    items: chosen.map(({ item, line }) => {
      return {
        itemId: item.id,
        quantity: line.quantity,
        reason: line.reason,
        photoIds: line.photos.map((photo) => photo.id),
        ...(draft.resolution === 'exchange' && line.exchangeVariantId
          ? { exchangeVariantId: line.exchangeVariantId }
          : {}),
      };
    }),
    resolution: draft.resolution ?? ('' as ReturnInput['resolution']),
    ...(comment ? { comment } : {}),
  };
  return { input, itemIds: chosen.map(({ item }) => item.id) };
}

/** `items.<index>.<field>` (as validateReturn and the server say it) → `items.<itemId>.<field>`. */
function byItemId(fields: Readonly<Record<string, string>>, itemIds: readonly string[]): FieldErrors {
  const result: FieldErrors = {};
  for (const [key, message] of Object.entries(fields)) {
    const match = /^items\.(\d+)\.(.+)$/.exec(key);
    const itemId = match ? itemIds[Number(match[1])] : undefined;
    result[match && itemId ? `items.${itemId}.${match[2]}` : key] = message;
  }
  return result;
}

export function createReturnsStore(
  context: StoreContext,
  tokenFor: (orderId: string) => Promise<string | undefined>,
  /**
   * The token kept with a queued return: the lookup's return grant, which outlives the access token
   * so a return queued offline for hours is still accepted (docs/decisions/0012-return-grant.md).
   */
  returnTokenFor: (orderId: string) => Promise<string | undefined> = tokenFor,
): ReturnsStore {
  const { backend, cache, outbox, clock, signal: abort } = context;
  const viewed = signal<AsyncState<ReturnRecord>>(idle);
  const draft = signal<ReturnDraft | undefined>(undefined);
  const history = signal<Readonly<Record<string, AsyncState<ReturnRecord>>>>({});
  const submissions = submissionsOf(outbox, 'return');
  const draftSubmission = computed(() => {
    const id = draft.value?.submissionId;
    return id === undefined ? undefined : submissions.value.find((item) => item.id === id);
  });
  const submissionErrors = computed((): FieldErrors => {
    const failed = draftSubmission.value;
    if (failed?.status !== 'failed' || !failed.error?.fields) return {};
    return byItemId(failed.error.fields, draft.value?.sentItemIds ?? []);
  });
  // Writes run one after another and each writes the latest draft, so storage never goes back in time.
  let persisting: Promise<void> = Promise.resolve();

  function persist(): Promise<void> {
    persisting = persisting.then(async () => {
      const latest = draft.peek();
      if (latest) await cache.write('return-draft', latest, { key: latest.orderId });
    });
    return persisting;
  }

  async function editDraft(change: (draft: ReturnDraft) => ReturnDraft): Promise<void> {
    const current = draft.peek();
    if (!current) return;
    draft.value = change(current);
    await persist();
  }

  const editLine = (itemId: string, change: (line: ReturnLineDraft) => ReturnLineDraft) =>
    editDraft((current) => ({
      ...current,
      lines: { ...current.lines, [itemId]: change(current.lines[itemId] ?? blankLine) },
    }));

  const uploadPhoto: ReturnsStore['uploadPhoto'] = (orderId, file, onProgress) =>
    toResult(async () => {
      const token = await tokenFor(orderId);
      if (!token) throw new KefuError('unauthorized', 'Look the order up again to add photos.');
      return backend.uploadPhoto(file, {
        idempotencyKey: crypto.randomUUID(),
        token,
        signal: abort,
        ...(onProgress ? { onProgress } : {}),
      });
    });

  async function submit(input: ReturnInput, options: { submissionId?: string } = {}) {
    const token = await returnTokenFor(input.orderId);
    return outbox.enqueue('return', input, {
      ...(options.submissionId ? { id: options.submissionId } : {}),
      ...(token ? { token } : {}),
    });
  }

  function check(order: Order, policy: ReturnPolicy): FieldErrors {
    const current = draft.peek();
    if (!current) return { items: 'Choose at least one item to return.' };
    const { input, itemIds } = inputOf(current, order);
    const known = new Set(Object.values(current.lines).flatMap((line) => line.photos.map((photo) => photo.id)));
    return byItemId(
      validateReturn(order, policy, input, (id) => known.has(id), clock.now()),
      itemIds,
    );
  }

  return {
    submissions,
    viewed,
    draft,
    draftSubmission,
    submissionErrors,
    history,
    submit,
    async view(returnId, orderId) {
      const token = await tokenFor(orderId);
      await loadInto(
        viewed,
        () => backend.getReturn(returnId, { signal: abort, ...(token ? { token } : {}) }),
        () => clock.now(),
      );
    },
    uploadPhoto,
    editLine,

    async addPhoto(itemId, file, policy, onProgress) {
      const current = draft.peek();
      if (!current) return { ok: false, error: new KefuError('validation', 'Open the return first.') };
      const count = current.lines[itemId]?.photos.length ?? 0;
      if (count >= policy.photos.maxCount) {
        const message = `Add at most ${policy.photos.maxCount} photos.`;
        return { ok: false, error: new KefuError('validation', message, { serverCode: 'too_many' }) };
      }
      // Checked here first, so a wrong file is refused at once, without spending the upload.
      const checked = checkPhoto(file.size, await sniffImageType(file), policy.photos);
      if ('problem' in checked) {
        const { status, code, message, fields } = checked.problem;
        return { ok: false, error: new KefuError('validation', message, { status, serverCode: code, fields }) };
      }
      const uploaded = await uploadPhoto(current.orderId, file, onProgress);
      if (!uploaded.ok) return uploaded;
      const photo: DraftPhoto = { ...uploaded.value, file };
      await editLine(itemId, (line) => ({ ...line, photos: [...line.photos, photo] }));
      return { ok: true, value: photo };
    },

    removePhoto: (itemId, photoId) =>
      editLine(itemId, (line) => ({ ...line, photos: line.photos.filter((photo) => photo.id !== photoId) })),

    returnability(item, order, policy) {
      const reason = notReturnableReasonOf(item, clock.now());
      if (reason !== undefined) return { returnable: false, reason };
      const until =
        item.returnDeadline ??
        (order.deliveredAt
          ? new Date(Date.parse(order.deliveredAt) + policy.windowDays * DAY_MS).toISOString()
          : undefined);
      return { returnable: true, maxQuantity: item.returnableQuantity, ...(until ? { until } : {}) };
    },

    async openDraft(orderId) {
      // Storage first: before the shopper's first interaction it may not be readable yet, so a
      // later call finds the draft an earlier visit left.
      await persisting;
      const cached = await cache.read<ReturnDraft>('return-draft', orderId);
      const shown = draft.peek();
      // A new draft is not written until it is edited: an empty one must not replace a stored one.
      const opened = cached?.data ?? (shown?.orderId === orderId ? shown : emptyDraft(orderId));
      if (opened !== shown) draft.value = opened;
      return opened;
    },

    editDraft,

    async startAnother(orderId) {
      draft.value = emptyDraft(orderId);
      await persist();
    },

    check,

    async submitDraft(order, policy) {
      const current = draft.peek();
      if (!current) return { items: 'Choose at least one item to return.' };
      const problems = check(order, policy);
      if (Object.keys(problems).length > 0) return problems;
      const { input, itemIds } = inputOf(current, order);
      const previous = submissions.peek().find((item) => item.id === current.submissionId);
      // A request the server refused for good is corrected under a new key: the server may have
      // remembered the refused body under the old one. Anything else keeps the draft's one key.
      const submissionId = previous?.status === 'failed' ? crypto.randomUUID() : current.submissionId;
      // The key is in storage with the draft before the request is queued: a reload in between
      // submits again under the same key, never a second return.
      draft.value = { ...current, submissionId, step: 'submitted', sentItemIds: itemIds };
      await persist();
      await submit(input, { submissionId });
      if (previous?.status === 'failed') await outbox.discard(previous.id);
      return {};
    },

    async loadHistory(order) {
      const token = await tokenFor(order.id);
      if (!token) return;
      await Promise.all(
        order.returns.map(async (summary) => {
          const entry = signal<AsyncState<ReturnRecord>>(history.peek()[summary.id] ?? idle);
          const write = () => {
            history.value = { ...history.peek(), [summary.id]: entry.peek() };
          };
          const unsubscribe = entry.subscribe(() => batch(write));
          await loadInto(
            entry,
            () => backend.getReturn(summary.id, { token, signal: abort }),
            () => clock.now(),
          );
          unsubscribe();
        }),
      );
    },
  };
}
