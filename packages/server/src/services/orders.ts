import type { Order, OrderAccess, OrderLookup } from '@kefu/core';
import { checkOrderLookup, guessAllowance, normalizeOrderNumber, WARN_AT_TRIES_LEFT } from '@kefu/core/domain';
import { unauthorized, type Caller } from '../http/auth.js';
import { RateLimitedError, type FailureCounter, type LookupLimits } from '../http/rate-limit.js';
import { sameDigest, sha256 } from './crypto.js';
import { ApiError } from '../errors.js';
import { invalid, type StoreContext } from './context.js';
import type { OrderAccessTokens } from './order-access.js';
import type { Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock, type Executor } from '../db/tx.js';

/** An order with what only the store knows. */
export interface StoredOrder {
  readonly order: Order;
  readonly email: string;
  readonly postalCode: string;
  readonly customerId: string | undefined;
  /** The name the order was placed under, for the agent console only; shoppers are never sent it. */
  readonly customerName: string | undefined;
}

export interface OrdersService {
  /** Number + email or postal code → the order and an access token; one 404 for every miss. */
  lookup(input: OrderLookup, clientAddress: string): Promise<OrderAccess>;
  /** The order `caller` may act on: 401, or 404 for a signed-in shopper asking for an unknown order. */
  authorize(caller: Caller, orderId: unknown): Promise<StoredOrder>;
  /** A signed-in shopper's orders, newest first. */
  listMine(caller: Caller): Promise<Order[]>;
  /** The order, read in the caller's transaction when `executor` is one. */
  find(orderId: string, executor?: Executor): Promise<StoredOrder | undefined>;
  findByNumber(orderNumber: string): Promise<StoredOrder | undefined>;
  /**
   * Replaces the order's document (returns change it), inside the change's transaction: take
   * `lock(trx, 'order', order.id)` before reading the order the change starts from.
   */
  save(order: Order, trx: Transaction<KefuDatabase>): Promise<void>;
}

interface OrderRow {
  readonly json: string;
  readonly email: string;
  readonly postal_code: string;
  readonly customer_id: string | null;
  readonly customer_name: string | null;
}

const NOT_FOUND_MESSAGE = 'We could not find an order with those details.';
/** What a lookup of an unknown number compares against, so it does the same work as a wrong email. */
const DUMMY_DIGEST = sha256('kefu: no order has this digest');
const ADDRESS_BUCKET = 'lookup:address';
/** Failures per (client address, order number): what slows a client down on one number. */
const CLIENT_NUMBER_BUCKET = 'lookup:address-order-number';
/** Failures per order number from everywhere: only ever shrinks each client's free tries. */
const NUMBER_BUCKET = 'lookup:order-number';

/**
 * The one answer to every miss. Once the client is down to its last try on this number (or past
 * it), `triesLeft` warns it; that count is the client's own history, the same whether the number
 * exists or not, so the answer still tells nothing about which orders exist.
 */
function orderNotFound(triesLeft: number): ApiError {
  const details = triesLeft <= WARN_AT_TRIES_LEFT ? { triesLeft } : undefined;
  return new ApiError(404, 'order_not_found', NOT_FOUND_MESSAGE, undefined, details);
}

export function createOrdersService(
  store: StoreContext,
  tokens: OrderAccessTokens,
  failures: FailureCounter,
  limits: LookupLimits,
): OrdersService {
  const { db } = store;
  const longestWindowMs = Math.max(limits.perAddress.windowMs, limits.perOrderNumber.windowMs);
  const clientAndNumber = (clientAddress: string, orderNumber: string) => `${clientAddress}\n${orderNumber}`;
  const orderColumns = ['json', 'email', 'postal_code', 'customer_id', 'customer_name'] as const;

  /** This client's standing on this number: wait before trying, and tries left. */
  async function allowance(trx: Executor, clientAddress: string, orderNumber: string) {
    const { windowMs } = limits.perOrderNumber;
    const client = await failures.recent(
      trx,
      CLIENT_NUMBER_BUCKET,
      clientAndNumber(clientAddress, orderNumber),
      windowMs,
    );
    const number = await failures.recent(trx, NUMBER_BUCKET, orderNumber, windowMs);
    return guessAllowance(
      { clientFailures: client.count, lastClientFailureAt: client.newestAt, numberFailures: number.count },
      store.now(),
      limits.perOrderNumber,
    );
  }

  const toStored = (row: OrderRow): StoredOrder => ({
    order: JSON.parse(row.json) as Order,
    email: row.email,
    postalCode: row.postal_code,
    customerId: row.customer_id ?? undefined,
    customerName: row.customer_name ?? undefined,
  });
  async function find(orderId: string, executor: Executor = db): Promise<StoredOrder | undefined> {
    const row = await executor.selectFrom('orders').select(orderColumns).where('id', '=', orderId).executeTakeFirst();
    return row && toStored(row);
  }

  /** What a lookup came to; a miss is answered only after its failures are committed. */
  type Outcome =
    | { readonly kind: 'limited'; readonly waitMs: number }
    | { readonly kind: 'miss'; readonly triesLeft: number }
    | { readonly kind: 'found'; readonly access: OrderAccess };

  /**
   * Every lookup that passed validation takes the same path, found or not: the limits, one
   * indexed query, one digest of the input, one constant-time comparison (against a dummy digest
   * when the number is unknown) and, on a miss, the same writes. The answer to any miss is the
   * same ApiError, so the bytes are the same too.
   *
   * The check and the failures it leads to are one transaction behind a lock on the client's
   * address, taken first: lookups from one address wait for each other on every instance, so each
   * sees the failures of the one before and the address has one budget however its guesses are
   * spread (issue 21). The per-number count of everyone's failures is read without that lock; it
   * only ever shrinks free tries, and a race there can only be off by the racing lookups.
   */
  async function lookup(input: OrderLookup, clientAddress: string): Promise<OrderAccess> {
    // A number that cannot be one of the store's is the shopper's typo, not a guess: 422, nothing counted.
    const checked = checkOrderLookup(input, store.config.orderNumbers);
    if ('fields' in checked) throw invalid(checked.fields);
    const { orderNumber, by, value } = checked.lookup;

    const outcome = await inTransaction(db, async (trx): Promise<Outcome> => {
      await lock(trx, 'order_lookup', clientAddress);
      // While limited, even the right details wait: otherwise the limit would tell a guesser when they
      // are right. Both limits are this client's own, so a stranger's guesses never make the owner wait.
      const waitMs = Math.max(
        await failures.waitMs(trx, ADDRESS_BUCKET, clientAddress, limits.perAddress),
        (await allowance(trx, clientAddress, orderNumber)).waitMs,
      );
      if (waitMs > 0) return { kind: 'limited', waitMs };

      const row = await trx
        .selectFrom('orders')
        .select(['id', 'email_digest', 'postal_code_digest'])
        .where('number', '=', orderNumber)
        .executeTakeFirst();
      const expected = row === undefined ? DUMMY_DIGEST : by === 'email' ? row.email_digest : row.postal_code_digest;
      const matches = sameDigest(sha256(value), expected) && row !== undefined;
      if (!matches) {
        await failures.record(trx, ADDRESS_BUCKET, clientAddress);
        await failures.record(trx, CLIENT_NUMBER_BUCKET, clientAndNumber(clientAddress, orderNumber));
        await failures.record(trx, NUMBER_BUCKET, orderNumber);
        await failures.purge(trx, store.now() - longestWindowMs);
        return { kind: 'miss', triesLeft: (await allowance(trx, clientAddress, orderNumber)).triesLeft };
      }

      const stored = await find(row.id, trx);
      if (!stored) return { kind: 'miss', triesLeft: Number.POSITIVE_INFINITY };
      const { token, expiresAt, returnGrant } = await tokens.issue(row.id, trx);
      return {
        kind: 'found',
        access: {
          order: stored.order,
          accessToken: token,
          expiresAt: new Date(expiresAt).toISOString(),
          returnGrant: returnGrant.token,
          returnGrantExpiresAt: new Date(returnGrant.expiresAt).toISOString(),
        },
      };
    });
    if (outcome.kind === 'limited') throw new RateLimitedError(Math.ceil(outcome.waitMs / 1000));
    if (outcome.kind === 'miss') throw orderNotFound(outcome.triesLeft);
    return outcome.access;
  }

  return {
    lookup,
    async authorize(caller, orderId) {
      const stored = typeof orderId === 'string' ? await find(orderId) : undefined;
      if (stored && caller.kind === 'order' && caller.orderId === orderId) return stored;
      // Unknown and someone else's get the same 401: ids are sequential, a 404 would tell which exist.
      if (caller.kind === 'customer' && stored?.customerId === caller.customerId) return stored;
      throw unauthorized();
    },
    async listMine(caller) {
      if (caller.kind !== 'customer') throw unauthorized('Sign in to see your orders.');
      const rows = await db
        .selectFrom('orders')
        .select('json')
        .where('customer_id', '=', caller.customerId)
        .orderBy('placed_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((row) => JSON.parse(row.json) as Order);
    },
    find,
    async findByNumber(orderNumber) {
      const normalized = normalizeOrderNumber(orderNumber, store.config.orderNumbers);
      if (normalized === undefined) return undefined;
      const row = await db
        .selectFrom('orders')
        .select(orderColumns)
        .where('number', '=', normalized)
        .executeTakeFirst();
      return row && toStored(row);
    },
    async save(order, trx) {
      await trx
        .updateTable('orders')
        .set({ json: JSON.stringify(order) })
        .where('id', '=', order.id)
        .execute();
    },
  };
}
