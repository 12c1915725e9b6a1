// Help articles written through the admin API's service (the API, the importers and the console's
// editor all write through it), on both engines: every write reaches the widget's delta sync
// (GET /v1/articles?since=) and nothing else does; unpublished articles are kept from shoppers.
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeOnBothEngines, testStoreContext } from '../db/both-engines.test-support.js';
import { seedEmptyStore } from '../db/seed.js';
import type { ApiError } from '../errors.js';
import { createFaqService } from '../services/faq.js';
import { ArticleInputSchema, createAdminArticles } from './articles.js';

const input = (fields: Record<string, unknown>) =>
  ArticleInputSchema.parse({
    locale: 'en',
    category: 'shipping',
    title: 'Delivery',
    body: '<p>Two days.</p>',
    ...fields,
  });

describeOnBothEngines('help articles written by the store', (engine) => {
  let clock = Date.parse('2026-12-01T09:00:00Z');
  // A store started without the demo: its sync epoch, no articles.
  before(() => seedEmptyStore(engine()));
  const services = () => {
    const store = testStoreContext(engine(), () => clock);
    return {
      faq: createFaqService(store),
      articles: createAdminArticles(
        engine().db,
        () => clock,
        () => ['en', 'zh-CN'],
      ),
    };
  };

  it('shows a put and a delete, and only those, in the next delta sync', async () => {
    const { faq, articles } = services();
    await articles.put('en-delivery', input({}));
    await articles.put('en-costs', input({ title: 'Costs', body: 'Free over **50 €**.', format: 'markdown' }));
    const { syncToken } = await faq.list('en', undefined);

    clock += 60_000;
    const edited = await articles.put('en-delivery', input({ title: 'Delivery times', body: '<p>One day.</p>' }));
    assert.equal(edited.result, 'updated');
    assert.equal(edited.article.updatedAt, new Date(clock).toISOString());
    assert.equal(await articles.remove('en-costs'), true);
    assert.equal(await articles.remove('en-costs'), false);
    // The same article again changes nothing, so it is not in the sync either.
    assert.equal(
      (await articles.put('en-delivery', input({ title: 'Delivery times', body: '<p>One day.</p>' }))).result,
      'unchanged',
    );

    const sync = await faq.list('en', syncToken);
    assert.equal(sync.full, false);
    assert.deepEqual(
      sync.articles.map((article) => [article.id, article.title, article.body]),
      [['en-delivery', 'Delivery times', '<p>One day.</p>']],
    );
    assert.deepEqual(sync.deleted, ['en-costs']);
    const after = await faq.list('en', sync.syncToken);
    assert.deepEqual([after.articles.length, after.deleted.length], [0, 0]);
  });

  it('keeps an unpublished article from shoppers, and brings it back when it is published again', async () => {
    const { faq, articles } = services();
    await articles.put('en-gift-wrap', input({ title: 'Gift wrapping', tags: ['gift'] }));
    const before = await faq.list('en', undefined);
    await articles.put('en-gift-wrap', input({ title: 'Gift wrapping', tags: ['gift'], published: false }));

    const hidden = await faq.list('en', before.syncToken);
    assert.deepEqual(hidden.deleted, ['en-gift-wrap']);
    assert.ok(!(await faq.list('en', undefined)).articles.some((article) => article.id === 'en-gift-wrap'));
    assert.deepEqual(await faq.search('gift wrapping', 'en'), []);
    await assert.rejects(faq.get('en-gift-wrap'), (error: ApiError) => error.code === 'article_not_found');
    // The editor still has it.
    assert.equal((await articles.get('en-gift-wrap')).published, false);

    await articles.put('en-gift-wrap', input({ title: 'Gift wrapping', tags: ['gift'] }));
    const shown = await faq.list('en', hidden.syncToken);
    assert.deepEqual(
      shown.articles.map((article) => article.id),
      ['en-gift-wrap'],
    );
  });

  it('pairs translations by key, counts feedback, and refuses a locale the store does not have', async () => {
    const { faq, articles } = services();
    await articles.put('en-returns', input({ category: 'returns', title: 'Returns' }));
    await articles.put('zh-returns', input({ locale: 'zh-cn', category: 'returns', title: '退货' }));
    await articles.put('returns-help', input({ locale: 'en', title: 'Help', translationKey: 'returns' }));
    const keys = (await articles.list()).filter((a) => a.category === 'returns' || a.id === 'returns-help');
    assert.deepEqual(
      keys.map((a) => [a.id, a.locale, a.translationKey]),
      [
        ['en-returns', 'en', 'returns'],
        ['returns-help', 'en', 'returns'],
        ['zh-returns', 'zh-CN', 'returns'],
      ],
    );

    for (const helpful of [true, true, false]) {
      const key = crypto.randomUUID();
      await faq.sendFeedback({ route: 'POST /articles/{id}/feedback', key, hash: key }, { helpful }, 'en-returns');
    }
    assert.deepEqual((await articles.get('en-returns')).feedback, { helpful: 2, notHelpful: 1 });
    assert.deepEqual((await articles.get('zh-returns')).feedback, { helpful: 0, notHelpful: 0 });

    await assert.rejects(
      articles.put('fr-returns', input({ locale: 'fr' })),
      (error: ApiError) => error.status === 422 && /en, zh-CN/.test(error.fields?.['locale'] ?? ''),
    );
  });
});
