// What `kefu-server import articles` makes of the files a store hands it (decision 0021), read
// in-process on an embedded database: where ids, locales and categories come from when the front
// matter does not say, and the reason each refused file is given.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestEngine } from '../db/both-engines.test-support.js';
import type { Engine } from '../db/engine.js';
import { createAdminArticles, type AdminArticles } from './articles.js';
import { importArticles } from './import-articles.js';

describe('importing help articles from files', () => {
  const locales = ['en', 'zh-CN'];
  let engine: Engine;
  let articles: AdminArticles;
  let root: string;

  before(async () => {
    engine = await openTestEngine('SQLite');
    articles = createAdminArticles(engine.db, Date.now, () => locales);
    root = mkdtempSync(join(tmpdir(), 'kefu-import-articles-'));
  });
  after(async () => {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  });

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    return join(root, path);
  };

  it('takes the id, locale and category from the path when the front matter leaves them out', async () => {
    write('folder/zh-CN/sizing/rings.md', '---\ntitle: 戒指尺码\n---\n量一量手指。\n');
    write('folder/sizing/Rings Guide.en.md', '---\ntitle: Ring sizes\ncategory: Sizing\n---\nMeasure a ring.\n');
    const summary = await importArticles(join(root, 'folder'), articles, locales);
    assert.deepEqual(summary, { created: 2, updated: 0, unchanged: 0, rejected: [] });
    const byId = new Map((await articles.list()).map((article) => [article.id, article]));
    assert.deepEqual([...byId.keys()].sort(), ['sizing-rings-guide.en', 'zh-cn-sizing-rings']);
    assert.deepEqual(
      [byId.get('zh-cn-sizing-rings')?.locale, byId.get('zh-cn-sizing-rings')?.category],
      ['zh-CN', 'sizing'],
    );
    assert.equal(byId.get('sizing-rings-guide.en')?.category, 'sizing');
    assert.equal(byId.get('sizing-rings-guide.en')?.body, '<p>Measure a ring.</p>');
  });

  it('gives a single file without an extension its own name as the id', async () => {
    const file = write('care', '---\ntitle: Caring for linen\ncategory: care\n---\nWash cold.\n');
    const summary = await importArticles(file, articles, locales);
    assert.deepEqual([summary.created, summary.rejected], [1, []]);
    assert.equal((await articles.get('care')).title, 'Caring for linen');
  });

  it('names each file it refuses, and why', async () => {
    write('refused/no-title.md', 'Just text.\n');
    write('refused/typo.md', '---\ntitle: Typo\ncatgory: shipping\n---\nText.\n');
    write('refused/french.md', '---\ntitle: Livraison\nlocale: fr\n---\nTexte.\n');
    write('refused/broken.md', '---\ntitle: [unclosed\n---\nText.\n');
    const summary = await importArticles(join(root, 'refused'), articles, locales);
    assert.equal(summary.created, 0);
    assert.deepEqual(
      summary.rejected.map(({ source, reason }) => `${source}: ${reason.split(':')[0]}`),
      [
        'broken.md: its front matter is not YAML',
        'french.md: locale',
        'no-title.md: no title',
        'typo.md: unknown front matter key catgory',
      ],
    );
  });

  it('refuses a JSON file that is not a help centre export', async () => {
    const file = write('other.json', JSON.stringify({ posts: [] }));
    const summary = await importArticles(file, articles, locales);
    assert.deepEqual(summary.rejected, [
      { source: 'the file', reason: 'not a Zendesk Help Center export: no "articles" list' },
    ]);
  });
});
