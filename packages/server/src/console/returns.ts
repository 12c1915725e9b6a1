import type { StoreServices } from '../services/index.js';
import { findOrderByNumber, listReturns, type AdminReturn } from '../services/admin.js';

/** One returned line as the agent reads it: the product, not the order line's id. */
export interface ConsoleReturnItem {
  readonly itemId: string;
  /** The product's name; the line's id when the order no longer has the line. */
  readonly name: string;
  readonly variant?: string;
  readonly quantity: number;
  readonly reason: string;
  readonly comment?: string;
  /** For an exchange: the variant the shopper wants instead, by name. */
  readonly exchangeFor?: string;
  /** Where the console opens each photo: its own route, behind the agent's session. */
  readonly photoUrls: readonly string[];
}

/** A return with what the agent needs to decide it without opening the order elsewhere. */
export interface ConsoleReturn extends Omit<AdminReturn, 'items'> {
  readonly items: readonly ConsoleReturnItem[];
  /**
   * Who asked: the order's email, the name it was placed under when the store has it, and the
   * store's customer id for an order placed signed in.
   */
  readonly customer: { readonly email: string; readonly name?: string; readonly customerId?: string } | null;
}

export async function consoleReturns(services: StoreServices): Promise<ConsoleReturn[]> {
  const records = await listReturns(services);
  const orders = await Promise.all(records.map((record) => findOrderByNumber(services, record.orderNumber)));
  return records.map((record, index) => {
    const stored = orders[index];
    const lines = new Map(stored?.order.items.map((line) => [line.id, line]));
    return {
      ...record,
      items: record.items.map((item) => {
        const line = lines.get(item.itemId);
        const wanted = item.exchangeVariantId;
        const exchangeFor =
          wanted === undefined
            ? undefined
            : (line?.exchangeVariants?.find((variant) => variant.id === wanted)?.name ?? wanted);
        return {
          itemId: item.itemId,
          name: line?.name ?? item.itemId,
          ...(line?.variant === undefined ? {} : { variant: line.variant }),
          quantity: item.quantity,
          reason: item.reason,
          ...(item.comment === undefined ? {} : { comment: item.comment }),
          ...(exchangeFor === undefined ? {} : { exchangeFor }),
          photoUrls: item.photoIds.map((id) => `/agent/api/uploads/${encodeURIComponent(id)}`),
        };
      }),
      customer: stored
        ? {
            email: stored.email,
            ...(stored.customerName === undefined ? {} : { name: stored.customerName }),
            ...(stored.customerId === undefined ? {} : { customerId: stored.customerId }),
          }
        : null,
    };
  });
}
