import type { StoreServices } from '../services/index.js';
import { findOrderByNumber } from '../services/admin.js';

/** What the conversation view shows of the order a shopper named. */
export interface ConsoleOrder {
  readonly number: string;
  readonly status: string;
  readonly placedAt: string;
  readonly items: readonly { readonly name: string; readonly variant?: string; readonly quantity: number }[];
  /**
   * Whether the order's email is the one the shopper gave in chat. Anyone can type an order
   * number, so the agent checks who they are talking to before discussing it when it is not.
   */
  readonly emailMatches: boolean;
  /** Whom the order belongs to: its email, and the name it was placed under when the store has it. */
  readonly customer: { readonly email: string; readonly name?: string };
}

export type OrderLookup = (orderNumber: string, shopperEmail: string) => Promise<ConsoleOrder | null>;

const normalized = (email: string) => email.trim().toLowerCase();

export function storeOrderLookup(services: StoreServices): OrderLookup {
  return async (orderNumber, shopperEmail) => {
    const found = await findOrderByNumber(services, orderNumber.trim());
    if (!found) return null;
    const { order, email, customerName } = found;
    return {
      number: order.number,
      status: order.status,
      placedAt: order.placedAt,
      items: order.items.map(({ name, variant, quantity }) => ({
        name,
        ...(variant === undefined ? {} : { variant }),
        quantity,
      })),
      emailMatches: normalized(email) === normalized(shopperEmail),
      customer: { email, ...(customerName === undefined ? {} : { name: customerName }) },
    };
  };
}
