import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { sign } from 'hono/jwt';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { until } from '../support/until.js';
import { signInAgent } from '../support/agent-console.js';

/** A real 120 × 80 PNG (a check pattern): the reference server checks uploads by their content. */
const photo = {
  name: 'parcel.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAHgAAABQCAYAAADSm7GJAAAA40lEQVR42u3csQ0AEBCGUSMazGCGsIFazRAuF5FXXP/ne60ovdUdeWuO0LPv7oqAgAUEDBgwYMCAAdsH2D7AgAUELCBgwIABA7YPsH2AAQsIWEDAgAEDTgUG8vc+wIAFBAwYMGDAgAHbB9g+wIAFBCwgYMCAAQO2D7B9gAELCFhAwIABA84FBuJVpYCAAQMGDBgwYPsA2wcYsICABQQMGDBgwPYBtg8wYAEBCwgYMGDAgAH7J8s+ryrtAwxYQMCAAQMGDBiwfYDtAwxYQMACAgYMGDBgwIDtAwxYQMACAgb84L4D74RpeoruG1UAAAAASUVORK5CYII=',
    'base64',
  ),
};
const IDENTITY_SECRET = 'e2e-chat-history-identity-secret';

/** What the store's own server does when its customer signs in: an HS256 JWT, sub = customer id. */
const identityFor = (customerId: string) =>
  sign({ sub: customerId, exp: Math.floor(Date.now() / 1000) + 3600 }, IDENTITY_SECRET, 'HS256');

/**
 * A signed-in shopper's chat history on any device: Ana chats on her laptop; later, on her phone
 * (a browser with nothing stored), the widget's home lists that conversation, opens it with every
 * message, and she goes on chatting there. Another customer signed in on a third device sees none
 * of it.
 */
/**
 * Both ways a store points the widget at its server, each through every transport (fetch, the
 * photo upload, the chat's WebSocket): the demo's relative `data-api-base="/v1"` as `npm start`
 * serves it, and an absolute apiBase on another origin (the API on its own host, CORS allowed).
 */
const apiPlacements = [
  { name: 'relative /v1 on the storefront’s origin, as npm start serves it', ownOrigin: false },
  { name: 'an absolute apiBase on another origin', ownOrigin: true },
] as const;

for (const placement of apiPlacements)
  describe(`a signed-in shopper’s conversations on another device, API at ${placement.name} (Chromium, reference server)`, () => {
    const storefront = useStorefront({
      server: { identitySecret: IDENTITY_SECRET, chatAlwaysOpen: true },
      serverOnItsOwnOrigin: placement.ownOrigin,
    });
    /** Where the page's widget should reach the API: the demo's own "/v1", or the server's origin. */
    const apiBaseOf = () => (placement.ownOrigin ? `${storefront.api.origin}/v1` : '/v1');

    const bubbles = (page: Page) => page.locator('kefu-chat li[data-key] .bubble > p').allTextContents();

    /** A browser of its own (its own IndexedDB), where the store signed the given customer in. */
    async function device(customerId: string, viewport: { width: number; height: number }) {
      const context: BrowserContext = await storefront.browser.newContext({ viewport });
      const token = await identityFor(customerId);
      // The store signs its customer in with Kefu's command queue, before the loader runs; the API's
      // place is the page's own "/v1" or, for the other origin, set the same way.
      // A string, not a function: tsx's transform would add helpers the page does not have.
      const init = placement.ownOrigin ? `window.Kefu('init', { apiBase: ${JSON.stringify(apiBaseOf())} });` : '';
      await context.addInitScript(
        `window.Kefu = function () { (window.Kefu.q = window.Kefu.q || []).push(arguments); };
       ${init}
       window.Kefu('identify', { token: ${JSON.stringify(token)} });`,
      );
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${storefront.demo.origin}/`);
      await page.locator('kefu-launcher button').click();
      return { context, page, problems };
    }

    it('lists the conversation on a second device, opens it with every message and chats on', async () => {
      const agentContext = await storefront.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const agent = await agentContext.newPage();
      await signInAgent(agent, `${storefront.api.origin}/agent`, undefined, { online: 1 });

      // The laptop: Ana starts a chat and is answered.
      const laptop = await device('cus_ana', { width: 1280, height: 800 });
      await laptop.page
        .locator('kefu-widget')
        .getByRole('button', { name: /Chat with us/ })
        .first()
        .click();
      const laptopChat = laptop.page.locator('kefu-chat');
      await laptopChat.getByLabel('Name').fill('Ana Garcia');
      await laptopChat.getByLabel('Email').fill('ana.garcia@example.com');
      await laptopChat.getByLabel('Topic').fill('Delivery');
      await laptopChat.getByLabel('How can we help?').fill('Where is my parcel?');
      await laptopChat.getByRole('button', { name: 'Start chat' }).click();
      await laptopChat.getByLabel('Message', { exact: true }).waitFor();
      await agent.getByRole('button', { name: 'Accept' }).first().click();
      await laptopChat.getByText('Chatting with Mei').waitFor();
      await agent.getByLabel('Reply').fill('It is out for delivery today.');
      await agent.getByRole('button', { name: 'Send' }).click();
      await until(() => bubbles(laptop.page), ['Where is my parcel?', 'It is out for delivery today.'], 'the laptop');

      // Ana sends a photo of the parcel's label.
      await laptopChat.locator('input[type="file"]').setInputFiles(photo);
      await laptopChat.locator('.pending li').waitFor();
      await until(() => laptopChat.locator('.pending progress').count(), 0, 'the upload');
      await laptopChat.getByLabel('Message', { exact: true }).fill('This is the label.');
      await laptopChat.getByLabel('Message', { exact: true }).press('Enter');
      await agent.getByText('This is the label.').waitFor();
      // The agent sees it through the console's own route, behind their session.
      const agentImage = agent.getByRole('img', { name: 'parcel.png' });
      assert.match((await agentImage.getAttribute('src')) ?? '', /^\/agent\/api\/uploads\/upl_\w+$/);
      await until(
        () => agentImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
        120,
        'the console',
      );
      const sent = ['Where is my parcel?', 'It is out for delivery today.', 'This is the label.'];
      await until(() => bubbles(laptop.page), sent, 'the laptop');

      // The phone: nothing stored, the same customer signed in.
      const phone = await device('cus_ana', { width: 375, height: 740 });
      const home = phone.page.locator('kefu-widget');
      await home.getByRole('heading', { name: 'Recent conversations' }).waitFor();
      const card = home.getByRole('button', { name: /Chat with Mei/ });
      await card.getByText('This is the label.').waitFor();
      await phone.page.screenshot({
        path: screenshotPath(`chat-history-home-375${placement.ownOrigin ? '-cross-origin' : ''}.png`),
      });
      await card.click();
      const phoneChat = phone.page.locator('kefu-chat');
      await until(() => bubbles(phone.page), sent, 'the phone');
      // The photo came from the laptop: the phone shows it from the server's address for it.
      const image = phoneChat.getByRole('img', { name: 'Attachment: parcel.png' });
      await image.scrollIntoViewIfNeeded();
      const src = (await image.getAttribute('src')) ?? '';
      // An absolute address (the photo's link is kept in the message), below wherever the API is.
      const filesBase = placement.ownOrigin ? storefront.api.origin : storefront.demo.origin;
      assert.ok(src.startsWith(`${filesBase}/v1/files/upl_`) && src.includes('?sig='), src);
      await until(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), 120, 'the photo');

      // Chatting on from the phone reaches the agent and the laptop, once each.
      await phoneChat.getByLabel('Message', { exact: true }).fill('Thank you, I will be home.');
      await phoneChat.getByLabel('Message', { exact: true }).press('Enter');
      await agent.getByText('Thank you, I will be home.').waitFor();
      const transcript = [...sent, 'Thank you, I will be home.'];
      await until(() => bubbles(laptop.page), transcript, 'the laptop hears the phone');
      await agent.getByLabel('Reply').fill('Great!');
      await agent.getByRole('button', { name: 'Send' }).click();
      await until(() => bubbles(phone.page), [...transcript, 'Great!'], 'the phone is live');
      await phone.page.screenshot({
        path: screenshotPath(`chat-history-resumed-375${placement.ownOrigin ? '-cross-origin' : ''}.png`),
      });

      // Another customer on a third device sees no conversation of Ana's.
      const stranger = await device('cus_wang', { width: 1280, height: 800 });
      await stranger.page
        .locator('kefu-widget')
        .getByRole('button', { name: /Track an order/ })
        .waitFor();
      // Home renders before its list of conversations arrives: wait for the list's answer (a
      // resource entry is there once the response is whole), then for the page to render it.
      const listAnswered = () =>
        stranger.page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .some((entry) => new URL(entry.name).pathname.endsWith('/v1/conversations')),
        );
      await until(listAnswered, true, 'the stranger’s conversations listed');
      await stranger.page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(undefined)))),
      );
      assert.equal(await stranger.page.locator('kefu-widget').getByText('Recent conversations').count(), 0);

      assert.deepEqual([...laptop.problems, ...phone.problems, ...stranger.problems], [], 'no page errors');
      for (const context of [laptop.context, phone.context, stranger.context, agentContext]) await context.close();
    });
  });
