// Issue 22's "Done when", as a store going live does it: the built `kefu-server` started on a
// settings file for a store that is not Maple & Moss, with no demo data; a key from the CLI; two
// orders, a tracking event (and, below, help articles and a webhook) through /admin/v1; and then a
// shopper on the store's own page with the built script tag, in Chromium, on what was pushed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { startDemoServer } from '../support/demo-server.js';
import { chinese, english, openInLanguage, readAnArticle, trackAnOrder, type Language } from '../support/journeys.js';
import { screenshotPath } from '../support/storefront.js';
import { runCli } from '../../packages/server/src/routes/test-helpers.js';
import { startReceiver, type TestReceiver } from '../../packages/server/src/webhooks/receiver.test-support.js';

const repo = resolve(import.meta.dirname, '../..');
const cli = resolve(repo, 'packages/server/dist/cli.js');
const DAY = 24 * 60 * 60 * 1000;

/** `kefu-server …` (the build, as the package's bin runs it) in `cwd`: its output and exit code. */
const kefuServer = (cwd: string, env: Record<string, string>, args: readonly string[]) =>
  runCli(args, { script: cli, cwd, env });

/** The server, started as the store starts it; resolves with its origin once it listens. */
async function startKefuServer(cwd: string, env: Record<string, string>, args: readonly string[]) {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const origin = await new Promise<string>((done, fail) => {
    const output = createInterface({ input: child.stdout });
    output.on('line', (line) => {
      lines.push(line);
      for (const check of waiting) check();
      const started = /^Kefu reference server: (http:\/\/\S+)\/v1 /.exec(line);
      if (started) done(started[1]!);
    });
    child.once('exit', (code) => fail(new Error(`kefu-server exited with ${code}: ${stderr}`)));
  });
  /** The first line of its output that matches, waited for up to 20 s. */
  const line = (pattern: RegExp) =>
    new Promise<string>((done, fail) => {
      const timer = setTimeout(() => {
        waiting.delete(check);
        fail(new Error(`kefu-server did not print ${pattern}:\n${lines.join('\n')}`));
      }, 20_000);
      const check = () => {
        const found = lines.find((text) => pattern.test(text));
        if (found === undefined) return;
        clearTimeout(timer);
        waiting.delete(check);
        done(found);
      };
      waiting.add(check);
      check();
    });
  return { origin, child, lines, line };
}

const iso = (time: number) => new Date(time).toISOString();

/**
 * Lumen Tea House's orders, dated from today (the server's clock is the real one): LT-2001 in two
 * parcels, the first delivered three days ago (so it can be returned), the second on its way;
 * LT-2002 placed yesterday, not shipped yet.
 */
function lumenOrders(now: number) {
  const customer = {
    email: 'ines.moreau@example.net',
    postalCode: '69002',
    customerId: 'cus_ines',
    name: 'Inès Moreau',
  };
  return {
    'LT-2001': {
      updatedAt: iso(now - 2 * DAY),
      placedAt: iso(now - 6 * DAY),
      customer,
      shippingAddress: { city: 'Lyon', country: 'FR' },
      items: [
        {
          id: 'i1',
          productId: 'p_kettle',
          name: 'Cast-iron kettle',
          category: 'teaware',
          quantity: 1,
          price: { amount: 5900, currency: 'EUR' },
        },
        {
          id: 'i2',
          productId: 'p_sencha',
          name: 'Sencha, 100 g',
          category: 'tea',
          quantity: 2,
          price: { amount: 1200, currency: 'EUR' },
        },
      ],
      shipments: [
        {
          id: 'parcel-a',
          carrier: 'Colissimo',
          trackingNumber: '6A0001',
          trackingUrl: 'https://colissimo.example/track/6A0001',
          items: [{ itemId: 'i1', quantity: 1 }],
          events: [
            { at: iso(now - 5 * DAY), status: 'in_transit', description: 'Handed to Colissimo', location: 'Paris' },
            {
              at: iso(now - 3 * DAY),
              status: 'delivered',
              description: 'Delivered to the letterbox',
              location: 'Lyon',
            },
          ],
        },
        {
          id: 'parcel-b',
          carrier: 'Colissimo',
          trackingNumber: '6A0002',
          trackingUrl: 'https://colissimo.example/track/6A0002',
          items: [{ itemId: 'i2', quantity: 2 }],
          events: [{ at: iso(now - 2 * DAY), status: 'info_received', description: 'Label created' }],
        },
      ],
    },
    'LT-2002': {
      updatedAt: iso(now - DAY),
      placedAt: iso(now - DAY),
      customer: { email: 'sam.okafor@example.net', postalCode: '75011', customerId: 'cus_sam', name: 'Sam Okafor' },
      shippingAddress: { city: 'Paris', country: 'FR' },
      items: [
        {
          id: 'i1',
          productId: 'p_oolong',
          name: 'Oolong, 50 g',
          category: 'tea',
          quantity: 1,
          price: { amount: 1500, currency: 'EUR' },
        },
      ],
      shipments: [],
    },
  };
}

describe("a store that is not Maple & Moss, on its own data (issue 22's journey)", () => {
  let folder: string;
  let server: Awaited<ReturnType<typeof startKefuServer>>;
  let site: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let key: string;
  let receiver: TestReceiver;
  let webhookSecret: string;
  let webhookId: string;
  // The receiver is on 127.0.0.1, which a store's server refuses unless told (decision 0022).
  const env = () => ({ KEFU_DATA_DIR: join(folder, 'data'), KEFU_WEBHOOKS_ALLOW_PRIVATE: '1' });
  // Read per request: /v1 is forwarded once the server is up, which is after the page's host.
  const siteOptions: { root: string; apiOrigin?: string } = { root: '' };

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kefu-real-store-'));
    // The store's page: its own HTML with the built script tag, and /v1 on the same origin, as a
    // store's host forwards it (the demo's settings under npm start).
    const page = join(folder, 'site');
    siteOptions.root = page;
    cpSync(resolve(repo, 'packages/loader/dist'), join(page, 'kefu'), { recursive: true });
    writeFileSync(
      join(page, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lumen Tea House</title>
       <meta name="viewport" content="width=device-width, initial-scale=1">
       <script src="/kefu/kefu.js" data-api-base="/v1" async></script>
       </head><body><h1>Lumen Tea House</h1><p>Loose-leaf tea and teaware.</p></body></html>`,
    );
    // Its port first: the settings file names the page's origin.
    site = await startDemoServer(siteOptions);
    // The store's webhook receiver answers 500 to the first two deliveries, then 200.
    receiver = await startReceiver();
    receiver.answers = [500, 500];
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    if (server) await new Promise((done) => server.child.once('exit', done));
    await site?.close();
    await receiver?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes the starter settings, makes them the store’s, and starts empty on them', async () => {
    const init = await kefuServer(folder, env(), ['init', 'store.yaml']);
    assert.equal(init.code, 0, init.stderr);
    const settings = join(folder, 'store.yaml');
    const starter = readFileSync(settings, 'utf8');
    // Edited as the store's developer would, key by key.
    const edited = starter
      .replace('name: Your Store', 'name: Lumen Tea House')
      .replace(/^locales:\n {2}- en$/m, 'locales:\n  - en\n  - zh-CN')
      .replace('allowedOrigins: []', `allowedOrigins: ['${site.origin}']`);
    assert.notEqual(edited, starter);
    writeFileSync(settings, edited);

    server = await startKefuServer(folder, env(), ['--config', 'store.yaml']);
    siteOptions.apiOrigin = server.origin;
    await server.line(/^The store is empty/);
    // Nothing of the demo: its orders are not there.
    const demoLookup = await fetch(`${server.origin}/v1/orders/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderNumber: 'MM-1001', email: 'amelie.laurent@example.com' }),
    });
    assert.equal(demoLookup.status, 404);
    const config = (await (await fetch(`${server.origin}/v1/config`)).json()) as { brand: { name: string } };
    assert.equal(config.brand.name, 'Lumen Tea House');
  });

  it('creates a key with the CLI; pushes orders, a tracking event, articles and a webhook with it', async () => {
    const created = await kefuServer(folder, env(), [
      'keys',
      'create',
      '--name',
      'Lumen shop backend',
      '--scopes',
      'orders:write,articles:write,read,webhooks:write',
    ]);
    assert.equal(created.code, 0, created.stderr);
    key = /^(kfk_\S+)$/m.exec(created.stdout)?.[1] ?? '';
    assert.ok(key, created.stdout);

    const orders = lumenOrders(Date.now());
    for (const [number, facts] of Object.entries(orders)) {
      const pushed = await admin('PUT', `/orders/${number}`, facts);
      assert.equal(pushed.status, 201, JSON.stringify(pushed.body));
    }
    const event = await admin('POST', '/orders/LT-2001/shipments/parcel-b/events', {
      events: [
        {
          at: iso(Date.now() - 60_000),
          status: 'in_transit',
          description: 'Left the Lyon sorting centre',
          location: 'Lyon',
        },
      ],
    });
    assert.equal(event.status, 200, JSON.stringify(event.body));

    // Three help articles in two languages: one written in Markdown, one in HTML, and its Chinese
    // translation (paired by translationKey).
    const articles = {
      'brewing-green-tea': {
        locale: 'en',
        title: 'Brewing green tea',
        format: 'markdown',
        body: 'Green tea likes water at **75–80 °C**, not boiling:\n\n- steep a sencha for one minute, then taste;\n- a second steep takes 30 seconds.',
        category: 'tea-care',
        tags: ['green tea', 'brewing', 'sencha'],
        translationKey: 'green-tea',
      },
      'storing-tea': {
        locale: 'en',
        title: 'How long does loose tea keep?',
        body: '<p>Sealed and away from light, green teas keep their taste for six months and black teas for two years.</p>',
        category: 'tea-care',
        tags: ['storage', 'freshness'],
      },
      'zh-brewing-green-tea': {
        locale: 'zh-CN',
        title: '如何冲泡绿茶',
        body: '<p>绿茶适合用七十五到八十度的水冲泡，不要用沸水。煎茶第一泡约一分钟，第二泡三十秒即可。</p>',
        category: 'tea-care',
        tags: ['绿茶', '冲泡'],
        translationKey: 'green-tea',
      },
    };
    for (const [id, article] of Object.entries(articles)) {
      const put = await admin('PUT', `/articles/${id}`, article);
      assert.equal(put.status, 201, JSON.stringify(put.body));
    }

    const webhook = await admin('POST', '/webhooks', {
      url: receiver.url,
      events: ['return.created'],
      description: 'Lumen shop backend',
    });
    assert.equal(webhook.status, 201, JSON.stringify(webhook.body));
    ({ secret: webhookSecret, id: webhookId } = webhook.body as { secret: string; id: string });
  });

  it('lets a shopper on the store’s page track the order, see the new event and start a return', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${site.origin}/`);
    await openWidget(page);
    const shopper: Language = {
      ...english,
      tracking: {
        typed: 'lt-2001',
        number: 'LT-2001',
        contact: 'ines.moreau@example.net',
        status: 'Your order is on its way.',
      },
    };
    await trackAnOrder(page, shopper);
    const tracker = page.locator('kefu-widget kefu-order-tracker');
    await tracker.getByText('Left the Lyon sorting centre').waitFor();
    await page.screenshot({ path: screenshotPath('real-store-tracking.png') });

    // From the order it tracks, as a shopper does: the returns view opens on that order.
    await tracker.getByRole('button', { name: 'Start a return' }).click();
    const returns = page.locator('kefu-widget kefu-returns');
    const { words } = english;
    await returns.getByRole('heading', { name: words.returnHeading('LT-2001') }).waitFor();
    await returns.locator('#field-items-i1-itemId').check();
    await returns.locator('#field-items-i1-reason').selectOption({ label: 'Changed my mind' });
    await returns.getByRole('radio', { name: /^Refund/ }).check();
    await returns.getByRole('button', { name: words.review, exact: true }).click();
    await returns.getByRole('heading', { name: words.reviewTitle }).waitFor();
    await returns.getByRole('button', { name: words.submitReturn, exact: true }).click();
    await returns.locator('[part~="status"]').getByRole('heading', { name: words.returnRequested }).waitFor();
    await page.screenshot({ path: screenshotPath('real-store-return.png') });
    await context.close();
  });

  it('lets shoppers find the store’s articles, in English and in Chinese', async () => {
    for (const [language, faq] of [
      [english, { query: 'brewing green tea', article: /^Brewing green tea$/ }],
      [chinese, { query: '冲泡绿茶', article: /^如何冲泡绿茶$/ }],
    ] as const) {
      const shopper: Language = { ...language, faq };
      const context = await browser.newContext({
        viewport: { width: 375, height: 740 },
        locale: shopper.browser.locale,
        timezoneId: shopper.browser.timezoneId,
      });
      const page = await context.newPage();
      await openInLanguage(page, `${site.origin}/`, shopper);
      const paragraph = await readAnArticle(page, shopper);
      assert.match((await paragraph.textContent()) ?? '', language === english ? /75–80 °C/ : /七十五到八十度/);
      await page.screenshot({ path: screenshotPath(`real-store-article-${shopper.tag}.png`) });
      await context.close();
    }
  });

  it('delivers return.created to the store’s receiver once, signed, after two 500s', async () => {
    // The retries wait 10 s and then 30 s (with jitter): bounded at 90 s.
    await receiver.waitFor(3, 90_000);
    const attempts = receiver.received.map(({ headers, body, status }) => ({
      id: headers.get('kefu-webhook-id'),
      timestamp: headers.get('kefu-webhook-timestamp'),
      signature: headers.get('kefu-webhook-signature'),
      body,
      status,
    }));
    assert.deepEqual(
      attempts.map((attempt) => attempt.status),
      [500, 500, 200],
      'two refused attempts and the one accepted',
    );
    const delivered = attempts[2]!;
    assert.equal(new Set(attempts.map((request) => request.id)).size, 1, 'the same event id on every attempt');
    const expected = createHmac('sha256', webhookSecret)
      .update(`${delivered.timestamp}.${delivered.body}`)
      .digest('hex');
    assert.equal(delivered.signature, `v1=${expected}`);
    const event = JSON.parse(delivered.body) as { type: string; data: { orderNumber?: string } };
    assert.equal(event.type, 'return.created');
    assert.match(delivered.body, /LT-2001/);
    // The store's side agrees: one delivery, succeeded on its third attempt.
    const listed = await admin('GET', `/webhooks/${webhookId}/deliveries`, undefined);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const { deliveries } = listed.body as { deliveries: { status: string; attempts: number; eventId: string }[] };
    assert.deepEqual(
      deliveries.map(({ status, attempts, eventId }) => ({ status, attempts, eventId })),
      [{ status: 'succeeded', attempts: 3, eventId: delivered.id }],
    );
    assert.equal(receiver.received.length, 3);
  });

  /** The admin API with the key the CLI made. */
  async function admin(method: string, path: string, body: unknown) {
    const response = await fetch(`${server.origin}/admin/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }
});

/** Opens the widget from the launcher the script tag draws, and waits for the store's name in it. */
async function openWidget(page: Page): Promise<void> {
  await page.locator('kefu-launcher button').click();
  await page.locator('kefu-widget[open] [part="header"]').getByText('Lumen Tea House').waitFor();
}
