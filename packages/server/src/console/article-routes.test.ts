// The console's article editor over HTTP (issue 22, decision 0021), as its screen calls it: every
// article of both languages with its translation key and feedback, a save that the widget's delta
// sync then carries, refusals named by field, and each change in the audit log under the agent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleSync } from '@kefu/core';
import { agentCookie, startTestServer } from '../routes/test-helpers.js';
import type { RunningServer } from '../server.js';
import type { EditorArticle } from '../admin/articles.js';

describe('the console’s help article editor', () => {
  let server: RunningServer;
  let cookie: string;

  before(async () => {
    server = await startTestServer({ port: 0 });
    // Lin is an agent, not an admin: answering shoppers, they are the ones who fix articles.
    cookie = await agentCookie(server, { name: 'Lin' });
  });
  after(() => server.close());

  const call = async (method: string, path: string, body?: unknown, withCookie = cookie) => {
    const response = await fetch(`${server.origin}/agent/api${path}`, {
      method,
      headers: { cookie: withCookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };

  it('lists both languages with translation keys, saves an edit the widget syncs, and audits it', async () => {
    const listed = await call('GET', '/articles');
    assert.equal(listed.status, 200);
    const articles = listed.body['articles'] as EditorArticle[];
    assert.deepEqual(listed.body['locales'], ['en', 'zh-CN']);
    assert.deepEqual(
      articles.filter((a) => a.translationKey === 'shipping-delivery-times').map((a) => a.id),
      ['en-shipping-delivery-times', 'zh-shipping-delivery-times'],
    );
    const costs = articles.find((a) => a.id === 'en-shipping-costs');
    assert.ok(costs);
    assert.deepEqual(costs.feedback, { helpful: 0, notHelpful: 0 });

    const before = (await (await fetch(`${server.origin}/v1/articles?locale=en`)).json()) as ArticleSync;
    const { id, locale, title, body, category, tags, suggestOn, published } = costs;
    const fields = { locale, title, body, category, tags, suggestOn, published };
    const saved = await call('PUT', `/articles/${id}`, { ...fields, title: 'What does shipping cost?' });
    assert.equal(saved.status, 200);
    assert.equal(saved.body['result'], 'updated');
    const sync = (await (
      await fetch(`${server.origin}/v1/articles?locale=en&since=${before.syncToken}`)
    ).json()) as ArticleSync;
    assert.deepEqual(
      sync.articles.map((a) => [a.id, a.title]),
      [['en-shipping-costs', 'What does shipping cost?']],
    );

    const refused = await call('PUT', `/articles/${id}`, { ...fields, category: 'Shipping & more', tags: [''] });
    assert.equal(refused.status, 422);
    const fieldErrors = (refused.body['error'] as { fields: Record<string, string> }).fields;
    assert.deepEqual(Object.keys(fieldErrors).sort(), ['category', 'tags.0']);

    assert.equal((await call('DELETE', '/articles/en-nothing-here')).status, 404);
    assert.equal((await call('DELETE', `/articles/en-shipping-international`)).status, 204);
    assert.equal((await fetch(`${server.origin}/v1/articles/en-shipping-international`)).status, 404);

    const { entries } = await server.services.audit.list();
    const edits = entries
      .filter((entry) => entry.action.startsWith('article.'))
      .map((entry) => [entry.actor.name, entry.action, entry.subject.id]);
    assert.deepEqual(edits.sort(), [
      ['Lin', 'article.deleted', 'en-shipping-international'],
      ['Lin', 'article.updated', 'en-shipping-costs'],
    ]);
  });

  it('is behind the console’s sign-in', async () => {
    assert.equal((await call('GET', '/articles', undefined, '')).status, 401);
    assert.equal((await call('PUT', '/articles/x', { title: 'x' }, '')).status, 401);
  });
});
