import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StoreConfig } from '@kefu/core';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { signInAgent } from '../support/agent-console.js';

/**
 * The store's settings in the agent console (issue 22, decision 0018): an agent edits them as
 * JSON, a wrong value is refused with its key named beside the text and nothing changes, a right
 * one is saved, and a shopper who opens the widget afterwards sees it.
 */
describe('the store settings screen of the agent console (Chromium, reference server)', () => {
  const storefront = useStorefront({ server: {} });

  const config = async () => (await (await fetch(`${storefront.api.origin}/v1/config`)).json()) as StoreConfig;

  it('refuses a wrong value naming its key, saves a right one, and the widget shows it', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInAgent(page, `${storefront.api.origin}/agent`);
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    const text = page.getByLabel('Settings (JSON)');
    await text.waitFor();
    const shown = JSON.parse(await text.inputValue()) as StoreConfig & { allowedOrigins: string[] };
    assert.equal(shown.brand.name, 'Maple & Moss');

    // A window written in words: refused, the key named next to the text, nothing stored.
    const wrong = { ...shown, returnPolicy: { ...shown.returnPolicy, windowDays: 'thirty' } };
    await text.fill(JSON.stringify(wrong, null, 2));
    await page.getByRole('button', { name: 'Save' }).click();
    const problems = page.locator('kefu-console-settings .problems');
    await problems.getByText('returnPolicy.windowDays').waitFor();
    assert.match((await problems.textContent()) ?? '', /whole number of days/);
    assert.equal(await text.getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: screenshotPath('console-settings-refused-1280.png') });
    assert.equal((await config()).returnPolicy.windowDays, shown.returnPolicy.windowDays);

    const right = {
      ...shown,
      brand: { ...shown.brand, name: 'Maple & Moss Tea' },
      returnPolicy: { ...shown.returnPolicy, windowDays: 45 },
    };
    await text.fill(JSON.stringify(right, null, 2));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('kefu-console-settings').getByText('Saved.').waitFor();
    await page
      .locator('kefu-console-settings')
      .getByText(/by Mei/)
      .waitFor();
    assert.equal(await problems.count(), 0, 'the refusal is gone');
    const saved = await config();
    assert.equal(saved.brand.name, 'Maple & Moss Tea');
    assert.equal(saved.returnPolicy.windowDays, 45);
    await page.close();
    assert.deepEqual(errors, [], 'no script errors in the console');

    // A shopper opening the widget now (no cached configuration yet) sees the new name.
    const shopper = await storefront.browser.newPage({ viewport: { width: 375, height: 740 } });
    await shopper.goto(`${storefront.demo.origin}/`);
    await shopper.locator('kefu-launcher button').click();
    await shopper.locator('kefu-widget [part="header"]').getByText('Maple & Moss Tea').waitFor();
    await shopper.close();
  });
});
