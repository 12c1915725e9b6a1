import { computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type { Article } from '../model/faq.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import type { FaqIndex, FaqSearchHit } from '../search/faq-index.js';
import type { FaqSearchEngine } from '../faq/faq-search-engine.js';
import type { PageLocation } from '../faq/page-location.js';
import { toKefuError } from '../errors.js';
import { idle, type AsyncState } from '../state.js';
import type { StoreContext } from './store-context.js';
import type { ConfigStore } from './config-store.js';
import { containsCjk } from '../domain/faq-search.js';
import { matchLocale, primaryLanguage } from '../locale.js';

interface CachedArticles {
  readonly syncToken: string;
  readonly articles: readonly Article[];
}

/** Kept for callers that pass `createFaqIndex` to `loadIndex`; the engine's chunk now brings its own. */
export type FaqIndexFactory = (articles: readonly Article[], serialized?: never) => FaqIndex;

/** At most this many articles are suggested for a page. */
const MAX_SUGGESTIONS = 5;

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
  /**
   * From this many articles on, the index is built in a Web Worker: building takes about half a
   * second per 1,000 articles on a laptop, which on the main thread would be one long task. Until
   * it is ready, search answers from titles and tags. Where no worker can run (Trusted Types
   * policy `kefu-worker` not allowed, the script served from another origin), the main thread
   * builds it. Default 1,000, as `cacheIndexAbove`: the policy is asked for by large help centres
   * only, whose index is then cached. Lower it where the policy is allowed; `Infinity`: never.
   */
  readonly indexInWorkerAbove?: number;
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
  /**
   * The language the help centre is read in: the shopper's, where the store writes in it (the same
   * language is enough: zh-Hans-CN reads zh-CN), else the store's default, its first locale. An
   * Arabic shopper of a store that writes English and Chinese reads English, not an empty page.
   */
  readonly contentLocale: ReadonlySignal<string>;
  /** Every article of the content locale: from the cache at once, kept current by delta sync. */
  readonly articles: ReadonlySignal<AsyncState<readonly Article[]>>;
  /**
   * The local search index of the session's locale; `search` answers once it is `ready` (a large
   * help centre from titles and tags while it is `loading`).
   */
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
   * Loads the search engine (a chunk of its own) and builds, or restores from the cache, the index
   * of the session's locale. Idempotent; never throws. An argument is accepted and ignored (older
   * callers passed `createFaqIndex`).
   */
  loadIndex(_factory?: FaqIndexFactory): Promise<void>;
  /**
   * Local results, synchronously; `[]` until the index is built, except for a large help centre,
   * which answers from titles and tags meanwhile. Reading it subscribes to `index`.
   */
  search(query: string, options?: { limit?: number }): FaqSearchHit[];
  /**
   * For large help centres (`searchesServer`): the server's results that the local search did not
   * find, to show below the local ones. `[]` when not needed, offline or on failure; never throws.
   */
  searchServer(query: string, options?: { limit?: number; signal?: AbortSignal }): Promise<FaqSearchHit[]>;
  /** An article by id, of the content locale or of a language a query was written in. */
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

const cjkLanguages = new Set(['zh', 'ja', 'ko']);
const isCjkLocale = (tag: string) => cjkLanguages.has(primaryLanguage(tag));

export function createFaqStore(context: StoreContext, options: FaqOptions = {}, config?: ConfigStore): FaqStore {
  const { backend, cache, clock, network, outbox, session, signal: abort } = context;
  const serverSearchAbove = options.serverSearchAbove ?? 5000;

  const byLocale = signal<Readonly<Record<string, AsyncState<readonly Article[]>>>>({});
  const indexByLocale = signal<Readonly<Record<string, FaqIndexState>>>({});
  const syncTokens = new Map<string, string>();
  const syncing = new Map<string, Promise<void>>();
  const indexing = new Map<string, Promise<void>>();
  /** The search engine, loaded on demand (see faq-search-engine.ts): none of it is in the shell. */
  const engine = signal<FaqSearchEngine | undefined>(undefined);
  let engineLoading: Promise<FaqSearchEngine> | undefined;

  const storeLocales = computed(() => config?.state.value.data?.locales ?? []);
  const contentLocale = computed(() => {
    const wanted = session.locale.value;
    const available = storeLocales.value;
    // Until the store's settings are known, the shopper's own language is the best guess.
    return available.length ? (matchLocale(wanted, available) ?? available[0] ?? wanted) : wanted;
  });
  const articles = computed<AsyncState<readonly Article[]>>(() => byLocale.value[contentLocale.value] ?? idle);
  const index = computed(() => indexByLocale.value[contentLocale.value] ?? notBuilt);
  const pagePath = signal('/');
  const searchesServer = computed(() => (articles.value.data?.length ?? 0) > serverSearchAbove);
  const suggestionSource = signal<FaqSuggestionSource>(null);

  function setState(locale: string, state: AsyncState<readonly Article[]>) {
    byLocale.value = { ...byLocale.peek(), [locale]: state };
  }

  function setIndex(locale: string, status: FaqIndexState['status']) {
    const version = (indexByLocale.peek()[locale]?.version ?? 0) + 1;
    const size = engine.peek()?.size(locale) ?? 0;
    indexByLocale.value = { ...indexByLocale.peek(), [locale]: { status, size, version } };
  }

  function loadEngine(): Promise<FaqSearchEngine> {
    engineLoading ??= import('../faq/faq-search-engine.js').then(({ createFaqSearchEngine }) => {
      const loaded = createFaqSearchEngine({
        cache,
        cacheIndexAbove: options.cacheIndexAbove ?? 1000,
        indexInWorkerAbove: options.indexInWorkerAbove ?? 1000,
        signal: abort,
        ...(options.pageLocation ? { pageLocation: options.pageLocation } : {}),
      });
      let first = true;
      loaded.followPage((path) => {
        pagePath.value = path;
        // A navigation ends the host's choice for the previous page.
        if (!first) suggestionSource.value = null;
        first = false;
      }, abort);
      engine.value = loaded;
      return loaded;
    });
    engineLoading.catch(() => (engineLoading = undefined));
    return engineLoading;
  }

  async function syncLocale(locale: string): Promise<void> {
    const cached = await cache.read<CachedArticles>('articles', locale);
    // Search never waits for the network: cached articles show at once.
    if (cached) {
      syncTokens.set(locale, cached.data.syncToken);
      setState(locale, { status: 'ready', data: cached.data.articles, updatedAt: cached.savedAt });
      // An index built before the cache could be read (storage opens on the shopper's first
      // interaction) is behind it.
      void engine
        .peek()
        ?.catchUp(locale, cached.data.articles, cached.data.syncToken)
        .then((changed) => changed && setIndex(locale, 'ready'))
        .catch(() => undefined);
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
      const delta = { full: changes.full, merged, changed: changes.articles, deleted: changes.deleted };
      if (await engine.peek()?.applySync(locale, delta, changes.syncToken)) setIndex(locale, 'ready');
    } catch (error) {
      const kefuError = toKefuError(error);
      if (kefuError.code !== 'aborted')
        setState(locale, { status: 'error', error: kefuError, ...(shown ? { data: shown } : {}) });
    }
  }

  /** A locale's run in `runs` (a sync, an index build) if one is under way, else a new one. */
  function once(
    runs: Map<string, Promise<void>>,
    start: (locale: string) => Promise<void>,
    locale = contentLocale.peek(),
  ): Promise<void> {
    let running = runs.get(locale);
    if (!running) runs.set(locale, (running = start(locale)));
    return running;
  }

  const syncOne = (locale: string) =>
    once(syncing, (one) => syncLocale(one).finally(() => syncing.delete(one)), locale);
  /** Which language to fetch and index depends on the store's locales: learn them first (cached, one request). */
  async function knowStoreLocales(): Promise<void> {
    if (config && !config.state.peek().data) await config.load();
  }
  async function sync(): Promise<void> {
    await knowStoreLocales();
    await syncOne(contentLocale.peek());
  }

  async function buildIndex(locale: string): Promise<void> {
    setIndex(locale, 'loading');
    try {
      const loaded = await loadEngine();
      if (!byLocale.peek()[locale]?.data) await syncOne(locale);
      const building = loaded.build(locale, byLocale.peek()[locale]?.data ?? [], syncTokens.get(locale));
      // A large help centre answers from titles and tags while its index is built: show that now.
      setIndex(locale, 'loading');
      await building;
      setIndex(locale, 'ready');
    } catch {
      // The engine's chunk failed to load (offline before it was ever cached): try again next time.
      indexing.delete(locale);
      setIndex(locale, 'idle');
    }
  }

  /**
   * The help centre a query is searched in: the content locale, unless the query is written in
   * Chinese (or Japanese, Korean) and the content locale is not, and the store writes in that
   * language too. A shopper on an English page who types 退货 finds the Chinese articles.
   */
  function localeOfQuery(query: string): string {
    const content = contentLocale.value;
    if (isCjkLocale(content) || !containsCjk(query)) return content;
    return storeLocales.value.find(isCjkLocale) ?? content;
  }

  function search(query: string, { limit = 20 } = {}): FaqSearchHit[] {
    const locale = localeOfQuery(query);
    // Read for its version too: a caller that renders the results renders them again when it changes.
    const state = indexByLocale.value[locale] ?? notBuilt;
    if (state.status === 'idle') {
      // Another language's index is built on its first query, as the content locale's is on open.
      if (locale !== contentLocale.peek() && index.peek().status !== 'idle') void once(indexing, buildIndex, locale);
      return [];
    }
    return engine.peek()?.search(locale, query, limit) ?? [];
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

  const article = (id: string) =>
    articles.value.data?.find((candidate) => candidate.id === id) ??
    Object.values(byLocale.value)
      .flatMap((state) => state.data ?? [])
      .find((candidate) => candidate.id === id);

  const suggestions = computed(() => {
    const source = suggestionSource.value;
    const loaded = engine.value;
    if (source === null) return loaded ? loaded.forPath(articles.value.data ?? [], pagePath.value) : [];
    if (typeof source === 'string') return search(source, { limit: MAX_SUGGESTIONS }).map((hit) => hit.article);
    return source.flatMap((id) => article(id) ?? []).slice(0, MAX_SUGGESTIONS);
  });

  return {
    contentLocale,
    articles,
    index,
    categories,
    suggestions,
    pagePath,
    searchesServer,
    sync,
    // A build that failed removes itself from `indexing`, so the next call tries again.
    loadIndex: () => knowStoreLocales().then(() => once(indexing, buildIndex)),
    search,
    async searchServer(query, { limit = 20, signal } = {}) {
      if (!query.trim() || !searchesServer.peek() || !network.isOnline()) return [];
      const local = new Set(search(query, { limit }).map((hit) => hit.article.id));
      try {
        const found = await backend.searchArticles(
          { q: query, locale: localeOfQuery(query) },
          { signal: signal ? AbortSignal.any([signal, abort]) : abort },
        );
        // The words as typed, for highlighting (the tokenizer stays in the engine's chunk).
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
    article,
    suggest(source) {
      suggestionSource.value = typeof source === 'string' && !source.trim() ? null : source;
    },
    sendFeedback: (articleId, helpful, comment) =>
      outbox.enqueue('article-feedback', { articleId, helpful, ...(comment ? { comment } : {}) }),
  };
}
