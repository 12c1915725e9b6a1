import { computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type { Article } from '../model/faq.js';
import type { OutboxItem } from '../outbox/outbox-item.js';
import { toKefuError } from '../errors.js';
import { idle, type AsyncState } from '../state.js';
import type { StoreContext } from './store-context.js';

interface CachedArticles {
  readonly syncToken: string;
  readonly articles: readonly Article[];
}

export interface FaqStore {
  /** Every article of the session's locale: from the cache at once, kept current by delta sync. */
  readonly articles: ReadonlySignal<AsyncState<readonly Article[]>>;
  sync(): Promise<void>;
  sendFeedback(articleId: string, helpful: boolean, comment?: string): Promise<OutboxItem<'article-feedback'>>;
}

export function createFaqStore(context: StoreContext): FaqStore {
  const { backend, cache, clock, network, outbox, session, signal: abort } = context;
  const byLocale = signal<Readonly<Record<string, AsyncState<readonly Article[]>>>>({});
  const articles = computed(() => byLocale.value[session.locale.value] ?? idle);

  function setState(locale: string, state: AsyncState<readonly Article[]>) {
    byLocale.value = { ...byLocale.peek(), [locale]: state };
  }

  return {
    articles,
    async sync() {
      const locale = session.locale.peek();
      const cached = await cache.read<CachedArticles>('articles', locale);
      // Search never waits for the network: cached articles show at once.
      if (cached) setState(locale, { status: 'ready', data: cached.data.articles, updatedAt: cached.savedAt });
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
        setState(locale, { status: 'ready', data: merged, updatedAt: clock.now() });
        await cache.write<CachedArticles>(
          'articles',
          { syncToken: changes.syncToken, articles: merged },
          { key: locale },
        );
      } catch (error) {
        const kefuError = toKefuError(error);
        if (kefuError.code !== 'aborted')
          setState(locale, { status: 'error', error: kefuError, ...(shown ? { data: shown } : {}) });
      }
    },
    sendFeedback: (articleId, helpful, comment) =>
      outbox.enqueue('article-feedback', { articleId, helpful, ...(comment ? { comment } : {}) }),
  };
}
