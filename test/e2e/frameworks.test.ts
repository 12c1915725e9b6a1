import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { recordCspViolations, strictCsp } from '../support/csp.js';
import { screenshotPath, useStorefront } from '../support/storefront.js';

// The same journey in both apps: the app's own code hears Kefu's events and reads its state.
for (const app of ['react', 'vue'] as const) {
  const framework = app === 'react' ? 'React' : 'Vue';

  describe(`the ${framework} demo app (demo/${app}, built with vite from the npm packages)`, () => {
    const storefront = useStorefront();

    async function openApp(width: number, query = '') {
      const page = await storefront.browser.newPage({ viewport: { width, height: width < 640 ? 740 : 900 } });
      const errors: string[] = [];
      const apiRequests: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/v1/')) apiRequests.push(request.url());
      });
      await page.goto(`${storefront.demo.origin}/${app}/${query}`);
      await page.locator('kefu-widget [part="launcher"]').waitFor();
      return { page, errors, apiRequests };
    }

    it(`opens the widget, and ${framework} code hears kefu-open and kefu-close`, async () => {
      const { page, errors, apiRequests } = await openApp(1280);
      const banner = page.getByTestId('app-banner');
      await page.locator('kefu-widget [part="launcher"]').click();
      await page.locator('kefu-widget[open] [part="header"]').getByText('Maple & Moss').waitFor();
      await banner.getByText(`${framework} heard kefu-open`).waitFor();
      assert.ok(
        apiRequests.some((url) => url.endsWith('/v1/config')),
        'the app’s client talks to the reference server',
      );
      await page.screenshot({ path: screenshotPath(`frameworks-${app}-open-1280.png`) });
      await page.keyboard.press('Escape');
      await page.locator('kefu-widget:not([open])').waitFor();
      await banner.getByText(`${framework} heard kefu-close`).waitFor();
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('searches the inline FAQ as the shopper types', async () => {
      const { page, errors } = await openApp(1280);
      const faq = page.locator('kefu-faq.inline-kefu');
      await faq.locator('input[type="search"]').fill('return');
      const results = faq.locator('[role="option"]');
      await results.first().waitFor();
      assert.ok((await results.count()) > 0, 'results for “return”');
      assert.match((await faq.locator('.results').textContent()) ?? '', /return/i);
      assert.deepEqual(errors, []);
      await page.close();
    });

    it(`looks up an order in the inline tracker; ${framework} state follows it and ${framework} code handles its kefu-navigate`, async () => {
      const { page, errors } = await openApp(375);
      const tracker = page.locator('kefu-order-tracker.inline-kefu');
      await tracker.getByLabel('Order number').fill('MM-1004');
      await tracker.getByLabel('Email address').fill('ana.garcia@example.com');
      await tracker.getByRole('button', { name: 'Track order' }).click();
      await tracker.getByRole('heading', { name: 'Order MM-1004' }).waitFor();
      // useKefu((kefu) => kefu.orders.current) in React, useKefuState(…) in Vue.
      await page.getByTestId('app-order').getByText('Your app knows: order MM-1004').waitFor();
      await page.screenshot({ path: screenshotPath(`frameworks-${app}-order-375.png`), fullPage: true });

      await tracker.getByRole('button', { name: 'Chat about this order' }).click();
      await page
        .getByTestId('app-banner')
        .getByText(`${framework} heard kefu-navigate: opening chat about MM-1004.`)
        .waitFor();
      // The app's handler opened the widget there.
      await page.locator('kefu-widget[open] kefu-chat').waitFor();
      assert.deepEqual(errors, []);
      await page.close();
    });

    it('runs without a server with ?backend=memory', async () => {
      const { page, errors, apiRequests } = await openApp(1280, '?backend=memory');
      await page.locator('kefu-widget [part="launcher"]').click();
      await page.locator('kefu-widget[open] [part="header"]').getByText('Maple & Moss').waitFor();
      assert.deepEqual(apiRequests, []);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}

// The storefront's own pages (plain HTML, the script tag only): inline elements come alive through
// the loader and share the launcher's client, under the strict policy the storefront ships with.
describe('the demo storefront’s pages with inline elements (script tag)', () => {
  const csp = strictCsp();
  const storefront = useStorefront({ htmlHeaders: { 'Content-Security-Policy': csp } });

  async function open(path: string, width = 1280) {
    const page = await storefront.browser.newPage({ viewport: { width, height: 900 } });
    await page.addInitScript(recordCspViolations);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${storefront.demo.origin}${path}`);
    const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    return { page, errors, violations };
  }

  it('order status: the inline tracker looks up an order, and the panel opened afterwards shares its session', async () => {
    const { page, errors, violations } = await open('/order.html', 375);
    const tracker = page.locator('kefu-order-tracker');
    await tracker.getByLabel('Order number').fill('MM-1004');
    await tracker.getByLabel('Email address').fill('ana.garcia@example.com');
    await tracker.getByRole('button', { name: 'Track order' }).click();
    await tracker.getByRole('heading', { name: 'Order MM-1004' }).waitFor();
    await page.screenshot({ path: screenshotPath('storefront-order-page-375.png'), fullPage: true });
    // "Chat about this order" in the inline tracker: the loader opens the panel there.
    await tracker.getByRole('button', { name: 'Chat about this order' }).click();
    await page.locator('kefu-widget[open] kefu-chat').waitFor();
    assert.equal(await page.locator('kefu-widget').count(), 1, 'one widget, one client');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('help: the inline FAQ answers as the shopper types; the store’s own buttons open the panel on a view', async () => {
    const { page, errors, violations } = await open('/help.html?backend=memory');
    const faq = page.locator('kefu-faq');
    await faq.locator('input[type="search"]').fill('return');
    await faq.locator('[role="option"]').first().waitFor();
    await page.screenshot({ path: screenshotPath('storefront-help-page-1280.png') });
    await page.getByRole('button', { name: 'Call me back' }).click();
    await page.locator('kefu-widget[open] kefu-callback').waitFor();
    // The mode follows the shopper: internal links keep ?backend=memory.
    assert.equal(await page.locator('a.logo').getAttribute('href'), '/?backend=memory');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('product and cart pages: the launcher on every page, “Ask us” opens the chat', async () => {
    for (const path of ['/product.html', '/cart.html']) {
      const { page, errors, violations } = await open(path, 375);
      await page.locator('kefu-launcher button').waitFor();
      if (path === '/product.html') {
        await page.getByRole('button', { name: 'Ask us' }).click();
        await page.locator('kefu-widget[open] kefu-chat').waitFor();
        await page.screenshot({ path: screenshotPath('storefront-product-chat-375.png') });
      }
      assert.deepEqual(await violations(), []);
      assert.deepEqual(errors, []);
      await page.close();
    }
  });
});
