import type { KeyValueStorage } from '../ports/storage.js';

/** Storage that lasts as long as the page: the fallback, and what tests use. */
export function createMemoryStorage(): KeyValueStorage & { readonly entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: async <T>(key: string) => (entries.has(key) ? (structuredClone(entries.get(key)) as T) : undefined),
    async set(key, value) {
      entries.set(key, structuredClone(value));
    },
    async delete(key) {
      entries.delete(key);
    },
    keys: async (prefix) => [...entries.keys()].filter((key) => key.startsWith(prefix)),
    async clear() {
      entries.clear();
    },
    // Synchronous between the read and the write: nothing can come in between.
    async update<T>(key: string, updater: (current: T | undefined) => T) {
      const next = updater(entries.has(key) ? (structuredClone(entries.get(key)) as T) : undefined);
      entries.set(key, structuredClone(next));
      return next;
    },
  };
}
