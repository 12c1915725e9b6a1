import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { freePort } from '../../scripts/reference-server.mjs';
import { launchBrowser } from '../support/browser.js';
import { screenshotPath } from '../support/storefront.js';
import { until } from '../support/until.js';
import { signInAgent } from '../support/agent-console.js';
import {
  answerTheSurvey,
  assertSchemes,
  chatWithAnAgent,
  goHome,
  languages,
  openInLanguage,
  photographBothSchemes,
  readAnArticle,
  requestACallback,
  requestAReturn,
  trackAnOrder,
  type Language,
} from '../support/journeys.js';

const repo = resolve(import.meta.dirname, '../..');

/**
 * The README's first command, run as a newcomer runs it: `npm start` itself (its own ports, its
 * data folder in a temp dir), then a phone-sized browser on the storefront it prints, chatting with
 * an agent signed in to the console with the demo account the banner prints. Every other e2e test
 * serves the same pages; this one proves the command and its configuration (vite's proxy of /v1,
 * the WebSocket included) are what they test. In English, Chinese and Arabic, it does everything a
 * shopper comes for on a phone (test/support/journeys.ts), and photographs each journey's last view
 * light and dark: test-results/screenshots/npm-start-<lang>-<journey>-<scheme>.png.
 */
describe('npm start, as the README says (the real command, a phone, the agent console)', () => {
  let child: ChildProcess;
  let browser: Browser;
  /** One agent signed in to the console for the whole file: every chat here is answered by Mei. */
  let agentContext: BrowserContext;
  let agent: Page;
  let dataDir: string;
  let output = '';
  const banner = { storefront: '', console: '', email: '', password: '' };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kefu-npm-start-'));
    const [apiPort, demoPort] = [await freePort(), await freePort()];
    child = spawn('npm', ['start'], {
      cwd: repo,
      env: { ...process.env, API_PORT: String(apiPort), DEMO_PORT: String(demoPort), KEFU_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: npm, the server and vite are stopped together.
      detached: true,
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    // npm start builds the packages first: up to a few minutes on a busy two-core machine.
    const deadline = Date.now() + 240_000;
    while (!/Press Ctrl\+C to stop/.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) assert.fail(`npm start printed no banner:\n${output}`);
      await new Promise((done) => setTimeout(done, 200));
    }
    banner.storefront = output.match(/Storefront \(reference server\):\s+(\S+)/)?.[1] ?? '';
    banner.console = output.match(/Agent console:\s+(\S+)/)?.[1] ?? '';
    banner.email = output.match(/demo account \(not for a real store\):\s+(\S+)/)?.[1] ?? '';
    banner.password = output.match(/password:\s+(\S+)/)?.[1] ?? '';
    browser = await launchBrowser();
    agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    agent = await agentContext.newPage();
    await signInAgent(
      agent,
      banner.console,
      { email: banner.email, password: banner.password, name: 'Mei' },
      { online: 1 },
    );
  });
  after(async () => {
    await agentContext?.close();
    await browser?.close();
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await until(() => child.exitCode !== null || child.signalCode !== null, true, 'npm start stopped', 10_000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Records what a person would notice: page errors, console errors and warnings, failed loads. */
  function watch(page: Page): string[] {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    return problems;
  }

  it('prints where to go and the demo agent account, said to be a demo one, in its banner', () => {
    assert.match(banner.storefront, /^http:\/\/127\.0\.0\.1:\d+\/$/, output);
    assert.match(banner.console, /^http:\/\/127\.0\.0\.1:\d+\/agent$/, output);
    assert.match(banner.email, /^\S+@\S+$/, output);
    assert.match(banner.password, /^\S{8,}$/, output);
  });

  it('chats on a phone with an agent in the console, and the reply arrives live', async () => {
    const phoneContext = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true });
    const phone = await phoneContext.newPage();
    const problems = watch(phone);
    await phone.goto(banner.storefront);
    await phone.locator('kefu-launcher button').click();
    await phone
      .locator('kefu-widget')
      .getByRole('button', { name: /Chat with us/ })
      .first()
      .click();
    const chat = phone.locator('kefu-chat');
    await chat.getByText('1 agent online').waitFor();
    await chat.getByLabel('Name').fill('Ana Garcia');
    await chat.getByLabel('Email').fill('ana.garcia@example.com');
    await chat.getByLabel('How can we help?').fill('Hello, is my parcel on its way?');
    await chat.getByRole('button', { name: 'Start chat' }).click();
    await chat.getByLabel('Message', { exact: true }).waitFor();

    await agent.getByRole('button', { name: 'Accept' }).first().click();
    await chat.getByText('Chatting with Mei').waitFor();
    await agent.getByLabel('Reply').fill('Hello Ana, it left our workshop this morning.');
    await agent.getByRole('button', { name: 'Send' }).click();
    await chat
      .locator('li[data-key] .bubble > p')
      .getByText('Hello Ana, it left our workshop this morning.', { exact: true })
      .waitFor();
    await phone.screenshot({ path: screenshotPath('npm-start-chat-375.png') });
    assert.deepEqual(problems, [], 'nothing went wrong on the phone');
    await phoneContext.close();
  });

  for (const app of ['react', 'vue']) {
    it(`serves the ${app === 'react' ? 'React' : 'Vue'} app linked from every footer, without errors or warnings`, async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
      const problems = watch(page);
      await page.goto(banner.storefront);
      await page.getByRole('link', { name: app === 'react' ? 'React app' : 'Vue app' }).click();
      await page.locator('kefu-widget [part="launcher"]').waitFor();
      await page.locator('kefu-widget [part="launcher"]').click();
      await page.locator('kefu-widget[open] [part="header"]').getByText('Maple & Moss').waitFor();
      assert.deepEqual(problems, [], `the ${app} app under npm start`);
      await page.close();
    });
  }

  const names: Record<Language['tag'], string> = { en: 'English', 'zh-CN': 'Chinese', ar: 'Arabic' };
  for (const language of languages) {
    it(`in ${names[language.tag]}, on a phone in ${language.scheme} mode: the FAQ, tracking, a return, a chat, a call back and a survey`, async (t) => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 740 },
        hasTouch: true,
        locale: language.browser.locale,
        timezoneId: language.browser.timezoneId,
        colorScheme: language.scheme,
      });
      const page = await context.newPage();
      const problems = watch(page);
      await openInLanguage(page, banner.storefront, language);
      assert.deepEqual(problems.splice(0), [], 'nothing went wrong opening the panel');

      // The return comes before tracking: the tracker then opens on the returned order, and the
      // shopper asks for another. The survey is the one home offers after the return.
      const journeys: [name: string, title: string, run: () => Promise<Locator>][] = [
        ['faq', 'finds an article by a question in its language and reads it', () => readAnArticle(page, language)],
        ['return', 'requests a return and sees it confirmed', () => requestAReturn(page, language)],
        [
          'tracking',
          'tracks another order and reads its status',
          () => trackAnOrder(page, language, language.return.number),
        ],
        ['chat', 'chats, and the agent’s reply arrives live', () => chatWithAnAgent(page, agent, language)],
        ['callback', 'books a call back and sees it booked', () => requestACallback(page, language)],
        ['survey', 'answers the survey and is thanked', () => answerTheSurvey(page, language)],
      ];
      for (const [journey, title, run] of journeys) {
        await t.test(`${journey}: ${title}`, async () => {
          try {
            const mainText = await run();
            assert.equal(
              await page.locator('kefu-widget .view').first().getAttribute('dir'),
              language.dir,
              'the view writes in the language’s direction',
            );
            assertSchemes(await photographBothSchemes(page, language, journey, mainText), journey);
            assert.deepEqual(problems.splice(0), [], 'no page error, console error or warning, failed request');
          } catch (error) {
            await page.screenshot({ path: screenshotPath(`npm-start-${language.tag}-${journey}-failed.png`) });
            throw error;
          } finally {
            problems.length = 0;
            await goHome(page, language).catch(() => undefined);
          }
        });
      }
      await context.close();
    });
  }
});
