import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, ArticleSync } from '@kefu/core';
import { demoArticles } from '@kefu/core/seed';
import { call, errorOf, serverForSuite } from './test-helpers.js';

describe('FAQ over HTTP', () => {
  const api = serverForSuite();

  const english = demoArticles.filter((article) => article.locale === 'en');

  it('lists every article of a locale in a full sync, in the help centre’s order', async () => {
    const { status, body } = await call<ArticleSync>(api.base, 'GET', '/articles?locale=en');
    assert.equal(status, 200);
    assert.equal(body.full, true);
    assert.deepEqual(body.deleted, []);
    assert.deepEqual(body.articles, english);
    assert.ok(body.syncToken.length > 0);
  });

  it('refuses a list without a locale with 400 invalid_query', async () => {
    const answer = await call(api.base, 'GET', '/articles');
    assert.equal(answer.status, 400);
    assert.deepEqual(errorOf(answer), {
      code: 'invalid_query',
      message: 'Bad query parameter "locale".',
      fields: { locale: 'Required.' },
    });
  });

  it('sends only what changed since a token: the edit, the new article, the deletion, a move', async () => {
    const first = (await call<ArticleSync>(api.base, 'GET', '/articles?locale=en')).body;
    const none = (await call<ArticleSync>(api.base, 'GET', `/articles?locale=en&since=${first.syncToken}`)).body;
    assert.deepEqual({ ...none, syncToken: '' }, { full: false, articles: [], deleted: [], syncToken: '' });

    const { faq } = api.server.services;
    const [edited, removed, moved] = english as [Article, Article, Article];
    const added: Article = { ...edited, id: 'en-new', title: 'New article' };
    await faq.upsert({ ...edited, title: 'Edited title' });
    await faq.upsert(added);
    await faq.remove(removed.id);
    await faq.upsert({ ...moved, locale: 'zh-CN' });

    const delta = (await call<ArticleSync>(api.base, 'GET', `/articles?locale=en&since=${first.syncToken}`)).body;
    assert.equal(delta.full, false);
    assert.deepEqual(
      delta.articles.map((article) => [article.id, article.title]),
      [
        [edited.id, 'Edited title'],
        ['en-new', 'New article'],
      ],
    );
    assert.deepEqual(delta.deleted, [removed.id, moved.id]);
    assert.notEqual(delta.syncToken, first.syncToken);

    const chinese = (await call<ArticleSync>(api.base, 'GET', `/articles?locale=zh-CN&since=${first.syncToken}`)).body;
    assert.deepEqual(
      chinese.articles.map((article) => article.id),
      [moved.id],
    );
    // Put the help centre back for the other tests.
    await faq.upsert(edited);
    await faq.upsert(removed);
    await faq.upsert(moved);
    await faq.remove('en-new');
  });

  it('answers a token it does not know with a full sync', async () => {
    for (const since of ['not-a-token', Buffer.from('otherepoch.1').toString('base64url'), '']) {
      const { body } = await call<ArticleSync>(api.base, 'GET', `/articles?locale=en&since=${since}`);
      assert.equal(body.full, true, since);
      assert.equal(body.articles.length, english.length);
    }
  });

  it('gets one article, decoding a percent-encoded id, and 404 article_not_found for another', async () => {
    const wanted = demoArticles[0]!;
    const answer = await call<Article>(api.base, 'GET', `/articles/${encodeURIComponent(wanted.id)}`);
    assert.deepEqual(answer.body, wanted);
    const missing = await call(api.base, 'GET', `/articles/${encodeURIComponent('no/such article')}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(errorOf(missing), { code: 'article_not_found', message: 'We could not find that article.' });
  });

  it('searches English and Chinese articles, at most 20, and needs q and locale', async () => {
    const english = await call<{ articles: Article[] }>(api.base, 'GET', '/search?q=return&locale=en');
    assert.equal(english.status, 200);
    assert.ok(english.body.articles.length >= 1 && english.body.articles.length <= 20);
    assert.ok(english.body.articles.some((article) => article.category === 'returns'));
    const chinese = await call<{ articles: Article[] }>(
      api.base,
      'GET',
      `/search?q=${encodeURIComponent('退货')}&locale=zh-CN`,
    );
    assert.equal(chinese.body.articles[0]!.category, 'returns');
    assert.deepEqual((await call(api.base, 'GET', '/search?q=&locale=en')).body, { articles: [] });
    assert.equal(errorOf(await call(api.base, 'GET', '/search?locale=en')).code, 'invalid_query');
    assert.deepEqual(errorOf(await call(api.base, 'GET', '/search?q=x')).fields, { locale: 'Required.' });
  });

  describe('feedback', () => {
    const articleId = demoArticles[0]!.id;
    const path = `/articles/${encodeURIComponent(articleId)}/feedback`;

    it('records feedback once per key: 204, the same 204 again, 409 for another body', async () => {
      const key = crypto.randomUUID();
      const first = await call(api.base, 'POST', path, { key, body: { helpful: true, comment: 'Clear.' } });
      assert.equal(first.status, 204);
      assert.equal(first.text, '');
      // The same body with its keys in another order is the same request.
      const again = await call(api.base, 'POST', path, { key, body: { comment: 'Clear.', helpful: true } });
      assert.equal(again.status, 204);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      const recorded = await api.server.deps.engine.db
        .selectFrom('article_feedback')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('comment', '=', 'Clear.')
        .executeTakeFirstOrThrow();
      assert.equal(recorded.count, 1);
      const reused = await call(api.base, 'POST', path, { key, body: { helpful: false } });
      assert.equal(reused.status, 409);
      assert.equal(errorOf(reused).code, 'idempotency_key_reused');
    });

    it('needs an Idempotency-Key, before anything else', async () => {
      const answer = await call(api.base, 'POST', '/articles/no-such-article/feedback', { body: { helpful: 'x' } });
      assert.equal(answer.status, 400);
      assert.deepEqual(errorOf(answer), {
        code: 'idempotency_key_required',
        message: 'This call needs an Idempotency-Key header.',
      });
    });

    it('refuses a body that is not a JSON object with 400 invalid_json', async () => {
      for (const body of ['not json', '[1]', 'null']) {
        const response = await fetch(`${api.base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body,
        });
        assert.equal(response.status, 400, body);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_json');
      }
    });

    it('answers 404 for an unknown article and 422 with fields for a bad value; a corrected retry works', async () => {
      const unknown = await call(api.base, 'POST', '/articles/nope/feedback', {
        key: crypto.randomUUID(),
        body: { helpful: true },
      });
      assert.equal(unknown.status, 404);
      assert.equal(errorOf(unknown).code, 'article_not_found');

      const key = crypto.randomUUID();
      const invalid = await call(api.base, 'POST', path, { key, body: { helpful: 'yes', comment: 'x'.repeat(2001) } });
      assert.equal(invalid.status, 422);
      assert.deepEqual(errorOf(invalid), {
        code: 'validation_failed',
        message: 'Please check the highlighted fields.',
        fields: {
          helpful: 'Say whether the article helped.',
          comment: 'Please keep the comment under 2000 characters.',
        },
      });
      // A failure is not remembered: the same key with a corrected body goes through.
      assert.equal((await call(api.base, 'POST', path, { key, body: { helpful: false } })).status, 204);
    });
  });
});
