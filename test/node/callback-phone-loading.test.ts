// When the callback form's phone numbers (libphonenumber-js and its metadata, 24 KB brotli) are
// fetched (issue 30). The callback element's module used to import them as soon as it was
// evaluated: an app whose wrapper imported <kefu-callback>, or a widget whose idle prefetch brought
// its features, paid for them on every page view. Now a form on the page asks for them, and the
// widget once its panel has opened — early enough that the form still opens offline.
//
// An app is bundled here as a store's bundler would (esbuild, code splitting, from the sources) and
// opened in Chromium: the unbundled test server of the browser suite cannot show this, as it loads
// all of `@kefu/core/domain` (phone functions included) with any element.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build, type Metafile } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';

const root = resolve(import.meta.dirname, '../..');

/** The test app: a client on the in-page demo store, and what a store's page does with the elements. */
const app = `
import { createKefu, createMemoryStorage } from '@kefu/core';
import { createMemoryBackend } from '@kefu/core/memory';

const client = createKefu({ backend: createMemoryBackend(), storage: () => createMemoryStorage(), locale: 'en' });

window.kefuApp = {
  /** What a wrapper does when <KefuCallback> first renders. */
  importCallback: () => import('@kefu/elements/define/kefu-callback.js').then(() => undefined),
  /** A form on the page; the time it was added, on the page's clock (resource timing's). */
  connectCallback() {
    const at = performance.now();
    const form = document.createElement('kefu-callback');
    form.client = client;
    document.body.append(form);
    return at;
  },
  /** The launcher and its panel, as a store's page shows them. */
  async showWidget() {
    await import('@kefu/elements/define/kefu-widget.js');
    const widget = document.createElement('kefu-widget');
    widget.client = client;
    document.body.append(widget);
  },
  /** When each fetch of these files began, on the page's clock. */
  fetchesOf: (files) =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => files.some((file) => new URL(entry.name).pathname === '/' + file))
      .map((entry) => entry.startTime),
};
`;

interface KefuApp {
  importCallback(): Promise<void>;
  connectCallback(): number;
  showWidget(): Promise<void>;
  fetchesOf(files: readonly string[]): number[];
}
declare global {
  interface Window {
    kefuApp: KefuApp;
  }
}

describe("the callback form's phone numbers, in an app bundled from the sources", () => {
  let dir: string;
  let metafile: Metafile;
  let server: Server;
  let origin: string;
  let browser: Browser;
  /** Paths the page asked for (requests received by the server), in order. */
  const requested: string[] = [];
  /** Files the page has received whole (Playwright's requestfinished). */
  const finished = new Set<string>();

  /** The output files holding libphonenumber-js: the phone chunk. */
  let phoneFiles: string[];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kefu-phone-loading-'));
    ({ metafile } = await build({
      stdin: { contents: app, resolveDir: root, sourcefile: 'app.ts', loader: 'ts' },
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: dir,
      metafile: true,
      platform: 'browser',
      conditions: ['source'],
      target: 'es2022',
      tsconfig: resolve(root, 'tsconfig.json'),
      logLevel: 'error',
    }));
    phoneFiles = Object.entries(metafile.outputs)
      .filter(([, output]) => Object.keys(output.inputs).some((input) => input.includes('/libphonenumber-js/')))
      .map(([name]) => relativeOutput(name));
    assert.equal(phoneFiles.length, 1, 'libphonenumber-js is in one chunk');
    assert.ok(
      !staticClosure('stdin.js').some((file) => phoneFiles.includes(file)),
      "the app's first chunk does not load the phone numbers",
    );

    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      requested.push(path);
      if (path === '/') {
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.end(
          '<!doctype html><html lang="en"><title>Store</title><script type="module" src="/stdin.js"></script>',
        );
        return;
      }
      readFile(join(dir, path.slice(1))).then(
        (body) => {
          response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          response.end(body);
        },
        () => {
          response.statusCode = 404;
          response.end();
        },
      );
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await new Promise((closed) => server?.close(closed));
    await rm(dir, { recursive: true, force: true });
  });

  /** An output's path as the page asks for it (esbuild names outputs from the working directory). */
  function relativeOutput(name: string): string {
    return resolve(root, name).slice(dir.length + 1);
  }

  /** The files a chunk loads statically, itself included, as the page asks for them. */
  function staticClosure(file: string): string[] {
    const byFile = new Map(Object.entries(metafile.outputs).map(([name, output]) => [relativeOutput(name), output]));
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const edge of byFile.get(name)?.imports ?? [])
        if (edge.kind === 'import-statement') visit(relativeOutput(resolve(root, edge.path)));
    };
    visit(file);
    return [...seen];
  }

  const phoneRequests = () => requested.filter((path) => phoneFiles.includes(path.slice(1)));

  async function openPage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    requested.length = 0;
    finished.clear();
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfinished', (request) => finished.add(new URL(request.url()).pathname.slice(1)));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'kefuApp' in window);
    return { page, errors, close: () => context.close() };
  }

  it('an app importing the callback element fetches them only when a form is on the page', async () => {
    const { page, errors, close } = await openPage();
    await page.evaluate(() => window.kefuApp.importCallback());
    assert.ok(await page.evaluate(() => customElements.get('kefu-callback') !== undefined), 'the element is defined');
    assert.deepEqual(phoneRequests(), [], 'importing the element did not ask for the phone numbers');

    const connectedAt = await page.evaluate(() => window.kefuApp.connectCallback());
    const form = page.locator('kefu-callback');
    await form.getByRole('heading', { name: 'Request a call back' }).waitFor();
    await form.getByLabel('Phone number').waitFor();
    await form.getByLabel('Country').selectOption('FR');
    await form.getByLabel('Phone number').fill('06 12 34 56 78');
    await form.getByText('We will call +33 6 12 34 56 78.').waitFor();

    const fetches = await page.evaluate((files) => window.kefuApp.fetchesOf(files), phoneFiles);
    assert.equal(fetches.length, 1, 'the phone numbers were fetched once');
    assert.ok(
      fetches[0]! >= connectedAt,
      `fetched when the form was added (at ${connectedAt.toFixed(1)} ms), not before (at ${fetches[0]!.toFixed(1)} ms)`,
    );
    assert.deepEqual(errors, []);
    await close();
  });

  it('the widget fetches them once its panel has opened, so the form opens offline afterwards', async () => {
    const { page, errors, close } = await openPage();
    await page.evaluate(() => window.kefuApp.showWidget());
    const widget = page.locator('kefu-widget');
    const launcher = widget.locator('[part="launcher"]');
    await launcher.waitFor();
    // The widget brings its features while the page is idle: the callback element is defined
    // without a shopper asking for help.
    await page.waitForFunction(() => customElements.get('kefu-callback') !== undefined);
    assert.deepEqual(phoneRequests(), [], 'the features came, the phone numbers did not');

    const openedAt = await page.evaluate(() => performance.now());
    await launcher.click();
    await widget.getByRole('button', { name: 'Call me back' }).waitFor();
    // The phone chunk and what it imports, all fetched: nothing more is needed from the network.
    const needed = phoneFiles.flatMap(staticClosure);
    const fetched = () => needed.every((file) => finished.has(file));
    for (let tries = 0; !fetched() && tries < 200; tries++) await new Promise((wait) => setTimeout(wait, 50));
    assert.ok(fetched(), `the open panel fetched the phone numbers (${needed.join(', ')})`);
    const [fetchedAt] = await page.evaluate((files) => window.kefuApp.fetchesOf(files), phoneFiles);
    assert.ok(fetchedAt! >= openedAt, 'fetched after the panel opened');

    await page.context().setOffline(true);
    await widget.getByRole('button', { name: 'Call me back' }).click();
    const form = page.locator('kefu-callback');
    await form.getByLabel('Phone number').waitFor();
    await form.getByLabel('Country').selectOption('FR');
    await form.getByLabel('Phone number').fill('06 12 34 56 78');
    await form.getByText('We will call +33 6 12 34 56 78.').waitFor();
    assert.equal(await form.getByText('We could not load the form').count(), 0);
    assert.deepEqual(errors, []);
    await close();
  });
});
