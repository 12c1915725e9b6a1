import type { Article, ArticleFeedback, ArticleSync } from '@kefu/core';
import { searchArticles, validateArticleFeedback } from '@kefu/core/domain';
import type { Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock, type Executor } from '../db/tx.js';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId } from './crypto.js';
import { notFound, throwIfInvalid, type StoreContext } from './context.js';
import { nextCounterValue } from '../db/counters.js';

export interface FaqService {
  /** Every article of a locale, or what changed since `since` (a sync token of this database). */
  list(locale: string, since: string | undefined): Promise<ArticleSync>;
  get(id: string): Promise<Article>;
  search(q: string, locale: string): Promise<Article[]>;
  /** 204 once recorded; 404 for an unknown article, 422 for a bad `helpful` or `comment`. */
  sendFeedback(
    request: IdempotentRequest,
    feedback: Omit<ArticleFeedback, 'articleId'>,
    articleId: string,
  ): Promise<StoredResponse & { readonly replayed: boolean }>;
  /** Publishes or replaces an article, as the help centre's editors would. */
  upsert(article: Article): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * Stores a new article last in the help centre's order: its position is the next value of the
 * `article_position` counter (migration 9), taken in the caller's transaction, the same statement
 * on both engines. The seed and `upsert` both insert through here.
 */
export async function insertArticle(trx: Transaction<KefuDatabase>, article: Article): Promise<void> {
  const position = await nextCounterValue(trx, 'article_position');
  await trx
    .insertInto('articles')
    .values({ id: article.id, locale: article.locale, position, json: JSON.stringify(article) })
    .execute();
}

const parse = (json: string) => JSON.parse(json) as Article;

/**
 * The help centre with a change log (`article_changes`): a sync token names a position in the
 * log together with this database's epoch, so a token from another database, or one this log
 * never reached, is answered with a full sync.
 *
 * Two rules keep a token from skipping a change (decision 0016, §4). Writers take one lock,
 * `article_changes`, before they write, so the log's seqs commit in order: without it a change
 * could take seq 5, commit after seq 6, and be missed by a client whose token says 6. A sync reads
 * the token and the articles from one snapshot (REPEATABLE READ on PostgreSQL; a SQLite
 * transaction already is one).
 */
export function createFaqService(store: StoreContext): FaqService {
  const { db } = store;

  async function epochOf(executor: Executor): Promise<string | undefined> {
    const row = await executor
      .selectFrom('store_meta')
      .select('value')
      .where('key', '=', 'faq_epoch')
      .executeTakeFirst();
    return row?.value;
  }

  async function articlesIn(executor: Executor, locale: string): Promise<Article[]> {
    const rows = await executor
      .selectFrom('articles')
      .select('json')
      .where('locale', '=', locale)
      .where('published', '=', 1)
      .orderBy('position')
      .execute();
    return rows.map((row) => parse(row.json));
  }

  /** A published article: what shoppers may read (and send feedback on) by its id. */
  async function publishedById(executor: Executor, id: string): Promise<Article | undefined> {
    const row = await executor
      .selectFrom('articles')
      .select('json')
      .where('id', '=', id)
      .where('published', '=', 1)
      .executeTakeFirst();
    return row === undefined ? undefined : parse(row.json);
  }

  async function byId(executor: Executor, id: string): Promise<Article | undefined> {
    const row = await executor.selectFrom('articles').select('json').where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : parse(row.json);
  }

  async function find(executor: Executor, id: string): Promise<Article> {
    const article = await publishedById(executor, id);
    if (article === undefined) throw notFound('article_not_found', 'We could not find that article.');
    return article;
  }

  const recordChange = (trx: Transaction<KefuDatabase>, articleId: string, locale: string) =>
    trx.insertInto('article_changes').values({ article_id: articleId, locale }).execute();

  return {
    list: (locale, since) =>
      inTransaction(
        db,
        async (trx): Promise<ArticleSync> => {
          const { current } = await trx
            .selectFrom('article_changes')
            .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('current'))
            .executeTakeFirstOrThrow();
          const epoch = await epochOf(trx);
          const syncToken = Buffer.from(`${epoch}.${current}`).toString('base64url');
          const position = since === undefined ? undefined : positionOf(since, epoch, current);
          if (position === undefined) {
            return { full: true, articles: await articlesIn(trx, locale), deleted: [], syncToken };
          }
          // Each article changed since, in the order it first changed (as the memory backend
          // lists them), with what it is now: gone, unpublished, or moved to another locale, is a
          // deletion.
          const changed = await trx
            .selectFrom((eb) =>
              eb
                .selectFrom('article_changes')
                .select((inner) => ['article_id', inner.fn.min('seq').as('first_seq')])
                .where('seq', '>', position)
                .where('locale', '=', locale)
                .groupBy('article_id')
                .as('changed'),
            )
            .leftJoin('articles', 'articles.id', 'changed.article_id')
            .select(['changed.article_id', 'articles.json', 'articles.published'])
            .orderBy('changed.first_seq')
            .execute();
          const articles: Article[] = [];
          const deleted: string[] = [];
          for (const row of changed) {
            const article = row.json === null ? undefined : parse(row.json);
            if (article && article.locale === locale && row.published === 1) articles.push(article);
            else deleted.push(row.article_id);
          }
          return { full: false, articles, deleted, syncToken };
        },
        { isolation: 'repeatable read' },
      ),

    get: (id) => find(db, id),

    search: async (q, locale) => searchArticles(await articlesIn(db, locale), q),

    sendFeedback: (request, feedback, articleId) =>
      store.idempotency.run(request, async (trx) => {
        await find(trx, articleId);
        throwIfInvalid(validateArticleFeedback(feedback));
        await trx
          .insertInto('article_feedback')
          .values({
            id: newId('fb'),
            article_id: articleId,
            helpful: feedback.helpful ? 1 : 0,
            comment: feedback.comment ?? null,
            created_at: new Date(store.now()).toISOString(),
          })
          .execute();
        return { status: 204, body: null };
      }),

    upsert: (article) =>
      inTransaction(db, async (trx) => {
        await lock(trx, 'article_changes', '');
        const previous = await byId(trx, article.id);
        // The change first: its seq is what a racing sync must not skip (the lock above sees to it).
        // An article moved to another locale disappears from the old locale's help centre.
        if (previous !== undefined && previous.locale !== article.locale) {
          await recordChange(trx, article.id, previous.locale);
        }
        await recordChange(trx, article.id, article.locale);
        if (previous === undefined) await insertArticle(trx, article);
        else {
          // An edit keeps the article's place in the help centre.
          await trx
            .updateTable('articles')
            .set({ locale: article.locale, json: JSON.stringify(article) })
            .where('id', '=', article.id)
            .execute();
        }
      }),

    remove: (id) =>
      inTransaction(db, async (trx) => {
        await lock(trx, 'article_changes', '');
        const previous = await byId(trx, id);
        if (previous === undefined) return;
        await recordChange(trx, id, previous.locale);
        await trx.deleteFrom('articles').where('id', '=', id).execute();
      }),
  };
}

/** The log position a token names, or undefined when it is not one of this database's. */
function positionOf(token: string, epoch: string | undefined, current: number): number | undefined {
  const [tokenEpoch, tokenPosition] = Buffer.from(token, 'base64url').toString().split('.');
  const position = Number(tokenPosition);
  if (epoch === undefined || tokenEpoch !== epoch || !/^\d+$/.test(tokenPosition ?? '') || position > current)
    return undefined;
  return position;
}
