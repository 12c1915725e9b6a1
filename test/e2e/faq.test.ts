import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { insertArticle } from '../../packages/server/src/services/faq.js';
import type { Article } from '@kefu/core';
import { startServer, type RunningServer } from '@kefu/server';
import { startDemoServer } from '../support/demo-server.js';
import { recordCspViolations, strictCsp } from '../support/csp.js';
import { launchBrowser } from '../support/browser.js';

const repo = resolve(import.meta.dirname, '../..');
const screenshots = resolve(repo, 'test-results/screenshots');

// dompurify: only browsers without the Sanitizer API take that path (docs/features/faq.md).
const strictPolicy = strictCsp({ trustedTypes: ['dompurify'] });

/** Above the default `indexInWorkerAbove` (1,000): the index is built in a Web Worker. */
const LARGE_HELP_CENTRE = 1200;
/** An article among them whose body alone has "paddle": titles and tags (what answers during the build) do not find it. */
const kayak: Article = {
  id: 'en-kayak',
  locale: 'en',
  title: 'Can I return a kayak?',
  body: '<p>Yes, within 30 days, with its paddle and the original straps.</p>',
  tags: ['returns'],
  category: 'returns',
  updatedAt: '2026-01-01T00:00:00Z',
};

/** Counts the answers the page's workers send (`window.workerAnswers`): a worker that failed to load sends none. */
const countWorkerAnswers = `
  window.workerAnswers = 0;
  window.Worker = class extends Worker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', () => (window.workerAnswers += 1));
    }
  };
`;

/** A help centre of `count` generated English articles, and the kayak, in the reference server's database. */
function addArticles(server: RunningServer, count: number) {
  const topics = ['delivery', 'invoice', 'warranty', 'sizing', 'account', 'voucher', 'customs', 'fabric'];
  return server.deps.engine.db.transaction().execute(async (trx) => {
    for (let index = 0; index < count; index += 1) {
      const topic = topics[index % topics.length] ?? 'delivery';
      const article: Article = {
        id: `en-generated-${index}`,
        locale: 'en',
        title: `About ${topic}, question ${index}`,
        body: `<p>Everything about ${topic} for item ${index}: when, how and what it costs.</p>`,
        tags: [topic],
        category: 'shipping',
        updatedAt: '2026-01-01T00:00:00Z',
      };
      await insertArticle(trx, article);
    }
    await insertArticle(trx, kayak);
  });
}

describe('the FAQ inside the widget on the demo storefront', () => {
  let api: RunningServer;
  let demo: Awaited<ReturnType<typeof startDemoServer>>;
  let strict: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await startServer({ port: 0, demo: true });
    demo = await startDemoServer({ root: resolve(repo, 'demo/dist'), apiOrigin: api.origin });
    strict = await startDemoServer({
      root: resolve(repo, 'demo/dist'),
      apiOrigin: api.origin,
      htmlHeaders: { 'Content-Security-Policy': strictPolicy },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await strict?.close();
    await demo?.close();
    await api?.close();
  });

  async function openWidget(origin: string, width: number, initScript?: string, beforeLoad?: (page: Page) => void) {
    const page = await browser.newPage({ viewport: { width, height: width < 600 ? 667 : 800 } });
    beforeLoad?.(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript([recordCspViolations, initScript ?? ''].join('\n'));
    await page.goto(`${origin}/`);
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
    return { page, errors };
  }

  async function searchFromHome(page: Page, query: string) {
    await page.locator('kefu-widget .home-search input').click();
    await page.keyboard.type(query, { delay: 30 });
    await page.locator('kefu-faq [role="option"]').first().waitFor();
  }

  for (const width of [375, 1280]) {
    it(`searches as the shopper types from the home box, opens an article and answers “no” (${width} px)`, async () => {
      const { page, errors } = await openWidget(demo.origin, width);
      await searchFromHome(page, 'return');
      // Every keystroke after the first went on in the FAQ's own box: focus and caret moved with it.
      assert.equal(await page.locator('kefu-faq input').inputValue(), 'return');
      const titles = await page.locator('kefu-faq [role="option"] .result-title').allTextContents();
      assert.ok(
        titles.some((title) => /return/i.test(title)),
        titles.join(' | '),
      );
      assert.ok((await page.locator('kefu-faq [role="option"] mark').count()) > 0, 'matches are highlighted');
      await page.screenshot({ path: resolve(screenshots, `faq-results-${width}.png`) });

      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('kefu-faq .article .body p').first().waitFor();
      assert.equal(await page.locator('kefu-faq .article h3').textContent(), titles[0]);
      await page.screenshot({ path: resolve(screenshots, `faq-article-${width}.png`) });

      await page.locator('kefu-faq .feedback button').nth(1).click();
      await page.locator('kefu-faq .feedback .primary').waitFor();
      await page.locator('kefu-faq .feedback .primary').click();
      await page.locator('kefu-chat').waitFor();
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it('shows categories and page suggestions with an empty box, and a way to chat when nothing matches', async () => {
    const { page } = await openWidget(demo.origin, 375);
    await searchFromHome(page, 'return');
    for (let count = 0; count < 'return'.length; count += 1) await page.keyboard.press('Backspace');
    await page.locator('kefu-faq .categories').waitFor();
    await page.screenshot({ path: resolve(screenshots, 'faq-browse-375.png') });
    await page.keyboard.type('qqxzv');
    await page.locator('kefu-faq .empty').waitFor();
    await page.screenshot({ path: resolve(screenshots, 'faq-no-results-375.png') });
    await page.close();
  });

  for (const sanitizer of ['Sanitizer API', 'DOMPurify']) {
    it(`renders an article under CSP and Trusted Types with the ${sanitizer}, with no violation`, async () => {
      const { page, errors } = await openWidget(
        strict.origin,
        1280,
        sanitizer === 'DOMPurify' ? 'delete Element.prototype.setHTML;' : '',
      );
      await searchFromHome(page, 'how long does delivery take');
      await page.keyboard.press('Enter');
      await page.locator('kefu-faq .article .body li').first().waitFor();
      assert.equal(await page.locator('kefu-faq .article h3').textContent(), 'How long does delivery take?');
      const links = await page
        .locator('kefu-faq .article .body a')
        .evaluateAll((anchors) =>
          anchors.map((anchor) => ({ href: anchor.getAttribute('href'), rel: anchor.getAttribute('rel') })),
        );
      assert.ok(links.length > 0);
      for (const link of links) {
        assert.ok(!/^\s*javascript:/i.test(link.href ?? ''));
        assert.equal(link.rel, 'noopener noreferrer', 'the seed links to the store’s own site, another origin here');
      }
      assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  describe('a large help centre: the index is built in a Web Worker', () => {
    let large: RunningServer;
    before(async () => {
      large = await startServer({ port: 0, demo: true });
      await addArticles(large, LARGE_HELP_CENTRE);
    });
    after(() => large?.close());

    /**
     * The strict policy, the worker's Trusted Types policy allowed or not (docs/security.md); in the
     * storefront's widget (the script tag's build) or in the inline FAQ of a demo app built by vite.
     */
    async function searchBodyText(allowWorkerPolicy: boolean, app?: 'react' | 'vue') {
      // Vue's runtime creates a Trusted Types policy of its own, "vue": a Vue app's page allows it.
      const trustedTypes = [...(allowWorkerPolicy ? ['kefu-worker'] : []), ...(app === 'vue' ? ['vue'] : [])];
      const server = await startDemoServer({
        root: resolve(repo, 'demo/dist'),
        apiOrigin: large.origin,
        htmlHeaders: { 'Content-Security-Policy': strictCsp({ trustedTypes }) },
      });
      try {
        const workers: string[] = [];
        const onWorker = (opened: Page) => opened.on('worker', (worker) => workers.push(worker.url()));
        const { page, errors } = app
          ? await openApp(`${server.origin}/${app}/`, countWorkerAnswers, onWorker)
          : await openWidget(server.origin, 1280, countWorkerAnswers, onWorker);
        await page
          .locator(app ? 'kefu-faq.inline-kefu input[type="search"]' : 'kefu-widget .home-search input')
          .click();
        await page.keyboard.type('paddle', { delay: 30 });
        // Only the index finds a word of the body: this waits for it, however it was built.
        await page.locator('kefu-faq [role="option"] .result-title', { hasText: kayak.title }).waitFor();
        const { violations, answers } = await page.evaluate(() => {
          const recorded = window as unknown as { cspViolations: string[]; workerAnswers: number };
          return { violations: recorded.cspViolations, answers: recorded.workerAnswers };
        });
        await page.close();
        return { origin: server.origin, workers, answers, violations, errors };
      } finally {
        await server.close();
      }
    }

    /** A demo app's page, its inline FAQ ready to type in. */
    async function openApp(url: string, initScript: string, beforeLoad: (page: Page) => void) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      beforeLoad(page);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript([recordCspViolations, initScript].join('\n'));
      await page.goto(url);
      await page.locator('kefu-faq.inline-kefu input[type="search"]').waitFor();
      return { page, errors };
    }

    it('builds it in a worker under the strict CSP with the kefu-worker policy, with no violation', async () => {
      const { workers, answers, violations, errors } = await searchBodyText(true);
      assert.equal(workers.length, 1, workers.join(' | '));
      assert.equal(answers, 1, 'the worker sent the index back');
      assert.match(workers[0] ?? '', /\/kefu\/workers\/faq-index-worker-[\w-]+\.js$/);
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
    });

    // Vite bundles the worker of `new Worker(new URL(…, import.meta.url))` and emits it as a file of
    // the app; as a plain asset under 4 KB it was a data: URL, refused, and the index was built on
    // the main thread (test/node/faq-worker-bundling.test.ts builds that case).
    for (const app of ['react', 'vue'] as const) {
      it(`builds it in a worker from a file of the ${app} app (built by vite), under the strict CSP`, async () => {
        const { origin, workers, answers, violations, errors } = await searchBodyText(true, app);
        assert.equal(workers.length, 1, workers.join(' | '));
        assert.equal(answers, 1, 'the worker sent the index back');
        assert.ok(workers[0]?.startsWith(`${origin}/${app}/assets/`), workers[0]);
        assert.match(workers[0] ?? '', /\/faq-index-worker-[\w-]+\.js$/);
        assert.deepEqual(violations, []);
        assert.deepEqual(errors, []);
      });
    }

    it('still searches, built on the main thread, where the page does not allow the policy', async () => {
      const { workers, answers, violations, errors } = await searchBodyText(false);
      assert.deepEqual(workers, []);
      assert.equal(answers, 0);
      // The browser reports the refused policy name once; nothing else is refused.
      assert.deepEqual(violations, ['trusted-types trusted-types-policy']);
      assert.deepEqual(errors, []);
    });
  });
});
