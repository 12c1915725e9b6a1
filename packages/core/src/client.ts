import type { KefuBackend } from './ports/backend.js';
import type { KeyValueStorage } from './ports/storage.js';
import { systemClock, type Clock } from './ports/clock.js';
import { browserNetworkStatus, type NetworkStatus } from './ports/network.js';
import { createHttpBackend } from './adapters/http/http-backend.js';
import { createLazyBackend } from './adapters/lazy-backend.js';
import { createIdbStorage } from './storage/idb-storage.js';
import { createKefuStorage, type Consent, type KefuStorage } from './storage/kefu-storage.js';
import { createCache, type Cache } from './cache/cache.js';
import { createOutbox, type Outbox } from './outbox/outbox.js';
import { createConfigStore, type ConfigStore } from './stores/config-store.js';
import { createSessionStore, type SessionStore } from './stores/session-store.js';
import { createConnectivityStore, type ConnectivityStore } from './stores/connectivity-store.js';
import { createOrdersStore, type OrdersStore } from './stores/orders-store.js';
import { createReturnsStore, type ReturnsStore } from './stores/returns-store.js';
import { createCallbackStore, type CallbackStore } from './stores/callback-store.js';
import { createSurveyStore, type SurveyStore } from './stores/survey-store.js';
import { createFaqStore, type FaqOptions, type FaqStore } from './stores/faq-store.js';
import { createChatStore, type ChatStore } from './stores/chat-store.js';
import type { StoreContext } from './stores/store-context.js';

export interface KefuOptions {
  /**
   * Base URL of a server speaking the Kefu HTTP contract, e.g. "https://shop.example/kefu/v1".
   * Without it (and without `backend`), Kefu runs on the built-in demo store.
   */
  readonly apiBase?: string;
  /** A backend adapter of your own; takes precedence over `apiBase`. */
  readonly backend?: KefuBackend;
  /** The shopper's language as a BCP 47 tag; defaults to the page's, then the browser's. */
  readonly locale?: string;
  /** The host's identity token for a signed-in shopper (a JWT the store signed). */
  readonly identityToken?: string;
  /**
   * `pending` until the host has the shopper's consent for functional storage: until then
   * nothing is written to IndexedDB (data lives in memory). Default `granted`.
   */
  readonly consent?: Consent;
  /**
   * The browser's languages, most preferred first; default `navigator.languages`. The panel offers
   * the first one the store writes when Kefu speaks another.
   */
  readonly languages?: readonly string[];
  /** Injected for tests and unusual hosts. */
  readonly storage?: () => KeyValueStorage & { reopen?(): void };
  readonly clock?: Clock;
  readonly network?: NetworkStatus;
  /** IndexedDB database name; one per store if a page talks to several. */
  readonly databaseName?: string;
  /** FAQ search: when to ask the server too, where page suggestions read the page's path. */
  readonly faq?: FaqOptions;
}

export interface KefuClient {
  readonly backend: KefuBackend;
  readonly session: SessionStore;
  readonly connectivity: ConnectivityStore;
  readonly config: ConfigStore;
  readonly faq: FaqStore;
  readonly orders: OrdersStore;
  readonly returns: ReturnsStore;
  readonly callback: CallbackStore;
  readonly survey: SurveyStore;
  readonly chat: ChatStore;
  readonly outbox: Outbox;
  /**
   * The shopper showed intent (opened the widget, focused a Kefu form): from now on Kefu may use
   * storage (with consent), and sends what an earlier visit left in the outbox. Idempotent.
   */
  activate(): Promise<void>;
  /**
   * The shopper's intent, as `activate()`, resolved as soon as what they chose on an earlier visit
   * (their language) is applied: the panel waits for it before it paints, not for the outbox.
   */
  prepare(): Promise<void>;
  setConsent(consent: Consent): Promise<void>;
  /** Removes everything Kefu stored on this device: cache, outbox, tokens. */
  forget(): Promise<void>;
  /** Releases everything the client holds: requests in flight, timers, listeners. */
  dispose(): void;
}

function defaultLocale(): string {
  if (typeof document !== 'undefined' && document.documentElement.lang) return document.documentElement.lang;
  return typeof navigator !== 'undefined' ? navigator.language : 'en';
}

/** The one entry point of the SDK: creates a client and its stores over the chosen backend. */
export function createKefu(options: KefuOptions = {}): KefuClient {
  const clock = options.clock ?? systemClock;
  const backend =
    options.backend ??
    (options.apiBase
      ? createHttpBackend({ apiBase: options.apiBase, now: () => clock.now() })
      : createLazyBackend(() =>
          import('./adapters/memory/memory-backend.js').then((memory) =>
            memory.createMemoryBackend({ latencyMs: 150 }),
          ),
        ));
  const network = options.network ?? browserNetworkStatus();
  const storage: KefuStorage = createKefuStorage({
    persistent: options.storage ?? (() => createIdbStorage(options.databaseName)),
    ...(options.consent ? { consent: options.consent } : {}),
  });
  const cache: Cache = createCache(storage, clock);
  // Other tabs are a browser's: on a server (Node has BroadcastChannel too) a channel per client
  // would keep the process busy and pile up with every request rendered.
  const outbox = createOutbox({
    backend,
    storage,
    clock,
    network,
    ...(typeof window === 'undefined' ? { channelName: null } : {}),
  });
  const controller = new AbortController();
  const session = createSessionStore({
    locale: options.locale ?? defaultLocale(),
    storage,
    browserLanguages: options.languages ?? (typeof navigator !== 'undefined' ? navigator.languages : []),
    ...(options.identityToken ? { identityToken: options.identityToken } : {}),
  });
  const context: StoreContext = { backend, cache, outbox, clock, network, session, signal: controller.signal };
  const connectivity = createConnectivityStore(network, storage);
  const orders = createOrdersStore(context);
  const chat = createChatStore(context, { lookupEmail: orders.lookupEmail });
  const config = createConfigStore({ backend, cache, clock });
  const callback = createCallbackStore(context);
  const survey = createSurveyStore(context, {
    config,
    conversation: chat.conversation,
    storageMode: connectivity.storageMode,
    callbackCancellation: callback.cancellation,
  });
  let activation: Promise<void> | undefined;
  let preferences: Promise<void> | undefined;
  // Storage may be read from the shopper's intent on; what they chose on an earlier visit comes first.
  const restorePreferences = () => (preferences ??= storage.markInteraction().then(() => session.restore()));
  const activate = () =>
    (activation ??= (async () => {
      await restorePreferences();
      await outbox.start();
    })());

  return {
    backend,
    session,
    connectivity,
    config,
    faq: createFaqStore(context, options.faq, config),
    orders,
    returns: createReturnsStore(context, orders.accessTokenFor, orders.returnTokenFor),
    callback,
    survey,
    chat,
    outbox,
    activate,
    prepare() {
      void activate();
      return restorePreferences();
    },
    async setConsent(consent) {
      await storage.setConsent(consent);
      if (activation) await outbox.start();
    },
    async forget() {
      // First the live conversation, which would otherwise write itself back on its next message.
      chat.forget();
      orders.forget();
      // Kefu's database holds nothing but Kefu's data: clearing it removes the cache, the outbox
      // and every token, in memory and on disk.
      await storage.clear();
      await outbox.start();
    },
    dispose() {
      controller.abort();
      chat.dispose();
      survey.dispose();
      outbox.dispose();
      connectivity.dispose();
    },
  };
}
