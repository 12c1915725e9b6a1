import type { KefuBackend } from '../ports/backend.js';
import type { Clock } from '../ports/clock.js';
import type { NetworkStatus } from '../ports/network.js';
import type { Cache } from '../cache/cache.js';
import type { Outbox } from '../outbox/outbox.js';
import type { SessionStore } from './session-store.js';

/** What every feature store is built from; createKefu assembles it once per client. */
export interface StoreContext {
  readonly backend: KefuBackend;
  readonly cache: Cache;
  readonly outbox: Outbox;
  readonly clock: Clock;
  readonly network: NetworkStatus;
  readonly session: SessionStore;
  /** Aborted by client.dispose(): every request a store makes passes it on. */
  readonly signal: AbortSignal;
}
