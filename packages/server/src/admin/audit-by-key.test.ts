// Issue 22's audit log "of who did what (… edited an article …)": what a store's systems change
// through /admin/v1 is there too, under the key that did it, beside what agents did in the console.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningServer } from '../server.js';
import { adminSender, startTestServer } from '../routes/test-helpers.js';

describe('the audit log, for what admin API keys change', () => {
  let server: RunningServer;
  let key: string;
  let keyId: string;
  const send = adminSender<{ id?: string }>(() => `${server.origin}/admin/v1`, '');

  before(async () => {
    server = await startTestServer({ port: 0, demo: false });
    const created = await server.services.admin.keys.create('shop sync', ['articles:write', 'webhooks:write']);
    key = created.key;
    keyId = created.info.id;
  });
  after(() => server.close());

  it('records articles written and deleted and webhooks added and removed, by the key’s id', async () => {
    const article = { locale: 'en', title: 'Gift wrapping', body: '<p>Free on every order.</p>', category: 'orders' };
    assert.equal((await send('PUT', '/articles/gift-wrapping', article, key)).status, 201);
    assert.equal((await send('PUT', '/articles/gift-wrapping', article, key)).status, 200, 'unchanged');
    const edited = { ...article, body: '<p>Free on orders over €30.</p>' };
    assert.equal((await send('PUT', '/articles/gift-wrapping', edited, key)).status, 200);
    assert.equal((await send('DELETE', '/articles/gift-wrapping', undefined, key)).status, 204);
    const webhook = await send(
      'POST',
      '/webhooks',
      { url: 'https://shop.example/kefu', events: ['return.created'] },
      key,
    );
    assert.equal(webhook.status, 201, webhook.text);
    assert.equal((await send('DELETE', `/webhooks/${webhook.body.id}`, undefined, key)).status, 204);

    const { entries } = await server.services.audit.list();
    assert.deepEqual(
      entries.map(({ actor, action, subject }) => ({ actor: actor.id, action, subject: subject.id })).reverse(),
      [
        { actor: keyId, action: 'article.created', subject: 'gift-wrapping' },
        // The same article again changed nothing, and is not an edit.
        { actor: keyId, action: 'article.updated', subject: 'gift-wrapping' },
        { actor: keyId, action: 'article.deleted', subject: 'gift-wrapping' },
        { actor: keyId, action: 'webhook.created', subject: webhook.body.id },
        { actor: keyId, action: 'webhook.removed', subject: webhook.body.id },
      ],
    );
    assert.ok(entries.every((entry) => entry.actor.kind === 'api_key'));
  });
});
