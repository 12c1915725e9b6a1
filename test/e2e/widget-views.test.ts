import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { recordCspViolations, strictCsp } from '../support/csp.js';
import { screenshotPath, useStorefront } from '../support/storefront.js';
import { until } from '../support/until.js';
import { compareWithReference, settledScreenshot } from '../support/visual.js';

/*
 * Every view of the widget, as a shopper sees it: at 375 and 1280 px, light, dark, right-to-left
 * (Arabic) and Chinese, on the demo storefront served under the strict Content-Security-Policy with
 * Trusted Types. Each variant is checked for what it changes (direction and side, language, colours,
 * the full-screen sheet or the floating panel); each view's panel is compared with its reference in
 * test/e2e/screenshots/ (see test/support/visual.ts; KEFU_UPDATE_SCREENSHOTS=1 rewrites them), is
 * checked by axe-core, and must raise no CSP violation and no page error.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const referenceDir = resolve(import.meta.dirname, 'screenshots');

/**
 * The moment every picture is taken, in the browser and on the server: a Wednesday, 10:00 in Paris,
 * within the store's hours, so the callback's next slot and the chat's hours read the same each run.
 */
const frozenNow = Date.parse('2026-12-09T09:00:00Z');

const views = ['home', 'faq', 'orders', 'returns', 'chat', 'callback', 'survey'] as const;

/** The tokens of tokens.styles.ts: the panel's surface and the text on it, as computed colours. */
const palettes = {
  light: { surface: 'rgb(255, 255, 255)', text: 'rgb(28, 31, 35)' },
  dark: { surface: 'rgb(22, 25, 29)', text: 'rgb(238, 241, 244)' },
} as const;

/** The script each language's headings are written in, and nothing else (spaces and punctuation aside). */
const scripts = {
  en: /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}]+$/u,
  ar: /^[\p{Script=Arabic}\p{M}\p{N}\p{P}\p{Zs}]+$/u,
  'zh-CN': /^[\p{Script=Han}\p{N}\p{P}\p{Zs}]+$/u,
} as const;

const variants = [
  { name: 'light', colorScheme: 'light', locale: 'en', direction: 'ltr' },
  { name: 'dark', colorScheme: 'dark', locale: 'en', direction: 'ltr' },
  { name: 'rtl', colorScheme: 'light', locale: 'ar', direction: 'rtl' },
  { name: 'zh', colorScheme: 'light', locale: 'zh-CN', direction: 'ltr' },
] as const;
const widths = [
  { width: 375, height: 667 },
  { width: 1280, height: 800 },
] as const;
/** --kefu-launcher-offset's default: the launcher's and the floating panel's distance from the edges. */
const offset = 20;

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Polls an expression in the page. (Playwright's waitForFunction compiles the expression inside the
 * page, which the strict CSP forbids as eval; page.evaluate goes through the DevTools protocol.)
 */
async function waitForExpression(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  // The expression must give a boolean: a DOM node does not cross the protocol (it arrives empty).
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(`${axeSource};0`);
  return page.evaluate(`axe
    .run({ include: [['kefu-widget']] }, { resultTypes: ['violations'] })
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    })))`);
}

/** Counts the page's requests still waiting for an answer (articles, availability, a survey). */
function trackRequests(page: Page): () => number {
  let pending = 0;
  page.on('request', () => (pending += 1));
  page.on('requestfinished', () => (pending -= 1));
  page.on('requestfailed', () => (pending -= 1));
  return () => pending;
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).boundingBox();
  assert.ok(box, `${selector} is drawn`);
  return { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
}

/** WCAG 2 contrast ratio of two computed `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((channel) => {
      const c = Number(channel) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** What a view shows of its variant: its heading, direction, colours, and the panel's layout. */
interface ViewFacts {
  heading: string;
  panelDirection: string;
  viewDirection: string;
  surface: string;
  text: string;
  fullscreen: boolean;
  modal: string;
}

const viewFacts = `(() => {
  const widget = document.querySelector('kefu-widget');
  const root = widget.shadowRoot;
  const panel = root.querySelector('.panel');
  const view = root.querySelector('.view');
  // Home is the widget's own body; every feature is an element of its own with an h2 first.
  const heading = view ? view.shadowRoot.querySelector('h2') : root.querySelector('.body .greeting');
  const content = view ?? root.querySelector('.body');
  return {
    heading: heading ? heading.textContent.trim() : '',
    panelDirection: getComputedStyle(panel).direction,
    viewDirection: getComputedStyle(content).direction,
    surface: getComputedStyle(panel).backgroundColor,
    text: getComputedStyle(content).color,
    fullscreen: root.querySelector('.frame').classList.contains('fullscreen'),
    modal: panel.getAttribute('aria-modal'),
  };
})()`;

describe('every widget view, at 375 and 1280 px, light, dark, right-to-left and Chinese', () => {
  const storefront = useStorefront({
    server: { now: () => frozenNow },
    htmlHeaders: { 'Content-Security-Policy': strictCsp({ images: ['blob:'], trustedTypes: ['dompurify'] }) },
  });

  for (const viewport of widths) {
    for (const variant of variants) {
      it(`${variant.name} at ${viewport.width} px: what the variant changes, screenshots, axe-core and CSP on every view`, async () => {
        const page = await storefront.browser.newPage({
          viewport,
          colorScheme: variant.colorScheme,
          // The browser's own language and zone, whatever the machine's: the widget offers to switch
          // to the first, and writes times in the second.
          locale: 'en-US',
          timezoneId: 'UTC',
          reducedMotion: 'reduce',
        });
        await page.clock.setFixedTime(frozenNow);
        await page.addInitScript(recordCspViolations);
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        const pendingRequests = trackRequests(page);
        const problems: string[] = [];
        const visualProblems: string[] = [];
        try {
          await page.goto(`${storefront.demo.origin}/`);
          await page.evaluate(`Kefu('setLocale', ${JSON.stringify(variant.locale)})`);
          await page.locator('kefu-launcher button').waitFor();
          // The loader's launcher, until the widget takes its place, sits in the corner at the end of
          // the line: bottom right, bottom left in Arabic.
          await until(
            async () => {
              const launcher = await boxOf(page, 'kefu-launcher button');
              return variant.direction === 'rtl' ? launcher.x : viewport.width - launcher.x - launcher.width;
            },
            offset,
            `the launcher's distance from the ${variant.direction === 'rtl' ? 'left' : 'right'} edge`,
          );

          for (const view of views) {
            await page.evaluate(`Kefu('open', ${JSON.stringify(view)})`);
            if (view === 'home') {
              await page.locator('kefu-widget .home-search input').waitFor();
            } else {
              await waitForExpression(
                page,
                `(() => { const v = document.querySelector('kefu-widget')?.shadowRoot?.querySelector('.view');
                   return v && customElements.get(v.localName) && v.shadowRoot && v.shadowRoot.childElementCount > 0; })()`,
              );
            }
            // A view's first requests (articles, availability) answer before the picture.
            await until(pendingRequests, 0, `${view}: the requests answered`);

            const facts = (await page.evaluate(viewFacts)) as ViewFacts;
            const palette = palettes[variant.colorScheme];
            assert.deepEqual(
              { panel: facts.panelDirection, view: facts.viewDirection },
              { panel: variant.direction, view: variant.direction },
              `${view}: direction`,
            );
            assert.match(facts.heading, scripts[variant.locale], `${view}: the heading is in ${variant.locale}`);
            assert.deepEqual(
              { surface: facts.surface, text: facts.text },
              palette,
              `${view}: the ${variant.colorScheme} colours`,
            );
            const ratio = contrast(facts.text, facts.surface);
            assert.ok(ratio >= 4.5, `${view}: text contrast ${ratio.toFixed(2)}:1 is under 4.5:1`);

            // Phones get a full-screen sheet (modal, no launcher over it); wider screens a floating
            // panel above the launcher, in the same corner.
            const panel = await boxOf(page, 'kefu-widget .panel');
            if (viewport.width < 600) {
              assert.deepEqual(
                { fullscreen: facts.fullscreen, modal: facts.modal, panel },
                { fullscreen: true, modal: 'true', panel: { x: 0, y: 0, ...viewport } },
                `${view}: the full-screen sheet`,
              );
              assert.equal(await page.locator('kefu-widget .launcher').isVisible(), false, `${view}: launcher hidden`);
            } else {
              const launcher = await boxOf(page, 'kefu-widget .launcher');
              const fromEdge = (box: Box) => (variant.direction === 'rtl' ? box.x : viewport.width - box.x - box.width);
              assert.deepEqual(
                {
                  fullscreen: facts.fullscreen,
                  modal: facts.modal,
                  width: panel.width,
                  panelFromEdge: fromEdge(panel),
                  launcherFromEdge: fromEdge(launcher),
                  aboveLauncher: panel.y + panel.height <= launcher.y,
                },
                {
                  fullscreen: false,
                  modal: 'false',
                  width: 380,
                  panelFromEdge: offset,
                  launcherFromEdge: offset,
                  aboveLauncher: true,
                },
                `${view}: the floating panel`,
              );
            }

            const name = `widget-${view}-${variant.name}-${viewport.width}.png`;
            const picture = await settledScreenshot(page.locator('kefu-widget .panel'));
            writeFileSync(screenshotPath(name), picture);
            const mismatch = compareWithReference(name, picture, { referenceDir });
            if (mismatch) visualProblems.push(mismatch);
            for (const violation of await axeViolations(page)) {
              problems.push(
                `${view}: ${violation.id} (${violation.impact}) ${violation.help} ${violation.nodes.join(' ')}`,
              );
            }
          }
          const violations = await page.evaluate('window.cspViolations');
          assert.deepEqual(violations, [], 'CSP violations');
          assert.deepEqual(errors, [], 'page errors');
          assert.deepEqual(problems, [], 'axe-core violations');
          assert.deepEqual(visualProblems, [], 'screenshots that differ from their references');
        } finally {
          await page.close();
        }
      });
    }
  }

  it('goes, keyboard only, from the launcher to a search result, back, and into another feature', async () => {
    const page = await storefront.browser.newPage({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'UTC',
      reducedMotion: 'reduce',
    });
    await page.clock.setFixedTime(frozenNow);
    try {
      await page.goto(`${storefront.demo.origin}/`);
      // Each view the widget shows, counted by its public event: "back" has answered when it rises.
      await page.evaluate(`window.kefuViews = 0;
        document.addEventListener('kefu-view', () => { window.kefuViews += 1; });`);
      // Tab from the top of the page until the launcher has focus.
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        const onLauncher = await page.evaluate(
          `document.activeElement?.localName === 'kefu-launcher' || document.activeElement?.localName === 'kefu-widget'`,
        );
        if (onLauncher) break;
      }
      await page.keyboard.press('Enter');
      await page.locator('kefu-widget .home-search input').waitFor();
      await page.keyboard.type('return');
      await page.locator('kefu-widget kefu-faq').waitFor();
      // The FAQ's results answer as the shopper types; the arrow keys pick one and Enter opens it.
      await waitForExpression(
        page,
        `(() => { const faq = document.querySelector('kefu-widget')?.shadowRoot?.querySelector('kefu-faq');
           return Boolean(faq?.shadowRoot?.querySelector('[role="option"]')); })()`,
      );
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await waitForExpression(
        page,
        `(() => { const faq = document.querySelector('kefu-widget')?.shadowRoot?.querySelector('kefu-faq');
           return Boolean(faq?.shadowRoot?.querySelector('article')); })()`,
      );
      const name = 'widget-keyboard-article-1280.png';
      const picture = await settledScreenshot(page.locator('kefu-widget .panel'));
      writeFileSync(screenshotPath(name), picture);
      assert.equal(compareWithReference(name, picture, { referenceDir }), undefined);
      // Back to home with the header's back button, reached with Shift+Tab.
      const focusBack = async () => {
        for (let i = 0; i < 60; i += 1) {
          const onBack = await page.evaluate(
            `document.querySelector('kefu-widget')?.shadowRoot?.activeElement?.classList.contains('back') ?? false`,
          );
          if (onBack) return;
          await page.keyboard.press('Shift+Tab');
        }
        throw new Error('never reached the back button');
      };
      while ((await page.evaluate(`document.querySelector('kefu-widget').view`)) !== 'home') {
        await focusBack();
        const shown = (await page.evaluate('window.kefuViews')) as number;
        await page.keyboard.press('Enter');
        await until(async () => (await page.evaluate('window.kefuViews')) as number, shown + 1, 'the view back');
      }
      // From home, Tab to "Track an order" and open it.
      for (let i = 0; i < 30; i += 1) {
        await page.keyboard.press('Tab');
        const label = await page.evaluate(
          `document.querySelector('kefu-widget')?.shadowRoot?.activeElement?.textContent?.trim() ?? ''`,
        );
        if (String(label).startsWith('Track an order')) break;
      }
      await page.keyboard.press('Enter');
      await page.locator('kefu-widget kefu-order-tracker').waitFor();
      assert.equal(await page.evaluate(`document.querySelector('kefu-widget').view`), 'orders');
    } finally {
      await page.close();
    }
  });
});
