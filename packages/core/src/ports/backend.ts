import type { StoreConfig } from '../model/config.js';

/** Options every backend call accepts. */
export interface CallOptions {
  /** Cancels the call; adapters also apply their own timeout. */
  readonly signal?: AbortSignal;
}

/**
 * The one interface the widget asks a backend through. Adapters implement it: `memory` (the
 * built-in demo store) and `http` (the Kefu HTTP contract, docs/api/). Every method either
 * resolves with domain data or rejects with a KefuError.
 *
 * It grows feature by feature (FAQ, orders, returns, chat, callbacks, surveys); each feature's
 * methods are added together with their contract tests in test-suites/backend.suite.ts.
 */
export interface KefuBackend {
  getConfig(options?: CallOptions): Promise<StoreConfig>;
}
