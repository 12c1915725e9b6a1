import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { until } from '../support/until.js';
import { signInAgent } from '../support/agent-console.js';
import { sqliteOf } from '../support/server-database.js';

/**
 * Live chat end to end: a shopper on the built demo storefront chats through the widget's
 * <kefu-chat>; an agent in a second page, the console at /agent, accepts and replies; then the
 * sockets drop while both keep typing, and every message arrives once and in order — on the
 * shopper's screen, in the console and in the server's database alike.
 */
describe('live chat: the demo’s widget and the agent console (Chromium, reference server)', () => {
  // The demo must chat at any hour the test runs.
  // The storefront as `npm start` serves it: the pages' own data-api-base="/v1", WebSocket included,
  // and chat open whatever the time (KEFU_CHAT_ALWAYS_OPEN=1).
  const storefront = useStorefront({ server: { chatAlwaysOpen: true } });

  const latestConversationId = () =>
    sqliteOf(storefront.api.deps)
      .prepare('SELECT id FROM chat_conversations ORDER BY rowid DESC LIMIT 1')
      .pluck()
      .get() as string;
  const serverTexts = (conversationId: string) =>
    sqliteOf(storefront.api.deps)
      .prepare('SELECT text FROM chat_messages WHERE conversation_id = ? ORDER BY seq')
      .pluck()
      .all(conversationId) as string[];
  /** The bubbles <kefu-chat> shows, in order (the few messages of this test are all in its window). */
  const shopperTexts = (page: Page) => page.locator('kefu-chat li[data-key] .bubble > p').allTextContents();
  const shopperStates = (page: Page) => page.locator('kefu-chat li.shopper .state').allTextContents();
  const consoleTexts = (page: Page) =>
    page.locator('kefu-console-conversation li.message[data-seq] .text').allTextContents();

  async function openShopper(viewport: { width: number; height: number }) {
    const context = await storefront.browser.newContext({ viewport });
    const page = await context.newPage();
    return { context, page };
  }

  it('chats, is answered live, and survives dropped sockets with every message once and in order', async () => {
    const { context: shopperContext, page: shopper } = await openShopper({ width: 1280, height: 800 });
    const agentContext = await storefront.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    const problems: string[] = [];
    for (const page of [shopper, agent]) {
      page.on('pageerror', (error) => problems.push(error.message));
    }
    const sockets = { shopper: 0 };
    shopper.on('websocket', (socket) => {
      assert.doesNotMatch(socket.url(), /[?&]|token/i, 'no token in the stream URL');
      assert.ok(socket.url().startsWith(`${storefront.demo.origin.replace('http', 'ws')}/v1/`), socket.url());
      sockets.shopper += 1;
    });

    // The agent is signed in and waiting.
    await signInAgent(agent, `${storefront.api.origin}/agent`, undefined, { online: 1 });

    // The shopper opens the widget on the demo and goes to chat.
    await shopper.goto(`${storefront.demo.origin}/`);
    await shopper.locator('kefu-launcher button').click();
    await shopper
      .locator('kefu-widget')
      .getByRole('button', { name: /Chat with us/ })
      .first()
      .click();
    const chat = shopper.locator('kefu-chat');
    await chat.getByText('1 agent online').waitFor();
    await chat.getByLabel('Name').fill('Ana Garcia');
    await chat.getByLabel('Email').fill('ana.garcia@example.com');
    await chat.getByLabel('Topic').fill('Where is my order?');
    await chat.getByLabel('Order number (optional)').fill('MM-1001');
    await chat.getByLabel('How can we help?').fill('Hello, my parcel has not arrived.');
    await shopper.screenshot({ path: screenshotPath('chat-prechat-1280.png') });
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await chat.getByLabel('Message', { exact: true }).waitFor();
    const conversationId = latestConversationId();

    // The agent accepts and replies; the shopper sees it join and answer without a reload.
    await agent.getByText('order MM-1001').waitFor();
    await agent.getByRole('button', { name: 'Accept' }).first().click();
    await chat.getByText('Chatting with Mei').waitFor();
    await chat.getByLabel('Message', { exact: true }).fill('Any news?');
    await agent.getByText('Ana Garcia is typing…').waitFor();
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await agent.getByLabel('Reply').fill('Hello Ana, I am looking at it now.');
    await chat.getByText('Mei is typing…').waitFor();
    await agent.getByRole('button', { name: 'Send' }).click();
    await until(
      () => shopperTexts(shopper),
      ['Hello, my parcel has not arrived.', 'Any news?', 'Hello Ana, I am looking at it now.'],
      'the shopper sees the reply',
    );
    // The agent's console has it open: the shopper's messages are read.
    await until(async () => (await shopperStates(shopper)).includes('Read'), true, 'a read receipt');
    await shopper.screenshot({ path: screenshotPath('chat-conversation-1280.png') });

    // The connections drop; both sides keep writing while they are down.
    assert.ok(storefront.api.services.sockets.drop({ conversationId, agents: true }) >= 2, 'both sockets were open');
    await chat.getByLabel('Message', { exact: true }).fill('Are you still there?');
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await agent.getByLabel('Reply').fill('Yes: it left the depot this morning.');
    await agent.getByLabel('Reply').press('Enter');
    await chat.getByLabel('Message', { exact: true }).fill('Great, thank you!');
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await agent.getByLabel('Reply').fill('You are welcome.');
    await agent.getByRole('button', { name: 'Send' }).click();

    const expected = [
      'Hello, my parcel has not arrived.',
      'Any news?',
      'Hello Ana, I am looking at it now.',
      'Are you still there?',
      'Yes: it left the depot this morning.',
      'Great, thank you!',
      'You are welcome.',
    ];
    await until(() => serverTexts(conversationId).length, expected.length, 'the server stored them all');
    const stored = serverTexts(conversationId);
    assert.deepEqual([...stored].sort(), [...expected].sort(), 'each message stored once');
    // Messages written at the same moment on both sides are ordered by the server: every view shows its order.
    await until(() => shopperTexts(shopper), stored, 'the shopper’s transcript is the server’s');
    await until(() => consoleTexts(agent), stored, 'the console’s transcript is the server’s');
    await until(
      async () => (await shopperStates(shopper)).some((state) => /Sending|Waiting/.test(state)),
      false,
      'all sent',
    );
    assert.ok(sockets.shopper >= 2, 'the shopper’s widget reconnected');
    await shopper.screenshot({ path: screenshotPath('chat-after-reconnect-1280.png') });

    // A reload shows the conversation at once and keeps it live.
    await shopper.reload();
    await shopper.locator('kefu-launcher button').click();
    await shopper
      .locator('kefu-widget')
      .getByRole('button', { name: /Chat with us|Mei|conversation/i })
      .first()
      .click();
    await until(() => shopperTexts(shopper), stored, 'the transcript after a reload');
    await agent.getByLabel('Reply').fill('Anything else?');
    await agent.getByRole('button', { name: 'Send' }).click();
    await until(async () => (await shopperTexts(shopper)).at(-1), 'Anything else?', 'live after the reload');

    // Ending offers the CSAT survey.
    await chat.getByRole('button', { name: 'End chat' }).click();
    await chat.getByRole('button', { name: 'End chat' }).click();
    await chat.getByText('This chat has ended.').waitFor();
    await chat.getByRole('button', { name: 'Rate this chat' }).waitFor();
    await shopper.screenshot({ path: screenshotPath('chat-ended-1280.png') });
    await chat.getByRole('button', { name: 'Rate this chat' }).click();
    await shopper.locator('kefu-survey').waitFor();

    assert.deepEqual(problems, [], 'no page errors');
    await shopperContext.close();
    await agentContext.close();
  });

  it('looks right on a phone (375 px)', async () => {
    const { context, page } = await openShopper({ width: 375, height: 740 });
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').click();
    await page
      .locator('kefu-widget')
      .getByRole('button', { name: /Chat with us/ })
      .first()
      .click();
    const chat = page.locator('kefu-chat');
    // No agent is signed in now (the first test's console has closed): the widget says so, with
    // no wait promised, and the shopper may still start a chat that waits in the queue.
    await chat.getByRole('button', { name: 'Chat anyway' }).waitFor();
    assert.equal(await chat.getByText(/Expected wait/).count(), 0, 'no wait promised with nobody online');
    await page.screenshot({ path: screenshotPath('chat-nobody-online-375.png') });
    await chat.getByRole('button', { name: 'Chat anyway' }).click();
    await chat.getByLabel('Name').waitFor();
    await page.screenshot({ path: screenshotPath('chat-prechat-375.png') });
    await chat.getByLabel('Name').fill('Li Wei');
    await chat.getByLabel('Email').fill('li.wei@example.com');
    await chat.getByLabel('How can we help?').fill('Can I change the **size** of my order?');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await chat.getByLabel('Message', { exact: true }).waitFor();
    await chat.getByLabel('Message', { exact: true }).fill('Order MM-1002, see https://example.com/orders');
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await chat.locator('li.shopper a[href="https://example.com/orders"]').waitFor();
    await page.screenshot({ path: screenshotPath('chat-conversation-375.png') });
    await context.close();
  });
});
