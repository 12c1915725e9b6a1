// A server-rendered Vue storefront hydrating in Chromium (issue 30: "renderToString works for React
// and Vue; hydration shows no warnings"). test/node/vue-server-rendering.test.ts checks what
// renderToString gives; this checks what the browser does with it. The app
// (test/support/vue-storefront/: a single-file component as docs/vue.md writes one, with
// createKefuPlugin, useKefu(), useKefuState(), an inline <kefu-order-tracker> and the <kefu-widget>)
// is built twice with Vite from the packages' dist, as a store's app is built: for the server
// (vite build --ssr, rendered here in Node) and for the browser. The page the server rendered is
// served with the browser's bundle and /v1 forwarded to the reference server, and hydrates in
// Chromium. The browser's bundle is Vue's development build (process.env.NODE_ENV), which reports
// every hydration mismatch as a `[Vue warn]`; a production build would only say that there was one.
//
// The plugin draws the light launcher inside the server's <kefu-widget> before Vue hydrates it:
// Vue leaves alone the children of an element it renders without children, so that is no mismatch;
// a Vue that compared them would warn here.
//
// Needs the build (`npm run build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import vue from '@vitejs/plugin-vue';
import { build, type InlineConfig, type Rolldown } from 'vite';
import { startServer, type RunningServer } from '../../packages/server/src/server.js';
import { launchBrowser } from '../support/browser.js';
import { startDemoServer } from '../support/demo-server.js';
import { screenshotPath } from '../support/storefront.js';

const repo = resolve(import.meta.dirname, '../..');
const app = resolve(repo, 'test/support/vue-storefront');

/** What both builds share: the app's folder, and Vue told that kefu-* tags are custom elements. */
const common: InlineConfig = {
  root: app,
  configFile: false,
  envDir: false,
  publicDir: false,
  logLevel: 'warn',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('kefu-') } } })],
};

/** The modules a build bundled. */
function modulesOf(result: Awaited<ReturnType<typeof build>>): string[] {
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap(({ output }) => output).flatMap((item) => (item.type === 'chunk' ? item.moduleIds : []));
}

function assertBuiltFromDist(modules: readonly string[], what: string) {
  assert.ok(
    modules.some((id) => id.includes('/packages/vue/dist/')),
    `${what} bundles @kefu/vue's dist (otherwise this test would prove nothing)`,
  );
  const fromSource = modules.filter((id) => /\/packages\/[^/]+\/src\//.test(id));
  assert.deepEqual(fromSource, [], `${what} bundles the packages' dist, not their sources`);
}

/** The HTML the store's server sends: the app rendered in #app, then the browser's bundle. */
const page = (markup: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>A server-rendered Vue store</title>
    <script type="module" src="/assets/client.js"></script>
  </head>
  <body>
    <div id="app">${markup}</div>
    <script>
      // Before the app's code runs (module scripts wait for the document): the elements the server sent.
      window.sentByServer = [...document.querySelectorAll('kefu-widget, kefu-order-tracker')];
    </script>
  </body>
</html>
`;

describe('a server-rendered Vue storefront, hydrated in Chromium', () => {
  let work: string | undefined;
  let markup: string;
  let api: RunningServer | undefined;
  let site: Awaited<ReturnType<typeof startDemoServer>> | undefined;
  let browser: Browser | undefined;

  before(
    async () => {
      assert.ok(
        existsSync(resolve(repo, 'packages/vue/dist/index.js')),
        'packages/vue/dist is missing: run `npm run build` first',
      );
      // Inside the clone (ignored by git): the server's bundle imports `vue` from its node_modules.
      mkdirSync(resolve(repo, 'test-results'), { recursive: true });
      work = mkdtempSync(resolve(repo, 'test-results/vue-hydration-'));
      const serverBuild = await build({
        ...common,
        // @kefu/* bundled (from dist, as Vite resolves them), vue left to Node as a server app does.
        ssr: { noExternal: [/^@kefu\//] },
        build: {
          ssr: resolve(app, 'server.ts'),
          outDir: join(work, 'server'),
          emptyOutDir: true,
          minify: false,
          rolldownOptions: { output: { entryFileNames: 'server.js' } },
        },
      });
      assertBuiltFromDist(modulesOf(serverBuild), "the server's bundle");
      const clientBuild = await build({
        ...common,
        // Vue's development build: it names every hydration mismatch. Lit's production build, as in
        // demo/vue (its development build warns that it is one).
        define: { 'process.env.NODE_ENV': JSON.stringify('development') },
        resolve: { conditions: ['module', 'browser', 'production'] },
        build: {
          outDir: join(work, 'site'),
          emptyOutDir: true,
          minify: false,
          rolldownOptions: { input: resolve(app, 'client.ts'), output: { entryFileNames: 'assets/client.js' } },
        },
      });
      assertBuiltFromDist(modulesOf(clientBuild), "the browser's bundle");

      const server = (await import(pathToFileURL(join(work, 'server/server.js')).href)) as {
        render(): Promise<string>;
      };
      markup = await server.render();
      writeFileSync(join(work, 'site/index.html'), page(markup));

      api = await startServer({ port: 0, demo: true });
      site = await startDemoServer({ root: join(work, 'site'), apiOrigin: api.origin });
      browser = await launchBrowser();
    },
    { timeout: 3 * 60_000 },
  );

  after(async () => {
    await browser?.close();
    await site?.close();
    await api?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /**
   * Opens the storefront and waits for the app to have hydrated. `problems` collects every page
   * error, console error or warning (Vue's `[Vue warn]`s, hydration mismatches among them) and
   * failed request for Kefu's code or API (the demo orders' product pictures are not on this site).
   */
  async function openStorefront(): Promise<{ page: Page; problems: string[] }> {
    assert.ok(browser && site);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('Failed to load resource')) return; // reported with its URL below
      if (message.type() === 'error' || message.type() === 'warning' || text.includes('[Vue warn]')) {
        problems.push(`console ${message.type()}: ${text}`);
      }
    });
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      if (response.status() >= 400 && kind !== 'image') problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${site.origin}/`);
    await page.locator('body[data-hydrated="true"]').waitFor({ state: 'attached' });
    return { page, problems };
  }

  /** Whether Vue kept the elements the server sent (a mismatch it repairs may replace them). */
  const keptServerElements = (page: Page) =>
    page.evaluate(() => {
      const sent = (window as unknown as { sentByServer: Element[] }).sentByServer;
      const now = [...document.querySelectorAll('kefu-widget, kefu-order-tracker')];
      return sent.length === 2 && now.length === 2 && sent.every((element, index) => element === now[index]);
    });

  it("renders the page on the server: the elements' tags, and the app's text from the stores' first state", () => {
    assert.match(markup, /<h1>A server-rendered Vue store<\/h1>/);
    assert.match(markup, /<p data-testid="app-order"><!--\[-->No order looked up yet<!--\]--><\/p>/);
    assert.match(markup, /<kefu-order-tracker order-number="MM-1004"><\/kefu-order-tracker>/);
    assert.match(markup, /<kefu-widget position="start"><\/kefu-widget>/);
    assert.doesNotMatch(markup, /<script|<style|\son[a-z]+=/i, 'no script, style or inline handler');
  });

  it('hydrates with no Vue warning; the launcher opens the widget, the tracker finds the order, the app shows it', async () => {
    const { page, problems } = await openStorefront();
    assert.ok(await keptServerElements(page), 'Vue hydrated the elements the server sent, not new ones');
    await page.getByTestId('app-order').getByText('No order looked up yet').waitFor();
    assert.deepEqual(problems, [], 'hydration');

    // The light launcher the plugin drew inside the server's <kefu-widget> before Vue hydrated it
    // (and Vue left there), then the widget itself.
    assert.equal(await page.locator('kefu-widget > kefu-launcher').count(), 1, 'the launcher, in the widget’s tag');
    const launcher = page.getByRole('button', { name: 'Open help', exact: true });
    await launcher.click();
    await page.locator('kefu-widget[open] [part="header"]').getByText('Maple & Moss').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('kefu-widget:not([open])').waitFor({ state: 'attached' });

    const tracker = page.locator('kefu-order-tracker');
    await tracker.getByLabel('Order number').fill('MM-1004');
    await tracker.getByLabel('Email address').fill('ana.garcia@example.com');
    await tracker.getByRole('button', { name: 'Track order' }).click();
    await tracker.getByRole('heading', { name: 'Order MM-1004' }).waitFor();
    await page.getByTestId('app-order').getByText('The app knows: order MM-1004').waitFor();
    await page.screenshot({ path: screenshotPath('vue-hydration-order-1280.png'), fullPage: true });

    // The app's kefu-navigate handler, bound by hydration, opens the widget there.
    await tracker.getByRole('button', { name: 'Chat about this order' }).click();
    await page.locator('kefu-widget[open] kefu-chat').waitFor();
    assert.ok(await keptServerElements(page), 'the same elements, upgraded in place');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
