import type { Order } from '../../model/orders.js';
import type { ReturnInput, ReturnItemInput, ReturnRecord, UploadedPhoto } from '../../model/returns.js';
import type { ReturnsBackend } from '../../ports/backend.js';
import { KefuError } from '../../errors.js';
import { stableJson } from '../../domain/stable-json.js';
import type { MemoryContext } from './memory-context.js';
import { notFound, throwIfInvalid, unauthorized, uploadRefused } from './memory-errors.js';
import type { OrderAccessCheck, StoredOrder } from './memory-orders.js';
import { checkPhoto, sniffImageType } from '../../domain/photo-type.js';
import { seedReasonFor, validateReturn } from '../../domain/returns.js';
import type { ReturnPolicy } from '../../model/config.js';
import { applyReturn, cleanReturnInput, releaseReturn } from '../../domain/return-records.js';

/** An uploaded photo, which returns refer to by id (chat attachments are the chat's own). */
interface StoredUpload {
  readonly photo: UploadedPhoto;
  readonly file: Blob;
}

export interface ReturnsControls {
  returnRecord(id: string): ReturnRecord | undefined;
  /** What the agent console does: approve a requested return with its label, or reject it with a reason. */
  decideReturn(
    id: string,
    decision: { status: 'approved'; labelUrl: string } | { status: 'rejected'; reason: string },
  ): ReturnRecord;
  /** Moves an approved return on (received, refunded), as the warehouse would. */
  setReturnStatus(id: string, status: ReturnRecord['status']): ReturnRecord;
}

/**
 * The records behind the return summaries the demo orders come with (MM-1006 has RMA-3001), as
 * the reference server seeds them, so getReturn knows them.
 */
function seededRecords(orders: readonly Order[], policy: ReturnPolicy): ReturnRecord[] {
  return orders.flatMap((order) => {
    const [summary, ...others] = order.returns;
    if (!summary || others.length > 0) return [];
    const items: ReturnItemInput[] = order.items.flatMap((item) => {
      const returned =
        item.notReturnableReason === 'already_returned' || item.returnableQuantity > 0
          ? item.quantity - item.returnableQuantity
          : 0;
      return returned > 0
        ? [{ itemId: item.id, quantity: returned, reason: seedReasonFor(policy, item), photoIds: [] }]
        : [];
    });
    return [
      {
        id: summary.id,
        rma: summary.rma,
        orderId: order.id,
        status: summary.status,
        items,
        resolution: 'refund',
        createdAt: summary.createdAt,
        ...(summary.status === 'approved'
          ? { labelUrl: `https://maple-and-moss.example/returns/${summary.rma}/label.pdf` }
          : {}),
      },
    ];
  });
}

export function createMemoryReturns(
  context: MemoryContext,
  orders: OrderAccessCheck,
  /** Which tokens may upload return photos: order access tokens and identity tokens. */
  mayUpload: (token: string | undefined) => boolean,
  /** The orders as seeded, for the records of the returns they come with. */
  seededOrders: readonly Order[] = [],
): { backend: ReturnsBackend; controls: ReturnsControls } {
  const returns = new Map<string, ReturnRecord>(
    seededRecords(seededOrders, context.config.returnPolicy).map((record) => [record.id, record]),
  );
  /** The stored order of each return made here, so a decision shows in the order's summary too. */
  const orderOf = new Map<string, StoredOrder>();

  function changeStatus(id: string, change: (record: ReturnRecord) => ReturnRecord): ReturnRecord {
    const record = returns.get(id);
    if (!record) throw notFound('We could not find that return.', 'return_not_found');
    const changed = change(record);
    returns.set(id, changed);
    const stored = orderOf.get(id);
    if (stored) {
      const order = {
        ...stored.order,
        returns: stored.order.returns.map((summary) =>
          summary.id === id ? { ...summary, status: changed.status } : summary,
        ),
      };
      // As on the reference server: a rejected return's items are returnable again.
      stored.order =
        changed.status === 'rejected' && record.status !== 'rejected' ? releaseReturn(order, record.items) : order;
    }
    return structuredClone(changed);
  }
  const uploads = new Map<string, StoredUpload>();
  let rmaNumber = 4000;

  function create(stored: StoredOrder, input: ReturnInput): ReturnRecord {
    const now = context.now();
    throwIfInvalid(validateReturn(stored.order, context.config.returnPolicy, input, (id) => uploads.has(id), now));
    const clean = cleanReturnInput(input);
    rmaNumber += 1;
    const record: ReturnRecord = {
      id: context.nextId('ret'),
      rma: `RMA-${rmaNumber}`,
      orderId: stored.order.id,
      status: 'requested',
      items: clean.items,
      resolution: clean.resolution,
      createdAt: context.nowIso(),
    };
    returns.set(record.id, record);
    orderOf.set(record.id, stored);
    stored.order = applyReturn(stored.order, clean.items, {
      id: record.id,
      rma: record.rma,
      status: record.status,
      createdAt: record.createdAt,
    });
    return record;
  }

  async function uploadPhoto(file: Blob, options: Parameters<ReturnsBackend['uploadPhoto']>[1]) {
    // Reading the first bytes stands in for the server receiving the body.
    const contentType = await sniffImageType(file);
    const photo = await context.handle(options.signal, () => {
      if (!mayUpload(options.token)) throw unauthorized();
      return context.idempotency.run('upload', options.idempotencyKey, `${file.size}:${file.type}`, () => {
        const checked = checkPhoto(file.size, contentType, context.config.returnPolicy.photos);
        if ('problem' in checked) throw uploadRefused(checked.problem);
        const uploaded: UploadedPhoto = {
          id: context.nextId('upl'),
          contentType: checked.contentType,
          size: file.size,
        };
        uploads.set(uploaded.id, { photo: uploaded, file });
        return uploaded;
      });
    });
    options.onProgress?.(1);
    return photo;
  }

  return {
    backend: {
      createReturn: (input, options) =>
        context.handle(options.signal, () => {
          const stored = orders.authorizeReturn(options.token, input.orderId);
          return context.idempotency.run('return', options.idempotencyKey, stableJson(input), () =>
            create(stored, input),
          );
        }),
      getReturn: (returnId, options) =>
        context.handle(options.signal, () => {
          const record = returns.get(returnId);
          if (!record) throw notFound('We could not find that return.', 'return_not_found');
          orders.authorize(options.token, record.orderId);
          return record;
        }),
      uploadPhoto,
    },
    controls: {
      returnRecord: (id) => structuredClone(returns.get(id)),
      decideReturn: (id, decision) =>
        changeStatus(id, (record) => {
          if (record.status !== 'requested') {
            throw new KefuError('conflict', `This return was already ${record.status}.`, { status: 409 });
          }
          return decision.status === 'approved'
            ? { ...record, status: 'approved', labelUrl: decision.labelUrl }
            : { ...record, status: 'rejected', rejectionReason: decision.reason };
        }),
      setReturnStatus: (id, status) => changeStatus(id, (record) => ({ ...record, status })),
    },
  };
}
