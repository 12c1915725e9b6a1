import { computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type { NetworkStatus } from '../ports/network.js';
import type { KefuStorage, StorageMode } from '../storage/kefu-storage.js';
import type { KefuError } from '../errors.js';

export interface ConnectivityStore {
  readonly online: ReadonlySignal<boolean>;
  readonly storageMode: ReadonlySignal<StorageMode>;
  /** Set once when offline storage failed: the UI says "not saved for offline" once. */
  readonly storageFailure: ReadonlySignal<KefuError | undefined>;
  dispose(): void;
}

export function createConnectivityStore(network: NetworkStatus, storage: KefuStorage): ConnectivityStore {
  const online = signal(network.isOnline());
  const unsubscribe = network.subscribe((value) => (online.value = value));
  return {
    online,
    storageMode: computed(() => storage.mode.value),
    storageFailure: computed(() => storage.failure.value),
    dispose: unsubscribe,
  };
}
