import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../errors.js';
import { jsonObject, parseBody } from '../http/request.js';
import { failure, jsonBody, jsonContent } from '../routes/define.js';
import { ArticleSchema } from '../routes/schemas.js';
import { ArticleInputSchema } from './articles.js';
import { adminRefusals, adminRoute, auditByKey, requireScope, type AdminArea } from './http.js';

const StoredArticleSchema = ArticleSchema.extend({
  published: z.boolean().openapi({ description: 'false: not served to shoppers; still editable.' }),
  translationKey: z.string().openapi({ description: 'The key given, or the one derived from the id.' }),
}).openapi('AdminArticle');

const CountedArticleSchema = StoredArticleSchema.extend({
  feedback: z
    .object({ helpful: z.number().int(), notHelpful: z.number().int() })
    .openapi({ description: 'Shoppers’ answers to “Was this helpful?”, all time.' }),
}).openapi('AdminArticleWithFeedback');

const PutResultSchema = z
  .object({
    result: z.enum(['created', 'updated', 'unchanged']).openapi({
      description: '`unchanged`: the article already said exactly this; nothing was written or synced.',
    }),
    changed: z.boolean(),
    article: StoredArticleSchema.openapi({ description: 'The article as stored (a Markdown body as its HTML).' }),
  })
  .openapi('AdminArticlePutResult');

const IdParam = z
  .string()
  .min(1)
  .max(128)
  .openapi({ param: { name: 'id', in: 'path' }, example: 'en-shipping-costs' });

const putArticle = adminRoute(
  createRoute({
    method: 'put',
    path: '/articles/{id}',
    summary: 'Create or replace a help article (scope articles:write)',
    description:
      'One article in one locale, by its id. The server sets `updatedAt` when the article changes, and the ' +
      'widget’s delta sync (GET /v1/articles?since=) brings the change to shoppers; the same article again ' +
      'answers `unchanged` and changes nothing. `format: "markdown"` bodies are converted to HTML here.',
    request: { params: z.object({ id: IdParam }), body: jsonBody(ArticleInputSchema) },
    responses: {
      200: jsonContent(PutResultSchema, 'Updated, or unchanged'),
      201: jsonContent(PutResultSchema, 'Created'),
      400: failure('A body that is not a JSON object (`invalid_json`)'),
      ...adminRefusals,
      422: failure('Fields that cannot be used (`validation_failed`, with `fields`; `locale` lists the store’s)'),
    },
  }),
);

const deleteArticle = adminRoute(
  createRoute({
    method: 'delete',
    path: '/articles/{id}',
    summary: 'Delete a help article (scope articles:write)',
    description:
      'Its id is in the next delta sync’s `deleted`, so widgets drop it from their offline index. Shoppers’ ' +
      'feedback on it is kept. To take an article down for a while, PUT it with `published: false` instead.',
    request: { params: z.object({ id: IdParam }) },
    responses: {
      204: { description: 'Deleted' },
      ...adminRefusals,
      404: failure('No article has this id (`article_not_found`)'),
    },
  }),
);

const listArticles = adminRoute(
  createRoute({
    method: 'get',
    path: '/articles',
    summary: 'Every help article, published or not, with its feedback (scope read)',
    request: {
      query: z.object({
        locale: z
          .string()
          .optional()
          .openapi({ example: 'en', description: 'One of the store’s locales; all without it.' }),
      }),
    },
    responses: {
      200: jsonContent(z.object({ articles: z.array(CountedArticleSchema) }), 'In the help centre’s order, by locale'),
      ...adminRefusals,
      422: failure('A `locale` that is not one of the store’s (`validation_failed`)'),
    },
  }),
);

/** The help articles a store writes (decision 0021): upsert and delete by id, and the list. */
export function registerArticleRoutes({ admin, document, services }: AdminArea): void {
  const { articles } = services;
  document(putArticle);
  document(deleteArticle);
  document(listArticles);

  admin.put('/articles/:id', async (c) => {
    requireScope(c, 'articles:write');
    const input = parseBody(ArticleInputSchema, await jsonObject(c));
    const { result, article } = await articles.put(c.req.param('id'), input);
    // As the console's editor records its edits; an unchanged article was not edited.
    if (result !== 'unchanged')
      await auditByKey(c, services, {
        action: result === 'created' ? 'article.created' : 'article.updated',
        subject: { type: 'article', id: article.id },
        summary: `${article.locale}: ${article.title}`,
      });
    return c.json({ result, changed: result !== 'unchanged', article }, result === 'created' ? 201 : 200);
  });
  admin.delete('/articles/:id', async (c) => {
    requireScope(c, 'articles:write');
    const id = c.req.param('id');
    if (!(await articles.remove(id))) throw new ApiError(404, 'article_not_found', 'We could not find that article.');
    await auditByKey(c, services, { action: 'article.deleted', subject: { type: 'article', id }, summary: id });
    return c.body(null, 204);
  });
  admin.get('/articles', async (c) => {
    requireScope(c, 'read');
    return c.json({ articles: await articles.list(c.req.query('locale')) }, 200);
  });
}
