import { computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type { AsPlainObject } from 'minisearch';
import type { Article } from '../model/faq.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import type { FaqIndex, FaqSearchHit } from '../search/faq-index.js';
import { articlesForPath, MAX_PAGE_SUGGESTIONS } from '../faq/suggest.js';
import { browserPageLocation, type PageLocation } from '../faq/page-location.js';
import { toKefuError } from '../errors.js';
import { idle, type AsyncState } from '../state.js';
import type { StoreContext } from './store-context.js';

interface CachedArticles {
  readonly syncToken: string;
  readonly articles: readonly Article[];
}

interface CachedIndex {
  readonly syncToken: string;
  readonly index: AsPlainObject;
}

/** Builds a search index (`createFaqIndex` from `@kefu/core`); passed in to keep MiniSearch out of the shell. */
export type FaqIndexFactory = (articles: readonly Article[], serialized?: AsPlainObject) => FaqIndex;

export interface FaqOptions {
  /**
   * Above this many articles a query also goes to the server's `/v1/search` (the local results
   * still answer at once; the server's are added below them). Default 5,000.
   */
  readonly serverSearchAbove?: number;
  /**
   * A built index is cached in IndexedDB from this many articles on (below it, building takes a
   * few milliseconds and the cache would cost more than it saves). Default 1,000.
   */
  readonly cacheIndexAbove?: number;
  /** Where the page's path comes from, for page suggestions. Default: the browser's location. */
  readonly pageLocation?: PageLocation;
}

export interface FaqIndexState {
  readonly status: 'idle' | 'loading' | 'ready';
  /** Articles in the index. */
  readonly size: number;
  /** Bumped on every change of the index (built, restored, delta applied): results may differ. */
  readonly version: number;
}

export interface FaqCategory {
  /** The category slug, e.g. "returns". */
  readonly slug: string;
  readonly articles: readonly Article[];
}

/** What the page suggestions follow: the page's URL patterns, or the host's choice (`suggest`). */
export type FaqSuggestionSource = readonly string[] | string | null;

export interface FaqStore {
  /** Every article of the session's locale: from the cache at once, kept current by delta sync. */
  readonly articles: ReadonlySignal<AsyncState<readonly Article[]>>;
  /** The local search index of the session's locale; `search` answers once it is `ready`. */
  readonly index: ReadonlySignal<FaqIndexState>;
  /** The articles by category, in the help centre's order. */
  readonly categories: ReadonlySignal<readonly FaqCategory[]>;
  /** Up to 5 articles for the current page (see `suggest`); follows single-page-app navigation. */
  readonly suggestions: ReadonlySignal<readonly Article[]>;
  /** True when the help centre is above `serverSearchAbove`: `searchServer` then asks the server too. */
  readonly searchesServer: ReadonlySignal<boolean>;
  /** The current page's path, as the suggestions see it. */
  readonly pagePath: ReadonlySignal<string>;
  /** Shows cached articles at once, then fetches the changes since the last sync. Never throws. */
  sync(): Promise<void>;
  /**
   * Builds (or restores from the cache) the local index of the session's locale. Pass
   * `createFaqIndex` when you have it (the FAQ element does); otherwise it is imported on demand.
   * Idempotent; never throws.
   */
  loadIndex(factory?: FaqIndexFactory): Promise<void>;
  /** Local results, synchronously; `[]` until the index is ready. Reading it subscribes to `index`. */
  search(query: string, options?: { limit?: number }): FaqSearchHit[];
  /**
   * For large help centres (`searchesServer`): the server's results that the local search did not
   * find, to show below the local ones. `[]` when not needed, offline or on failure; never throws.
   */
  searchServer(query: string, options?: { limit?: number; signal?: AbortSignal }): Promise<FaqSearchHit[]>;
  /** An article of the session's locale by id (from the synced articles). */
  article(id: string): Article | undefined;
  /**
   * Overrides the page suggestions: article ids (in order), a query (its best 5 results), or
   * `null` to go back to the articles whose URL patterns match the page. The next navigation
   * goes back to the URL patterns too.
   */
  suggest(source: FaqSuggestionSource): void;
  sendFeedback(articleId: string, helpful: boolean, comment?: string): Promise<OutboxItem<'article-feedback'>>;
}

const notBuilt: FaqIndexState = { status: 'idle', size: 0, version: 0 };

export function createFaqStore(context: StoreContext, options: FaqOptions = {}): FaqStore {
  const { backend, cache, clock, network, outbox, session, signal: abort } = context;
  const serverSearchAbove = options.serverSearchAbove ?? 5000;
  const cacheIndexAbove = options.cacheIndexAbove ?? 1000;
  const location = options.pageLocation ?? (typeof window === 'undefined' ? undefined : browserPageLocation());

  const byLocale = signal<Readonly<Record<string, AsyncState<readonly Article[]>>>>({});
  const indexByLocale = signal<Readonly<Record<string, FaqIndexState>>>({});
  const indexes = new Map<string, FaqIndex>();
  const syncTokens = new Map<string, string>();
  /** The sync token each built index reflects: a cache read after the index was built rebuilds it. */
  const indexedAt = new Map<string, string | undefined>();
  const syncing = new Map<string, Promise<void>>();
  const indexing = new Map<string, Promise<void>>();
  let factory: FaqIndexFactory | undefined;

  const articles = computed<AsyncState<readonly Article[]>>(() => byLocale.value[session.locale.value] ?? idle);
  const index = computed(() => indexByLocale.value[session.locale.value] ?? notBuilt);
  const pagePath = signal(location?.path() ?? '/');
  const suggestionSource = signal<FaqSuggestionSource>(null);
  location?.subscribe(() => {
    pagePath.value = location.path();
    suggestionSource.value = null;
  }, abort);

  function setState(locale: string, state: AsyncState<readonly Article[]>) {
    byLocale.value = { ...byLocale.peek(), [locale]: state };
  }

  function setIndex(locale: string, built: FaqIndex | undefined, status: FaqIndexState['status']) {
    if (built) {
      indexes.set(locale, built);
      indexedAt.set(locale, syncTokens.get(locale));
    }
    const version = (indexByLocale.peek()[locale]?.version ?? 0) + 1;
    indexByLocale.value = { ...indexByLocale.peek(), [locale]: { status, size: built?.size ?? 0, version } };
  }

  async function cacheIndex(locale: string, built: FaqIndex): Promise<void> {
    const syncToken = syncTokens.get(locale);
    if (!syncToken || built.size < cacheIndexAbove) return;
    await cache.write<CachedIndex>('search-index', { syncToken, index: built.toJSON() }, { key: locale });
  }

  /** Keeps a built index in step with a sync: a full answer rebuilds it, a delta is applied. */
  async function updateIndex(
    locale: string,
    full: boolean,
    merged: readonly Article[],
    changed: readonly Article[],
    deleted: readonly string[],
  ) {
    const built = indexes.get(locale);
    if (!built || !factory) return;
    if (full) {
      setIndex(locale, factory(merged), 'ready');
    } else if (changed.length > 0 || deleted.length > 0) {
      built.apply(changed, deleted);
      setIndex(locale, built, 'ready');
    } else return;
    await cacheIndex(locale, indexes.get(locale) ?? built);
  }

  async function syncLocale(locale: string): Promise<void> {
    const cached = await cache.read<CachedArticles>('articles', locale);
    // Search never waits for the network: cached articles show at once.
    if (cached) {
      syncTokens.set(locale, cached.data.syncToken);
      setState(locale, { status: 'ready', data: cached.data.articles, updatedAt: cached.savedAt });
      // An index built before the cache could be read (storage is memory-only until the shopper's
      // first interaction) is behind it: rebuild it from the cached articles.
      if (factory && indexes.has(locale) && indexedAt.get(locale) !== cached.data.syncToken) {
        setIndex(locale, factory(cached.data.articles), 'ready');
      }
    }
    if (!network.isOnline()) return;
    const shown = byLocale.peek()[locale]?.data;
    try {
      const changes = await backend.listArticles(
        { locale, ...(cached ? { since: cached.data.syncToken } : {}) },
        { signal: abort },
      );
      const changed = new Set([...changes.deleted, ...changes.articles.map((article) => article.id)]);
      const merged = changes.full
        ? changes.articles
        : [...(cached?.data.articles ?? []).filter((article) => !changed.has(article.id)), ...changes.articles];
      syncTokens.set(locale, changes.syncToken);
      setState(locale, { status: 'ready', data: merged, updatedAt: clock.now() });
      await cache.write<CachedArticles>(
        'articles',
        { syncToken: changes.syncToken, articles: merged },
        { key: locale },
      );
      await updateIndex(locale, changes.full, merged, changes.articles, changes.deleted);
    } catch (error) {
      const kefuError = toKefuError(error);
      if (kefuError.code !== 'aborted')
        setState(locale, { status: 'error', error: kefuError, ...(shown ? { data: shown } : {}) });
    }
  }

  function sync(): Promise<void> {
    const locale = session.locale.peek();
    let running = syncing.get(locale);
    if (!running) {
      running = syncLocale(locale).finally(() => syncing.delete(locale));
      syncing.set(locale, running);
    }
    return running;
  }

  async function buildIndex(locale: string, given?: FaqIndexFactory): Promise<void> {
    setIndex(locale, undefined, 'loading');
    try {
      factory ??= given ?? (await import('../search/faq-index.js')).createFaqIndex;
      if (!byLocale.peek()[locale]?.data) await sync();
      const data = byLocale.peek()[locale]?.data ?? [];
      const syncToken = syncTokens.get(locale);
      const cached = data.length >= cacheIndexAbove ? await cache.read<CachedIndex>('search-index', locale) : undefined;
      let built: FaqIndex | undefined;
      if (cached && cached.data.syncToken === syncToken) {
        try {
          built = factory(data, cached.data.index);
        } catch {
          // An index written by another MiniSearch version: build it again below.
        }
      }
      if (!built) {
        built = factory(data);
        void cacheIndex(locale, built);
      }
      setIndex(locale, built, 'ready');
    } catch {
      // The index chunk failed to load (offline before it was ever cached): try again next time.
      indexing.delete(locale);
      setIndex(locale, undefined, 'idle');
    }
  }

  function search(query: string, { limit = 20 } = {}): FaqSearchHit[] {
    const locale = session.locale.value;
    if (index.value.status !== 'ready') return [];
    return indexes.get(locale)?.search(query, { limit }) ?? [];
  }

  const categories = computed(() => {
    const groups = new Map<string, Article[]>();
    for (const article of articles.value.data ?? []) {
      const group = groups.get(article.category) ?? [];
      group.push(article);
      groups.set(article.category, group);
    }
    return [...groups].map(([slug, list]) => ({ slug, articles: list }));
  });

  const suggestions = computed(() => {
    const list = articles.value.data ?? [];
    const source = suggestionSource.value;
    if (source === null) return articlesForPath(list, pagePath.value);
    if (typeof source === 'string') return search(source, { limit: MAX_PAGE_SUGGESTIONS }).map((hit) => hit.article);
    const byId = new Map(list.map((article) => [article.id, article]));
    return source
      .map((id) => byId.get(id))
      .filter((article): article is Article => article !== undefined)
      .slice(0, MAX_PAGE_SUGGESTIONS);
  });

  return {
    articles,
    index,
    categories,
    suggestions,
    pagePath,
    searchesServer: computed(() => (articles.value.data?.length ?? 0) > serverSearchAbove),
    sync,
    loadIndex(given) {
      const locale = session.locale.peek();
      let running = indexing.get(locale);
      if (!running) {
        running = buildIndex(locale, given);
        indexing.set(locale, running);
      }
      return running;
    },
    search,
    async searchServer(query, { limit = 20, signal } = {}) {
      if (!query.trim() || (articles.peek().data?.length ?? 0) <= serverSearchAbove || !network.isOnline()) return [];
      const local = new Set(search(query, { limit }).map((hit) => hit.article.id));
      try {
        const found = await backend.searchArticles(
          { q: query, locale: session.locale.peek() },
          { signal: signal ? AbortSignal.any([signal, abort]) : abort },
        );
        // The words as typed, for highlighting (the tokenizer stays in the index's chunk, not the shell).
        const terms = query.split(/\s+/).filter(Boolean);
        return found
          .filter((article) => !local.has(article.id))
          .slice(0, limit)
          .map((article) => ({ article, score: 0, terms }));
      } catch {
        // The local results are already shown; the server's are a bonus.
        return [];
      }
    },
    article: (id) => articles.value.data?.find((article) => article.id === id),
    suggest(source) {
      suggestionSource.value = typeof source === 'string' && !source.trim() ? null : source;
    },
    sendFeedback: (articleId, helpful, comment) =>
      outbox.enqueue('article-feedback', { articleId, helpful, ...(comment ? { comment } : {}) }),
  };
}
