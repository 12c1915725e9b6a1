import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '@kefu/server';
import { startDemoServer } from '../support/demo-server.js';
import { recordCspViolations, strictCsp } from '../support/csp.js';
import { launchBrowser } from '../support/browser.js';

const repo = resolve(import.meta.dirname, '../..');
const screenshots = resolve(repo, 'test-results/screenshots');

// dompurify: only browsers without the Sanitizer API take that path (docs/features/faq.md).
const strictPolicy = strictCsp({ trustedTypes: ['dompurify'] });

describe('the FAQ inside the widget on the demo storefront', () => {
  let api: RunningServer;
  let demo: Awaited<ReturnType<typeof startDemoServer>>;
  let strict: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    api = await startServer({ port: 0 });
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

  async function openWidget(origin: string, width: number, initScript?: string) {
    const page = await browser.newPage({ viewport: { width, height: width < 600 ? 667 : 800 } });
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
});
