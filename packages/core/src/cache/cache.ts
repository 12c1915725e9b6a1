import type { Clock } from '../ports/clock.js';
import type { KeyValueStorage } from '../ports/storage.js';

/** What is stored: the data with the format version it was written in and when. */
export interface CacheEnvelope<T> {
  readonly v: number;
  readonly savedAt: number;
  /** Optional hard expiry (e.g. a token's own expiry), on top of the kind's maxAge. */
  readonly expiresAt?: number;
  readonly data: T;
}

export interface CachePolicy {
  /** Bumped when the data's shape changes; older envelopes are discarded, not misread. */
  readonly version: number;
  /** Older than this, the entry is deleted and never shown. */
  readonly maxAgeMs: number;
  /** Older than this, the entry is shown but refreshed in the background. */
  readonly staleAfterMs: number;
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** One policy per kind of cached data; personal data lives no longer than a day. */
export const cachePolicies = {
  config: { version: 1, maxAgeMs: 7 * day, staleAfterMs: 5 * minute },
  articles: { version: 1, maxAgeMs: 30 * day, staleAfterMs: 10 * minute },
  'search-index': { version: 1, maxAgeMs: 30 * day, staleAfterMs: 30 * day },
  order: { version: 1, maxAgeMs: day, staleAfterMs: minute },
  'order-token': { version: 1, maxAgeMs: hour, staleAfterMs: hour },
  // Creates a return for one order and nothing else; kept so a draft submitted offline days later still goes.
  'return-grant': { version: 1, maxAgeMs: 7 * day, staleAfterMs: 7 * day },
  // A return being filled in (photos included), so a reload loses nothing; gone after a day.
  'return-draft': { version: 1, maxAgeMs: day, staleAfterMs: day },
  conversation: { version: 1, maxAgeMs: 7 * day, staleAfterMs: 0 },
  survey: { version: 1, maxAgeMs: 365 * day, staleAfterMs: 365 * day },
} as const satisfies Record<string, CachePolicy>;

export type CacheKind = keyof typeof cachePolicies;

export interface CachedValue<T> {
  readonly data: T;
  readonly savedAt: number;
  /** Past its kind's staleAfter: show it, and refresh. */
  readonly stale: boolean;
}

export interface Cache {
  read<T>(kind: CacheKind, key?: string): Promise<CachedValue<T> | undefined>;
  write<T>(kind: CacheKind, data: T, options?: { key?: string; expiresAt?: number }): Promise<void>;
  remove(kind: CacheKind, key?: string): Promise<void>;
}

export const CACHE_PREFIX = 'cache/';

/** Versioned envelopes with a max age per kind over any KeyValueStorage. */
export function createCache(storage: KeyValueStorage, clock: Clock): Cache {
  const storageKey = (kind: CacheKind, key?: string) => `${CACHE_PREFIX}${kind}${key ? `/${key}` : ''}`;
  return {
    async read<T>(kind: CacheKind, key?: string) {
      const policy: CachePolicy = cachePolicies[kind];
      const envelope = await storage.get<CacheEnvelope<T>>(storageKey(kind, key));
      if (!envelope) return undefined;
      const age = clock.now() - envelope.savedAt;
      const expired =
        envelope.v !== policy.version ||
        age > policy.maxAgeMs ||
        age < -day || // a clock set far back would keep it forever
        (envelope.expiresAt !== undefined && clock.now() >= envelope.expiresAt);
      if (expired) {
        await storage.delete(storageKey(kind, key));
        return undefined;
      }
      return { data: envelope.data, savedAt: envelope.savedAt, stale: age > policy.staleAfterMs };
    },
    write(kind, data, options = {}) {
      const envelope: CacheEnvelope<typeof data> = {
        v: cachePolicies[kind].version,
        savedAt: clock.now(),
        ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
        data,
      };
      return storage.set(storageKey(kind, options.key), envelope);
    },
    remove: (kind, key) => storage.delete(storageKey(kind, key)),
  };
}
