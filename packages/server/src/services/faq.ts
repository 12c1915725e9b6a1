import type { Article, ArticleFeedback, ArticleSync } from '@kefu/core';
import { searchArticles, validateArticleFeedback } from '@kefu/core/domain';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId } from './crypto.js';
import { notFound, throwIfInvalid, type StoreContext } from './context.js';

export interface FaqService {
  /** Every article of a locale, or what changed since `since` (a sync token of this database). */
  list(locale: string, since: string | undefined): ArticleSync;
  get(id: string): Article;
  search(q: string, locale: string): Article[];
  /** 204 once recorded; 404 for an unknown article, 422 for a bad `helpful` or `comment`. */
  sendFeedback(
    request: IdempotentRequest,
    feedback: Omit<ArticleFeedback, 'articleId'>,
    articleId: string,
  ): Promise<StoredResponse & { readonly replayed: boolean }>;
  /** Publishes or replaces an article, as the help centre's editors would. */
  upsert(article: Article): void;
  remove(id: string): void;
}

/**
 * The help centre with a change log (`article_changes`): a sync token names a position in the
 * log together with this database's epoch, so a token from another database, or one this log
 * never reached, is answered with a full sync.
 */
export function createFaqService(store: StoreContext): FaqService {
  const { sqlite: db } = store;
  const epoch = db.prepare<[], string>("SELECT value FROM store_meta WHERE key = 'faq_epoch'").pluck();
  const lastChange = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM article_changes').pluck();
  const inLocale = db.prepare<[string], string>('SELECT json FROM articles WHERE locale = ? ORDER BY rowid').pluck();
  const byId = db.prepare<[string], string>('SELECT json FROM articles WHERE id = ?').pluck();
  // In the order each article first changed, as the memory backend lists them.
  const changedSince = db
    .prepare<[number, string], string>(
      'SELECT article_id FROM article_changes WHERE seq > ? AND locale = ? GROUP BY article_id ORDER BY min(seq)',
    )
    .pluck();
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO articles (id, locale, json) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET locale = excluded.locale, json = excluded.json`,
  );
  const remove = db.prepare<[string]>('DELETE FROM articles WHERE id = ?');
  const recordChange = db.prepare<[string, string]>('INSERT INTO article_changes (article_id, locale) VALUES (?, ?)');
  const insertFeedback = db.prepare<[string, string, number, string | null, string]>(
    'INSERT INTO article_feedback (id, article_id, helpful, comment, created_at) VALUES (?, ?, ?, ?, ?)',
  );

  const parse = (json: string) => JSON.parse(json) as Article;
  const syncToken = (position: number) => Buffer.from(`${epoch.get()}.${position}`).toString('base64url');

  /** The log position a token names, or undefined when it is not one of this database's. */
  function positionOf(token: string, current: number): number | undefined {
    const [tokenEpoch, tokenPosition] = Buffer.from(token, 'base64url').toString().split('.');
    const position = Number(tokenPosition);
    if (tokenEpoch !== epoch.get() || !/^\d+$/.test(tokenPosition ?? '') || position > current) return undefined;
    return position;
  }

  function find(id: string): Article {
    const json = byId.get(id);
    if (json === undefined) throw notFound('article_not_found', 'We could not find that article.');
    return parse(json);
  }

  return {
    // One read transaction: the articles and the token describe the same moment.
    list: (locale, since) =>
      db.transaction((): ArticleSync => {
        const current = lastChange.get() ?? 0;
        const position = since === undefined ? undefined : positionOf(since, current);
        if (position === undefined) {
          return { full: true, articles: inLocale.all(locale).map(parse), deleted: [], syncToken: syncToken(current) };
        }
        const articles: Article[] = [];
        const deleted: string[] = [];
        for (const id of changedSince.all(position, locale)) {
          const json = byId.get(id);
          const article = json === undefined ? undefined : parse(json);
          if (article && article.locale === locale) articles.push(article);
          else deleted.push(id);
        }
        return { full: false, articles, deleted, syncToken: syncToken(current) };
      })(),

    get: find,

    search: (q, locale) => searchArticles(inLocale.all(locale).map(parse), q),

    sendFeedback: (request, feedback, articleId) =>
      store.idempotency.run(request, async () => {
        find(articleId);
        throwIfInvalid(validateArticleFeedback(feedback));
        insertFeedback.run(
          newId('fb'),
          articleId,
          feedback.helpful ? 1 : 0,
          feedback.comment ?? null,
          new Date(store.now()).toISOString(),
        );
        return { status: 204, body: null };
      }),

    upsert: (article) =>
      db
        .transaction(() => {
          const previous = byId.get(article.id);
          upsert.run(article.id, article.locale, JSON.stringify(article));
          // An article moved to another locale disappears from the old locale's help centre.
          const previousLocale = previous === undefined ? undefined : parse(previous).locale;
          if (previousLocale !== undefined && previousLocale !== article.locale)
            recordChange.run(article.id, previousLocale);
          recordChange.run(article.id, article.locale);
        })
        .immediate(),

    remove: (id) =>
      db
        .transaction(() => {
          const previous = byId.get(id);
          if (previous === undefined) return;
          remove.run(id);
          recordChange.run(id, parse(previous).locale);
        })
        .immediate(),
  };
}
