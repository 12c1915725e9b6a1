import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { CallbackSlot, Conversation } from '@kefu/core';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { returnableLine, shopperApi, signInAgent } from '../support/agent-console.js';
import { sqliteOf } from '../support/server-database.js';

/** A 1×1 PNG, the shopper's photo of a damaged item. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The agent console as a first-time agent meets it (issue 20): who asked for a return and what
 * they send back, a refused label address marked on the field, the CES scale's direction, closing
 * a chat, calling back at the promised time, and the sign-in card. Each test makes the shopper,
 * chat, survey answer or return it looks at (issue 29), so each passes alone and in any order;
 * console-desk.test.ts has the rest of the desk.
 */
describe('the agent console, as an agent uses it (Chromium, reference server)', () => {
  // Shoppers' chats are created at any hour the test runs.
  const storefront = useStorefront({ server: { chatAlwaysOpen: true } });

  /** A shopper's call to the contract, as the widget makes it. */
  const v1 = <T>(method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
    shopperApi(storefront.api.origin)<T>(method, path, options);

  async function signIn(viewport = { width: 1280, height: 860 }): Promise<Page> {
    const page = await storefront.browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('close', () => assert.deepEqual(errors, [], 'no script errors in the console'));
    // Another test's console may still be signed in as well: the count is not this test's to know.
    await signInAgent(page, `${storefront.api.origin}/agent`);
    return page;
  }

  it('shows the sign-in card in the middle of the window, not glued to its top', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${storefront.api.origin}/agent`);
    const card = page.locator('kefu-console-sign-in form');
    await card.waitFor();
    const box = await card.boundingBox();
    assert.ok(box);
    const below = 800 - (box.y + box.height);
    assert.ok(box.y >= 48, `the card starts ${box.y}px from the top`);
    assert.ok(Math.abs(box.y - below) <= 2, `centred: ${box.y}px above, ${below}px below`);
    await page.screenshot({ path: screenshotPath('console-sign-in-1280.png') });
    await page.close();
  });

  it('shows what a return sends back, who asked, and the photos full size; marks a refused label link', async () => {
    // A line no other test has returned, whichever ran before this one.
    const { seed, item, access } = await returnableLine(storefront.api.origin, { withVariant: true });
    const form = new FormData();
    form.append('file', new Blob([tinyPng], { type: 'image/png' }), 'damage.png');
    const uploaded = await fetch(`${storefront.api.origin}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access.accessToken}`, 'idempotency-key': crypto.randomUUID() },
      body: form,
    });
    assert.equal(uploaded.status, 201);
    const photo = (await uploaded.json()) as { id: string };
    const created = await v1<{ id: string; rma: string }>('POST', '/returns', {
      token: access.accessToken,
      body: {
        orderId: seed.order.id,
        items: [{ itemId: item.id, quantity: 1, reason: 'damaged', photoIds: [photo.id] }],
        resolution: 'refund',
      },
    });

    const page = await signIn();
    await page.getByRole('button', { name: 'Returns' }).click();
    const row = page.locator(`kefu-console-returns tr[data-id="${created.id}"]`);
    await row.waitFor();
    const items = row.locator('td').nth(2);
    assert.match(
      await items.innerText(),
      new RegExp(`1 × ${literally(item.name)} \\(${literally(item.variant ?? '')}\\)`),
    );
    assert.ok(!(await items.innerText()).includes(item.id), 'no order line id in sight');
    await row.getByRole('link', { name: seed.email }).waitFor();

    // The photo is a thumbnail that opens the full-size photo through the console's own route.
    const thumbnail = row.getByRole('link', { name: /Photo 1 of 1: .*open full size/ });
    assert.equal(await thumbnail.getAttribute('href'), `/agent/api/uploads/${photo.id}`);
    // Drawn means decoded: wait for the picture's load or error, whichever comes (an image always
    // ends in one), then ask whether it has pixels. Asking at once raced the download.
    const drawn = await thumbnail.locator('img').evaluate(
      (image: HTMLImageElement) =>
        new Promise<boolean>((resolve) => {
          if (image.complete) resolve(image.naturalWidth > 0);
          image.addEventListener('load', () => resolve(image.naturalWidth > 0), { once: true });
          image.addEventListener('error', () => resolve(false), { once: true });
        }),
    );
    assert.ok(drawn, 'the thumbnail shows the photo');
    const [full] = await Promise.all([page.waitForEvent('popup'), thumbnail.click()]);
    await full.waitForLoadState();
    assert.equal(new URL(full.url()).pathname, `/agent/api/uploads/${photo.id}`);
    await full.close();

    // A label address the server refuses is marked on the field, with its message beside it.
    await row.getByRole('button', { name: 'Approve…' }).click();
    const link = row.getByRole('textbox', { name: 'Label link' });
    await link.fill('ftp://labels.example/label.pdf');
    await row.getByRole('button', { name: 'Approve', exact: true }).click();
    await row.getByText('Enter the label’s http(s) address.').waitFor();
    assert.equal(await link.getAttribute('aria-invalid'), 'true');
    const focused = await link.evaluate((input) => input === (input.getRootNode() as ShadowRoot).activeElement);
    assert.equal(focused, true, 'the refused field has the focus');
    const description = await link.evaluate(
      (input) =>
        (input.getRootNode() as ShadowRoot).getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent,
    );
    assert.match(description ?? '', /Enter the label’s http\(s\) address\./);
    const border = await link.evaluate((input) => getComputedStyle(input).borderColor);
    assert.equal(border, 'rgb(179, 38, 30)', 'the field is drawn in the danger colour');
    await page.screenshot({ path: screenshotPath('console-returns-1280.png'), fullPage: true });

    await link.fill('https://labels.example/label.pdf');
    await row.getByRole('button', { name: 'Approve', exact: true }).click();
    await row.getByText('approved').waitFor();
    await page.close();
  });

  it('shows the article a chat came from beside the shopper’s words, never inside them', async () => {
    await v1<Conversation>('POST', '/conversations', {
      body: {
        name: 'Omar Haddad',
        email: 'omar.haddad@example.com',
        topic: 'I was charged twice',
        message: 'The refund never came.',
        context: { articleId: 'en-payment-charged-twice', articleTitle: 'I was charged twice' },
      },
    });
    const page = await signIn();
    await page.locator('kefu-console-queue').getByText('Omar Haddad').click();
    const view = page.locator('kefu-console-conversation');
    await view.getByText('Came from the article: I was charged twice').waitFor();
    await view.getByText('The refund never came.', { exact: true }).waitFor();
    assert.equal(await view.getByText('en-payment-charged-twice').count(), 0, 'no article id in the words');
    await page.close();
  });

  it('asks before closing a chat, and shows a closed chat as closed', async () => {
    const conversation = await v1<Conversation>('POST', '/conversations', {
      body: { name: 'Lena Schmidt', email: 'lena.schmidt@example.com', topic: 'Where is my parcel?' },
    });
    const page = await signIn();
    // Her own row: other tests' shoppers may still be waiting in the same queue.
    await page
      .locator('kefu-console-queue ul.waiting > li', { hasText: 'Lena Schmidt' })
      .getByRole('button', { name: 'Accept' })
      .click();
    const view = page.locator('kefu-console-conversation');
    await view.getByRole('textbox', { name: 'Reply' }).waitFor();

    await view.getByRole('button', { name: 'Close conversation' }).click();
    const dialog = view.getByRole('dialog', { name: 'Close this conversation?' });
    await dialog.waitFor();
    await page.screenshot({ path: screenshotPath('console-close-confirm-1280.png') });
    await dialog.getByRole('button', { name: 'Keep it open' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(
      sqliteOf(storefront.api.deps)
        .prepare('SELECT status FROM chat_conversations WHERE id = ?')
        .pluck()
        .get(conversation.id),
      'open',
    );

    await view.getByRole('button', { name: 'Close conversation' }).click();
    await dialog.getByRole('button', { name: 'Close conversation' }).click();
    await view
      .getByRole('status')
      .getByText(/This conversation is closed/)
      .waitFor();
    assert.equal(await view.getByRole('textbox', { name: 'Reply' }).count(), 0, 'no reply box on a closed chat');
    assert.equal(await view.getByText('Accept the conversation to reply').count(), 0);
    assert.equal(await view.getByRole('button', { name: 'Send' }).count(), 0);
    await page.screenshot({ path: screenshotPath('console-closed-chat-1280.png') });

    // Its survey comment names the conversation in words, and opens it.
    await v1('POST', '/surveys/responses', {
      body: {
        kind: 'csat',
        score: 5,
        comment: 'Quick and kind',
        subject: { type: 'conversation', id: conversation.id },
      },
    });
    await v1('POST', '/surveys/responses', {
      body: { kind: 'ces', score: 6, subject: { type: 'store', id: 'store' } },
    });
    await page.getByRole('button', { name: 'Surveys' }).click();
    const comments = page.getByRole('region', { name: 'Latest comments' });
    await comments.getByText('Quick and kind').waitFor();
    assert.ok(!(await comments.innerText()).includes(conversation.id), 'no raw conversation id');
    const ces = page.getByRole('region', { name: 'CES' });
    assert.match(await ces.innerText(), /higher is easier/);
    assert.doesNotMatch(await ces.innerText(), /lower is easier/);
    await page.screenshot({ path: screenshotPath('console-surveys-1280.png'), fullPage: true });
    await comments.getByRole('button', { name: 'Conversation with Lena Schmidt · Where is my parcel?' }).click();
    await view.getByRole('heading', { name: 'Lena Schmidt' }).waitFor();
    await page.close();
  });

  it('calls back at the promised time: tel: link, store time, no “Called” before the slot, and undo', async () => {
    const { slots } = await v1<{ slots: CallbackSlot[] }>(
      'GET',
      `/callbacks/slots?from=${new Date().toISOString().slice(0, 10)}&days=7`,
    );
    const slot = slots[0];
    assert.ok(slot);
    const later = await v1<{ id: string }>('POST', '/callbacks', {
      body: {
        name: 'Ana Lima',
        phone: '+33612345678',
        slot: slot.start,
        timezone: 'America/New_York',
        topic: 'Delivery',
        consent: true,
      },
    });
    // A callback whose slot began ten minutes ago, as one booked days before would be.
    const dueId = 'cb_e2e_due';
    const dueStart = Date.now() - 10 * 60_000;
    sqliteOf(storefront.api.deps)
      .prepare(
        `INSERT INTO callbacks (id, status, slot_start, slot_end, name, phone, timezone, topic, order_number, cancel_token_hash, created_at)
         VALUES (?, 'scheduled', ?, ?, 'Priya Patel', '+44 20 7946 0958', 'Europe/London', 'Exchange', NULL, 'x', ?)`,
      )
      .run(dueId, dueStart, dueStart + 30 * 60_000, new Date(dueStart - 86_400_000).toISOString());

    const page = await signIn();
    await page.getByRole('button', { name: 'Callbacks' }).click();
    const future = page.locator(`kefu-console-callbacks tr[data-id="${later.id}"]`);
    await future.waitFor();
    assert.equal(await future.getByRole('link', { name: '+33612345678' }).getAttribute('href'), 'tel:+33612345678');
    // The slot as the shopper was offered it: in the store's time, in the agent's locale.
    const storeTime = await page.evaluate(
      (start) =>
        new Date(start).toLocaleTimeString([], { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }),
      slot.start,
    );
    const whenCell = await future.locator('td').first().innerText();
    assert.match(whenCell, /store time \(Europe\/Paris\)/);
    assert.ok(whenCell.includes(storeTime), `${whenCell} shows ${storeTime}`);
    assert.equal(await future.getByRole('button', { name: 'Called' }).isDisabled(), true);
    await future.getByText('You can record the call once its time has come.').waitFor();

    const due = page.locator(`kefu-console-callbacks tr[data-id="${dueId}"]`);
    assert.equal(await due.getByRole('link', { name: '+44 20 7946 0958' }).getAttribute('href'), 'tel:+442079460958');
    await due.getByRole('button', { name: 'Called' }).click();
    await due.getByText('called', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('console-callbacks-1280.png'), fullPage: true });
    await due.getByRole('button', { name: 'Undo “called”' }).click();
    await due.getByText('to call', { exact: true }).waitFor();
    assert.equal(
      sqliteOf(storefront.api.deps).prepare('SELECT status FROM callbacks WHERE id = ?').pluck().get(dueId),
      'scheduled',
    );
    await page.close();
  });
});

function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
