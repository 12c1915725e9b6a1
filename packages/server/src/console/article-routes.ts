import { Hono, type Context } from 'hono';
import type { Services } from '../compose.js';
import { ArticleInputSchema, type StoredArticle } from '../admin/articles.js';
import { ApiError } from '../errors.js';
import { readBody, type ConsoleEnv } from './http.js';

/** What an agent did to an article, for the audit log. */
export type ArticleEdit = 'article.created' | 'article.updated' | 'article.deleted';

/**
 * Records an agent's change to an article (the audit log of issue 22 wants "edited an article"):
 * the one place the editor's writes report to, called after each write that changed something.
 */
export type ArticleEditRecorder = (
  c: Context<ConsoleEnv>,
  action: ArticleEdit,
  article: Pick<StoredArticle, 'id' | 'locale' | 'title'>,
) => Promise<void>;

/**
 * The console's article editor at /agent/api/articles (decision 0021): every article of every
 * locale with its feedback counts, one article, a save and a delete. Writes go through the same
 * service as the admin API (services.articles), so the widget's delta sync picks them up.
 */
export function articleRoutes(services: Services, recordArticleEdit: ArticleEditRecorder = async () => {}) {
  const { articles } = services;
  const routes = new Hono<ConsoleEnv>();

  routes.get('/', async (c) => c.json({ articles: await articles.list(), locales: services.deps.config.locales }, 200));

  // Also what the chat's "came from the article" dialog opens (article-dialog.ts).
  routes.get('/:id', async (c) => c.json(await articles.get(c.req.param('id')), 200));

  routes.put('/:id', async (c) => {
    const input = await readBody(c, ArticleInputSchema);
    const { result, article } = await articles.put(c.req.param('id'), input);
    if (result !== 'unchanged')
      await recordArticleEdit(c, result === 'created' ? 'article.created' : 'article.updated', article);
    return c.json({ result, article }, result === 'created' ? 201 : 200);
  });

  routes.delete('/:id', async (c) => {
    const id = c.req.param('id');
    const article = await articles.get(id);
    if (!(await articles.remove(id))) throw new ApiError(404, 'article_not_found', 'We could not find that article.');
    await recordArticleEdit(c, 'article.deleted', article);
    return c.body(null, 204);
  });

  return routes;
}
