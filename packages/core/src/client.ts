import type { KefuBackend } from './ports/backend.js';
import { createHttpBackend } from './adapters/http/http-backend.js';
import { createMemoryBackend } from './adapters/memory/memory-backend.js';
import { createConfigStore, type ConfigStore } from './stores/config-store.js';

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
}

export interface KefuClient {
  readonly backend: KefuBackend;
  readonly config: ConfigStore;
  /** Releases everything the client holds: requests in flight, timers, listeners. */
  dispose(): void;
}

/** The one entry point of the SDK: creates a client and its stores over the chosen backend. */
export function createKefu(options: KefuOptions = {}): KefuClient {
  const backend =
    options.backend ??
    (options.apiBase ? createHttpBackend({ apiBase: options.apiBase }) : createMemoryBackend({ latencyMs: 150 }));
  const config = createConfigStore(backend);
  return {
    backend,
    config,
    dispose() {
      config.dispose();
    },
  };
}
