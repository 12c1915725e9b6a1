import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from '../../packages/server/src/server.js';
import { widgetMessages } from '../../packages/elements/src/i18n/messages.js';
import { orderTrackerMessages } from '../../packages/elements/src/components/order-tracker/order-tracker.messages.js';
import { returnsMessages } from '../../packages/elements/src/components/returns/returns.messages.js';
import { callbackMessages } from '../../packages/elements/src/components/callback/callback.messages.js';
import { startDemoServer } from '../support/demo-server.js';
import { launchBrowser } from '../support/browser.js';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { until } from '../support/until.js';
import { sqliteOf } from '../support/server-database.js';

/**
 * The reference server's refusals, met through the demo storefront's widget as shoppers meet them:
 * an order that does not exist (404), too many lookups (429, with the wait), a callback time
 * another shopper just took (409), a return of items already returned from another device (the
 * server's field refusal, 422), and the server gone behind the storefront's proxy (5xx). Each in
 * English, Chinese and Arabic: the shopper reads the refusal in their language, and what they
 * typed is still there.
 */

type Tag = 'en' | 'zh-CN' | 'ar';

interface Language {
  readonly tag: Tag;
  /** How the shopper comes to read this language. */
  readonly how: string;
  /** The browser's language (Accept-Language, navigator.languages). */
  readonly browserLocale: string;
  /** The storefront page they open. */
  readonly path: string;
  /** They pick the language in the panel's language switch. */
  readonly picks: boolean;
}

const languages: readonly Language[] = [
  { tag: 'en', how: 'English', browserLocale: 'en-GB', path: '/', picks: false },
  // The demo store writes English and Chinese: a Chinese shopper picks 中文 in the panel.
  { tag: 'zh-CN', how: 'Chinese, picked in the panel', browserLocale: 'zh-CN', path: '/', picks: true },
  // Arabic is not one of the store's languages: the storefront's Arabic pages set it, as the demo
  // does with ?locale=ar (the loader's `locale`).
  { tag: 'ar', how: 'Arabic, on the Arabic storefront', browserLocale: 'ar-EG', path: '/?locale=ar', picks: false },
];

interface Shopper {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  /** Every answer from /v1, as "status path". */
  readonly answers: string[];
  readonly words: Awaited<ReturnType<typeof widgetMessages.load>>;
}

/** A shopper in `language` opens the demo storefront and the help panel. */
async function openPanel(origin: string, browser: Browser, language: Language): Promise<Shopper> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    locale: language.browserLocale,
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const answers: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/v1/')) answers.push(`${response.status()} ${path}`);
  });
  await page.goto(`${origin}${language.path}`);
  await page.locator('kefu-launcher button').click();
  await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
  if (language.picks) await page.locator('kefu-widget #kefu-language').selectOption(language.tag);
  const words = await widgetMessages.load(language.tag);
  await page.locator('kefu-widget .greeting').getByText(words.greeting).waitFor();
  assert.equal(
    await page.locator('kefu-widget').getAttribute('dir'),
    language.tag === 'ar' ? 'rtl' : 'ltr',
    'the panel reads in the language’s direction',
  );
  return { context, page, errors, answers, words };
}

const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`refusals-${name}.png`) });

/** The shopper looks an order up in the widget's order tracker. */
async function trackOrder(shopper: Shopper, tag: Tag, orderNumber: string, contact: string) {
  const lookup = await orderTrackerMessages.load(tag);
  await shopper.page.locator('kefu-widget').getByRole('button', { name: shopper.words.trackOrder }).click();
  const tracker = shopper.page.locator('kefu-widget kefu-order-tracker');
  await tracker.getByLabel(lookup.orderNumber, { exact: true }).fill(orderNumber);
  await tracker.getByLabel(lookup.contact, { exact: true }).fill(contact);
  return { tracker, lookup, submit: tracker.getByRole('button', { name: lookup.submit }) };
}

/** What the shopper sees typed in a field. */
const typed = (field: ReturnType<Page['locator']>) => field.inputValue();

describe('refusals: an order that does not exist (404)', () => {
  const storefront = useStorefront();

  for (const language of languages) {
    it(`says no order has these details, in ${language.how}, and keeps what was typed`, async () => {
      const shopper = await openPanel(storefront.demo.origin, storefront.browser, language);
      const { tracker, lookup, submit } = await trackOrder(shopper, language.tag, 'MM-9999', 'ana.garcia@example.com');
      await submit.click();
      await tracker.getByRole('alert').getByText(lookup.notFound).waitFor();
      assert.ok(shopper.answers.includes('404 /v1/orders/lookup'), 'the server said 404');
      assert.equal(await typed(tracker.getByLabel(lookup.orderNumber, { exact: true })), 'MM-9999');
      assert.equal(await typed(tracker.getByLabel(lookup.contact, { exact: true })), 'ana.garcia@example.com');
      await shot(shopper.page, `404-${language.tag}`);
      assert.deepEqual(shopper.errors, []);
      await shopper.context.close();
    });
  }
});

describe('refusals: too many order lookups (429, with the wait)', () => {
  const storefront = useStorefront();
  // One order number per language: a client's tries count per number.
  const numbers: Record<Tag, string> = { en: 'MM-1001', 'zh-CN': 'MM-1002', ar: 'MM-1003' };

  for (const language of languages) {
    it(`says how long to wait, in ${language.how}, and keeps what was typed`, async () => {
      const shopper = await openPanel(storefront.demo.origin, storefront.browser, language);
      const orderNumber = numbers[language.tag];
      const { tracker, lookup, submit } = await trackOrder(shopper, language.tag, orderNumber, 'not.me@example.com');
      const alert = tracker.getByRole('alert');
      // Five wrong tries; the fourth answer warns that one is left.
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const answer = shopper.page.waitForResponse((response) => response.url().endsWith('/v1/orders/lookup'));
        await submit.click();
        assert.equal((await answer).status(), 404, `try ${attempt} is not found`);
        await alert.getByText(lookup.notFound).waitFor();
        if (attempt === 4) await alert.getByText(lookup.oneTryLeft).waitFor();
      }
      const limited = shopper.page.waitForResponse((response) => response.url().endsWith('/v1/orders/lookup'));
      await submit.click();
      const refusal = await limited;
      assert.equal(refusal.status(), 429);
      const seconds = Number(await refusal.headerValue('retry-after'));
      assert.ok(seconds > 0 && seconds <= 30, `Retry-After ${seconds}`);
      // The wait as the shopper's language writes it, by the browser's own Intl.
      const wait = await shopper.page.evaluate(
        ([locale, count]) =>
          new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(count),
        [language.tag, seconds] as const,
      );
      await until(() => alert.textContent().then((text) => text?.trim()), lookup.rateLimited(wait), 'the wait, said');
      assert.equal(await typed(tracker.getByLabel(lookup.orderNumber, { exact: true })), orderNumber);
      assert.equal(await typed(tracker.getByLabel(lookup.contact, { exact: true })), 'not.me@example.com');
      await shot(shopper.page, `429-${language.tag}`);

      // Trying again during the wait sends nothing: it would only make the wait longer.
      const sent = shopper.answers.length;
      await submit.click();
      await alert.getByText(lookup.rateLimited(wait)).waitFor();
      assert.equal(shopper.answers.length, sent, 'nothing sent during the wait');
      assert.deepEqual(shopper.errors, []);
      await shopper.context.close();
    });
  }
});

/** The demo's callback form, filled in by the shopper (a French mobile number), with the first free time chosen. */
async function fillCallback(shopper: Shopper, tag: Tag, name: string, topic: string) {
  const messages = await callbackMessages.load(tag);
  await shopper.page.locator('kefu-widget').getByRole('button', { name: shopper.words.callMeBack }).click();
  const form = shopper.page.locator('kefu-callback');
  await form.locator('input[name="slot"]').first().waitFor();
  await form.getByLabel(messages.nameLabel).fill(name);
  await form.getByLabel(messages.countryLabel).selectOption('FR');
  await form.getByLabel(messages.phoneLabel).fill('06 12 34 56 78');
  await form.locator('button.next').click();
  const slot = await form.locator('input[name="slot"]:checked').inputValue();
  await form.getByLabel(messages.topicLabel).fill(topic);
  await form.locator('input[name="consent"]').check();
  return { form, messages, slot };
}

describe('refusals: a callback time another shopper just took (409)', () => {
  const storefront = useStorefront();

  /** Other shoppers book `slot` until it is full, as they would from their own phones. */
  async function othersTake(slot: string) {
    for (let caller = 0; caller < 2; caller += 1) {
      const response = await fetch(`${storefront.api.origin}/v1/callbacks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({
          name: `Another shopper ${caller}`,
          phone: `+3361234560${caller}`,
          slot,
          timezone: 'Europe/Paris',
          topic: '',
          consent: true,
        }),
      });
      assert.ok([201, 409].includes(response.status), `another shopper's booking: ${response.status}`);
    }
  }

  for (const language of languages) {
    it(`says the time was just taken, in ${language.how}, offers the times still free and keeps the rest`, async () => {
      const shopper = await openPanel(storefront.demo.origin, storefront.browser, language);
      const name = { en: 'Ana Lima', 'zh-CN': '王芳', ar: 'ليلى حداد' }[language.tag];
      const topic = { en: 'The size of my order', 'zh-CN': '订单的尺码', ar: 'مقاس طلبي' }[language.tag];
      const { form, messages, slot } = await fillCallback(shopper, language.tag, name, topic);
      await othersTake(slot);

      await form.getByRole('button', { name: messages.submit }).click();
      await form.getByText(messages.slotTaken).waitFor();
      assert.ok(shopper.answers.includes('409 /v1/callbacks'), 'the server said 409');
      assert.equal(await typed(form.getByLabel(messages.nameLabel)), name);
      // The number is kept, written with its country code, beside the country the shopper chose.
      assert.equal(await typed(form.getByLabel(messages.phoneLabel)), '+33612345678');
      assert.equal(await form.getByLabel(messages.countryLabel).inputValue(), 'FR', 'the country chosen');
      await form.getByText(messages.phoneWillCall('+33 6 12 34 56 78')).waitFor();
      assert.equal(await typed(form.getByLabel(messages.topicLabel)), topic);
      // The times offered now are the free ones: the one taken is gone.
      await until(
        async () => (await form.locator('input[name="slot"]').evaluateAll((inputs) => inputs.length)) > 0,
        true,
        'free times shown',
      );
      const offered = await form
        .locator('input[name="slot"]')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
      assert.ok(!offered.includes(slot), 'the time taken is no longer offered');
      await shot(shopper.page, `409-callback-${language.tag}`);

      // The shopper picks the next free time and books it.
      await form.locator('button.next').click();
      await form.getByRole('button', { name: messages.submit }).click();
      await form.getByRole('heading', { name: messages.confirmedTitle }).waitFor();
      assert.deepEqual(shopper.errors, []);
      await shopper.context.close();
    });
  }
});

/** A return in the demo's returns form up to its review: one item, "changed my mind", a refund, a comment. */
async function prepareReturn(shopper: Shopper, tag: Tag, order: ReturnCase, comment: string) {
  const messages = await returnsMessages.load(tag);
  await shopper.page.locator('kefu-widget').getByRole('button', { name: shopper.words.startReturn }).click();
  const returns = shopper.page.locator('kefu-widget kefu-returns');
  await returns.getByLabel(messages.orderNumber, { exact: true }).fill(order.number);
  await returns.getByLabel(messages.contact, { exact: true }).fill(order.email);
  await returns.getByRole('button', { name: messages.findOrder }).click();
  const item = returns.locator(`#field-items-${order.itemId}-itemId`);
  await item.check();
  await returns.locator(`#field-items-${order.itemId}-reason`).selectOption('changed_mind');
  await returns.locator('input[name="resolution"][value="refund"]').check();
  await returns.getByLabel(messages.comment).fill(comment);
  await returns.getByRole('button', { name: messages.review }).click();
  await returns.getByRole('heading', { name: messages.reviewTitle }).waitFor();
  return { returns, messages };
}

interface ReturnCase {
  readonly number: string;
  readonly email: string;
  readonly itemId: string;
}

// One order line per language: no test depends on what another returned.
const returnCases: Record<Tag, ReturnCase> = {
  en: { number: 'MM-1004', email: 'ana.garcia@example.com', itemId: 'item_1004_2' },
  'zh-CN': { number: 'MM-1006', email: 'priya.patel@example.com', itemId: 'item_1006_1' },
  ar: { number: 'MM-1004', email: 'ana.garcia@example.com', itemId: 'item_1004_1' },
};

const comments: Record<Tag, string> = {
  en: 'It does not go with the room.',
  'zh-CN': '颜色和房间不搭。',
  ar: 'لا يناسب الغرفة.',
};

/** The same shopper returns the line from another device, straight through the API. */
async function returnFromAnotherDevice(api: RunningServer, order: ReturnCase) {
  const found = (await fetch(`${api.origin}/v1/orders/lookup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ orderNumber: order.number, email: order.email }),
  }).then((response) => response.json())) as { order: { id: string }; accessToken: string };
  const created = await fetch(`${api.origin}/v1/returns`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${found.accessToken}`,
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      orderId: found.order.id,
      items: [{ itemId: order.itemId, quantity: 1, reason: 'changed_mind', photoIds: [] }],
      resolution: 'store_credit',
    }),
  });
  assert.equal(created.status, 201, 'the other device’s return');
}

describe('refusals: a return of an item already returned from another device', () => {
  const storefront = useStorefront();

  for (const language of languages) {
    it(`says the item was already returned, in ${language.how}, and keeps the return as typed`, async () => {
      const shopper = await openPanel(storefront.demo.origin, storefront.browser, language);
      const order = returnCases[language.tag];
      const comment = comments[language.tag];
      const { returns, messages } = await prepareReturn(shopper, language.tag, order, comment);
      await returnFromAnotherDevice(storefront.api, order);

      await returns.getByRole('button', { name: messages.submit }).click();
      await returns.getByText(messages.fixErrors).waitFor();
      assert.ok(shopper.answers.includes('422 /v1/returns'), 'the server refused the field');
      await returns
        .locator(`#field-items-${order.itemId}-itemId-error`)
        .getByText(messages.notReturnable.already_returned)
        .waitFor();
      assert.equal(await typed(returns.getByLabel(messages.comment)), comment);
      await shot(shopper.page, `already-returned-${language.tag}`);
      assert.deepEqual(shopper.errors, []);
      await shopper.context.close();
    });
  }
});

describe('refusals: the server goes away behind the storefront (5xx)', () => {
  const repo = resolve(import.meta.dirname, '../..');
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-refusals-'));
  // What `npm start`'s server keeps across a restart: its data folder and its secrets.
  const options: ServerOptions = {
    dataDir,
    demo: true,
    identitySecret: 'refusals-identity-secret',
  };
  let api: RunningServer;
  let port = 0;
  let demo: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;

  before(async () => {
    api = await startServer({ ...options, port: 0 });
    port = api.port;
    demo = await startDemoServer({ root: resolve(repo, 'demo/dist'), apiOrigin: api.origin });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    await api?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const returnsOf = (orderNumber: string) =>
    sqliteOf(api.deps)
      .prepare('SELECT COUNT(*) FROM returns JOIN orders ON orders.id = returns.order_id WHERE orders.number = ?')
      .pluck()
      .get(orderNumber) as number;

  for (const language of languages) {
    it(`keeps a return submitted while the server is down, says so in ${language.how}, and sends it once it is back`, async () => {
      const shopper = await openPanel(demo.origin, browser, language);
      const order = returnCases[language.tag];
      const comment = comments[language.tag];
      const { returns, messages } = await prepareReturn(shopper, language.tag, order, comment);
      const before = returnsOf(order.number);
      const status = returns.locator('[part~="status"]');

      // The server crashes; the storefront's proxy still answers, with a 5xx.
      await api.close();
      try {
        await returns.getByRole('button', { name: messages.submit }).click();
        await until(() => shopper.answers.some((answer) => /^5\d\d \/v1\/returns$/.test(answer)), true, 'a 5xx');
        await status.waitFor();
        await shot(shopper.page, `5xx-${language.tag}`);
        await status.getByText(messages.savedRetrying).waitFor();
        assert.equal(await status.getByText(messages.savedOffline).count(), 0, 'not told they are offline');
      } finally {
        // The server is back on the same address and data.
        api = await startServer({ ...options, port });
      }
      // The return is sent, once.
      await status.locator('.rma').waitFor({ timeout: 30_000 });
      assert.equal(returnsOf(order.number), before + 1, 'one return created');
      assert.deepEqual(shopper.errors, []);
      await shopper.context.close();
    });
  }

  const callbacksOf = (name: string) =>
    sqliteOf(api.deps).prepare('SELECT COUNT(*) FROM callbacks WHERE name = ?').pluck().get(name) as number;

  for (const language of languages) {
    it(`keeps a callback requested while the server is down, says so in ${language.how}, and books it once it is back`, async () => {
      const shopper = await openPanel(demo.origin, browser, language);
      const name = { en: 'Ana Lima (5xx)', 'zh-CN': '王芳（5xx）', ar: 'ليلى حداد (5xx)' }[language.tag];
      const { form, messages } = await fillCallback(shopper, language.tag, name, '');

      await api.close();
      try {
        await form.getByRole('button', { name: messages.submit }).click();
        await until(() => shopper.answers.some((answer) => /^5\d\d \/v1\/callbacks$/.test(answer)), true, 'a 5xx');
        await form.getByText(messages.savedRetrying).waitFor();
        assert.equal(await form.getByText(messages.sending).count(), 0, 'not still "sending"');
        assert.equal(await form.getByText(messages.savedOffline).count(), 0, 'not told they are offline');
        await shot(shopper.page, `5xx-callback-${language.tag}`);
      } finally {
        api = await startServer({ ...options, port });
      }
      await form.getByRole('heading', { name: messages.confirmedTitle }).waitFor({ timeout: 30_000 });
      assert.equal(callbacksOf(name), 1, 'one callback booked');
      assert.deepEqual(shopper.errors, []);
      await shopper.context.close();
    });
  }
});
