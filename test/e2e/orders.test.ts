import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshotPath, useStorefront } from '../support/storefront.js';

describe('order tracking on the demo storefront, against the reference server', () => {
  const storefront = useStorefront();

  for (const viewport of [
    { width: 375, height: 667 },
    { width: 1280, height: 800 },
  ]) {
    it(`at ${viewport.width} wide: looks up an order with two parcels and starts a return on it`, async () => {
      const page = await storefront.browser.newPage({ viewport, timezoneId: 'Europe/Berlin' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const shot = (name: string) => page.screenshot({ path: screenshotPath(`orders-${name}-${viewport.width}.png`) });

      await page.goto(`${storefront.demo.origin}/`);
      await page.locator('kefu-launcher button').click();
      await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
      await page.getByRole('button', { name: 'Track an order' }).click();

      const tracker = page.locator('kefu-widget kefu-order-tracker');
      await tracker.getByRole('heading', { name: 'Track your order' }).waitFor();
      await tracker.getByLabel('Order number').fill('MM-1003');
      await tracker.getByLabel('Email address').fill('lena.schmidt@example.com');
      await shot('form');
      await tracker.getByRole('button', { name: 'Track order' }).click();

      await tracker.getByRole('heading', { name: 'Order MM-1003' }).waitFor();
      await shot('order');
      const parcels = tracker.locator('.shipment');
      assert.equal(await parcels.count(), 2, 'two parcels');
      for (const [index, carrier] of ['Colissimo', 'DHL Express'].entries()) {
        const parcel = parcels.nth(index);
        await parcel.getByRole('heading', { name: `Parcel ${index + 1} of 2` }).waitFor();
        assert.ok((await parcel.textContent())?.includes(carrier));
        assert.ok((await parcel.locator('.timeline li').count()) >= 4, `parcel ${index + 1} has its timeline`);
        await parcel.locator('.timeline').scrollIntoViewIfNeeded();
        assert.ok(await parcel.locator('.timeline li').first().isVisible());
      }
      await shot('second-parcel');

      const markup = await tracker.evaluate((element) => element.shadowRoot!.innerHTML);
      assert.ok(!markup.includes('lena.schmidt@example.com'), 'no full email address');
      assert.ok(markup.includes('l***@example.com'), 'the masked email');

      await tracker.getByRole('button', { name: 'Start a return' }).click();
      const returns = page.locator('kefu-widget kefu-returns');
      await returns.waitFor();
      assert.equal(await returns.evaluate((element) => (element as { orderNumber?: string }).orderNumber), 'MM-1003');
      assert.equal(await tracker.count(), 0, 'the returns view replaced the tracker');
      await shot('returns');
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
