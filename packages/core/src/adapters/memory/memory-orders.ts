import type { Order, OrderAccess, OrderLookup } from '../../model/orders.js';
import type { OrdersBackend } from '../../ports/backend.js';
import type { SeedOrder } from '../../seed/types.js';
import { KefuError } from '../../errors.js';
import type { MemoryContext } from './memory-context.js';
import { notFound, rateLimited, unauthorized, validationError } from './memory-errors.js';
import { customerIdOf } from './memory-identity.js';
import { checkOrderLookup, normalizeEmail, normalizeOrderNumber, normalizePostalCode } from '../../domain/orders.js';
import {
  DEFAULT_ORDER_GUESS_LIMITS,
  guessAllowance,
  WARN_AT_TRIES_LEFT,
  type GuessAllowance,
} from '../../domain/order-lookup-limits.js';

const ACCESS_TOKEN_TTL_MS = 30 * 60_000;
const RETURN_GRANT_TTL_MS = 7 * 24 * 60 * 60_000;
const GLOBAL_WINDOW_MS = 60_000;
const GLOBAL_FAILURE_LIMIT = 20;

/** An order with what only the store knows; `order` is replaced as returns change it. */
export interface StoredOrder {
  readonly email: string;
  readonly postalCode: string;
  readonly customerId: string | undefined;
  order: Order;
}

/** What returns need from orders: who may act on an order, and the order itself. */
export interface OrderAccessCheck {
  /** The order `token` may act on, or a rejection: `unauthorized`, or `not_found` for a signed-in shopper. */
  authorize(token: string | undefined, orderId: string): StoredOrder;
  /** As `authorize`, and a live return grant for the order also counts (creating a return only). */
  authorizeReturn(token: string | undefined, orderId: string): StoredOrder;
  /** Whether `token` is any live order access token or identity token. */
  isValidToken(token: string | undefined): boolean;
}

export interface OrdersControls {
  /** The order as the store holds it now (with returns applied). */
  order(orderId: string): Order | undefined;
}

export function createMemoryOrders(
  context: MemoryContext,
  seedOrders: readonly SeedOrder[],
  /** Failed tries per order number before each further try waits. */
  lookupLimit: number,
): { backend: OrdersBackend; access: OrderAccessCheck; controls: OrdersControls } {
  const orders = new Map<string, StoredOrder>(
    seedOrders.map((seed) => [
      seed.order.id,
      {
        email: seed.email,
        postalCode: seed.postalCode,
        customerId: seed.customerId,
        order: structuredClone(seed.order),
      },
    ]),
  );
  const accessTokens = new Map<string, { orderId: string; expiresAt: number }>();
  const returnGrants = new Map<string, { orderId: string; expiresAt: number }>();
  const failuresByNumber = new Map<string, number[]>();
  let allFailures: number[] = [];

  function liveAccess(token: string | undefined) {
    const access = token === undefined ? undefined : accessTokens.get(token);
    return access && access.expiresAt > context.now() ? access : undefined;
  }

  const limits = { ...DEFAULT_ORDER_GUESS_LIMITS, tries: lookupLimit };
  const format = context.config.orderNumbers;

  /**
   * The shared guess limits (one client here: the page), from the number's recent failures. The
   * memory backend has one client, so "per client and number" is per number.
   */
  function allowance(orderNumber: string): GuessAllowance {
    const now = context.now();
    const own = (failuresByNumber.get(orderNumber) ?? []).filter((at) => at > now - limits.windowMs);
    failuresByNumber.set(orderNumber, own);
    const history = { clientFailures: own.length, lastClientFailureAt: own.at(-1), numberFailures: own.length };
    return guessAllowance(history, now, limits);
  }

  /** How long every lookup waits after 20 failures a minute, whatever the numbers. */
  function globalWaitMs(): number {
    const now = context.now();
    allFailures = allFailures.filter((at) => at > now - GLOBAL_WINDOW_MS);
    const oldestCounted = allFailures[allFailures.length - GLOBAL_FAILURE_LIMIT];
    return oldestCounted === undefined ? 0 : Math.max(0, oldestCounted + GLOBAL_WINDOW_MS - now);
  }

  function lookup(input: OrderLookup): OrderAccess {
    const checked = checkOrderLookup(input, format);
    if ('fields' in checked) throw validationError(checked.fields);
    const { orderNumber, by, value } = checked.lookup;
    const waitMs = Math.max(globalWaitMs(), allowance(orderNumber).waitMs);
    if (waitMs > 0) throw rateLimited(waitMs);

    const stored = [...orders.values()].find(
      (candidate) => normalizeOrderNumber(candidate.order.number, format) === orderNumber,
    );
    const matches =
      stored !== undefined &&
      (by === 'email' ? normalizeEmail(stored.email) === value : normalizePostalCode(stored.postalCode) === value);
    if (!stored || !matches) {
      const now = context.now();
      failuresByNumber.get(orderNumber)?.push(now);
      allFailures.push(now);
      const { triesLeft } = allowance(orderNumber);
      // One answer for an unknown number and for wrong details, so lookups cannot confirm an order exists.
      throw new KefuError('not_found', 'We could not find an order with those details.', {
        status: 404,
        serverCode: 'order_not_found',
        ...(triesLeft <= WARN_AT_TRIES_LEFT ? { triesLeft } : {}),
      });
    }

    const accessToken = context.newToken();
    const expiresAt = context.now() + ACCESS_TOKEN_TTL_MS;
    accessTokens.set(accessToken, { orderId: stored.order.id, expiresAt });
    // As the reference server: a grant that only creates a return for this order, for 7 days.
    const returnGrant = context.newToken();
    const returnGrantExpiresAt = context.now() + RETURN_GRANT_TTL_MS;
    returnGrants.set(returnGrant, { orderId: stored.order.id, expiresAt: returnGrantExpiresAt });
    return {
      order: stored.order,
      accessToken,
      expiresAt: new Date(expiresAt).toISOString(),
      returnGrant,
      returnGrantExpiresAt: new Date(returnGrantExpiresAt).toISOString(),
    };
  }

  const access: OrderAccessCheck = {
    authorize(token, orderId) {
      const stored = orders.get(orderId);
      if (stored && liveAccess(token)?.orderId === orderId) return stored;
      const customerId = customerIdOf(token);
      if (customerId !== undefined) {
        if (!stored) throw notFound('We could not find that order.', 'order_not_found');
        if (stored.customerId === customerId) return stored;
      }
      throw unauthorized();
    },
    authorizeReturn(token, orderId) {
      const grant = token === undefined ? undefined : returnGrants.get(token);
      const stored = orders.get(orderId);
      if (stored && grant && grant.orderId === orderId && grant.expiresAt > context.now()) return stored;
      return access.authorize(token, orderId);
    },
    isValidToken: (token) => liveAccess(token) !== undefined || customerIdOf(token) !== undefined,
  };

  return {
    backend: {
      lookupOrder: (input, options) => context.handle(options?.signal, () => lookup(input)),
      getOrder: (orderId, options) =>
        context.handle(options.signal, () => access.authorize(options.token, orderId).order),
      listMyOrders: (options) =>
        context.handle(options.signal, () => {
          const customerId = customerIdOf(options.token);
          if (customerId === undefined) throw unauthorized('Sign in to see your orders.');
          return [...orders.values()]
            .filter((stored) => stored.customerId === customerId)
            .map((stored) => stored.order)
            .sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt));
        }),
    },
    access,
    controls: {
      order: (orderId) => structuredClone(orders.get(orderId)?.order),
    },
  };
}
