import type { AsPlainObject } from 'minisearch';
import type { Article } from '../model/faq.js';
import type { Cache } from '../cache/cache.js';
import { createFaqIndex, type FaqIndex, type FaqSearchHit } from '../search/faq-index.js';
import { articlesForPath } from './suggest.js';
import { browserPageLocation, type PageLocation } from './page-location.js';

/**
 * What the FAQ store loads on demand (with `import()`, a chunk of its own): the search engine and
 * its per-locale indexes, their IndexedDB cache, delta updates, and page suggestions. Nothing of it
 * is in the widget shell; the store keeps only signals and the article sync.
 */
export interface FaqSearchEngine {
  /** Builds the index of a locale, or restores it from the cache when it was saved at `syncToken`. */
  build(locale: string, articles: readonly Article[], syncToken: string | undefined): Promise<void>;
  /** A sync answered: a full answer rebuilds the index, a delta is applied. Returns whether it changed. */
  applySync(
    locale: string,
    change: { full: boolean; merged: readonly Article[]; changed: readonly Article[]; deleted: readonly string[] },
    syncToken: string,
  ): Promise<boolean>;
  /** Cached articles were read after the index was built (storage opens on intent): catch up. */
  catchUp(locale: string, articles: readonly Article[], syncToken: string): boolean;
  has(locale: string): boolean;
  size(locale: string): number;
  search(locale: string, query: string, limit: number): FaqSearchHit[];
  /** Up to 5 articles whose `suggestOn` patterns match the path. */
  forPath(articles: readonly Article[], path: string): Article[];
  /** The page's path now, and after every navigation until `signal` aborts. */
  followPage(onPath: (path: string) => void, signal: AbortSignal): void;
}

interface CachedIndex {
  readonly syncToken: string;
  readonly index: AsPlainObject;
}

export function createFaqSearchEngine(deps: {
  readonly cache: Cache;
  readonly cacheIndexAbove: number;
  readonly pageLocation?: PageLocation;
}): FaqSearchEngine {
  const { cache, cacheIndexAbove } = deps;
  const indexes = new Map<string, FaqIndex>();
  /** The sync token each index reflects. */
  const indexedAt = new Map<string, string | undefined>();
  const location = deps.pageLocation ?? (typeof window === 'undefined' ? undefined : browserPageLocation());

  function keep(locale: string, index: FaqIndex, syncToken: string | undefined): void {
    indexes.set(locale, index);
    indexedAt.set(locale, syncToken);
  }

  async function save(locale: string, index: FaqIndex, syncToken: string | undefined): Promise<void> {
    // Below the limit a build takes a few milliseconds: the cache would cost more than it saves.
    if (!syncToken || index.size < cacheIndexAbove) return;
    await cache.write<CachedIndex>('search-index', { syncToken, index: index.toJSON() }, { key: locale });
  }

  return {
    async build(locale, articles, syncToken) {
      const cached =
        articles.length >= cacheIndexAbove ? await cache.read<CachedIndex>('search-index', locale) : undefined;
      let index: FaqIndex | undefined;
      if (cached && cached.data.syncToken === syncToken) {
        try {
          index = createFaqIndex(articles, cached.data.index);
        } catch {
          // Written by another MiniSearch version: build it again below.
        }
      }
      if (!index) {
        index = createFaqIndex(articles);
        void save(locale, index, syncToken);
      }
      keep(locale, index, syncToken);
    },
    async applySync(locale, { full, merged, changed, deleted }, syncToken) {
      const index = indexes.get(locale);
      if (!index) return false;
      if (full) keep(locale, createFaqIndex(merged), syncToken);
      else if (changed.length > 0 || deleted.length > 0) {
        index.apply(changed, deleted);
        indexedAt.set(locale, syncToken);
      } else return false;
      await save(locale, indexes.get(locale) ?? index, syncToken);
      return true;
    },
    catchUp(locale, articles, syncToken) {
      if (!indexes.has(locale) || indexedAt.get(locale) === syncToken) return false;
      keep(locale, createFaqIndex(articles), syncToken);
      return true;
    },
    has: (locale) => indexes.has(locale),
    size: (locale) => indexes.get(locale)?.size ?? 0,
    search: (locale, query, limit) => indexes.get(locale)?.search(query, { limit }) ?? [],
    forPath: articlesForPath,
    followPage(onPath, signal) {
      if (!location) return;
      onPath(location.path());
      location.subscribe(() => onPath(location.path()), signal);
    },
  };
}
