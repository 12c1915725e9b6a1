// @kefu/core — the client, the backend port and its adapters, the stores, storage and outbox.
export { createKefu, type KefuClient, type KefuOptions } from './client.js';
export { KefuError, toKefuError, type KefuErrorCode } from './errors.js';
export { loadInto, toResult, type AsyncState, type Result } from './state.js';
export type * from './model/index.js';

// Ports: what a host or a test can inject.
export type * from './ports/backend.js';
export type { KeyValueStorage } from './ports/storage.js';
export { systemClock, type Clock } from './ports/clock.js';
export { browserNetworkStatus, manualNetworkStatus, type NetworkStatus } from './ports/network.js';

// Adapters. The demo store's (createMemoryBackend) is `@kefu/core/memory`, not here: a static
// export from the entry every app imports put it, with its seed, in the apps' shared chunks
// (Vite 8, esbuild), though createKefu imports it only without an apiBase (decision 0017).
export { createHttpBackend, type HttpBackendOptions } from './adapters/http/http-backend.js';
export { createMemoryStorage } from './storage/memory-storage.js';
export { createIdbStorage } from './storage/idb-storage.js';
export { createKefuStorage, type KefuStorage, type StorageMode, type Consent } from './storage/kefu-storage.js';

// Cache and outbox.
export { createCache, cachePolicies, type Cache, type CacheKind, type CachedValue } from './cache/cache.js';
export { createOutbox, type Outbox, type OutboxOptions } from './outbox/outbox.js';
export type { OutboxItem, OutboxKind, OutboxPayloads, OutboxStatus, OutboxError } from './outbox/outbox-item.js';

// Stores.
export type { ConfigStore } from './stores/config-store.js';
export type { SessionStore } from './stores/session-store.js';
export type { ConnectivityStore } from './stores/connectivity-store.js';
export type {
  FaqStore,
  FaqOptions,
  FaqIndexFactory,
  FaqIndexState,
  FaqCategory,
  FaqSuggestionSource,
} from './stores/faq-store.js';
export { matchLocale, primaryLanguage } from './locale.js';
export type { OrdersStore } from './stores/orders-store.js';
export type { ReturnsStore } from './stores/returns-store.js';
export type { CallbackStore } from './stores/callback-store.js';
export type { SurveyStore, SurveyPrompt, SurveyAskOutcome, SurveySubjectStatus } from './stores/survey-store.js';
export type {
  ChatStore,
  ChatConnection,
  ChatSnapshot,
  ChatStage,
  TranscriptEntry,
  ShopperContact,
} from './stores/chat-store.js';

// Local FAQ search (Chinese and English).
export { createFaqIndex, type FaqIndex, type FaqSearchHit } from './search/faq-index.js';
export { tokenize, tokenizeQuery } from './search/tokenize.js';
export { markMatches, snippetOf, type TextPiece } from './search/highlight.js';
export { plainText } from './search/plain-text.js';
export { browserPageLocation, manualPageLocation, type PageLocation } from './faq/page-location.js';
export { articlesForPath, pathMatches } from './faq/suggest.js';
