import type { Migration } from '../migrate.js';

/**
 * The name an order was placed under, so the agent console can say who asked for a return or
 * named an order in chat ("Ana Garcia <ana.garcia@example.com>") instead of an email alone. It
 * is a column beside the order, not part of the Order document the contract sends: shoppers
 * never receive it (they know their own name), so an order lookup tells no more than before.
 * NULL for orders stored before it; the demo's seeded orders get theirs in db/seed.ts.
 */
export const orderCustomerNameMigration: Migration = {
  id: 8,
  name: 'order-customer-name',
  sqlite: `ALTER TABLE orders ADD COLUMN customer_name TEXT`,
  postgres: `alter table orders add column customer_name text`,
};
