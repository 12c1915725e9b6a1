// Help articles through the admin API and `kefu-server import articles` (issue 22, decision 0021),
// as a store's developer uses them, and then what the widget's own routes serve (/v1/articles,
// its delta sync, /v1/search). One server, a store that is not the demo, in English and Chinese.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Article, ArticleSync } from '@kefu/core';
import type { RunningServer } from '../server.js';
import { adminSender, cliDatabaseEnv, runCli, startTestServer, testDatabase } from '../routes/test-helpers.js';
import { starterSettings } from '../settings/starter.js';
import { createApiKeys } from './keys.js';

const BOOTSTRAP_KEY = 'test-bootstrap-key-0123456789abcdef-articles';

interface AnswerBody {
  result?: string;
  changed?: boolean;
  article?: Article & { published: boolean; translationKey: string };
  articles?: (Article & { published: boolean; translationKey: string; feedback: Record<string, number> })[];
  error?: { code: string; scope?: string; fields?: Record<string, string> };
}

/** `kefu-server import articles …` on the test server's database: its output and exit code. */
const importCli = (dataDir: string, database: string | undefined, path: string) =>
  runCli(['import', 'articles', path], { env: cliDatabaseEnv(dataDir, database) });

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('help articles from the store', () => {
  let server: RunningServer;
  let dataDir: string;
  let database: string | undefined;
  let admin: string;
  let v1: string;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-articles-'));
    database = await testDatabase(dataDir);
    const settings = starterSettings();
    server = await startTestServer({
      port: 0,
      demo: false,
      dataDir,
      adminKey: BOOTSTRAP_KEY,
      settings: { ...settings, store: { ...settings.store, locales: ['en', 'zh-CN'] } },
    });
    admin = `${server.origin}/admin/v1`;
    v1 = `${server.origin}/v1`;
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = adminSender<AnswerBody>(() => admin, BOOTSTRAP_KEY);
  const widget = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${v1}${path}`);
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  };

  it('publishes, edits and deletes articles that the widget then finds, in its delta sync too', async () => {
    const before = await widget<ArticleSync>('/articles?locale=en');
    const created = await send('PUT', '/articles/en-delivery', {
      locale: 'en',
      title: 'How long does delivery take?',
      category: 'shipping',
      tags: ['delivery'],
      suggestOn: ['/products/*'],
      format: 'markdown',
      body: '## Within Europe\n\nParcels arrive in **2–3 days**. [Track yours](https://track.example/).',
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.result, 'created');
    assert.equal(
      created.body.article?.body,
      '<h3>Within Europe</h3>\n<p>Parcels arrive in <strong>2–3 days</strong>. <a href="https://track.example/">Track yours</a>.</p>',
    );
    const chinese = await send('PUT', '/articles/zh-delivery', {
      locale: 'zh-cn',
      title: '多久能收到？',
      category: 'shipping',
      body: '<p>通常 3–5 天。</p>',
    });
    assert.equal(chinese.status, 201, chinese.text);
    assert.equal(chinese.body.article?.locale, 'zh-CN');
    assert.equal(chinese.body.article?.translationKey, 'delivery');

    // The shopper's widget, syncing from where it was, gets the new English article only.
    const sync = await widget<ArticleSync>(`/articles?locale=en&since=${before.syncToken}`);
    assert.equal(sync.full, false);
    assert.deepEqual(
      sync.articles.map((article) => article.id),
      ['en-delivery'],
    );
    const found = await widget<{ articles: Article[] }>(`/search?locale=zh-CN&q=${encodeURIComponent('收到')}`);
    assert.deepEqual(
      found.articles.map((article) => article.id),
      ['zh-delivery'],
    );

    const again = await send('PUT', '/articles/zh-delivery', {
      locale: 'zh-CN',
      title: '多久能收到？',
      category: 'shipping',
      body: '<p>通常 3–5 天。</p>',
    });
    assert.deepEqual([again.status, again.body.result, again.body.changed], [200, 'unchanged', false]);

    const deleted = await send('DELETE', '/articles/en-delivery');
    assert.equal(deleted.status, 204);
    assert.equal((await send('DELETE', '/articles/en-delivery')).body.error?.code, 'article_not_found');
    const afterDelete = await widget<ArticleSync>(`/articles?locale=en&since=${sync.syncToken}`);
    assert.deepEqual([afterDelete.articles, afterDelete.deleted], [[], ['en-delivery']]);
  });

  it('lists every article with its feedback for a read key, and names the scope a key lacks', async () => {
    const keys = createApiKeys(server.deps.engine.db, Date.now);
    const { key: readKey } = await keys.create('reports', ['read']);
    const { key: ordersKey } = await keys.create('orders sync', ['orders:write']);
    await send('PUT', '/articles/en-returns', {
      locale: 'en',
      title: 'Returns',
      category: 'returns',
      body: '<p>30 days.</p>',
      published: false,
    });
    await send('PUT', '/articles/en-exchanges', {
      locale: 'en',
      title: 'Exchanges',
      category: 'returns',
      body: '<p>Yes.</p>',
    });
    for (const helpful of [true, false, false]) {
      const response = await fetch(`${v1}/articles/en-exchanges/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ helpful }),
      });
      assert.equal(response.status, 204);
    }

    const listed = await send('GET', '/articles?locale=en', undefined, readKey);
    assert.equal(listed.status, 200, listed.text);
    const byId = new Map(listed.body.articles?.map((article) => [article.id, article]));
    assert.equal(byId.get('en-returns')?.published, false);
    assert.deepEqual(byId.get('en-exchanges')?.feedback, { helpful: 1, notHelpful: 2 });
    // Unpublished: not the shoppers'.
    assert.equal((await fetch(`${v1}/articles/en-returns`)).status, 404);

    const cannotWrite = await send(
      'PUT',
      '/articles/en-x',
      { locale: 'en', title: 'X', category: 'x', body: 'x' },
      readKey,
    );
    assert.deepEqual([cannotWrite.status, cannotWrite.body.error?.scope], [403, 'articles:write']);
    const cannotRead = await send('GET', '/articles', undefined, ordersKey);
    assert.deepEqual([cannotRead.status, cannotRead.body.error?.scope], [403, 'read']);
    const cannotDelete = await send('DELETE', '/articles/en-exchanges', undefined, ordersKey);
    assert.equal(cannotDelete.status, 403);
    const noKey = await fetch(`${admin}/articles`);
    assert.equal(noKey.status, 401);
    const unknownLocale = await send('PUT', '/articles/fr-x', { locale: 'fr', title: 'X', category: 'x', body: 'x' });
    assert.equal(unknownLocale.status, 422);
    assert.match(unknownLocale.body.error?.fields?.['locale'] ?? '', /en, zh-CN/);
  });

  it('imports a folder of Markdown and a Zendesk export, naming each file it rejects', async () => {
    const folder = join(dataDir, 'help');
    write(
      folder,
      'en/payment/cards.md',
      '---\ntitle: Which cards do you take?\ntags: visa, mastercard\n---\n\nVisa and *Mastercard*.\n',
    );
    write(
      folder,
      'payment/cards.zh-CN.md',
      '---\ntitle: 支持哪些银行卡？\nsuggestOn: [/checkout]\n---\n支持 Visa 和万事达卡。\n',
    );
    write(folder, 'en/payment/untitled.md', '---\ncategory: payment\n---\nNo title here.\n');
    const first = await importCli(dataDir, database, folder);
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /2 created, 0 updated, 0 unchanged, 1 rejected\./);
    assert.match(first.stdout, /en\/payment\/untitled\.md: no title/);

    const cards = await widget<Article>('/articles/en-payment-cards');
    assert.equal(cards.category, 'payment');
    assert.deepEqual(cards.tags, ['visa', 'mastercard']);
    assert.equal(cards.body, '<p>Visa and <em>Mastercard</em>.</p>');
    const zh = await widget<Article>('/articles/payment-cards.zh-cn');
    assert.deepEqual([zh.locale, zh.suggestOn], ['zh-CN', ['/checkout']]);

    const again = await importCli(dataDir, database, folder);
    assert.match(again.stdout, /0 created, 0 updated, 2 unchanged, 1 rejected\./);

    const exportFile = join(dataDir, 'zendesk.json');
    writeFileSync(
      exportFile,
      JSON.stringify({
        articles: [
          {
            id: 360001,
            locale: 'en-us',
            title: 'Gift cards',
            body: '<p>Never expire.</p>',
            section_id: 77,
            label_names: ['gift'],
            draft: false,
          },
          {
            id: 360001,
            locale: 'zh-cn',
            title: '礼品卡',
            body: '<p>永不过期。</p>',
            section_id: 77,
            label_names: [],
            draft: true,
          },
          { id: 360002, locale: 'fr', title: 'Cartes', body: '<p>…</p>', section_id: 77 },
        ],
        sections: [{ id: 77, name: 'Payment & Gift Cards' }],
      }),
    );
    const zendesk = await importCli(dataDir, database, exportFile);
    assert.match(zendesk.stdout, /2 created, 0 updated, 0 unchanged, 1 rejected\./);
    assert.match(zendesk.stdout, /articles\[2\] "Cartes": locale fr is none of the store’s \(en, zh-CN\)/);
    const gift = await widget<Article>('/articles/zendesk-360001-en');
    assert.deepEqual([gift.locale, gift.category, gift.tags], ['en', 'payment-gift-cards', ['gift']]);
    // A draft is imported unpublished: the editor has it, shoppers do not.
    assert.equal((await fetch(`${v1}/articles/zendesk-360001-zh-cn`)).status, 404);
    const listed = await send('GET', '/articles?locale=zh-CN');
    const draft = listed.body.articles?.find((article) => article.id === 'zendesk-360001-zh-cn');
    assert.deepEqual([draft?.published, draft?.translationKey], [false, 'zendesk-360001']);
  });

  it('answers malformed article bodies with a 4xx, never a 5xx', async () => {
    const valid = {
      locale: 'en',
      title: 'Fuzz',
      category: 'fuzz',
      tags: ['a'],
      body: '# Hi\n\n*there*',
      format: 'markdown',
    };
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constant('a\u0000b'),
      fc.constant('\ud800'),
      fc.constant('[x](javascript:alert(1)) <script>x</script> ![i](data:x) `'),
    );
    const mutated = fc
      .tuple(fc.constantFrom(...Object.keys(valid), 'published', 'translationKey', 'suggestOn', 'extra'), anyJson)
      .map(([field, value]) => ({ ...valid, [field]: value }));
    const oddText = fc
      .tuple(fc.constantFrom('title', 'body', 'locale', 'category', 'translationKey'), anyText, fc.boolean())
      .map(([field, value, markdown]) => ({ ...valid, format: markdown ? 'markdown' : 'html', [field]: value }));
    const routes = fc.constantFrom(
      ['PUT', '/articles/fuzz-1'],
      ['PUT', '/articles/%E2%80%AE%00'],
      ['PUT', `/articles/${'x'.repeat(200)}`],
      ['DELETE', '/articles/fuzz-2'],
      ['GET', '/articles?locale=%00'],
    );
    const bodies = fc.oneof(
      anyJson.map((value) => JSON.stringify(value)),
      mutated.map((value) => JSON.stringify(value)),
      oddText.map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 50 }),
    );
    await fc.assert(
      fc.asyncProperty(routes, bodies, async ([method, path], raw) => {
        const answer = await send(
          method as string,
          path as string,
          undefined,
          BOOTSTRAP_KEY,
          method === 'PUT' ? raw : undefined,
        );
        assert.ok(answer.status < 500, `${method} ${path} ${raw} → ${answer.status} ${answer.text}`);
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});
