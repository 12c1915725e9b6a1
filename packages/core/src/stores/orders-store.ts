import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { Order, OrderAccess, OrderLookup } from '../model/orders.js';
import { KefuError } from '../errors.js';
import { idle, loadInto, type AsyncState } from '../state.js';
import type { StoreContext } from './store-context.js';

export interface OrdersStore {
  /** The order being looked at: from a lookup, or from the cache within 24 h (see `updatedAt`). */
  readonly current: ReadonlySignal<AsyncState<Order>>;
  /** A signed-in shopper's recent orders. */
  readonly mine: ReadonlySignal<AsyncState<readonly Order[]>>;
  /**
   * The email address of the last lookup that found an order on this page, for the pre-chat form
   * to start from. Memory only, like the chat's own contact details: never cached or stored, gone
   * with the page, with `forget()` and when another shopper signs in (or this one out).
   */
  readonly lookupEmail: ReadonlySignal<string | undefined>;
  /** Looks an order up; offline it is not queued but fails at once with `network`. */
  lookup(lookup: OrderLookup): Promise<Order | undefined>;
  /** Shows the last looked-up order from the cache at once, then refreshes it when online. */
  restoreLast(): Promise<void>;
  refresh(): Promise<void>;
  loadMine(): Promise<void>;
  /** Shows one of the signed-in shopper's orders (from `mine`) as the current one, and remembers it. */
  open(orderId: string): Promise<void>;
  /** The token that authorizes acting on an order (returns, uploads), while it lives. */
  accessTokenFor(orderId: string): Promise<string | undefined>;
  /**
   * The token to create a return for an order with: the lookup's longer-lived return grant while it
   * lives (a return queued offline is sent after the access token expired), else the access token.
   */
  returnTokenFor(orderId: string): Promise<string | undefined>;
  /** Drops `lookupEmail` (`client.forget()` calls it; what the store cached goes with the cache). */
  forget(): void;
}

interface CachedToken {
  readonly orderId: string;
  readonly token: string;
}

export function createOrdersStore(context: StoreContext): OrdersStore {
  const { backend, cache, clock, network, session, signal: abort } = context;
  const now = () => clock.now();
  const current = signal<AsyncState<Order>>(idle);
  const mine = signal<AsyncState<readonly Order[]>>(idle);
  const lookupEmail = signal<string | undefined>(undefined);
  /** The order on screen came from the cache or a failed refresh and has not been refreshed since. */
  let outdated = false;

  async function remember(access: OrderAccess): Promise<void> {
    await cache.write('order', access.order, { key: 'last' });
    await cache.write<CachedToken>(
      'order-token',
      { orderId: access.order.id, token: access.accessToken },
      { key: access.order.id, expiresAt: Date.parse(access.expiresAt) },
    );
    if (access.returnGrant && access.returnGrantExpiresAt) {
      await cache.write<CachedToken>(
        'return-grant',
        { orderId: access.order.id, token: access.returnGrant },
        { key: access.order.id, expiresAt: Date.parse(access.returnGrantExpiresAt) },
      );
    }
  }

  async function accessTokenFor(orderId: string): Promise<string | undefined> {
    const cached = await cache.read<CachedToken>('order-token', orderId);
    return cached?.data.token ?? session.identityToken.peek();
  }

  async function returnTokenFor(orderId: string): Promise<string | undefined> {
    const grant = await cache.read<CachedToken>('return-grant', orderId);
    return grant?.data.token ?? accessTokenFor(orderId);
  }

  async function refresh(): Promise<void> {
    const order = current.peek().data;
    if (!order || !network.isOnline()) return;
    const token = await accessTokenFor(order.id);
    if (!token) return; // The token expired: the cached order stays, marked by its age.
    const fresh = await loadInto(current, () => backend.getOrder(order.id, { token, signal: abort }), now);
    outdated = !fresh;
    if (fresh) await cache.write('order', fresh, { key: 'last' });
  }

  // An order shown from the cache while offline is refreshed as soon as the shopper is back online.
  const unsubscribe = network.subscribe((online) => {
    if (online && outdated) void refresh();
  });
  abort.addEventListener('abort', unsubscribe, { once: true });

  // Another shopper signed in, or this one signed out: the list of "my orders" is no longer theirs.
  let shopper = session.identityToken.peek();
  const unwatchShopper = session.identityToken.subscribe((token) => {
    if (token === shopper) return;
    shopper = token;
    mine.value = idle;
    lookupEmail.value = undefined;
  });
  abort.addEventListener('abort', unwatchShopper, { once: true });

  return {
    current,
    mine,
    lookupEmail,
    async lookup(lookup) {
      if (!network.isOnline()) {
        // A lookup is a question, not a submission: it is not queued; what was typed stays in the form.
        current.value = {
          status: 'error',
          error: new KefuError('network', 'You are offline. The lookup will work once you are back online.'),
          ...(current.peek().data ? { data: current.peek().data as Order } : {}),
        };
        return undefined;
      }
      const access = await loadInto(
        current,
        async () => {
          const result = await backend.lookupOrder(lookup, { signal: abort });
          await remember(result);
          return result.order;
        },
        now,
      );
      if (access) outdated = false;
      // An address that found an order is the shopper's: kept in memory for the pre-chat form.
      if (access && 'email' in lookup) lookupEmail.value = lookup.email;
      return access;
    },
    async restoreLast() {
      if (current.peek().data) return;
      const cached = await cache.read<Order>('order', 'last');
      if (!cached) return;
      current.value = { status: 'ready', data: cached.data, updatedAt: cached.savedAt };
      outdated = cached.stale;
      if (cached.stale) await refresh();
    },
    refresh,
    async loadMine() {
      const token = session.identityToken.peek();
      if (!token) return;
      await loadInto(mine, () => backend.listMyOrders({ token, signal: abort }), now);
    },
    async open(orderId) {
      const list = mine.peek();
      const order = list.data?.find((candidate) => candidate.id === orderId);
      if (!order) return;
      current.value = { status: 'ready', data: order, updatedAt: list.updatedAt ?? now() };
      outdated = false;
      await cache.write('order', order, { key: 'last' });
    },
    accessTokenFor,
    returnTokenFor,
    forget() {
      lookupEmail.value = undefined;
    },
  };
}
