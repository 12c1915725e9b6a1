import type { Order, OrderAccess, OrderLookup } from '@kefu/core';
import { checkOrderLookup, guessAllowance, normalizeOrderNumber, WARN_AT_TRIES_LEFT } from '@kefu/core/domain';
import { unauthorized, type Caller } from '../http/auth.js';
import { RateLimitedError, type FailureCounter, type LookupLimits } from '../http/rate-limit.js';
import { sameDigest, sha256 } from './crypto.js';
import { ApiError } from '../errors.js';
import { invalid, type StoreContext } from './context.js';
import type { OrderAccessTokens } from './order-access.js';

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
  lookup(input: OrderLookup, clientAddress: string): OrderAccess;
  /** The order `caller` may act on: 401, or 404 for a signed-in shopper asking for an unknown order. */
  authorize(caller: Caller, orderId: unknown): StoredOrder;
  /** A signed-in shopper's orders, newest first. */
  listMine(caller: Caller): Order[];
  find(orderId: string): StoredOrder | undefined;
  findByNumber(orderNumber: string): StoredOrder | undefined;
  /** Replaces the order's document (returns change it); call inside the change's transaction. */
  save(order: Order): void;
}

interface OrderRow {
  readonly json: string;
  readonly email: string;
  readonly postal_code: string;
  readonly customer_id: string | null;
  readonly customer_name: string | null;
}

interface DigestRow {
  readonly id: string;
  readonly email_digest: string;
  readonly postal_code_digest: string;
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
  const { sqlite: db } = store;
  const digestsByNumber = db.prepare<[string], DigestRow>(
    'SELECT id, email_digest, postal_code_digest FROM orders WHERE number = ?',
  );
  const byId = db.prepare<[string], OrderRow>(
    'SELECT json, email, postal_code, customer_id, customer_name FROM orders WHERE id = ?',
  );
  const byNumber = db.prepare<[string], OrderRow>(
    'SELECT json, email, postal_code, customer_id, customer_name FROM orders WHERE number = ?',
  );
  const byCustomer = db
    .prepare<[string], string>('SELECT json FROM orders WHERE customer_id = ? ORDER BY placed_at DESC')
    .pluck();
  const update = db.prepare<[string, string]>('UPDATE orders SET json = ? WHERE id = ?');
  const longestWindowMs = Math.max(limits.perAddress.windowMs, limits.perOrderNumber.windowMs);
  const format = store.config.orderNumbers;
  const clientAndNumber = (clientAddress: string, orderNumber: string) => `${clientAddress}\n${orderNumber}`;

  /** This client's standing on this number: wait before trying, and tries left. */
  function allowance(clientAddress: string, orderNumber: string) {
    const { windowMs } = limits.perOrderNumber;
    const client = failures.recent(CLIENT_NUMBER_BUCKET, clientAndNumber(clientAddress, orderNumber), windowMs);
    const number = failures.recent(NUMBER_BUCKET, orderNumber, windowMs);
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
  const find = (orderId: string) => {
    const row = byId.get(orderId);
    return row && toStored(row);
  };

  /**
   * Every lookup that passed validation takes the same path, found or not: the limits, one
   * indexed query, one digest of the input, one constant-time comparison (against a dummy digest
   * when the number is unknown) and, on a miss, the same two writes. The answer to any miss is
   * the same ApiError, so the bytes are the same too.
   */
  function lookup(input: OrderLookup, clientAddress: string): OrderAccess {
    // A number that cannot be one of the store's is the shopper's typo, not a guess: 422, nothing counted.
    const checked = checkOrderLookup(input, format);
    if ('fields' in checked) throw invalid(checked.fields);
    const { orderNumber, by, value } = checked.lookup;

    // While limited, even the right details wait: otherwise the limit would tell a guesser when they
    // are right. Both limits are this client's own, so a stranger's guesses never make the owner wait.
    const waitMs = Math.max(
      failures.waitMs(ADDRESS_BUCKET, clientAddress, limits.perAddress),
      allowance(clientAddress, orderNumber).waitMs,
    );
    if (waitMs > 0) throw new RateLimitedError(Math.ceil(waitMs / 1000));

    const row = digestsByNumber.get(orderNumber);
    const expected = row === undefined ? DUMMY_DIGEST : by === 'email' ? row.email_digest : row.postal_code_digest;
    const matches = sameDigest(sha256(value), expected) && row !== undefined;
    if (!matches) {
      const triesLeft = db
        .transaction(() => {
          failures.record(ADDRESS_BUCKET, clientAddress);
          failures.record(CLIENT_NUMBER_BUCKET, clientAndNumber(clientAddress, orderNumber));
          failures.record(NUMBER_BUCKET, orderNumber);
          failures.purge(store.now() - longestWindowMs);
          return allowance(clientAddress, orderNumber).triesLeft;
        })
        .immediate();
      throw orderNotFound(triesLeft);
    }

    const stored = find(row.id);
    if (!stored) throw orderNotFound(Number.POSITIVE_INFINITY);
    const { token, expiresAt, returnGrant } = tokens.issue(row.id);
    return {
      order: stored.order,
      accessToken: token,
      expiresAt: new Date(expiresAt).toISOString(),
      returnGrant: returnGrant.token,
      returnGrantExpiresAt: new Date(returnGrant.expiresAt).toISOString(),
    };
  }

  return {
    lookup,
    authorize(caller, orderId) {
      const stored = typeof orderId === 'string' ? find(orderId) : undefined;
      if (stored && caller.kind === 'order' && caller.orderId === orderId) return stored;
      // Unknown and someone else's get the same 401: ids are sequential, a 404 would tell which exist.
      if (caller.kind === 'customer' && stored?.customerId === caller.customerId) return stored;
      throw unauthorized();
    },
    listMine(caller) {
      if (caller.kind !== 'customer') throw unauthorized('Sign in to see your orders.');
      return byCustomer.all(caller.customerId).map((json) => JSON.parse(json) as Order);
    },
    find,
    findByNumber(orderNumber) {
      const normalized = normalizeOrderNumber(orderNumber, format);
      const row = normalized === undefined ? undefined : byNumber.get(normalized);
      return row && toStored(row);
    },
    save(order) {
      update.run(JSON.stringify(order), order.id);
    },
  };
}
