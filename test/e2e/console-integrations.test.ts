import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { signInAgent } from '../support/agent-console.js';
import { startReceiver, type TestReceiver } from '../../packages/server/src/webhooks/receiver.test-support.js';

/**
 * The console's integration screens (issue 22, decision 0022), as a store's admin uses them: an API
 * key made in the console opens /admin/v1 until it is revoked, and a webhook added in the console
 * shows its secret once and then its deliveries, with the attempts a failing receiver cost.
 */
describe('the API keys and webhooks screens of the agent console (Chromium, reference server)', () => {
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startReceiver();
  });
  after(() => receiver.close());
  // The receiver is on 127.0.0.1, and its retries come after 200 ms rather than 10 s.
  const storefront = useStorefront({
    server: { webhooks: { allowPrivate: true, pollMs: 50, retryDelaysMs: [200, 200, 200] } },
  });

  const admin = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${storefront.api.origin}/admin/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** Clicks the screen's Refresh until `text` shows in `scope` (bounded: 15 s). */
  async function refreshUntil(page: Page, scope: string, text: string): Promise<void> {
    const screen = page.locator(scope);
    for (const deadline = Date.now() + 15_000; ; await delay(200)) {
      if ((await screen.getByText(text, { exact: true }).count()) > 0) return;
      if (Date.now() > deadline) assert.fail(`"${text}" never showed in ${scope}`);
      await screen.getByRole('button', { name: 'Refresh' }).click();
    }
  }

  it('makes a key that pushes an order through /admin/v1, shows its last use, and revokes it', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInAgent(page, `${storefront.api.origin}/agent`);
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('button', { name: 'API keys' }).click();
    const screen = page.locator('kefu-console-keys');
    await screen.getByText('No keys yet.').waitFor();

    await screen.getByLabel('Name').fill('shop sync');
    await screen.getByRole('checkbox', { name: /orders:write/ }).check();
    await screen.getByRole('button', { name: 'Create key' }).click();
    const shown = screen.getByRole('textbox', { name: 'Key for shop sync' });
    await shown.waitFor();
    const key = await shown.inputValue();
    assert.match(key, /^kfk_[\w-]{43}$/);
    await page.screenshot({ path: screenshotPath('console-keys-created-1280.png') });

    const pushed = await admin('PUT', '/orders/MM-9001', key, {
      updatedAt: '2026-11-23T10:05:00Z',
      placedAt: '2026-11-20T09:00:00Z',
      customer: { email: 'robin@example.org', postalCode: '1012 AB' },
      shippingAddress: { city: 'Amsterdam', country: 'NL' },
      items: [
        { id: 'l1', productId: 'p_mug', name: 'Harbour mug', quantity: 1, price: { amount: 1800, currency: 'EUR' } },
      ],
    });
    assert.equal(pushed.status, 201, await pushed.clone().text());
    // Only the scopes it was given: no webhooks.
    assert.equal((await admin('GET', '/webhooks', key)).status, 403);

    await screen.getByRole('button', { name: 'Done' }).click();
    assert.equal(await shown.count(), 0, 'the key is not shown again');
    // Its last use shows once the list is read again (Refresh answers asynchronously: poll, bounded).
    const row = screen.locator('tr', { hasText: 'shop sync' });
    const lastUsed = row.locator('td').nth(3);
    for (const deadline = Date.now() + 15_000; ((await lastUsed.textContent()) ?? '').trim() === 'never';) {
      assert.ok(Date.now() < deadline, 'the key’s last use never showed');
      await screen.getByRole('button', { name: 'Refresh' }).click();
      await delay(200);
    }
    assert.match((await lastUsed.textContent()) ?? '', /\d/, 'its last use is a time');

    await row.getByRole('button', { name: 'Revoke…' }).click();
    await row.getByRole('button', { name: 'Revoke shop sync' }).click();
    await row.getByText(/^revoked/).waitFor();
    assert.equal((await admin('PUT', '/orders/MM-9001', key, {})).status, 401);
    await page.close();
    assert.deepEqual(errors, [], 'no script errors in the console');
  });

  it('adds a webhook, shows its secret once, and lists a delivery with the attempts it took', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInAgent(page, `${storefront.api.origin}/agent`);
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByRole('button', { name: 'Webhooks' }).click();
    const screen = page.locator('kefu-console-webhooks');
    await screen.getByText('No webhooks yet.').waitFor();

    // A loopback address is only allowed because this server says so; a wrong one is refused.
    await screen.getByLabel('Address (https://…)').fill('ftp://shop.example/hooks');
    await screen.getByRole('checkbox', { name: 'survey.answered' }).check();
    await screen.getByRole('button', { name: 'Add webhook' }).click();
    await screen.getByText('Only http and https addresses.').waitFor();

    await screen.getByLabel('Address (https://…)').fill(receiver.url);
    await screen.getByLabel('Description').fill('CRM');
    await screen.getByRole('button', { name: 'Add webhook' }).click();
    const secret = screen.getByRole('textbox', { name: `Signing secret for ${receiver.url}` });
    await secret.waitFor();
    assert.match(await secret.inputValue(), /^whsec_/);

    // The receiver fails once; a shopper then answers a survey in the widget's way.
    receiver.answers = [500];
    const answered = await fetch(`${storefront.api.origin}/v1/surveys/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ kind: 'csat', score: 5, subject: { type: 'store', id: 'demo' } }),
    });
    assert.equal(answered.status, 201);
    await receiver.waitFor(2);

    const row = screen.locator('tr', { hasText: receiver.url });
    await row.getByRole('button', { name: 'Deliveries' }).click();
    await refreshUntil(page, 'kefu-console-webhooks', 'delivered');
    const delivery = screen.locator('section[aria-label="Deliveries"] tbody tr').first();
    assert.match((await delivery.textContent()) ?? '', /survey\.answered/);
    assert.equal((await delivery.locator('td').nth(2).textContent())?.trim(), '2', 'two attempts');
    assert.equal((await delivery.locator('td').nth(3).textContent())?.trim(), '200', 'the last answer');
    await page.screenshot({ path: screenshotPath('console-webhooks-deliveries-1280.png') });

    await row.getByRole('button', { name: 'Remove…' }).click();
    await row.getByRole('button', { name: 'Remove it' }).click();
    await screen.getByText('No webhooks yet.').waitFor();
    await page.close();
    assert.deepEqual(errors, [], 'no script errors in the console');
  });
});
