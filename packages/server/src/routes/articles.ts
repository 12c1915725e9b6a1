import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { validateArticleFeedback } from '@kefu/core/domain';
import { idempotencyKeyOf, jsonRequest, sendStored } from '../http/idempotency.js';
import { jsonObject, parseBody, requiredQuery } from '../http/request.js';
import type { StoreServices } from '../services/index.js';
import { failure, jsonBody, jsonContent, serve } from './define.js';
import {
  ArticleFeedbackInputSchema,
  ArticleSchema,
  ArticleSyncSchema,
  IdempotencyKeyHeaders,
  IdParams,
  SearchResultSchema,
} from './schemas.js';

const tags = ['FAQ'];

const listArticles = createRoute({
  method: 'get',
  path: '/articles',
  tags,
  summary: 'Every article of a locale, or what changed since a sync token',
  description:
    'Without `since`, or with a token the server no longer knows, `full: true` and every article of the locale. ' +
    'With a known token, `full: false`, the articles changed since and the ids deleted. Always a fresh `syncToken`.',
  request: {
    query: z.object({
      locale: z.string().openapi({ example: 'en', description: 'Required.' }),
      since: z.string().optional().openapi({ description: 'A `syncToken` from an earlier answer.' }),
    }),
  },
  responses: {
    200: jsonContent(ArticleSyncSchema, 'The articles, or the changes'),
    400: failure('`locale` is missing (`invalid_query`)'),
  },
});

const getArticle = createRoute({
  method: 'get',
  path: '/articles/{id}',
  tags,
  summary: 'One article',
  request: { params: IdParams },
  responses: {
    200: jsonContent(ArticleSchema, 'The article'),
    404: failure('No such article (`article_not_found`)'),
  },
});

const sendFeedback = createRoute({
  method: 'post',
  path: '/articles/{id}/feedback',
  tags,
  summary: 'Whether an article helped (Idempotency-Key required)',
  request: { params: IdParams, headers: IdempotencyKeyHeaders, body: jsonBody(ArticleFeedbackInputSchema) },
  responses: {
    204: { description: 'Recorded (or recorded before with this key)' },
    400: failure('No Idempotency-Key, or a body that is not a JSON object'),
    404: failure('No such article (`article_not_found`)'),
    409: failure('The key was used with another body (`idempotency_key_reused`)'),
    422: failure('`helpful` is not a boolean, or `comment` is over 2000 characters (`validation_failed`)'),
  },
});

const search = createRoute({
  method: 'get',
  path: '/search',
  tags,
  summary: 'Searches a locale’s articles, best first, at most 20',
  request: {
    query: z.object({
      q: z.string().openapi({ description: 'Required; an empty one finds nothing.', example: 'return' }),
      locale: z.string().openapi({ example: 'en' }),
    }),
  },
  responses: {
    200: jsonContent(SearchResultSchema, 'Matching articles'),
    400: failure('`q` or `locale` is missing (`invalid_query`)'),
  },
});

export function registerArticleRoutes(api: OpenAPIHono, services: StoreServices): void {
  const { faq } = services;

  serve(api, listArticles, async (c) => {
    const locale = requiredQuery(c, 'locale');
    return c.json(await faq.list(locale, c.req.query('since')), 200);
  });

  serve(api, getArticle, async (c) => c.json(await faq.get(c.req.param('id') ?? ''), 200));

  serve(api, sendFeedback, async (c) => {
    const key = idempotencyKeyOf(c);
    const body = await jsonObject(c);
    const articleId = c.req.param('id') ?? '';
    const request = jsonRequest(c, 'POST /articles/{id}/feedback', key, body);
    return sendStored(
      c,
      await faq.sendFeedback(request, parseBody(ArticleFeedbackInputSchema, body, validateArticleFeedback), articleId),
    );
  });

  serve(api, search, async (c) => {
    const q = requiredQuery(c, 'q');
    const locale = requiredQuery(c, 'locale');
    return c.json({ articles: await faq.search(q, locale) }, 200);
  });
}
