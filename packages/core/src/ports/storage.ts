/**
 * Where Kefu keeps what must survive a reload: cached data and the outbox. Values are plain,
 * structured-cloneable data. Every method may reject (storage missing, over quota, disconnected);
 * callers go through createKefuStorage, which turns that into a memory fallback.
 */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`. */
  keys(prefix: string): Promise<string[]>;
  /** Removes every key Kefu stored. */
  clear(): Promise<void>;
  /**
   * Reads and writes one key atomically (no other tab can write between the two) and resolves with
   * what was written. Used for the outbox's lease where Web Locks are missing.
   */
  update<T>(key: string, updater: (current: T | undefined) => T): Promise<T>;
}
