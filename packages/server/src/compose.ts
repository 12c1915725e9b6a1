import type { ServerDeps } from './deps.js';
import { createApiKeys, type ApiKeys } from './admin/keys.js';
import { createAdminOrders, type AdminOrders } from './admin/orders.js';
import { createAdminArticles, type AdminArticles } from './admin/articles.js';
import { createAgents, type Agents } from './agents/agents.js';
import { createAuditLog, type AuditLog } from './agents/audit.js';
import { createChatRuntime, type ChatRuntime } from './chat/runtime.js';
import { createFileLinks, type FileLinks } from './chat/file-links.js';
import { createSocketRegistry, type SocketRegistry } from './chat/socket-registry.js';
import { createConsoleSessions, type ConsoleSessions } from './console/sessions.js';
import { createCallerResolver, type ConversationAccess } from './http/auth.js';
import { createIdempotencyStore } from './http/idempotency.js';
import { createFailureCounter, DEFAULT_LOOKUP_LIMITS } from './http/rate-limit.js';
import { createCallbacksService } from './services/callbacks.js';
import type { StoreContext } from './services/context.js';
import { createFaqService } from './services/faq.js';
import type { StoreServices } from './services/index.js';
import { createOrderAccessTokens } from './services/order-access.js';
import { createOrdersService } from './services/orders.js';
import { createReturnsService } from './services/returns.js';
import { createReturnReports, type ReturnReports } from './services/return-reports.js';
import { createSurveysService } from './services/surveys.js';
import { createUploadsService } from './services/uploads.js';
import { createWebhooks, type Webhooks } from './webhooks/webhooks.js';
import { createWebhookWorker } from './webhooks/worker.js';

/**
 * Everything one server is made of, built once from its deps: the routes, the console, the sockets
 * and the shutdown all get this one object, so nothing has to find anything through a module-level
 * registry (decision 0016, step 4).
 */
export interface Services extends StoreServices {
  /** What it was built from. */
  readonly deps: ServerDeps;
  /** The chat: its hub (fan-out), service and agents' presence. */
  readonly chat: ChatRuntime;
  /** The agent console's sessions; their ends travel on the chat's hub to every instance. */
  readonly sessions: ConsoleSessions;
  /** Agent accounts and their invites (agents/agents.ts, decision 0023). */
  readonly agents: Agents;
  /**
   * Who did what: `audit.record(executor, { actor, action, subject, summary })`, in the caller's
   * transaction where there is one (agents/audit.ts).
   */
  readonly audit: AuditLog;
  /** This instance's live sockets. */
  readonly sockets: SocketRegistry;
  /** Signed addresses of chat files. */
  readonly fileLinks: FileLinks;
  /** The help centre's editing side: the admin API, the importers and the console's editor write through it. */
  readonly articles: AdminArticles;
  /** The admin API's keys (with the bootstrap key, `deps.adminKey`), the orders the store pushes, the returns it reports. */
  readonly admin: { readonly keys: ApiKeys; readonly orders: AdminOrders; readonly returns: ReturnReports };
  /** The store's webhook endpoints, their deliveries, and the worker that sends them (decision 0022). */
  readonly webhooks: Webhooks;
  /**
   * Shutdown, before the engine closes (the engine is the caller's): this instance's presence rows
   * go and the PostgreSQL hub's LISTEN connection ends. Calling it again does nothing more.
   */
  close(): Promise<void>;
}

/**
 * The composition root. In order: the one idempotency store (REST and chat record their creates in
 * it), the chat runtime, the shop services, the caller resolver, the console's sessions, the socket
 * registry and the file links. The chat comes before the shop services because uploads ask it who
 * a conversation belongs to, and the caller resolver which conversation a token opens; it needs
 * nothing of theirs.
 */
export function createServices(deps: ServerDeps): Services {
  const { db } = deps.engine;
  const idempotency = createIdempotencyStore(db, deps.now);
  const chat = createChatRuntime(deps);
  const conversations: ConversationAccess = {
    byToken: (token) => chat.service.conversationIdFor(token),
    ownerOf: (id) => chat.service.ownerOf(id),
  };

  const store: StoreContext = {
    db,
    // A getter: the services read the settings when they use them, as the console may change them.
    get config() {
      return deps.config;
    },
    now: deps.now,
    files: deps.files,
    idempotency,
  };
  const tokens = createOrderAccessTokens(db, deps.now);
  const orders = createOrdersService(
    store,
    tokens,
    createFailureCounter(deps.now),
    deps.lookupLimits ?? DEFAULT_LOOKUP_LIMITS,
  );
  const uploads = createUploadsService(store, () => conversations);
  const allowPrivate = deps.webhooks?.allowPrivate ?? false;
  const webhooks = createWebhooks(db, {
    now: deps.now,
    allowPrivate,
    worker: createWebhookWorker(db, { ...deps.webhooks, now: deps.now, allowPrivate }),
  });
  const audit = createAuditLog(db, deps.now);
  const agents = createAgents(db, deps.now, audit);

  return {
    deps,
    idempotency,
    faq: createFaqService(store),
    orders,
    returns: createReturnsService(store, orders, uploads),
    uploads,
    callbacks: createCallbacksService(store),
    surveys: createSurveysService(store),
    callers: createCallerResolver(deps, tokens, conversations),
    chat,
    sessions: createConsoleSessions(deps, chat.hub, agents),
    agents,
    audit,
    sockets: createSocketRegistry(),
    fileLinks: createFileLinks(db),
    // The store's locales read per write: the console may change them.
    articles: createAdminArticles(db, deps.now, () => deps.config.locales),
    admin: {
      keys: createApiKeys(db, deps.now, deps.adminKey),
      // A getter's value read per push: the console may change the order number format.
      orders: createAdminOrders(db, () => deps.config),
      // What the store reports about returns, and the returns it pulls (decision 0020).
      returns: createReturnReports(store, orders, audit),
    },
    webhooks,
    // The webhook worker first: deliveries in flight give their claims back while the database is open.
    close: () => webhooks.worker.close().then(() => chat.close()),
  };
}
