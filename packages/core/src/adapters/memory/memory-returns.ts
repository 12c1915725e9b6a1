import type { OrderItem } from '../../model/orders.js';
import type { ReturnInput, ReturnRecord, UploadedPhoto } from '../../model/returns.js';
import type { ReturnsBackend } from '../../ports/backend.js';
import { KefuError } from '../../errors.js';
import { stableJson } from './idempotency.js';
import type { MemoryContext } from './memory-context.js';
import { notFound, throwIfInvalid, unauthorized, type FieldErrors } from './memory-errors.js';
import type { OrderAccessCheck, StoredOrder } from './memory-orders.js';
import { sniffImageType } from '../../domain/photo-type.js';

export interface StoredUpload {
  readonly photo: UploadedPhoto;
  readonly file: Blob;
}

/** Uploaded files, which returns (as photos) and chat (as attachments) refer to by id. */
export interface UploadLookup {
  upload(id: string): StoredUpload | undefined;
}

export interface ReturnsControls {
  returnRecord(id: string): ReturnRecord | undefined;
}

const notReturnableMessages: Record<NonNullable<OrderItem['notReturnableReason']>, string> = {
  final_sale: 'This item was a final sale and cannot be returned.',
  window_closed: 'The return window for this item has closed.',
  already_returned: 'This item has already been returned.',
  not_delivered: 'This item can be returned once it has been delivered.',
  cancelled: 'This item was cancelled.',
};

export function createMemoryReturns(
  context: MemoryContext,
  orders: OrderAccessCheck,
  /** Which tokens may upload: order access tokens, identity tokens and, for attachments, chat tokens. */
  mayUpload: (token: string | undefined) => boolean,
): { backend: ReturnsBackend; uploads: UploadLookup; controls: ReturnsControls } {
  const returns = new Map<string, ReturnRecord>();
  const uploads = new Map<string, StoredUpload>();
  let rmaNumber = 4000;

  function whyNotReturnable(item: OrderItem): string | undefined {
    if (item.finalSale) return notReturnableMessages.final_sale;
    if (item.returnDeadline !== undefined && Date.parse(item.returnDeadline) < context.now()) {
      return notReturnableMessages.window_closed;
    }
    if (item.returnableQuantity <= 0) return notReturnableMessages[item.notReturnableReason ?? 'already_returned'];
    return undefined;
  }

  /** Every mistake in the request, keyed `items.<index>.<field>` so a form can mark the right line. */
  function validate(stored: StoredOrder, input: ReturnInput): void {
    const policy = context.config.returnPolicy;
    const fields: FieldErrors = {};
    const lines: ReturnInput['items'] = Array.isArray(input.items) ? input.items : [];
    if (lines.length === 0) fields['items'] = 'Choose at least one item to return.';
    if (!policy.resolutions.includes(input.resolution))
      fields['resolution'] = 'Choose how you would like to be refunded.';
    const requestedSoFar = new Map<string, number>();
    lines.forEach((line, index) => {
      const field = (name: string) => `items.${index}.${name}`;
      const item = stored.order.items.find((candidate) => candidate.id === line.itemId);
      if (!item) {
        fields[field('itemId')] = 'This item is not part of the order.';
        return;
      }
      const notReturnable = whyNotReturnable(item);
      const alreadyRequested = requestedSoFar.get(item.id) ?? 0;
      if (notReturnable !== undefined) {
        fields[field('itemId')] = notReturnable;
      } else if (
        !Number.isInteger(line.quantity) ||
        line.quantity < 1 ||
        alreadyRequested + line.quantity > item.returnableQuantity
      ) {
        fields[field('quantity')] = `Choose a quantity from 1 to ${item.returnableQuantity - alreadyRequested}.`;
      }
      requestedSoFar.set(item.id, alreadyRequested + (Number.isInteger(line.quantity) ? line.quantity : 0));

      const reason = policy.reasons.find((candidate) => candidate.code === line.reason);
      if (!reason) fields[field('reason')] = 'Choose a reason from the list.';
      const photoIds: readonly string[] = Array.isArray(line.photoIds) ? line.photoIds : [];
      if (photoIds.some((id) => !uploads.has(id))) {
        fields[field('photoIds')] = 'A photo is missing; please add it again.';
      } else if (photoIds.length > policy.photos.maxCount) {
        fields[field('photoIds')] = `Add at most ${policy.photos.maxCount} photos.`;
      } else if (reason?.requiresPhoto && photoIds.length === 0) {
        fields[field('photoIds')] = 'Please add at least one photo for this reason.';
      }
      if (input.resolution === 'exchange') {
        const variant = item.exchangeVariants?.find((candidate) => candidate.id === line.exchangeVariantId);
        if (!variant) fields[field('exchangeVariantId')] = 'Choose the size or colour you want instead.';
        else if (!variant.inStock) fields[field('exchangeVariantId')] = 'That variant is out of stock.';
      }
    });
    throwIfInvalid(fields);
  }

  function create(stored: StoredOrder, input: ReturnInput): ReturnRecord {
    validate(stored, input);
    rmaNumber += 1;
    const record: ReturnRecord = {
      id: context.nextId('ret'),
      rma: `RMA-${rmaNumber}`,
      orderId: stored.order.id,
      status: 'requested',
      items: structuredClone(input.items),
      resolution: input.resolution,
      createdAt: context.nowIso(),
    };
    returns.set(record.id, record);
    const returnedQuantities = new Map<string, number>();
    for (const line of input.items) {
      returnedQuantities.set(line.itemId, (returnedQuantities.get(line.itemId) ?? 0) + line.quantity);
    }
    stored.order = {
      ...stored.order,
      items: stored.order.items.map((item) => {
        const returned = returnedQuantities.get(item.id);
        if (returned === undefined) return item;
        const returnableQuantity = item.returnableQuantity - returned;
        return returnableQuantity > 0
          ? { ...item, returnableQuantity }
          : { ...item, returnableQuantity: 0, notReturnableReason: 'already_returned' };
      }),
      returns: [
        ...stored.order.returns,
        { id: record.id, rma: record.rma, status: record.status, createdAt: record.createdAt },
      ],
    };
    return record;
  }

  async function uploadPhoto(file: Blob, options: Parameters<ReturnsBackend['uploadPhoto']>[1]) {
    // Reading the first bytes stands in for the server receiving the body.
    const contentType = await sniffImageType(file);
    const photo = await context.handle(options.signal, () => {
      if (!mayUpload(options.token)) throw unauthorized();
      return context.idempotency.run('upload', options.idempotencyKey, `${file.size}:${file.type}`, () => {
        const { maxBytes, types } = context.config.returnPolicy.photos;
        if (file.size > maxBytes) {
          throw new KefuError('validation', `Photos can be up to ${Math.floor(maxBytes / 1024 / 1024)} MB.`, {
            status: 413,
            serverCode: 'too_large',
            fields: { file: 'This photo is too large.' },
          });
        }
        if (contentType === undefined || !types.includes(contentType)) {
          throw new KefuError('validation', 'Please choose a JPEG, PNG or WebP photo.', {
            status: 422,
            serverCode: 'unsupported_type',
            fields: { file: 'This file is not a JPEG, PNG or WebP photo.' },
          });
        }
        const uploaded: UploadedPhoto = { id: context.nextId('upl'), contentType, size: file.size };
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
          const stored = orders.authorize(options.token, input.orderId);
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
    uploads: { upload: (id) => uploads.get(id) },
    controls: { returnRecord: (id) => structuredClone(returns.get(id)) },
  };
}
