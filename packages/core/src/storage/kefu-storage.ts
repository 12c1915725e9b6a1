import { signal, type ReadonlySignal } from '@preact/signals-core';
import type { KeyValueStorage } from '../ports/storage.js';
import { KefuError } from '../errors.js';
import { createMemoryStorage } from './memory-storage.js';

/**
 * - `deferred`: nothing may touch persistent storage yet (no interaction, or no consent); data is
 *   kept in memory and moved to storage once allowed.
 * - `persistent`: IndexedDB (or the injected storage) holds the data.
 * - `memory`: persistent storage failed; Kefu keeps working from memory for this page's life.
 */
export type StorageMode = 'deferred' | 'persistent' | 'memory';
export type Consent = 'granted' | 'pending';

export interface KefuStorage extends KeyValueStorage {
  readonly mode: ReadonlySignal<StorageMode>;
  /** Why storage fell back to memory; set once, the first time it happens. */
  readonly failure: ReadonlySignal<KefuError | undefined>;
  /** The shopper showed intent (opened the widget, focused a Kefu form). */
  markInteraction(): Promise<void>;
  /** The host's consent for functional storage. */
  setConsent(consent: Consent): Promise<void>;
}

export interface KefuStorageOptions {
  /** Creates the persistent storage when it is first allowed; throwing means "not available". */
  readonly persistent: () => KeyValueStorage & { reopen?(): void };
  readonly consent?: Consent;
}

/**
 * Kefu's storage: persistent only after the shopper interacts and the host consents, and never a
 * source of errors — when IndexedDB is missing, throws, is over quota or loses its connection, the
 * operation is retried once on a fresh connection, then Kefu falls back to memory, says so once
 * through `failure`, and loses nothing written during this page's life.
 */
export function createKefuStorage(options: KefuStorageOptions): KefuStorage {
  const memory = createMemoryStorage();
  const mode = signal<StorageMode>('deferred');
  const failure = signal<KefuError | undefined>(undefined);
  let persistent: (KeyValueStorage & { reopen?(): void }) | undefined;
  let interacted = false;
  let consent: Consent = options.consent ?? 'granted';
  let enabling: Promise<void> | undefined;

  function degrade(error: unknown): void {
    persistent = undefined;
    mode.value = 'memory';
    failure.value ??= new KefuError('storage', `Offline storage is unavailable: ${describe(error)}`, { cause: error });
  }

  /** Runs an operation on persistent storage, once more on a fresh connection, else degrades. */
  async function attempt<T>(
    operation: (store: KeyValueStorage) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    if (!persistent) return { ok: false };
    try {
      return { ok: true, value: await operation(persistent) };
    } catch (firstError) {
      if (!persistent?.reopen) {
        degrade(firstError);
        return { ok: false };
      }
      persistent.reopen();
      try {
        return { ok: true, value: await operation(persistent) };
      } catch (error) {
        degrade(error);
        return { ok: false };
      }
    }
  }

  function maybeEnable(): Promise<void> {
    if (!interacted || consent !== 'granted' || mode.value !== 'deferred') return enabling ?? Promise.resolve();
    enabling ??= (async () => {
      try {
        persistent = options.persistent();
      } catch (error) {
        degrade(error);
        return;
      }
      // What was kept in memory while deferred moves to storage now.
      const moved = await attempt(async (store) => {
        for (const [key, value] of memory.entries) await store.set(key, value);
      });
      if (moved.ok) mode.value = 'persistent';
    })();
    return enabling;
  }

  return {
    mode,
    failure,
    markInteraction() {
      interacted = true;
      return maybeEnable();
    },
    setConsent(next) {
      consent = next;
      return maybeEnable();
    },
    async get<T>(key: string) {
      await enabling;
      const result = await attempt((store) => store.get<T>(key));
      return result.ok ? result.value : memory.get<T>(key);
    },
    async set(key, value) {
      await memory.set(key, value);
      await enabling;
      await attempt((store) => store.set(key, value));
    },
    async delete(key) {
      await memory.delete(key);
      await enabling;
      await attempt((store) => store.delete(key));
    },
    async keys(prefix) {
      await enabling;
      const result = await attempt((store) => store.keys(prefix));
      return result.ok ? result.value : memory.keys(prefix);
    },
    async clear() {
      await memory.clear();
      await enabling;
      await attempt((store) => store.clear());
    },
    async update<T>(key: string, updater: (current: T | undefined) => T) {
      await enabling;
      const result = await attempt((store) => store.update<T>(key, updater));
      const value = result.ok ? result.value : await memory.update<T>(key, updater);
      if (result.ok) await memory.set(key, value);
      return value;
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof DOMException) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
