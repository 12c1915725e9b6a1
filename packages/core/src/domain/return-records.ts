import type { Order, ReturnSummary } from '../model/orders.js';
import type { ReturnInput, ReturnItemInput } from '../model/returns.js';

/**
 * What a backend does with a return request validateReturn accepted: what it keeps of it, and what
 * recording or rejecting it does to the order. Kept apart from returns.ts, which the widget runs
 * too (its return form checks a request before sending it), so the widget does not download these.
 */

/**
 * The request as it is kept once validateReturn found nothing wrong: its known fields only, so
 * whatever else the JSON carried is not stored.
 */
export function cleanReturnInput(input: ReturnInput): ReturnInput {
  const items = input.items.map((value): ReturnItemInput => {
    // Checked by validateReturn: every line is an object naming an item of the order.
    const line = value as Partial<Record<keyof ReturnItemInput, unknown>>;
    return {
      itemId: String(line.itemId),
      quantity: Number(line.quantity),
      reason: String(line.reason),
      ...(typeof line.comment === 'string' ? { comment: line.comment } : {}),
      photoIds: Array.isArray(line.photoIds) ? line.photoIds.map(String) : [],
      ...(input.resolution === 'exchange' && typeof line.exchangeVariantId === 'string'
        ? { exchangeVariantId: line.exchangeVariantId }
        : {}),
    };
  });
  return {
    orderId: input.orderId,
    items,
    resolution: input.resolution,
    ...(typeof input.comment === 'string' ? { comment: input.comment } : {}),
  };
}

/** The order once a valid return of `lines` is recorded: fewer to return, and the return listed. */
export function applyReturn(order: Order, lines: readonly ReturnItemInput[], summary: ReturnSummary): Order {
  const returnedQuantities = new Map<string, number>();
  for (const line of lines) {
    returnedQuantities.set(line.itemId, (returnedQuantities.get(line.itemId) ?? 0) + line.quantity);
  }
  return {
    ...order,
    items: order.items.map((item) => {
      const returned = returnedQuantities.get(item.id);
      if (returned === undefined) return item;
      const returnableQuantity = item.returnableQuantity - returned;
      return returnableQuantity > 0
        ? { ...item, returnableQuantity }
        : { ...item, returnableQuantity: 0, notReturnableReason: 'already_returned' };
    }),
    returns: [...order.returns, summary],
  };
}

/**
 * A rejected return gives its items back: what it took from each item's returnable quantity is
 * returnable again (the shopper may ask once more, with the photo that was missing, say), unless
 * the item was never returnable for another reason (final sale, window closed).
 */
export function releaseReturn(order: Order, lines: readonly ReturnItemInput[]): Order {
  const released = new Map<string, number>();
  for (const line of lines) released.set(line.itemId, (released.get(line.itemId) ?? 0) + line.quantity);
  return {
    ...order,
    items: order.items.map((item) => {
      const quantity = released.get(item.id);
      if (quantity === undefined) return item;
      const returnableQuantity = Math.min(item.quantity, item.returnableQuantity + quantity);
      if (item.notReturnableReason !== undefined && item.notReturnableReason !== 'already_returned') {
        return item;
      }
      const { notReturnableReason: _released, ...rest } = item;
      return { ...rest, returnableQuantity };
    }),
  };
}
