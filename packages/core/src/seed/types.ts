import type { Order } from '../model/orders.js';

/** A demo order with what the store knows and never sends: the full email and postal code. */
export interface SeedOrder {
  readonly email: string;
  readonly postalCode: string;
  /** The store's customer id, for identity tokens (`sub`); absent for guest orders. */
  readonly customerId?: string;
  readonly order: Order;
}
