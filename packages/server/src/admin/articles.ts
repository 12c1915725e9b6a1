import { z } from '@hono/zod-openapi';
import type { Article } from '@kefu/core';
import { stableJson } from '@kefu/core/domain';
import type { Kysely, Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { invalid } from '../services/context.js';
import { insertArticle } from '../services/faq.js';
import { markdownToHtml } from './markdown.js';

// No NUL: PostgreSQL's text cannot hold one, and no article needs it.
const noNul = (value: string) => !value.includes('\u0000');
const line = (max: number) => z.string().trim().min(1).max(max).refine(noNul, 'No NUL characters.');

/** Ids are in the widget's addresses (/v1/articles/{id}): letters, digits, `.`, `_` and `-`. */
export const ARTICLE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ID_RULE = 'Letters, digits, ".", "_" and "-", starting with a letter or digit; at most 128.';

/**
 * One article as a writer sends it (`PUT /admin/v1/articles/{id}`, the importers, the console's
 * editor): the fields of the widget's Article but `id` (the address) and `updatedAt` (the server
 * sets it when the article changes), plus `format`, `published` and `translationKey`.
 */
export const ArticleInputSchema = z
  .object({
    locale: z.string().min(1).max(35).openapi({
      example: 'en',
      description: 'One of the store’s `locales` (any letter case; stored as the settings spell it).',
    }),
    title: line(300),
    body: z
      .string()
      .max(500_000)
      .refine((value) => value.trim() !== '', 'Write the article’s text.')
      .refine(noNul, 'No NUL characters.')
      .openapi({ description: 'HTML (sanitized when the widget shows it), or Markdown with `format: "markdown"`.' }),
    format: z.enum(['html', 'markdown']).default('html').openapi({
      description:
        '`markdown`: the server converts the body to HTML (decision 0021 lists the Markdown it reads) and stores that.',
    }),
    category: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,49}$/, 'A slug: lowercase letters, digits and "-", e.g. shipping.')
      .openapi({ example: 'shipping' }),
    tags: z.array(line(100)).max(50).default([]),
    suggestOn: z
      .array(
        z
          .string()
          .max(500)
          .regex(/^\/\S*$/, 'A path of the storefront, starting with "/" ("/products/*").')
          .refine(noNul, 'No NUL characters.'),
      )
      .max(50)
      .optional()
      .openapi({ description: 'URL path patterns on which the widget suggests the article, e.g. `/products/*`.' }),
    published: z.boolean().default(true).openapi({
      description: 'false: kept and editable, but not served to shoppers (a delta sync lists it as deleted).',
    }),
    translationKey: z
      .string()
      .regex(ARTICLE_ID, ID_RULE)
      .optional()
      .openapi({
        description:
          'Articles that are one text in several languages share it. Without it, the id less a leading or ' +
          'trailing locale (`en-returns`, `returns.zh-cn` → `returns`).',
      }),
  })
  .strict()
  .openapi('AdminArticleInput');

export type ArticleInput = z.output<typeof ArticleInputSchema>;

/** An article as the editor sees it: the widget's fields, whether shoppers get it, its translation key. */
export interface StoredArticle extends Article {
  readonly published: boolean;
  /** The key given, or the one derived from the id. */
  readonly translationKey: string;
}

/** Plus the shoppers' "Was this helpful?" answers (all of them, since the article first had any). */
export interface EditorArticle extends StoredArticle {
  readonly feedback: { readonly helpful: number; readonly notHelpful: number };
}

export type ArticlePutResult = 'created' | 'updated' | 'unchanged';

export interface AdminArticles {
  /**
   * Creates or replaces one article (the API, both importers and the console's editor all write
   * through here). The same article again answers `unchanged` and writes nothing, so a re-import
   * does not make every widget download the help centre again.
   */
  put(id: string, input: ArticleInput): Promise<{ result: ArticlePutResult; article: StoredArticle }>;
  /** Deletes an article; false when there is none with this id. */
  remove(id: string): Promise<boolean>;
  /** Every article of a locale (every locale without one), published or not, in the help centre's order. */
  list(locale?: string): Promise<EditorArticle[]>;
  /** One article, published or not: 404 `article_not_found` when there is none. */
  get(id: string): Promise<EditorArticle>;
}

/**
 * The key that pairs an article with its translations when none is given: the id, lowercased,
 * less a leading or trailing locale or language (`en-shipping-costs`, `zh-shipping-costs` and
 * `shipping-costs.zh-cn` all give `shipping-costs`).
 */
export function derivedTranslationKey(id: string, locale: string): string {
  const lower = id.toLowerCase();
  const tags = [locale.toLowerCase(), locale.toLowerCase().split('-')[0] ?? ''].filter(Boolean);
  for (const tag of tags) {
    for (const separator of ['-', '_', '.']) {
      if (lower.startsWith(tag + separator) && lower.length > tag.length + 1) return lower.slice(tag.length + 1);
      if (lower.endsWith(separator + tag) && lower.length > tag.length + 1) return lower.slice(0, -tag.length - 1);
    }
  }
  return lower;
}

const notFound = () => new ApiError(404, 'article_not_found', 'We could not find that article.');

type Row = { id: string; json: string; published: number; translation_key: string | null };

/** Whether a stored article's JSON says what `content` says, its `updatedAt` aside. */
function sameContent(json: string, content: Omit<Article, 'updatedAt'>): boolean {
  const before = JSON.parse(json) as Record<string, unknown>;
  delete before['updatedAt'];
  return stableJson(before) === stableJson(content);
}

const stored = (row: Row): StoredArticle => {
  const article = JSON.parse(row.json) as Article;
  return {
    ...article,
    published: row.published === 1,
    translationKey: row.translation_key ?? derivedTranslationKey(article.id, article.locale),
  };
};

/**
 * The help centre's editing side, over the tables the widget reads (services/faq.ts): every write
 * takes the `article_changes` lock and records the change in the same transaction, so the widget's
 * delta sync (GET /v1/articles?since=) sees every edit, unpublish and delete, in order.
 * `locales` are the store's, read when used (the console may change them).
 */
export function createAdminArticles(
  db: Kysely<KefuDatabase>,
  now: () => number,
  locales: () => readonly string[],
): AdminArticles {
  const storeLocale = (locale: string): string => {
    const match = locales().find((candidate) => candidate.toLowerCase() === locale.trim().toLowerCase());
    if (match === undefined)
      throw invalid({ locale: `One of the store’s languages (${locales().join(', ')}), not "${locale}".` });
    return match;
  };

  const recordChange = (trx: Transaction<KefuDatabase>, articleId: string, locale: string) =>
    trx.insertInto('article_changes').values({ article_id: articleId, locale }).execute();

  /** Articles with their feedback counts: one query, the counts summed per article beside them. */
  const selectArticles = () => {
    const feedback = db
      .selectFrom('article_feedback')
      .select((eb) => [
        'article_id',
        eb.fn.sum<number | string>('helpful').as('helpful'),
        eb.fn.countAll<number | string>().as('answers'),
      ])
      .groupBy('article_id')
      .as('feedback');
    return db
      .selectFrom('articles')
      .leftJoin(feedback, 'feedback.article_id', 'articles.id')
      .select([
        'articles.id',
        'articles.json',
        'articles.published',
        'articles.translation_key',
        'feedback.helpful',
        'feedback.answers',
      ]);
  };
  type CountedRow = Row & { helpful: number | string | null; answers: number | string | null };
  const withFeedback = (row: CountedRow): EditorArticle => {
    // PostgreSQL's sum and count are bigints (strings here); SQLite's are numbers.
    const helpful = Number(row.helpful ?? 0);
    return { ...stored(row), feedback: { helpful, notHelpful: Number(row.answers ?? 0) - helpful } };
  };

  const columns = ['id', 'json', 'published', 'translation_key'] as const;

  return {
    async put(id, input) {
      if (!ARTICLE_ID.test(id)) throw invalid({ id: ID_RULE });
      const locale = storeLocale(input.locale);
      const body = input.format === 'markdown' ? markdownToHtml(input.body) : input.body;
      const tags = [...new Set(input.tags)];
      const content = {
        id,
        locale,
        title: input.title,
        body,
        tags,
        category: input.category,
        ...(input.suggestOn === undefined ? {} : { suggestOn: [...new Set(input.suggestOn)] }),
      };
      const published = input.published ? 1 : 0;
      const translationKey = input.translationKey ?? null;
      return await inTransaction(db, async (trx) => {
        await lock(trx, 'article_changes', '');
        const previous = await trx.selectFrom('articles').select(columns).where('id', '=', id).executeTakeFirst();
        if (
          previous &&
          sameContent(previous.json, content) &&
          previous.published === published &&
          previous.translation_key === translationKey
        )
          return { result: 'unchanged' as const, article: stored(previous) };
        const article: Article = { ...content, updatedAt: new Date(now()).toISOString() };
        // The change first, under the lock: its seq is what a racing sync must not skip. An
        // article moved to another locale disappears from the old locale's help centre.
        if (previous) {
          const before = JSON.parse(previous.json) as Article;
          if (before.locale !== locale) await recordChange(trx, id, before.locale);
        }
        await recordChange(trx, id, locale);
        const row = { locale, json: JSON.stringify(article), published, translation_key: translationKey };
        if (previous) {
          // An edit keeps the article's place in the help centre.
          await trx.updateTable('articles').set(row).where('id', '=', id).execute();
        } else {
          await insertArticle(trx, article);
          await trx
            .updateTable('articles')
            .set({ published, translation_key: translationKey })
            .where('id', '=', id)
            .execute();
        }
        return {
          result: previous ? ('updated' as const) : ('created' as const),
          article: stored({ id, ...row }),
        };
      });
    },

    remove: (id) =>
      inTransaction(db, async (trx) => {
        await lock(trx, 'article_changes', '');
        const previous = await trx.selectFrom('articles').select(['locale']).where('id', '=', id).executeTakeFirst();
        if (!previous) return false;
        await recordChange(trx, id, previous.locale);
        await trx.deleteFrom('articles').where('id', '=', id).execute();
        return true;
      }),

    async list(locale) {
      let query = selectArticles().orderBy('articles.locale').orderBy('articles.position');
      if (locale !== undefined) query = query.where('articles.locale', '=', storeLocale(locale));
      return (await query.execute()).map(withFeedback);
    },

    async get(id) {
      const row = await selectArticles().where('articles.id', '=', id).executeTakeFirst();
      if (!row) throw notFound();
      return withFeedback(row);
    },
  };
}
