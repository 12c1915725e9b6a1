import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { en as widgetWords } from '../../packages/elements/src/i18n/messages.js';
import { chatMessages } from '../../packages/elements/src/components/chat/chat.messages.js';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { signInAgent } from '../support/agent-console.js';

const STORE_ZONE = 'Europe/Paris';
const HOUR_MS = 3_600_000;
const words = chatMessages.en;

/** The store-local weekday ("Mon") and hour (0–23) of an instant. */
function storeClock(instant: number): { weekday: string; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: STORE_ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return { weekday: part('weekday'), hour: Number(part('hour')), minute: Number(part('minute')) };
}

/** The first whole store-local hour at `weekday` `hour` after `from`. */
function nextStoreTime(from: number, weekday: string, hour: number): number {
  let instant = Math.ceil(from / HOUR_MS) * HOUR_MS;
  for (let step = 0; step < 24 * 8; step += 1, instant += HOUR_MS) {
    const clock = storeClock(instant);
    if (clock.weekday === weekday && clock.hour === hour && clock.minute === 0) return instant;
  }
  throw new Error(`no ${weekday} ${hour}:00 in ${STORE_ZONE} within a week`);
}

/**
 * Chat's real rule, with `chatAlwaysOpen` off (the other chat tests, `npm start` and the
 * browser tests' server turn it on): open inside the store's business hours (Monday to Friday,
 * 9:00–18:00 in Paris) while an agent is signed in to the console, closed otherwise.
 *
 * The reference server runs in this process with its clock injected (`startServer({ now })`, the
 * same seam the server's unit tests freeze): no environment variable or route can move it. The
 * clock runs from an instant each test sets; the instants are days ahead of the real time, so the
 * console's session cookie, dated by the server, is never already expired in the browser.
 */
describe('chat business hours and agent presence, the real rule (Chromium, reference server)', () => {
  // This process's server applies the rule: `chatAlwaysOpen`, the demo's switch, is left off.
  let storeTimeAt = Date.now();
  let setAt = Date.now();
  /** The store's clock runs on from `instant`. */
  const setStoreTime = (instant: number) => {
    storeTimeAt = instant;
    setAt = Date.now();
  };
  const storefront = useStorefront({
    server: { now: () => storeTimeAt + (Date.now() - setAt) },
  });

  /** A shopper in Paris, their browser's clock on the store's, opens the help panel. */
  async function openPanel() {
    const context = await storefront.browser.newContext({
      viewport: { width: 375, height: 740 },
      locale: 'en-GB',
      timezoneId: STORE_ZONE,
    });
    await context.clock.install({ time: storeTimeAt + (Date.now() - setAt) });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').click();
    await page.locator('kefu-widget [part="header"]').getByText('Maple & Moss').waitFor();
    return { context, page, errors };
  }

  /** The shopper closes the panel and opens it again. */
  async function reopenPanel(page: Page) {
    await page.locator('kefu-widget').getByRole('button', { name: widgetWords.closeHelp }).click();
    await page.locator('kefu-widget:not([open])').waitFor({ state: 'attached' });
    await page.locator('kefu-launcher button, kefu-widget [part="launcher"]').first().click();
    await page.locator('kefu-widget[open]').waitFor({ state: 'attached' });
  }

  /** The home's chat button, and the hint it carries. */
  const chatButton = (page: Page) =>
    page.locator('kefu-widget').getByRole('button', { name: new RegExp(`^${widgetWords.chatWithUs}`) });

  it('outside business hours: closed, says when it opens, and offers only what the store does', async () => {
    // A Saturday, late morning in Paris.
    const saturday = nextStoreTime(Date.now() + 2 * 24 * HOUR_MS, 'Sat', 11);
    const mondayOpening = nextStoreTime(saturday, 'Mon', 9);
    setStoreTime(saturday);
    const { context, page, errors } = await openPanel();

    // Home puts the call back first and says when chat opens.
    const opensAt = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('en', { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(iso)),
      new Date(mondayOpening).toISOString(),
    );
    await chatButton(page).getByText(widgetWords.chatOpensAt.replace('{time}', opensAt)).waitFor();
    const actions = await page.locator('kefu-widget ul.actions button').allTextContents();
    const callbackFirst =
      actions.findIndex((text) => text.includes(widgetWords.callMeBack)) <
      actions.findIndex((text) => text.includes(widgetWords.chatWithUs));
    assert.ok(callbackFirst, `a call back comes before chat: ${JSON.stringify(actions)}`);

    await chatButton(page).click();
    const chat = page.locator('kefu-chat');
    const availability = chat.locator('[part="availability"]');
    await availability.getByText(words.closedNow).waitFor();
    const opening = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('en', {
          weekday: 'long',
          hour: 'numeric',
          minute: '2-digit',
          timeZoneName: 'short',
        }).format(new Date(iso)),
      new Date(mondayOpening).toISOString(),
    );
    assert.match(opening, /^Monday,? 9:00 AM/, 'Monday, 9:00 in Paris');
    await availability.getByText(words.nextOpening(opening)).waitFor();
    await page.screenshot({ path: screenshotPath('business-hours-closed-375.png') });
    // Nobody can chat now: no chat offered, no agent counted, no wait promised.
    assert.equal(await chat.getByRole('button', { name: words.chatAnyway }).count(), 0, 'no "chat anyway"');
    assert.equal(await availability.getByText(/Expected wait|agents? online/).count(), 0, 'no presence or wait');

    // The call back it offers is a real one: the first time is when the store opens.
    await chat.getByRole('button', { name: words.requestCallback }).click();
    const callback = page.locator('kefu-callback');
    await callback.locator('input[name="slot"]').first().waitFor();
    const first = await callback.locator('input[name="slot"]').first().inputValue();
    assert.equal(Date.parse(first), mondayOpening, 'the first call is at the opening');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('inside business hours with nobody signed in: says no agent is online, and promises no wait', async () => {
    setStoreTime(nextStoreTime(Date.now() + 2 * 24 * HOUR_MS, 'Tue', 10));
    const { context, page, errors } = await openPanel();
    assert.equal(await chatButton(page).getByText(widgetWords.chatClosed).count(), 0, 'not "closed" in opening hours');
    await chatButton(page).click();
    const chat = page.locator('kefu-chat');
    const availability = chat.locator('[part="availability"]');
    await availability.getByText(words.nobodyOnline).waitFor();
    await page.screenshot({ path: screenshotPath('business-hours-nobody-online-375.png') });
    assert.equal(await availability.getByText(words.closedNow).count(), 0, 'not "closed" in opening hours');
    assert.equal(await availability.getByText(/Expected wait/).count(), 0, 'no wait promised');
    assert.equal(await chat.getByRole('button', { name: words.chatAnyway }).count(), 0, 'no chat that nobody takes');
    await chat.getByRole('button', { name: words.requestCallback }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('inside business hours, once an agent signs in: open, 1 agent online, on reopening the panel', async () => {
    setStoreTime(nextStoreTime(Date.now() + 2 * 24 * HOUR_MS, 'Wed', 15));
    const { context, page, errors } = await openPanel();
    await chatButton(page).click();
    const chat = page.locator('kefu-chat');
    const availability = chat.locator('[part="availability"]');
    await availability.getByText(words.nobodyOnline).waitFor();

    const agentContext = await storefront.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInAgent(agent, `${storefront.api.origin}/agent`, undefined, { online: 1 });

    // The panel asks who is there each time it opens.
    await reopenPanel(page);
    await availability.getByText(words.agentsOnline(1)).waitFor();
    // One agent, an empty queue: the server's estimate for a new conversation (90 s a place).
    await availability.getByText(words.expectedWait(words.minutes(2))).waitFor();
    assert.equal(await availability.getByText(words.nobodyOnline).count(), 0);
    await chat.getByLabel(words.name, { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('business-hours-open-375.png') });

    // The agent signs out (closes the console): nobody is online again on the next opening.
    await agentContext.close();
    await reopenPanel(page);
    await availability.getByText(words.nobodyOnline).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
