import { conflict } from './memory-errors.js';

/**
 * What the server keeps per Idempotency-Key: the request's fingerprint and the first result, so a
 * retry (the outbox's, after a lost response) returns that result instead of creating a second
 * record. Only successes are kept: a request that failed validation may be corrected and sent again
 * with the same key.
 */
export interface IdempotencyStore {
  /**
   * Returns the stored result for `key` in `scope` when the fingerprint matches, rejects with
   * `conflict` (serverCode `idempotency_key_reused`) when it does not, and otherwise runs `create`
   * and stores what it returns.
   */
  run<T>(scope: string, key: string, fingerprint: string, create: () => T): T;
}

export function createIdempotencyStore(): IdempotencyStore {
  const entries = new Map<string, { fingerprint: string; result: unknown }>();
  return {
    run<T>(scope: string, key: string, fingerprint: string, create: () => T): T {
      const entryKey = `${scope}\u0000${key}`;
      const entry = entries.get(entryKey);
      if (entry) {
        if (entry.fingerprint !== fingerprint) {
          throw conflict('This idempotency key was already used for a different request.', 'idempotency_key_reused');
        }
        return entry.result as T;
      }
      const result = create();
      entries.set(entryKey, { fingerprint, result: structuredClone(result) });
      return result;
    },
  };
}
