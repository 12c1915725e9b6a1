import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { startDemoServer } from '../support/demo-server.js';
import { launchBrowser } from '../support/browser.js';

const here = import.meta.dirname;

/** The server side of POST /v1/returns, with the contract's idempotency, counting what it sees. */
function createReturnsServer() {
  const created = new Map<string, { rma: string }>();
  const requests: string[] = [];
  let reachable = true;
  return {
    requests,
    created,
    setReachable(value: boolean) {
      reachable = value;
    },
    async handle(route: Route) {
      // The API is down (a dead connection), while the page itself still loads.
      if (!reachable) return route.abort('internetdisconnected');
      const request = route.request();
      if (request.method() !== 'POST' || !request.url().endsWith('/v1/returns')) {
        return route.fulfill({ status: 404, json: { error: { code: 'not_found', message: 'Not here.' } } });
      }
      const key = request.headers()['idempotency-key'] ?? '';
      requests.push(key);
      const record = created.get(key) ?? { rma: `RMA-${4001 + created.size}` };
      created.set(key, record);
      return route.fulfill({ status: 201, json: { id: `ret_${record.rma}`, status: 'requested', ...record } });
    },
  };
}

describe('a return submitted offline (real browser, real reloads)', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoServer>>;
  let context: BrowserContext;
  let server: ReturnType<typeof createReturnsServer>;

  before(async () => {
    const root = mkdtempSync(join(tmpdir(), 'kefu-harness-'));
    await build({
      entryPoints: [resolve(here, 'harness/outbox-harness.ts')],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      conditions: ['source'],
      outfile: join(root, 'outbox-harness.js'),
      logLevel: 'warning',
    });
    copyFileSync(resolve(here, 'harness/index.html'), join(root, 'index.html'));
    site = await startDemoServer({ root });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext();
    server = createReturnsServer();
    await context.route('**/v1/**', (route) => server.handle(route));
  });

  async function openHarness(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    await page.evaluate(() => window.kefuHarness.ready);
    return page;
  }

  const statusOf = (page: Page, id: string) =>
    page.evaluate((itemId) => window.kefuHarness.items().find((item) => item.id === itemId)?.status, id);

  async function waitForStatus(page: Page, id: string, status: string) {
    await page.waitForFunction(
      ([itemId, wanted]) => window.kefuHarness.items().find((item) => item.id === itemId)?.status === wanted,
      [id, status] as const,
      { timeout: 10_000 },
    );
  }

  it('survives a reload while the API is unreachable, then is created exactly once', async () => {
    const page = await openHarness();
    await context.setOffline(true);
    const id = await page.evaluate(() => window.kefuHarness.submitReturn());
    assert.equal(await statusOf(page, id), 'pending');

    // Back on the network, but the API still unreachable: reload, and the request is still there.
    server.setReachable(false);
    await context.setOffline(false);
    await page.reload();
    await page.evaluate(() => window.kefuHarness.ready);
    assert.equal(await statusOf(page, id), 'pending');
    assert.equal(server.created.size, 0);

    // The API is back; the browser's online event sends it at once.
    server.setReachable(true);
    await context.setOffline(true);
    await context.setOffline(false);
    await waitForStatus(page, id, 'sent');
    assert.deepEqual(server.requests, [id], 'one create, carrying the submission id as Idempotency-Key');
    const result = await page.evaluate(
      (itemId) => window.kefuHarness.items().find((item) => item.id === itemId)?.result,
      id,
    );
    assert.equal((result as { rma: string }).rma, 'RMA-4001');
  });

  it('is sent by one tab only when two tabs are open, and both tabs show it sent', async () => {
    const pageA = await openHarness();
    const pageB = await openHarness();
    await context.setOffline(true);
    const id = await pageA.evaluate(() => window.kefuHarness.submitReturn());
    await waitForStatus(pageB, id, 'pending');

    await context.setOffline(false);
    await waitForStatus(pageA, id, 'sent');
    await waitForStatus(pageB, id, 'sent');
    assert.deepEqual(server.requests, [id], 'the server saw one create');
  });
});
