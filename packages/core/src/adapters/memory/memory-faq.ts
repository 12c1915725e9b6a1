import type { Article, ArticleFeedback, ArticleSync } from '../../model/faq.js';
import type { FaqBackend } from '../../ports/backend.js';
import { searchArticles } from '../../domain/faq-search.js';
import { validateArticleFeedback } from '../../domain/faq-feedback.js';
import { stableJson } from '../../domain/stable-json.js';
import type { MemoryContext } from './memory-context.js';
import { notFound, throwIfInvalid } from './memory-errors.js';

export interface FaqControls {
  /** Adds or replaces an article, as an editor publishing in the help centre would. */
  upsertArticle(article: Article): void;
  deleteArticle(id: string): void;
  /** Feedback received so far, oldest first. */
  feedback(): readonly ArticleFeedback[];
}

interface ArticleChange {
  readonly counter: number;
  readonly id: string;
  readonly locale: string;
}

/**
 * The help centre with a change log: a sync token names a point in the log, so a client that
 * cached the articles only downloads what changed since. A token carries this backend's epoch, so
 * a token from an earlier page load (whose log is gone) is answered with a full sync.
 */
export function createMemoryFaq(
  context: MemoryContext,
  seedArticles: readonly Article[],
): { backend: FaqBackend; controls: FaqControls } {
  const articles = new Map<string, Article>(seedArticles.map((article) => [article.id, structuredClone(article)]));
  const changes: ArticleChange[] = [];
  const feedback: ArticleFeedback[] = [];
  const epoch = context.newToken().slice(0, 8);
  let counter = 0;

  const syncToken = () => btoa(`${epoch}.${counter}`);

  /** The log position a token names, or undefined when it is not one of ours. */
  function counterOf(token: string): number | undefined {
    try {
      const [tokenEpoch, tokenCounter] = atob(token).split('.');
      const position = Number(tokenCounter);
      if (tokenEpoch !== epoch || !Number.isInteger(position) || position < 0 || position > counter) return undefined;
      return position;
    } catch {
      return undefined;
    }
  }

  function record(id: string, locale: string): void {
    counter += 1;
    changes.push({ counter, id, locale });
  }

  function inLocale(locale: string): Article[] {
    return [...articles.values()].filter((article) => article.locale === locale);
  }

  function listArticles(locale: string, since: string | undefined): ArticleSync {
    const position = since === undefined ? undefined : counterOf(since);
    if (position === undefined) return { full: true, articles: inLocale(locale), deleted: [], syncToken: syncToken() };
    const changedIds = new Set(
      changes.filter((change) => change.counter > position && change.locale === locale).map((change) => change.id),
    );
    const changed: Article[] = [];
    const deleted: string[] = [];
    for (const id of changedIds) {
      const article = articles.get(id);
      if (article && article.locale === locale) changed.push(article);
      else deleted.push(id);
    }
    return { full: false, articles: changed, deleted, syncToken: syncToken() };
  }

  function findArticle(id: string): Article {
    const article = articles.get(id);
    if (!article) throw notFound('We could not find that article.', 'article_not_found');
    return article;
  }

  return {
    backend: {
      listArticles: (query, options) => context.handle(options?.signal, () => listArticles(query.locale, query.since)),
      getArticle: (id, options) => context.handle(options?.signal, () => findArticle(id)),
      sendArticleFeedback: (input, options) =>
        context.handle(options.signal, () => {
          context.idempotency.run('article-feedback', options.idempotencyKey, stableJson(input), () => {
            findArticle(input.articleId);
            throwIfInvalid(validateArticleFeedback(input));
            feedback.push(structuredClone(input));
          });
        }),
      searchArticles: (query, options) =>
        context.handle(options?.signal, () => searchArticles(inLocale(query.locale), query.q)),
    },
    controls: {
      upsertArticle(article) {
        const previous = articles.get(article.id);
        articles.set(article.id, structuredClone(article));
        // An article moved to another locale disappears from the old locale's help centre.
        if (previous && previous.locale !== article.locale) record(article.id, previous.locale);
        record(article.id, article.locale);
      },
      deleteArticle(id) {
        const previous = articles.get(id);
        if (!previous) return;
        articles.delete(id);
        record(id, previous.locale);
      },
      feedback: () => structuredClone(feedback),
    },
  };
}
