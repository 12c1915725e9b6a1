import { clear, createStore, del, get, keys, set, update, type UseStore } from 'idb-keyval';
import type { KeyValueStorage } from '../ports/storage.js';

export const DEFAULT_DATABASE = 'kefu';

/**
 * IndexedDB through idb-keyval: one database, one object store. The connection is opened lazily
 * (opening creates the database, which counts as writing to storage) and re-opened after a
 * failure, because Safari's "Connection to Indexed Database server lost" leaves the cached
 * connection unusable for good.
 */
export function createIdbStorage(databaseName = DEFAULT_DATABASE): KeyValueStorage & { reopen(): void } {
  let store: UseStore | undefined;
  const use = () => (store ??= createStore(databaseName, 'kv'));
  return {
    get: <T>(key: string) => get<T>(key, use()),
    set: (key, value) => set(key, value, use()),
    delete: (key) => del(key, use()),
    keys: async (prefix) => (await keys(use())).map(String).filter((key) => key.startsWith(prefix)),
    clear: () => clear(use()),
    // One readwrite transaction: IndexedDB runs transactions on the same store one after another,
    // across tabs too, so the read and the write cannot be interleaved with another tab's.
    async update<T>(key: string, updater: (current: T | undefined) => T) {
      let written: T | undefined;
      await update<T>(
        key,
        (current) => {
          written = updater(current);
          return written;
        },
        use(),
      );
      return written as T;
    },
    reopen() {
      store = undefined;
    },
  };
}
