import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { recordCspViolations, strictCsp } from '../support/csp.js';
import { screenshotPath, useStorefront } from '../support/storefront.js';

/*
 * Every view of the widget, as a shopper sees it: at 375 and 1280 px, light, dark and right-to-left,
 * on the demo storefront served under the strict Content-Security-Policy with Trusted Types. Each
 * is screenshotted (test-results/screenshots/widget-<view>-<variant>-<width>.png), checked by
 * axe-core, and must raise no CSP violation and no page error.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const views = ['home', 'faq', 'orders', 'returns', 'chat', 'callback', 'survey'] as const;
const variants = [
  { name: 'light', colorScheme: 'light', locale: 'en' },
  { name: 'dark', colorScheme: 'dark', locale: 'en' },
  { name: 'rtl', colorScheme: 'light', locale: 'ar' },
] as const;
const widths = [
  { width: 375, height: 667 },
  { width: 1280, height: 800 },
] as const;

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
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

describe('every widget view, at 375 and 1280 px, light, dark and right-to-left', () => {
  const storefront = useStorefront({
    htmlHeaders: { 'Content-Security-Policy': strictCsp({ images: ['blob:'], trustedTypes: ['dompurify'] }) },
  });

  for (const viewport of widths) {
    for (const variant of variants) {
      it(`${variant.name} at ${viewport.width} px: screenshots, axe-core and CSP on every view`, async () => {
        const page = await storefront.browser.newPage({ viewport, colorScheme: variant.colorScheme });
        await page.addInitScript(recordCspViolations);
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        const problems: string[] = [];
        try {
          await page.goto(`${storefront.demo.origin}/`);
          await page.evaluate(`Kefu('setLocale', ${JSON.stringify(variant.locale)})`);
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
            // Let a view's first request (articles, availability) answer before the picture.
            await page.waitForTimeout(500);
            await page.screenshot({
              path: screenshotPath(`widget-${view}-${variant.name}-${viewport.width}.png`),
            });
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
        } finally {
          await page.close();
        }
      });
    }
  }

  it('goes, keyboard only, from the launcher to a search result, back, and into another feature', async () => {
    const page = await storefront.browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${storefront.demo.origin}/`);
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
      await page.screenshot({ path: screenshotPath('widget-keyboard-article-1280.png') });
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
        await page.keyboard.press('Enter');
        await page.waitForTimeout(100);
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
