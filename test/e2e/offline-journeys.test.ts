import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { useStorefront } from '../support/storefront.js';
import { until } from '../support/until.js';
import { signInAgent } from '../support/agent-console.js';
import { sqliteOf } from '../support/server-database.js';

/**
 * "Nothing a shopper submits is lost", where shoppers meet it: the demo storefront's widget against
 * the reference server. In each journey the connection drops mid-flow, the shopper submits, reloads
 * while still offline, and comes back; what they submitted reaches the server exactly once.
 *
 * The reload offline: the demo has no service worker, so a real browser shows its own "no internet"
 * page — and so does this test (the reload fails with ERR_INTERNET_DISCONNECTED). The shopper
 * loads the page again once back online; what they submitted was kept in the browser's storage, and
 * the widget sends it when they open it.
 */
describe('offline journeys: submitted offline, reloaded, sent once (Chromium, reference server)', () => {
  // The server's clock runs ahead when a journey needs time to pass (a long ride offline).
  let serverSkewMs = 0;
  const storefront = useStorefront({
    server: { chatAlwaysOpen: true, now: () => Date.now() + serverSkewMs },
  });
  const db = () => sqliteOf(storefront.api.deps);

  async function openShopper(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await storefront.browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
    return { context, page, errors };
  }

  /**
   * The shopper, still offline, reloads (the browser's offline page), then comes back online and
   * loads the storefront again, opening the widget to see what became of what they sent.
   */
  async function reloadOfflineThenReturn(context: BrowserContext, page: Page): Promise<void> {
    await assert.rejects(page.reload(), /ERR_INTERNET_DISCONNECTED/, 'the page itself does not load offline');
    await context.setOffline(false);
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
  }

  /** The statuses of the page's outbox items, as kept in IndexedDB (`kefu` / `kv`, keys `outbox/…`). */
  const outboxStatuses = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const opening = indexedDB.open('kefu');
          opening.onerror = () => reject(opening.error ?? new Error('indexedDB.open failed'));
          opening.onsuccess = () => {
            const database = opening.result;
            const store = database.transaction('kv', 'readonly').objectStore('kv');
            const all = store.getAll(IDBKeyRange.bound('outbox/', 'outbox/\uffff'));
            all.onerror = () => reject(all.error ?? new Error('getAll failed'));
            all.onsuccess = () => {
              database.close();
              resolve(
                (all.result as unknown[]).map((value) => /"status":"(\w+)"/.exec(JSON.stringify(value))?.[1] ?? '?'),
              );
            };
          };
        }),
    );

  /**
   * Waits, bounded, until the server has `expected`, then until the page's outbox has nothing left
   * to send (so no second copy can still be on its way), and checks the server again.
   */
  async function arrivesOnce(page: Page, count: () => number, expected: number, what: string): Promise<void> {
    await until(count, expected, what);
    await until(async () => (await outboxStatuses(page)).includes('pending'), false, 'the outbox has settled');
    assert.ok((await outboxStatuses(page)).includes('sent'), 'the submission went through the outbox');
    assert.equal(count(), expected, `${what}, and no more`);
  }

  it('a return submitted offline reaches the server once, hours after its order token expired', async () => {
    const { context, page, errors } = await openShopper();
    await page.getByRole('button', { name: 'Start a return' }).click();
    const returns = page.locator('kefu-returns');
    await returns.getByLabel('Order number').fill('MM-1004');
    await returns.getByLabel('Email address or postal code').fill('ana.garcia@example.com');
    await returns.getByRole('button', { name: 'Find order' }).click();
    await returns.getByRole('heading', { name: 'Return items from order MM-1004' }).waitFor();
    await returns.locator('#field-items-item_1004_2-itemId').check();
    await returns.locator('#field-items-item_1004_2-reason').selectOption('changed_mind');
    await returns.getByRole('radio', { name: /Refund/ }).check();
    await returns.getByRole('button', { name: 'Review return' }).click();
    await returns.getByRole('heading', { name: 'Check your return' }).waitFor();

    const count = () =>
      db().prepare("SELECT count(*) FROM returns WHERE order_id = 'ord_1004'").pluck().get() as number;
    const before = count();
    await context.setOffline(true);
    await returns.getByRole('button', { name: 'Submit return' }).click();
    await returns.locator('[part~="status"]').waitFor();
    assert.equal(count(), before, 'nothing reached the server while offline');

    // A long train ride: the order's access token (30 minutes) has expired when the shopper is back.
    serverSkewMs = 3 * 60 * 60_000;
    try {
      await reloadOfflineThenReturn(context, page);
      await arrivesOnce(page, count, before + 1, 'the return reached the server');
    } finally {
      serverSkewMs = 0;
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a chat message written offline reaches the server once', async () => {
    const agentContext = await storefront.browser.newContext();
    const agent = await agentContext.newPage();
    await signInAgent(agent, `${storefront.api.origin}/agent`);

    const { context, page, errors } = await openShopper();
    await page
      .locator('kefu-widget')
      .getByRole('button', { name: /Chat with us/ })
      .first()
      .click();
    const chat = page.locator('kefu-chat');
    await chat.getByLabel('Name').fill('Ana Offline');
    await chat.getByLabel('Email').fill('ana.garcia@example.com');
    await chat.getByLabel('Topic').fill('Delivery');
    await chat.getByLabel('How can we help?').fill('Hello, one question.');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await chat.getByLabel('Message', { exact: true }).waitFor();
    const conversationId = db()
      .prepare("SELECT id FROM chat_conversations WHERE shopper_name = 'Ana Offline' ORDER BY rowid DESC LIMIT 1")
      .pluck()
      .get() as string;
    const text = 'Written in a tunnel';
    const count = () =>
      db()
        .prepare('SELECT count(*) FROM chat_messages WHERE conversation_id = ? AND text = ?')
        .pluck()
        .get(conversationId, text) as number;

    await context.setOffline(true);
    await chat.getByLabel('Message', { exact: true }).fill(text);
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await chat.getByText(text).waitFor();
    assert.equal(count(), 0, 'nothing reached the server while offline');

    await reloadOfflineThenReturn(context, page);
    await arrivesOnce(page, count, 1, 'the message reached the server');
    assert.deepEqual(errors, []);
    await context.close();
    await agentContext.close();
  });

  it('a callback requested offline reaches the server once', async () => {
    const { context, page, errors } = await openShopper();
    await page.locator('kefu-widget').getByRole('button', { name: 'Call me back' }).click();
    const form = page.locator('kefu-callback');
    await form.locator('input[name="slot"]').first().waitFor();
    await form.getByLabel('Your name').fill('Ana Offline Call');
    await form.getByLabel('Phone number').fill('+33 6 12 34 56 78');
    await form.getByLabel('Phone number').press('Tab');
    await form.locator('button.next').click();
    await form.getByLabel('I agree to be called').check();

    const count = () =>
      db().prepare("SELECT count(*) FROM callbacks WHERE name = 'Ana Offline Call'").pluck().get() as number;
    await context.setOffline(true);
    await form.getByRole('button', { name: 'Request the call' }).click();
    await form.getByRole('heading').first().waitFor();
    assert.equal(count(), 0, 'nothing reached the server while offline');

    await reloadOfflineThenReturn(context, page);
    await arrivesOnce(page, count, 1, 'the callback request reached the server');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a survey answered offline reaches the server once', async () => {
    const { context, page, errors } = await openShopper();
    const count = () =>
      db()
        .prepare("SELECT count(*) FROM survey_responses WHERE comment = 'Answered on a train'")
        .pluck()
        .get() as number;
    await page.evaluate(() => (window as unknown as { Kefu: (...a: unknown[]) => unknown }).Kefu('survey', 'nps'));
    const survey = page.locator('kefu-survey');
    await survey.getByRole('group', { name: /recommend Maple & Moss/ }).waitFor();
    await survey.getByRole('radio', { name: '8' }).check();
    await survey.getByLabel(/Anything you would like to add/).fill('Answered on a train');

    await context.setOffline(true);
    await survey.getByRole('button', { name: 'Send' }).click();
    await survey.getByText('Thank you for your feedback!').waitFor();
    assert.equal(count(), 0, 'nothing reached the server while offline');

    await reloadOfflineThenReturn(context, page);
    await arrivesOnce(page, count, 1, 'the answer reached the server');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
