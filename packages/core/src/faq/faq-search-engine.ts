import type { Article } from '../model/faq.js';
import type { Cache } from '../cache/cache.js';
import {
  createFaqIndex,
  restoreFaqIndex,
  serializeFaqIndex,
  type FaqIndex,
  type FaqSearchHit,
} from '../search/faq-index.js';
import { buildIndexInWorker, IndexWorkerUnavailableError } from '../search/index-worker.js';
import { isSerializedIndex, type SerializedFaqIndex } from '../search/serialized-index.js';
import { createTitleSearch, type InterimSearch } from '../search/title-search.js';
import { articlesForPath } from './suggest.js';
import { browserPageLocation, type PageLocation } from './page-location.js';

/**
 * What the FAQ store loads on demand (with `import()`, a chunk of its own): the search engine and
 * its per-locale indexes, their IndexedDB cache, delta updates, and page suggestions. Nothing of it
 * is in the widget shell; the store keeps only signals and the article sync.
 */
export interface FaqSearchEngine {
  /**
   * Builds the index of a locale, or restores it from the cache when it was saved at `syncToken`.
   * A large help centre (`indexInWorkerAbove`) is built in a Web Worker; until it is ready, search
   * answers from titles and tags. Resolves once the locale's newest index is in place.
   */
  build(locale: string, articles: readonly Article[], syncToken: string | undefined): Promise<void>;
  /**
   * A sync answered: a full answer rebuilds the index (the old one answers meanwhile), a delta is
   * applied (or, while a build is under way, restarts it with the new articles). Returns whether it changed.
   */
  applySync(
    locale: string,
    change: { full: boolean; merged: readonly Article[]; changed: readonly Article[]; deleted: readonly string[] },
    syncToken: string,
  ): Promise<boolean>;
  /** Cached articles were read after the index was built (storage opens on intent): catch up. */
  catchUp(locale: string, articles: readonly Article[], syncToken: string): Promise<boolean>;
  size(locale: string): number;
  /** The index's results; while the first index of a large help centre is built, from titles and tags. */
  search(locale: string, query: string, limit: number): FaqSearchHit[];
  /** Up to 5 articles whose `suggestOn` patterns match the path. */
  forPath(articles: readonly Article[], path: string): Article[];
  /** The page's path now, and after every navigation until `signal` aborts. */
  followPage(onPath: (path: string) => void, signal: AbortSignal): void;
}

/** The cached index: its serialized pieces, Blobs (a plain object before; such an entry is rebuilt). */
interface CachedIndex {
  readonly syncToken: string;
  readonly serialized: SerializedFaqIndex;
}

type BuiltIndex =
  | { readonly index: FaqIndex; readonly from: 'cache' | 'main thread' }
  | { readonly index: FaqIndex; readonly from: 'worker'; readonly serialized: SerializedFaqIndex };

/** One locale's index, and the build that will replace it. */
interface LocaleIndex {
  index?: FaqIndex;
  /** The sync token the index reflects. */
  indexedAt?: string | undefined;
  /** Answers while a large help centre's first index is built. */
  interim?: InterimSearch | undefined;
  /** The newest build under way; a newer one aborts it. */
  building?: { readonly done: Promise<void>; readonly controller: AbortController; readonly syncToken?: string };
}

export function createFaqSearchEngine(deps: {
  readonly cache: Cache;
  readonly cacheIndexAbove: number;
  readonly indexInWorkerAbove: number;
  readonly pageLocation?: PageLocation;
  /** Aborted when the client is disposed: a build under way stops and its worker ends. */
  readonly signal?: AbortSignal;
}): FaqSearchEngine {
  const { cache, cacheIndexAbove, indexInWorkerAbove } = deps;
  const locales = new Map<string, LocaleIndex>();
  const location = deps.pageLocation ?? (typeof window === 'undefined' ? undefined : browserPageLocation());

  function stateOf(locale: string): LocaleIndex {
    let state = locales.get(locale);
    if (!state) locales.set(locale, (state = {}));
    return state;
  }

  /** Set once a worker could not run on this page: the main thread builds from then on. */
  let workerUnavailable = false;
  const inWorker = (articles: readonly Article[]) => articles.length >= indexInWorkerAbove && !workerUnavailable;

  async function serializeInWorker(articles: readonly Article[], signal?: AbortSignal): Promise<SerializedFaqIndex> {
    try {
      return await buildIndexInWorker(articles, signal);
    } catch (error) {
      if (error instanceof IndexWorkerUnavailableError) workerUnavailable = true;
      throw error;
    }
  }

  async function write(locale: string, serialized: SerializedFaqIndex, syncToken: string): Promise<void> {
    // A newer change got there first: this index is behind it.
    if (locales.get(locale)?.indexedAt !== syncToken) return;
    await cache.write<CachedIndex>('search-index', { syncToken, serialized }, { key: locale });
  }

  /**
   * Caches an index the main thread built or changed. Below the limit a build takes a few
   * milliseconds: the cache would cost more than it saves. A large help centre's index is
   * serialized by a worker (rebuilding it there costs the page nothing; serializing it here would
   * be a long task); without one, here.
   */
  async function save(locale: string, index: FaqIndex, articles: readonly Article[], syncToken?: string) {
    if (!syncToken || index.size < cacheIndexAbove) return;
    try {
      const serialized = inWorker(articles)
        ? await serializeInWorker(articles, deps.signal).catch(() => serializeFaqIndex(index))
        : serializeFaqIndex(index);
      await write(locale, serialized, syncToken);
    } catch {
      // Not cached: the next visit builds it again.
    }
  }

  async function restoreCached(locale: string, articles: readonly Article[], syncToken?: string, signal?: AbortSignal) {
    if (!syncToken || articles.length < cacheIndexAbove) return undefined;
    const cached = await cache.read<Partial<CachedIndex>>('search-index', locale);
    if (cached?.data.syncToken !== syncToken || !isSerializedIndex(cached.data.serialized)) return undefined;
    try {
      return await restoreFaqIndex(articles, cached.data.serialized, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      // In another format (an older Kefu cached a MiniSearch index): build it again.
      return undefined;
    }
  }

  /** The index of `articles`: from the cache, from a worker, or built here. */
  async function indexOf(
    locale: string,
    articles: readonly Article[],
    syncToken: string | undefined,
    signal: AbortSignal,
  ): Promise<BuiltIndex> {
    const cached = await restoreCached(locale, articles, syncToken, signal);
    if (cached) return { index: cached, from: 'cache' };
    signal.throwIfAborted();
    if (inWorker(articles)) {
      try {
        const serialized = await serializeInWorker(articles, signal);
        return { index: await restoreFaqIndex(articles, serialized, signal), from: 'worker', serialized };
      } catch (error) {
        if (signal.aborted) throw error;
        // No worker here (see index-worker.ts): the main thread builds it, as for a small help centre.
      }
    }
    return { index: createFaqIndex(articles), from: 'main thread' };
  }

  /** Replaces the locale's index by one of `articles`; the current one (or titles) answers meanwhile. */
  async function rebuild(locale: string, articles: readonly Article[], syncToken: string | undefined) {
    const state = stateOf(locale);
    state.building?.controller.abort();
    const controller = new AbortController();
    const signal = deps.signal ? AbortSignal.any([controller.signal, deps.signal]) : controller.signal;
    // A large help centre's index takes seconds to build in the worker, or to restore from the cache.
    const slow = articles.length >= Math.min(indexInWorkerAbove, cacheIndexAbove);
    if (!state.index && slow) state.interim = createTitleSearch(articles);
    const done = (async () => {
      const built = await indexOf(locale, articles, syncToken, signal);
      if (signal.aborted) return;
      state.index = built.index;
      state.indexedAt = syncToken;
      state.interim = undefined;
      if (built.from === 'worker' && syncToken) void write(locale, built.serialized, syncToken).catch(() => undefined);
      if (built.from === 'main thread') void save(locale, built.index, articles, syncToken);
    })();
    const building = { done, controller, ...(syncToken ? { syncToken } : {}) };
    state.building = building;
    try {
      await done;
    } catch (error) {
      // Aborted by a newer build, which the caller waits for below; anything else is the caller's.
      if (!signal.aborted) throw error;
    } finally {
      if (state.building === building) state.building = undefined;
    }
    // A newer build took over: the caller waits for the locale's newest index.
    while (state.building) await state.building.done.catch(() => undefined);
  }

  return {
    build: (locale, articles, syncToken) => rebuild(locale, articles, syncToken),
    async applySync(locale, { full, merged, changed, deleted }, syncToken) {
      const state = locales.get(locale);
      if (!state?.index && !state?.building) return false;
      const delta = changed.length > 0 || deleted.length > 0;
      if (full || (state.building && delta)) {
        // While a build is under way, applying the delta to the old index would be lost when the
        // build lands: build the new articles instead.
        await rebuild(locale, merged, syncToken);
        return true;
      }
      if (!delta || !state.index) return false;
      state.index.apply(changed, deleted);
      state.indexedAt = syncToken;
      void save(locale, state.index, merged, syncToken);
      return true;
    },
    async catchUp(locale, articles, syncToken) {
      const state = locales.get(locale);
      if (!state?.index && !state?.building) return false;
      const target = state.building ? state.building.syncToken : state.indexedAt;
      if (target === syncToken) return false;
      await rebuild(locale, articles, syncToken);
      return true;
    },
    size: (locale) => locales.get(locale)?.index?.size ?? 0,
    search(locale, query, limit) {
      const state = locales.get(locale);
      if (state?.index) return state.index.search(query, { limit });
      return state?.interim?.(query, limit) ?? [];
    },
    forPath: articlesForPath,
    followPage(onPath, signal) {
      if (!location) return;
      onPath(location.path());
      location.subscribe(() => onPath(location.path()), signal);
    },
  };
}
