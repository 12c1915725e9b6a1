import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../packages/server/src/server.js';
import { startDemoServer } from '../support/demo-server.js';
import { launchBrowser } from '../support/browser.js';
import { recordCspViolations } from '../support/csp.js';

const repo = resolve(import.meta.dirname, '../..');
type Site = Awaited<ReturnType<typeof startDemoServer>>;

/**
 * The script tag as a store using a CDN has it: the page on one origin, Kefu's built files on a
 * second (a CDN-like static host), the API on a third, under a strict Content-Security-Policy that
 * allows just those. With Access-Control-Allow-Origin on the files the widget opens; without it
 * (issue 30: "draws the launcher and then does nothing") the loader says why in the console and
 * the launcher says it is unavailable, instead of pretending.
 */
describe('the script tag served from a CDN on another origin, the API on a third', () => {
  let browser: Browser;
  let api: RunningServer;
  let page: Site;
  let cdn: Site;
  let cdnWithoutCors: Site;
  let pages: string;
  const htmlHeaders: Record<string, string> = {};

  before(async () => {
    const dist = resolve(repo, 'packages/loader/dist');
    cdn = await startDemoServer({ root: dist, headers: { 'Access-Control-Allow-Origin': '*' } });
    cdnWithoutCors = await startDemoServer({ root: dist });
    pages = mkdtempSync(join(tmpdir(), 'kefu-cdn-page-'));
    // The page's origin is known only once it listens: its API and CDN addresses go in the HTML,
    // and its policy (read per request) is filled in below. Served by the page's own host, not
    // through Playwright's routing: a routed response has no address, and Chrome's local network
    // rules would then refuse its requests to 127.0.0.1.
    page = await startDemoServer({ root: pages, htmlHeaders });
    api = await startServer({ port: 0, demo: true, allowedOrigins: [page.origin] });
    htmlHeaders['Content-Security-Policy'] = [
      "default-src 'self'",
      `script-src 'self' ${cdn.origin} ${cdnWithoutCors.origin}`,
      `worker-src 'self' ${cdn.origin} ${cdnWithoutCors.origin}`,
      "style-src 'self'",
      `connect-src 'self' ${api.origin} ${api.origin.replace('http', 'ws')}`,
      "img-src 'self' data: https:",
      "object-src 'none'",
      "base-uri 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types lit-html',
    ].join('; ');
    for (const [name, host] of [
      ['with-cors.html', cdn],
      ['without-cors.html', cdnWithoutCors],
    ] as const) {
      writeFileSync(
        join(pages, name),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Store</title>
         <script src="${host.origin}/kefu.js" data-api-base="${api.origin}/v1" async></script>
         </head><body><h1>A store</h1></body></html>`,
      );
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const site of [page, cdn, cdnWithoutCors]) await site?.close();
    await api?.close();
    rmSync(pages, { recursive: true, force: true });
  });

  /** The page under a policy that allows Kefu's CDN for scripts and workers, and the API for requests. */
  async function open(file: string) {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    await context.addInitScript(recordCspViolations);
    const tab = await context.newPage();
    const consoleErrors: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await tab.goto(`${page.origin}/${file}`);
    await tab.locator('kefu-launcher button').waitFor();
    return { context, tab, consoleErrors };
  }

  it('opens the widget, talks to the API, with no CSP violation, when the files come with CORS', async () => {
    const { context, tab } = await open('with-cors.html');
    await tab.locator('kefu-launcher button').click();
    await tab.locator('kefu-widget[open] [part="header"]').getByText('Maple & Moss').waitFor();
    assert.deepEqual(await tab.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
    await context.close();
  });

  it('says why in the console and marks the launcher unavailable when the CDN sends no CORS header', async () => {
    const { context, tab, consoleErrors } = await open('without-cors.html');
    const launcher = tab.locator('kefu-launcher button');
    await launcher.click();
    await launcher.and(tab.locator('[aria-disabled="true"]')).waitFor();
    assert.equal(await launcher.getAttribute('aria-label'), 'Help is unavailable right now');
    const explained = consoleErrors.filter((text) => text.startsWith('Kefu:'));
    assert.equal(explained.length, 1, consoleErrors.join('\n'));
    assert.match(explained[0]!, /kefu-widget\.js could not be loaded.*Access-Control-Allow-Origin/);
    assert.equal(await tab.locator('kefu-widget').count(), 0, 'no widget pretends to open');
    await context.close();
  });
});
