import type { ReturnPolicy, ReturnReason } from '../model/config.js';
import type { Order, OrderItem } from '../model/orders.js';
import type { ReturnInput, ReturnItemInput } from '../model/returns.js';
import { isOptionalText, MAX_COMMENT_LENGTH, type FieldErrors } from './fields.js';

export const notReturnableMessages: Readonly<Record<NonNullable<OrderItem['notReturnableReason']>, string>> = {
  final_sale: 'This item was a final sale and cannot be returned.',
  window_closed: 'The return window for this item has closed.',
  already_returned: 'This item has already been returned.',
  not_delivered: 'This item can be returned once it has been delivered.',
  cancelled: 'This item was cancelled.',
};

export type NotReturnableReason = NonNullable<OrderItem['notReturnableReason']>;

/** Why `item` cannot be returned at `now`, as a code a UI can localize, or undefined when it can. */
export function notReturnableReasonOf(item: OrderItem, now: number): NotReturnableReason | undefined {
  if (item.finalSale) return 'final_sale';
  if (item.returnDeadline !== undefined && Date.parse(item.returnDeadline) < now) return 'window_closed';
  if (item.returnableQuantity <= 0) return item.notReturnableReason ?? 'already_returned';
  return undefined;
}

/** Why `item` cannot be returned at `now`, or undefined when it can. */
export function whyNotReturnable(item: OrderItem, now: number): string | undefined {
  const reason = notReturnableReasonOf(item, now);
  return reason === undefined ? undefined : notReturnableMessages[reason];
}

/**
 * The reasons a shopper may give for returning `item`, in the policy's order: those listed for its
 * category, else the policy's default list, else every reason. Codes the policy does not define
 * are left out.
 */
export function reasonsFor(policy: ReturnPolicy, item: Pick<OrderItem, 'category'>): readonly ReturnReason[] {
  const listed = item.category === undefined ? undefined : policy.reasonsByCategory?.[item.category];
  const codes = listed ?? policy.defaultReasons;
  return codes === undefined ? policy.reasons : policy.reasons.filter((reason) => codes.includes(reason.code));
}

/**
 * The reason the seeded returns of the demo orders give for an item: the first that applies to it
 * and needs no photo (they come with none).
 */
export function seedReasonFor(policy: ReturnPolicy, item: Pick<OrderItem, 'category'>): string {
  return reasonsFor(policy, item).find((reason) => !reason.requiresPhoto)?.code ?? 'other';
}

/** A line as it came, which may be anything when it came as JSON. */
function lineOf(value: unknown): Partial<Record<keyof ReturnItemInput, unknown>> {
  return typeof value === 'object' && value !== null ? (value as Partial<Record<keyof ReturnItemInput, unknown>>) : {};
}

/**
 * Every mistake in a return request, keyed `items.<index>.<field>` so a form can mark the right
 * line. `isKnownPhoto` says whether a photo id was uploaded (and may be used for this order).
 */
export function validateReturn(
  order: Order,
  policy: ReturnPolicy,
  input: ReturnInput,
  isKnownPhoto: (photoId: string) => boolean,
  now: number,
): FieldErrors {
  const fields: FieldErrors = {};
  const lines: readonly unknown[] = Array.isArray(input.items) ? input.items : [];
  if (lines.length === 0) fields['items'] = 'Choose at least one item to return.';
  if (!policy.resolutions.includes(input.resolution))
    fields['resolution'] = 'Choose how you would like to be refunded.';
  if (!isOptionalText(input.comment, MAX_COMMENT_LENGTH)) {
    fields['comment'] = `Please keep the comment under ${MAX_COMMENT_LENGTH} characters.`;
  }
  const requestedSoFar = new Map<string, number>();
  lines.forEach((value, index) => {
    const line = lineOf(value);
    const field = (name: string) => `items.${index}.${name}`;
    const item = order.items.find((candidate) => candidate.id === line.itemId);
    if (!item) {
      fields[field('itemId')] = 'This item is not part of the order.';
      return;
    }
    const quantity = Number.isInteger(line.quantity) ? (line.quantity as number) : undefined;
    const notReturnable = whyNotReturnable(item, now);
    const alreadyRequested = requestedSoFar.get(item.id) ?? 0;
    if (notReturnable !== undefined) {
      fields[field('itemId')] = notReturnable;
    } else if (quantity === undefined || quantity < 1 || alreadyRequested + quantity > item.returnableQuantity) {
      fields[field('quantity')] = `Choose a quantity from 1 to ${item.returnableQuantity - alreadyRequested}.`;
    }
    requestedSoFar.set(item.id, alreadyRequested + (quantity ?? 0));

    const reason = reasonsFor(policy, item).find((candidate) => candidate.code === line.reason);
    if (!reason) {
      // A reason of another category ("Too small" for a plate) is refused like one nobody defined.
      const elsewhere = policy.reasons.some((candidate) => candidate.code === line.reason);
      fields[field('reason')] = elsewhere
        ? 'This reason does not apply to this item; choose one from the list.'
        : 'Choose a reason from the list.';
    }
    const photoIds: readonly unknown[] = Array.isArray(line.photoIds) ? line.photoIds : [];
    if (photoIds.some((id) => typeof id !== 'string' || !isKnownPhoto(id))) {
      fields[field('photoIds')] = 'A photo is missing; please add it again.';
    } else if (photoIds.length > policy.photos.maxCount) {
      fields[field('photoIds')] = `Add at most ${policy.photos.maxCount} photos.`;
    } else if (reason?.requiresPhoto && photoIds.length === 0) {
      fields[field('photoIds')] = 'Please add at least one photo for this reason.';
    }
    if (!isOptionalText(line.comment, MAX_COMMENT_LENGTH)) {
      fields[field('comment')] = `Please keep the comment under ${MAX_COMMENT_LENGTH} characters.`;
    }
    if (input.resolution === 'exchange') {
      const variant = item.exchangeVariants?.find((candidate) => candidate.id === line.exchangeVariantId);
      if (!variant) fields[field('exchangeVariantId')] = 'Choose the size or colour you want instead.';
      else if (!variant.inStock) fields[field('exchangeVariantId')] = 'That variant is out of stock.';
    }
  });
  return fields;
}
