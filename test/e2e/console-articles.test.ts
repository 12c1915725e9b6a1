import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ArticleSync } from '@kefu/core';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { signInAgent } from '../support/agent-console.js';

/**
 * The help-article editor of the agent console (issue 22, decision 0021), on the demo store as
 * `npm start` serves it: a shopper reads an article and says it helped; an agent finds it by its
 * title, sees that answer and the Chinese article beside it, edits the text with a preview that
 * drops what the widget drops, saves, and deletes another article after confirming; the shopper's
 * widget, reloaded, finds the new text and no longer the deleted article through its delta sync.
 */
describe('the help article editor of the agent console (Chromium, reference server)', () => {
  const storefront = useStorefront({ server: {} });

  async function searchFromHome(page: Page, query: string) {
    await page.locator('kefu-widget .home-search input').click();
    await page.keyboard.type(query, { delay: 20 });
  }

  it('edits an article that the shopper’s widget then finds after its delta sync', async () => {
    // The shopper's browser: one context, so the widget's IndexedDB cache (and sync token) stays.
    const shopperContext = await storefront.browser.newContext({ viewport: { width: 375, height: 740 } });
    const shopper = await shopperContext.newPage();
    await shopper.goto(`${storefront.demo.origin}/`);
    await shopper.locator('kefu-launcher button').click();
    await searchFromHome(shopper, 'how long does delivery take');
    await shopper.locator('kefu-faq [role="option"]', { hasText: 'How long does delivery take?' }).first().click();
    await shopper.locator('kefu-faq .article .body p').first().waitFor();
    await shopper.locator('kefu-faq .feedback button').first().click();

    const page = await storefront.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInAgent(page, `${storefront.api.origin}/agent`);
    await page.getByRole('button', { name: 'Help articles' }).click();
    const editor = page.locator('kefu-console-articles');
    await editor.getByLabel('Search by title').fill('delivery take');
    const entry = editor.getByRole('button', { name: /How long does delivery take\?/ });
    const shown = async () => (await entry.innerText()).replace(/\s+/g, ' ');
    // The shopper's "yes" travels through the widget's outbox: Refresh until it is counted.
    for (let attempt = 0; attempt < 40 && !/Helpful 1 /.test(await shown()); attempt += 1) {
      await editor.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(250);
    }
    assert.match(await shown(), /Helpful 1 · Not helpful 0/);
    await entry.click();

    // The Chinese article with the same translation key, side by side.
    await editor.getByRole('region', { name: 'In zh-CN' }).getByText('下单后多久能收到货？').waitFor();

    const body = editor.getByLabel('Body (HTML)');
    const text = await body.inputValue();
    await body.fill(
      `<p>New: <strong>Saturday delivery</strong> in Paris.</p><script>window.pwned = 1</script>` +
        `<p><a href="javascript:alert(1)">unsafe link</a></p>${text}`,
    );
    const preview = editor.getByRole('region', { name: 'Preview' });
    await preview.getByText('Saturday delivery').waitFor();
    // Sanitized as the widget does: no script, and the javascript: link is no link.
    assert.equal(await preview.locator('script').count(), 0);
    assert.equal(await preview.locator('a', { hasText: 'unsafe link' }).getAttribute('href'), null);
    await page.screenshot({ path: screenshotPath('console-articles-editor-1440.png') });
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByText('Saved. Shoppers get it at their widget’s next sync.').waitFor();

    // Another taken down for a while: unpublished, still in the editor.
    await editor.getByLabel('Search by title').fill('customs duties');
    await editor.getByRole('button', { name: /Will I have to pay customs duties/ }).click();
    await editor.getByRole('button', { name: 'Unpublish' }).click();
    await editor.getByText('Unpublished: shoppers no longer see it.').waitFor();
    await editor
      .getByRole('button', { name: /Will I have to pay customs duties/ })
      .getByText('Unpublished')
      .waitFor();
    assert.equal(await editor.getByRole('button', { name: 'Publish', exact: true }).count(), 1);

    // Another article deleted, after the confirmation.
    await editor.getByLabel('Search by title').fill('How much does shipping cost');
    await editor.getByRole('button', { name: /How much does shipping cost\?/ }).click();
    await editor.getByRole('button', { name: 'Delete' }).click();
    await editor
      .getByRole('alertdialog', { name: 'Delete the article' })
      .getByRole('button', { name: 'Yes, delete' })
      .click();
    await editor.getByText('0 of').waitFor();
    assert.deepEqual(errors, [], 'no script errors in the console');
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    await page.close();

    // The shopper comes back: the widget starts from its cache and syncs what changed since.
    const syncs: ArticleSync[] = [];
    shopper.on('response', (response) => {
      if (/\/v1\/articles\?/.test(response.url()))
        void response.json().then(
          (sync: ArticleSync) => syncs.push(sync),
          () => undefined,
        );
    });
    await shopper.reload();
    await shopper.locator('kefu-launcher button').click();
    await searchFromHome(shopper, 'saturday delivery');
    await shopper.locator('kefu-faq [role="option"]', { hasText: 'How long does delivery take?' }).first().click();
    await shopper.locator('kefu-faq .article .body strong', { hasText: 'Saturday delivery' }).waitFor();
    assert.equal(await shopper.locator('kefu-faq .article .body script').count(), 0);
    await shopper.screenshot({ path: screenshotPath('console-articles-shopper-375.png') });
    // It came by a delta sync: the edit, and the two articles gone (unpublished, deleted).
    // Its body is read here asynchronously: wait for it, boundedly.
    for (let attempt = 0; attempt < 50 && !syncs.some((sync) => !sync.full); attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const delta = syncs.find((sync) => !sync.full);
    assert.ok(delta, `a delta sync after the reload: ${JSON.stringify(syncs.map((sync) => sync.full))}`);
    assert.deepEqual(
      delta.articles.map((article) => article.id),
      ['en-shipping-delivery-times'],
    );
    assert.deepEqual([...delta.deleted].sort(), ['en-shipping-costs', 'en-shipping-customs-duties']);
    await shopperContext.close();

    for (const gone of ['en-shipping-costs', 'en-shipping-customs-duties'])
      assert.equal((await fetch(`${storefront.api.origin}/v1/articles/${gone}`)).status, 404, gone);
  });
});
