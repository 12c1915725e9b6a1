import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { sqliteOf } from '../support/server-database.js';

describe('callback requests on the demo storefront, against the reference server', () => {
  const storefront = useStorefront();

  for (const width of [375, 1280]) {
    it(`books a call from the widget's "Call me back" at ${width} px, in the shopper's timezone`, async () => {
      const page = await storefront.browser.newPage({
        viewport: { width, height: width === 375 ? 667 : 800 },
        timezoneId: 'America/New_York',
        locale: 'en-US',
      });
      const errors: string[] = [];
      const scripts: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('response', (response) => {
        const path = new URL(response.url()).pathname;
        // The browser asks for a favicon the demo page does not declare.
        if (response.status() >= 400 && path !== '/favicon.ico') errors.push(`${response.status()} ${path}`);
      });
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
      });
      await page.goto(`${storefront.demo.origin}/`);
      await page.locator('kefu-launcher button').click();
      await page.locator('kefu-widget').getByRole('button', { name: 'Call me back' }).click();
      const form = page.locator('kefu-callback');
      await form.getByRole('heading', { name: 'Request a call back' }).waitFor();
      await form.locator('input[name="slot"]').first().waitFor();
      assert.ok(
        scripts.some((path) => /\/vendor\/phone-numbers-[\w-]+\.js$/.test(path)),
        'the phone metadata comes in its own vendor chunk',
      );

      await form.getByLabel('Your name').fill('Ana Lima');
      assert.equal(await form.getByLabel('Country').inputValue(), 'US');
      await form.getByLabel('Phone number').fill('201 555 01');
      await form.getByLabel('Phone number').press('Tab');
      await form.getByText('This number looks incomplete').waitFor();
      await page.screenshot({ path: screenshotPath(`callback-phone-${width}.png`) });
      await form.getByLabel('Phone number').fill('(201) 555-0123');
      await form.getByText('We will call +1 201 555 0123.').waitFor();
      const next = form.locator('button.next');
      assert.match((await next.textContent()) ?? '', /your time · \d{1,2}:\d\d [AP]M in Paris/);
      await next.click();
      await form.getByLabel('I agree to be called').check();
      await form.getByRole('textbox', { name: 'What would you like to talk about?' }).fill('My order, size, colour');
      await page.screenshot({ path: screenshotPath(`callback-form-${width}.png`) });

      await form.getByRole('button', { name: 'Request the call' }).click();
      await form.getByRole('heading', { name: 'Your call is booked' }).waitFor();
      await form.getByRole('link', { name: 'Add to calendar' }).waitFor();
      await page.screenshot({ path: screenshotPath(`callback-booked-${width}.png`) });

      const booked = sqliteOf(storefront.api.deps)
        .prepare<[], { phone: string; timezone: string; status: string }>(
          "SELECT phone, timezone, status FROM callbacks WHERE name = 'Ana Lima' ORDER BY created_at DESC",
        )
        .get();
      assert.deepEqual(booked, { phone: '+12015550123', timezone: 'America/New_York', status: 'scheduled' });

      const download = page.waitForEvent('download');
      await form.getByRole('link', { name: 'Add to calendar' }).click();
      const file = await download;
      assert.equal(file.suggestedFilename(), 'callback.ics');

      await form.getByRole('button', { name: 'Cancel this call' }).click();
      await form.getByRole('heading', { name: 'Your call is cancelled' }).waitFor();
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it('fetches the phone metadata once the panel has opened, so "Call me back" opens its form offline afterwards', async () => {
    const context = await storefront.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // What the form needs from the network: the features (prefetched once the widget has rendered)
    // and the phone numbers (fetched once its panel has opened), each received whole.
    const needed = [
      /\/features\/kefu-features-[\w-]+\.js$/,
      /\/chunks\/phone-[\w-]+\.js$/,
      /\/vendor\/phone-numbers-[\w-]+\.js$/,
    ];
    const received = new Set<RegExp>();
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      for (const file of needed) if (file.test(path)) received.add(file);
    });
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
    for (let tries = 0; received.size < needed.length && tries < 200; tries++)
      await new Promise((wait) => setTimeout(wait, 50));
    assert.deepEqual(
      needed.filter((file) => !received.has(file)),
      [],
      'the open panel fetched the features and the phone metadata while the shopper looked at home',
    );

    await context.setOffline(true);
    await page.locator('kefu-widget').getByRole('button', { name: 'Call me back' }).click();
    const form = page.locator('kefu-callback');
    await form.getByLabel('Phone number').fill('(201) 555-0123');
    await form.getByLabel('Phone number').press('Tab');
    await form.getByText('We will call +1 201 555 0123.').waitFor();
    assert.equal(await form.getByText('We could not load the form').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('opens the other features while the phone metadata is still on its way, and says what to do when it cannot come', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 375, height: 667 } });
    // The phone metadata (24 KB) cannot be fetched at first, as offline; later it is held back, as
    // on a slow link, until the test lets it through.
    let metadata: 'fails' | 'held' = 'fails';
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let phoneAsked: () => void = () => undefined;
    const askedForPhone = new Promise<void>((resolve) => (phoneAsked = resolve));
    await page.route(/\/vendor\/phone-numbers-[\w-]+\.js$/, async (route) => {
      phoneAsked();
      if (metadata === 'fails') return route.abort('internetdisconnected');
      await released;
      return route.continue();
    });
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget').getByRole('button', { name: 'Track an order' }).click();
    const tracker = page.locator('kefu-widget kefu-order-tracker');
    await tracker.getByRole('heading', { name: 'Track your order' }).waitFor();
    await tracker.getByLabel('Order number').waitFor();
    // The tracker is drawn whether or not the request for the metadata has reached this process yet
    // (the open panel makes it once the page is idle, and it is routed here asynchronously): wait
    // for it, bounded.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const asked = await Promise.race([
      askedForPhone.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 10_000))),
    ]);
    clearTimeout(timer);
    assert.ok(asked, 'the open panel asked for the phone metadata, and the tracker did not wait for it');

    await page.locator('kefu-widget').getByRole('button', { name: 'Back' }).click();
    await page.locator('kefu-widget').getByRole('button', { name: 'Call me back' }).click();
    const form = page.locator('kefu-callback');
    await form.getByRole('heading', { name: 'Request a call back' }).waitFor();
    await form.getByRole('alert').getByText('We could not load the form').waitFor();

    // Chromium does not fetch a module again once it has failed: the page is reloaded, and this
    // time the metadata is slow to come.
    metadata = 'held';
    await page.reload();
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget').getByRole('button', { name: 'Call me back' }).click();
    await form.getByRole('status').getByText('Loading the form').waitFor();
    release();
    await form.getByLabel('Phone number').waitFor();
    await form.getByLabel('Phone number').fill('(201) 555-0123');
    await form.getByLabel('Phone number').press('Tab');
    await form.getByText('We will call +1 201 555 0123.').waitFor();
    await page.close();
  });
});
