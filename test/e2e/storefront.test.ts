import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemoServer } from '../support/demo-server.js';
import { recordCspViolations, strictCsp } from '../support/csp.js';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { until } from '../support/until.js';
import { en } from '../../packages/elements/src/i18n/messages.js';
import { zhCN } from '../../packages/elements/src/i18n/messages.zh-CN.js';
import { ar } from '../../packages/elements/src/i18n/messages.ar.js';

const repo = resolve(import.meta.dirname, '../..');

describe('demo storefront with the Kefu script tag', () => {
  const storefront = useStorefront();

  async function openStorefront(path: string, viewport = { width: 1280, height: 800 }) {
    const page = await storefront.browser.newPage({ viewport });
    const apiRequests: string[] = [];
    const demoStoreRequests: string[] = [];
    /** The widget chunk's requests that finished: the loader prefetches it once the page is idle. */
    const widgetChunkFetched: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/v1/')) apiRequests.push(request.url());
      if (path.startsWith('/kefu/demo/')) demoStoreRequests.push(path);
    });
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('/kefu-widget.js')) widgetChunkFetched.push(path);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${storefront.demo.origin}${path}`);
    await page.locator('kefu-launcher button, kefu-widget').first().waitFor();
    return { page, apiRequests, demoStoreRequests, widgetChunkFetched, errors };
  }

  async function storageWritten(page: Page) {
    return page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((db) => db.name),
      localStorage: localStorage.length,
      cookies: document.cookie,
    }));
  }

  it('draws the launcher without asking the backend or writing storage until the shopper shows intent', async () => {
    const { page, apiRequests, widgetChunkFetched, errors } = await openStorefront('/');
    // The loader's last step at start is to prefetch the widget's code when the page is idle; once
    // that is fetched and the network has gone quiet, everything it does on its own has happened.
    await until(() => widgetChunkFetched.length > 0, true, 'the loader prefetched the widget when idle');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(apiRequests, []);
    assert.deepEqual(await storageWritten(page), { databases: [], localStorage: 0, cookies: '' });
    assert.equal(await page.locator('kefu-widget').count(), 0, 'the widget chunk is not mounted before intent');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('opens the help panel from the launcher, with the store’s name from the reference server', async () => {
    const { page, apiRequests, demoStoreRequests, errors } = await openStorefront('/');
    await page.screenshot({ path: screenshotPath('storefront-1280-closed.png') });
    await page.locator('kefu-launcher button').click();
    const header = page.locator('kefu-widget [part="header"]');
    await header.getByText('Maple & Moss').waitFor();
    assert.ok(
      apiRequests.some((url) => url.endsWith('/v1/config')),
      'config came from the reference server',
    );
    assert.deepEqual(demoStoreRequests, [], 'a storefront with a backend never downloads the demo store');
    assert.equal(await page.locator('kefu-widget').getAttribute('open'), '');
    await page.screenshot({ path: screenshotPath('storefront-1280-open.png') });

    await page.keyboard.press('Escape');
    await page.locator('kefu-widget:not([open])').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('runs on the built-in demo store with ?backend=memory, without a single backend request', async () => {
    const { page, apiRequests, demoStoreRequests } = await openStorefront('/?backend=memory', {
      width: 375,
      height: 667,
    });
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
    await page.screenshot({ path: screenshotPath('storefront-375-open-memory.png') });
    assert.deepEqual(apiRequests, []);
    assert.equal(demoStoreRequests.length, 1, 'the demo store is loaded on demand');
    await page.close();
  });

  it('answers the JS API: calls queued before the loader, events, locale, and a second init that changes nothing', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The snippet a storefront pastes before the loader, plus listeners registered through it. A
    // string, not a function: the test's compiler would add helpers the page does not have.
    await page.addInitScript(`
      window.kefuEvents = [];
      window.Kefu = window.Kefu || function () { (Kefu.q = Kefu.q || []).push(arguments); };
      for (const name of ['ready', 'open', 'close']) Kefu('on', name, () => kefuEvents.push(name));
      Kefu('init', { apiBase: undefined });
    `);
    await page.goto(`${storefront.demo.origin}/?backend=memory`);
    await page.locator('kefu-launcher button').waitFor();
    const kefu = (...args: unknown[]) =>
      page.evaluate(
        (callArgs) => (window as unknown as { Kefu: (...a: unknown[]) => unknown }).Kefu(...callArgs),
        args,
      );

    await kefu('init', {});
    assert.equal(await page.locator('kefu-launcher').count(), 1, 'a second init draws nothing twice');
    await kefu('open');
    await page.locator('kefu-widget[open]').waitFor();
    await kefu('close');
    await page.locator('kefu-widget:not([open])').waitFor();
    await kefu('setLocale', 'zh-CN');
    await page.locator('kefu-widget [part="launcher"]').getByText('帮助').waitFor();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { kefuEvents: string[] }).kefuEvents), [
      'ready',
      'open',
      'close',
    ]);
    await page.close();
  });

  it('runs under a strict Content-Security-Policy with Trusted Types enforced, with no violation', async () => {
    const strict = await startDemoServer({
      root: resolve(repo, 'demo/dist'),
      apiOrigin: storefront.api.origin,
      htmlHeaders: {
        'Content-Security-Policy': strictCsp(),
      },
    });
    const page = await storefront.browser.newPage({ viewport: { width: 375, height: 667 } });
    await page.addInitScript(recordCspViolations);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(`${strict.origin}/`);
      await page.locator('kefu-launcher button').click();
      await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('kefu-widget:not([open])').waitFor();
      assert.deepEqual(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await strict.close();
    }
  });

  // Issue 20: before the first tap an Arabic shopper saw "Help" at the bottom right, which then
  // turned into "المساعدة" at the bottom left. The first paint must be the widget's own.
  const shipped = [
    { how: '?locale=en', query: '?locale=en', catalogue: en, side: 'right' },
    { how: '?locale=zh-CN', query: '?locale=zh-CN', catalogue: zhCN, side: 'right' },
    { how: '?locale=ar', query: '?locale=ar', catalogue: ar, side: 'left' },
    { how: 'a phone set to Arabic', query: '', catalogue: ar, side: 'left', browserLocale: 'ar-EG' },
  ] as const;
  for (const language of shipped) {
    it(`draws the launcher in the shopper’s language and on their side from the first paint (${language.how})`, async () => {
      const context = await storefront.browser.newContext({
        viewport: { width: 375, height: 740 },
        ...('browserLocale' in language ? { locale: language.browserLocale } : {}),
      });
      const page = await context.newPage();
      // A page without a lang of its own, so the browser's language decides where no setting does.
      await page.route(`${storefront.demo.origin}/${language.query}`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()).replace('<html lang="en">', '<html>') });
      });
      await page.goto(`${storefront.demo.origin}/${language.query}`);
      const seen = async (button: ReturnType<Page['locator']>) => {
        const box = (await button.boundingBox())!;
        return {
          text: (await button.textContent())?.trim(),
          label: await button.getAttribute('aria-label'),
          side: box.x + box.width / 2 < 375 / 2 ? 'left' : 'right',
        };
      };
      const before = await seen(page.locator('kefu-launcher button'));
      assert.deepEqual(before, {
        text: language.catalogue.launcherLabel,
        label: language.catalogue.openHelp,
        side: language.side,
      });
      await page.locator('kefu-launcher button').click();
      await page.locator('kefu-widget[open] [part="panel"]').waitFor();
      await page.keyboard.press('Escape');
      await page.locator('kefu-widget:not([open])').waitFor({ state: 'attached' });
      const after = await seen(page.locator('kefu-widget [part="launcher"]'));
      assert.deepEqual({ text: after.text, side: after.side }, { text: before.text, side: before.side });
      await context.close();
    });
  }

  // Issue 20: on a phone the panel focused its search box on open, and the keyboard then covered
  // the menu the shopper had come for.
  it('opens on a phone with the dialog focused and no keyboard, on a desktop in the search box', async () => {
    const focused = (page: Page) =>
      page.evaluate(() => {
        const active = document.querySelector('kefu-widget')?.shadowRoot?.activeElement;
        return active?.getAttribute('role') ?? active?.tagName.toLowerCase();
      });
    const phone = await storefront.browser.newContext({
      viewport: { width: 375, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${storefront.demo.origin}/`);
    await phonePage.locator('kefu-launcher button').tap();
    await phonePage.locator('kefu-widget[open] .home-search input').waitFor();
    assert.equal(await focused(phonePage), 'dialog', 'the dialog, not a text box, has focus on a phone');
    await phone.close();

    const desktop = await storefront.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await desktop.goto(`${storefront.demo.origin}/`);
    await desktop.locator('kefu-launcher button').click();
    await desktop.locator('kefu-widget[open] .home-search input').waitFor();
    assert.equal(await focused(desktop), 'input', 'the search box has focus on a desktop');
    await desktop.close();
  });

  // Issue 20 (WCAG 2.4.11): at 375 px the launcher covered form fields of the page.
  it('keeps the loader’s launcher off a page field the shopper is typing in, before the widget loads', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${storefront.demo.origin}/cart.html`);
    await page.locator('kefu-launcher button').waitFor();
    await page.evaluate(() => {
      const field = document.createElement('input');
      field.setAttribute('aria-label', 'Discount code');
      field.style.cssText =
        'position:fixed;inset-inline-end:8px;inset-block-end:16px;inline-size:240px;block-size:48px';
      document.body.append(field);
    });
    const field = page.getByLabel('Discount code');
    const tapReaches = () =>
      field.evaluate((input) => {
        const box = input.getBoundingClientRect();
        return document.elementFromPoint(box.right - 20, box.top + box.height / 2) === input;
      });
    assert.equal(await tapReaches(), false, 'the launcher lies on the field');
    await field.focus();
    assert.equal(await tapReaches(), true, 'the focused field is not covered');
    await field.blur();
    assert.equal(await tapReaches(), false, 'the launcher is back');
    assert.equal(await page.locator('kefu-widget').count(), 0, 'no widget loaded for it');
    await page.close();
  });

  it('opens from the store’s own Help link instead of a launcher, and gives it focus back', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(`
      window.Kefu = window.Kefu || function () { (Kefu.q = Kefu.q || []).push(arguments); };
      Kefu('init', { apiBase: undefined, launcher: 'nav[aria-label="Main"] a:last-child' });
    `);
    await page.goto(`${storefront.demo.origin}/?backend=memory`);
    const helpLink = page.locator('nav[aria-label="Main"] a:last-child');
    await helpLink.click();
    await page.locator('kefu-widget[open] [part="panel"]').waitFor();
    assert.equal(await page.locator('kefu-launcher').count(), 0, 'no launcher of our own');
    assert.equal(await page.locator('kefu-widget [part="launcher"]').isVisible(), false);
    assert.equal(await helpLink.getAttribute('aria-expanded'), 'true');
    assert.equal(new URL(page.url()).pathname, '/', 'the link did not navigate');

    await page.keyboard.press('Escape');
    await page.locator('kefu-widget:not([open])').waitFor({ state: 'attached' });
    assert.equal(await helpLink.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Help');
    await page.close();
  });
});
