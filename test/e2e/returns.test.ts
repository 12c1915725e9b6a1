import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { recordCspViolations, strictCsp } from '../support/csp.js';
import { screenshotPath, useStorefront } from '../support/storefront.js';

/** A real 1 × 1 PNG: the reference server checks uploads by their content. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const photo = { name: 'damage.png', mimeType: 'image/png', buffer: png };

/** The focused element, through every shadow root. */
function focused(page: Page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const element = active as HTMLInputElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      type: element?.type ?? '',
      text: (element?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      label: element?.getAttribute('aria-label') ?? '',
    };
  });
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (element: Awaited<ReturnType<typeof focused>>) => boolean, limit = 40) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (matches(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached the element; last focused: ${JSON.stringify(await focused(page))}`);
}

describe('returns on the demo storefront with the reference server', () => {
  const storefront = useStorefront({
    htmlHeaders: {
      'Content-Security-Policy': strictCsp({ images: ['blob:'] }),
    },
  });

  async function openStorefront(viewport: { width: number; height: number }) {
    const page = await storefront.browser.newPage({ viewport });
    await page.addInitScript(recordCspViolations);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').waitFor();
    const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    return { page, errors, violations };
  }

  it('goes from the lookup to an RMA with a photo upload, at 375 × 667', async () => {
    const { page, errors, violations } = await openStorefront({ width: 375, height: 667 });
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
    await page.getByRole('button', { name: 'Start a return' }).click();

    const returns = page.locator('kefu-returns');
    await returns.getByLabel('Order number').fill('MM-1004');
    await returns.getByLabel('Email address or postal code').fill('ana.garcia@example.com');
    await page.screenshot({ path: screenshotPath('returns-lookup-375.png') });
    await returns.getByRole('button', { name: 'Find order' }).click();

    await returns.getByRole('heading', { name: 'Return items from order MM-1004' }).waitFor();
    const towels = returns.locator('#field-items-item_1004_2-itemId');
    await towels.check();
    await returns.locator('#field-items-item_1004_2-reason').selectOption('damaged');
    await returns.locator('#field-items-item_1004_2-photoIds').setInputFiles(photo);
    await returns.locator('.thumbnails img').waitFor();
    await returns.getByRole('radio', { name: /Refund/ }).check();
    await returns.getByLabel(/Anything else/).fill('One towel has a torn hem.');
    await towels.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('returns-form-375.png') });

    await returns.getByRole('button', { name: 'Review return' }).click();
    await returns.getByRole('heading', { name: 'Check your return' }).waitFor();
    await page.screenshot({ path: screenshotPath('returns-review-375.png') });
    await returns.getByRole('button', { name: 'Submit return' }).click();

    const status = returns.locator('[part~="status"]');
    await status.getByText(/Your return number is RMA-\d+\./).waitFor();
    // The reference server sends no e-mail (GET /v1/config: mail.sends false), so no mail is promised:
    // the shopper is told where the decision and the label will show instead.
    await status.getByText('Find your order here again to see our decision.').waitFor();
    assert.doesNotMatch((await status.textContent()) ?? '', /e-?mail/i);
    // The order was reloaded: the new return is listed, and the towels cannot be returned twice.
    await returns.locator('[part~="history"]').getByText('Requested', { exact: true }).first().waitFor();
    await page.screenshot({ path: screenshotPath('returns-status-375.png') });

    const rma = /RMA-\d+/.exec((await status.textContent()) ?? '')![0];
    const listed = await fetch(`${storefront.api.origin}/v1/orders/lookup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ orderNumber: 'MM-1004', email: 'ana.garcia@example.com' }),
    }).then((response) => response.json() as Promise<{ order: { returns: { rma: string }[] } }>);
    assert.deepEqual(
      listed.order.returns.map((summary) => summary.rma),
      [rma],
      'exactly one return on the server',
    );
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('does the same with the keyboard only', async () => {
    const { page, errors, violations } = await openStorefront({ width: 375, height: 667 });
    await tabTo(page, (element) => element.tag === 'button' && /Help/i.test(`${element.text} ${element.label}`));
    await page.keyboard.press('Enter');
    await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
    await tabTo(page, (element) => element.text === 'Start a return');
    await page.keyboard.press('Enter');

    const returns = page.locator('kefu-returns');
    await returns.getByLabel('Order number').waitFor();
    await tabTo(page, (element) => element.id === 'field-orderNumber');
    await page.keyboard.type('MM-1006');
    await page.keyboard.press('Tab');
    await page.keyboard.type('M4 1HN');
    await page.keyboard.press('Enter');

    await returns.getByRole('heading', { name: 'Return items from order MM-1006' }).waitFor();
    await tabTo(page, (element) => element.id === 'field-items-item_1006_1-itemId');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'field-items-item_1006_1-reason');
    // Does not fit my bed or table, Not as described, Arrived damaged, Wrong item sent.
    for (let step = 0; step < 4; step += 1) await page.keyboard.press('ArrowDown');
    await returns.getByText(/Required for this reason/).waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'field-items-item_1006_1-photoIds');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await chooser).setFiles(photo);
    await returns.locator('.thumbnails img').waitFor();

    await tabTo(page, (element) => element.id === 'field-resolution');
    await page.keyboard.press('Space');
    await tabTo(page, (element) => element.text === 'Review return');
    await page.keyboard.press('Enter');
    await returns.getByRole('heading', { name: 'Check your return' }).waitFor();
    await tabTo(page, (element) => element.text === 'Submit return');
    await page.keyboard.press('Enter');
    await returns
      .locator('[part~="status"]')
      .getByText(/Your return number is RMA-\d+\./)
      .waitFor();
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows an approved return with its label and QR code, at 375 and 1280', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 375, height: 667 },
    ]) {
      const { page, errors } = await openStorefront(viewport);
      await page.locator('kefu-launcher button').click();
      await page.getByRole('button', { name: 'Start a return' }).click();
      const returns = page.locator('kefu-returns');
      await returns.getByLabel('Order number').fill('MM-1006');
      await returns.getByLabel('Email address or postal code').fill('priya.patel@example.com');
      if (viewport.width === 1280) await page.screenshot({ path: screenshotPath('returns-lookup-1280.png') });
      await returns.getByRole('button', { name: 'Find order' }).click();
      await returns.getByRole('link', { name: 'Download the return label' }).waitFor();
      await returns.locator('svg[part="qr"]').waitFor();
      await returns.locator('#field-items-item_1006_2-itemId').check();
      await returns.getByRole('radio', { name: /Exchange/ }).check();
      await returns.getByRole('button', { name: 'Review return' }).click();
      await returns.getByText('Some answers need a look. They are marked below.').waitFor();
      await returns.locator('#field-items-item_1006_2-itemId').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`returns-errors-${viewport.width}.png`) });
      await returns.locator('svg[part="qr"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`returns-history-${viewport.width}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });
});
