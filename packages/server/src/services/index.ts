import type { Engine } from '../db/engine.js';
import type { ServerDeps } from '../deps.js';
import { conversationsOf, createCallerResolver, type CallerResolver } from '../http/auth.js';
import { createIdempotencyStore, type IdempotencyStore } from '../http/idempotency.js';
import { createFailureCounter, DEFAULT_LOOKUP_LIMITS, type LookupLimits } from '../http/rate-limit.js';
import { createCallbacksService, type CallbacksService } from './callbacks.js';
import type { StoreContext } from './context.js';
import { createFaqService, type FaqService } from './faq.js';
import { createOrderAccessTokens } from './order-access.js';
import { createOrdersService, type OrdersService } from './orders.js';
import { createReturnsService, type ReturnsService } from './returns.js';
import { createSurveysService, type SurveysService } from './surveys.js';
import { createUploadsService, type UploadsService } from './uploads.js';

export interface StoreServices {
  readonly faq: FaqService;
  readonly orders: OrdersService;
  readonly returns: ReturnsService;
  readonly uploads: UploadsService;
  readonly callbacks: CallbacksService;
  readonly surveys: SurveysService;
  readonly callers: CallerResolver;
  readonly idempotency: IdempotencyStore;
}

export interface StoreOptions {
  /** Failed order lookups allowed per client address and per (address, order number); see DEFAULT_LOOKUP_LIMITS. */
  readonly limits?: LookupLimits;
}

// One set of services per database: the routes, and the console's admin calls, share them.
const prepared = new WeakMap<Engine, StoreServices>();

/**
 * The services over the database (seeded before, by whoever opened it: `seedDemoStore`).
 * Later calls for the same database return the same services (and ignore `options`).
 */
export function prepareStore(deps: ServerDeps, options: StoreOptions = {}): StoreServices {
  const existing = prepared.get(deps.engine);
  if (existing) return existing;
  const idempotency = createIdempotencyStore(deps.engine.db, deps.now);
  const store: StoreContext = {
    db: deps.engine.db,
    config: deps.config,
    now: deps.now,
    uploadsDir: deps.uploadsDir,
    idempotency,
  };
  const tokens = createOrderAccessTokens(deps.engine.db, deps.now);
  const orders = createOrdersService(
    store,
    tokens,
    createFailureCounter(deps.now),
    options.limits ?? DEFAULT_LOOKUP_LIMITS,
  );
  const uploads = createUploadsService(store, () => conversationsOf(deps.engine));
  const services: StoreServices = {
    faq: createFaqService(store),
    orders,
    returns: createReturnsService(store, orders, uploads),
    uploads,
    callbacks: createCallbacksService(store),
    surveys: createSurveysService(store),
    callers: createCallerResolver(deps, tokens),
    idempotency,
  };
  prepared.set(deps.engine, services);
  return services;
}
