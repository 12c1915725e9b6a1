import { clear, createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
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
    reopen() {
      store = undefined;
    },
  };
}
