import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { until } from '../support/until.js';
import { signInAgent } from '../support/agent-console.js';
import { sqliteOf } from '../support/server-database.js';

describe('surveys on the demo storefront', () => {
  const storefront = useStorefront({});

  const responses = () =>
    sqliteOf(storefront.api.deps)
      .prepare('SELECT kind, score, reason, comment, subject_type, subject_id FROM survey_responses')
      .all() as {
      kind: string;
      score: number;
      reason: string | null;
      comment: string | null;
      subject_type: string;
      subject_id: string;
    }[];

  async function openStorefront(viewport: { width: number; height: number }, locale?: string) {
    const page = await storefront.browser.newPage({ viewport, ...(locale ? { locale } : {}) });
    const errors: string[] = [];
    const surveyPosts: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/v1/surveys/responses'))
        surveyPosts.push(request.url());
    });
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').waitFor();
    return { page, errors, surveyPosts };
  }

  const kefu = (page: Page, ...args: unknown[]) =>
    page.evaluate((callArgs) => (window as unknown as { Kefu: (...a: unknown[]) => unknown }).Kefu(...callArgs), args);

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
   * Asks the page's survey store for `kind` once more, after the `Kefu('survey', kind)` just called:
   * the store takes asks one at a time, so this answer comes after that call was decided. Had that
   * call asked the shopper, the survey would be pending now and this answer 'prompted'.
   */
  const askAgain = (page: Page, kind: string) =>
    page.evaluate(async (surveyKind) => {
      const holder = globalThis as unknown as Record<
        symbol,
        { value?: { survey: { ask(k: string): Promise<string> } } }
      >;
      const client = holder[Symbol.for('kefu.shared-client')]?.value;
      if (!client) throw new Error('the widget has no client on this page');
      return client.survey.ask(surveyKind);
    }, kind);

  it('Kefu("survey", "nps") opens the NPS survey, answered with the keyboard and sent once', async () => {
    const before = responses().length;
    const { page, errors, surveyPosts } = await openStorefront({ width: 1280, height: 800 });
    await kefu(page, 'survey', 'nps');
    const survey = page.locator('kefu-survey');
    await survey.getByRole('group', { name: /recommend Maple & Moss/ }).waitFor();
    assert.equal(await survey.getByRole('radio').count(), 11);
    await page.screenshot({ path: screenshotPath('survey-nps-1280.png') });

    await survey.getByRole('radio', { name: /^0/ }).focus();
    for (let step = 0; step < 9; step += 1) await page.keyboard.press('ArrowRight');
    assert.equal(await survey.getByRole('radio', { name: '9' }).isChecked(), true);
    await survey.getByLabel(/Anything you would like to add/).fill('Fast delivery');
    await survey.getByRole('button', { name: 'Send' }).press('Enter');
    await survey.getByText('Thank you for your feedback!').waitFor();
    await page.screenshot({ path: screenshotPath('survey-nps-thanks-1280.png') });

    // The answer goes through the outbox: it reaches the server, and once the outbox has nothing left
    // to send, no second copy can still be on its way.
    await until(
      () => responses().slice(before),
      [{ kind: 'nps', score: 9, reason: null, comment: 'Fast delivery', subject_type: 'store', subject_id: 'store' }],
      'the answer reached the server',
    );
    await until(async () => (await outboxStatuses(page)).includes('pending'), false, 'the outbox has settled');
    assert.deepEqual(await outboxStatuses(page), ['sent']);
    assert.equal(surveyPosts.length, 1);
    assert.equal(responses().length - before, 1);

    // Asked again from the page: answered already, so the panel stays as it is and nothing is sent.
    await page.keyboard.press('Escape');
    await page.locator('kefu-widget:not([open])').waitFor();
    await kefu(page, 'survey', 'nps');
    assert.equal(await askAgain(page, 'nps'), 'asked-before', 'the call above did not ask again');
    assert.equal(await page.locator('kefu-widget[open]').count(), 0, 'not asked twice');
    assert.equal(surveyPosts.length, 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a low CSAT on a phone asks why, then offers a chat', async () => {
    const before = responses().length;
    const { page, errors } = await openStorefront({ width: 375, height: 740 });
    await kefu(page, 'survey', 'csat');
    const survey = page.locator('kefu-survey');
    await survey.getByRole('group', { name: /How satisfied/ }).waitFor();
    await page.screenshot({ path: screenshotPath('survey-csat-375.png') });
    await survey.getByRole('radio', { name: /Very poor/ }).check();
    await survey.getByRole('group', { name: 'What went wrong?' }).waitFor();
    await survey.getByRole('radio', { name: 'It took too long' }).check();
    await page.screenshot({ path: screenshotPath('survey-csat-low-375.png') });
    await survey.getByRole('button', { name: 'Send' }).click();
    await survey.getByText('Would you like to talk to someone?').waitFor();
    await page.screenshot({ path: screenshotPath('survey-csat-thanks-375.png') });
    await until(
      () =>
        responses()
          .slice(before)
          .map(({ kind, score, reason }) => ({ kind, score, reason })),
      [{ kind: 'csat', score: 1, reason: 'slow' }],
      'the low CSAT reached the server',
    );

    await survey.getByRole('button', { name: 'Chat with us' }).click();
    await page.locator('kefu-widget kefu-chat').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows the CES survey in Arabic, right to left, and “Not now” closes it for the cool-down', async () => {
    const { page, errors, surveyPosts } = await openStorefront({ width: 375, height: 740 }, 'ar');
    await kefu(page, 'setLocale', 'ar');
    await kefu(page, 'survey', 'ces');
    const survey = page.locator('kefu-survey');
    await survey.getByRole('radio').first().waitFor();
    assert.equal(await survey.getByRole('radio').count(), 7);
    assert.equal(await survey.evaluate((element) => getComputedStyle(element).direction), 'rtl');
    await page.screenshot({ path: screenshotPath('survey-ces-ar-375.png') });
    await survey.getByRole('button', { name: 'ليس الآن' }).click();
    await survey.getByText('لن نسألك مرة أخرى لفترة').waitFor();

    await page.keyboard.press('Escape');
    await page.locator('kefu-widget:not([open])').waitFor();
    await kefu(page, 'survey', 'nps');
    assert.equal(await askAgain(page, 'nps'), 'cooling-down', 'the call above did not ask');
    assert.equal(await page.locator('kefu-widget[open]').count(), 0, 'nothing asked inside the cool-down');
    assert.deepEqual(surveyPosts, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the agent console shows the results, the low-CSAT reasons and the comments', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAgent(page, `${storefront.api.origin}/agent`);
    await page.getByRole('button', { name: 'Surveys' }).click();
    const reasons = page.getByRole('region', { name: 'Why low CSATs' });
    await reasons.getByText('It took too long: 1').waitFor();
    await page.getByRole('region', { name: 'Latest comments' }).getByText('Fast delivery').waitFor();
    await page.screenshot({ path: screenshotPath('survey-console-1280.png'), fullPage: true });
    await page.close();
  });

  it('a survey in dark mode (1280) is drawn in the dark colours', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    await page.goto(`${storefront.demo.origin}/`);
    await page.locator('kefu-launcher button').waitFor();
    await kefu(page, 'survey', 'csat');
    const survey = page.locator('kefu-survey');
    await survey.getByRole('radio').first().waitFor();
    await survey.getByRole('radio', { name: /Good/ }).check();
    assert.equal(await survey.getByRole('radio', { name: /Good/ }).isChecked(), true);
    // The dark tokens (tokens.styles.ts): surface #16191d under text #eef1f4; light is #ffffff and #1c1f23.
    const colours = await page.locator('kefu-widget .panel').evaluate((panel) => ({
      surface: getComputedStyle(panel).backgroundColor,
      text: getComputedStyle(panel.querySelector('kefu-survey')!).color,
    }));
    assert.deepEqual(colours, { surface: 'rgb(22, 25, 29)', text: 'rgb(238, 241, 244)' });
    await page.screenshot({ path: screenshotPath('survey-csat-dark-1280.png') });
    await page.close();
  });
});
