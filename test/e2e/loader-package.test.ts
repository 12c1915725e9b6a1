import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { startDemoServer } from '../support/demo-server.js';
import { launchBrowser } from '../support/browser.js';
import { packWorkspaces } from '../support/pack.js';

const run = promisify(execFile);
type Site = Awaited<ReturnType<typeof startDemoServer>>;

interface IntegrityList {
  readonly files: Record<string, { readonly integrity: string; readonly size: number }>;
}

/**
 * Issue 30: the script tag from npm, as a CDN that mirrors npm serves it (jsDelivr, unpkg). The
 * loader's tarball, packed as `npm publish` would, is unpacked and its dist/ served from a second
 * origin with CORS; the store's page, on its own origin, loads kefu.js with
 * `integrity="<kefu.js's hash from integrity.json>" crossorigin="anonymous"`, as the package's
 * README says. The browser runs it only when the bytes match: a wrong hash, a file changed on the
 * CDN, or a missing crossorigin attribute, and the script is refused (its error event fires
 * instead of its code running, so the launcher can never appear). The attribute covers kefu.js
 * alone: the modules it imports (`import()` carries no integrity) are checked only when the page
 * adds an import map whose `integrity` lists their hashes, which Chromium applies to the
 * loader's `import()` and the widget's. Both halves are tested, as docs/loader.md describes them.
 */
describe('@kefu/loader from its tarball on a CDN, with <script integrity>', () => {
  let browser: Browser;
  let work: string;
  let cdn: Site;
  let page: Site;
  let listed: IntegrityList['files'];
  let featuresChunk: string;
  const tamperedCdns = new Map<string, Site>();

  /** The import map a page adds so that every module kefu.js imports is checked too, as docs/loader.md shows. */
  const integrityImportMap = (host: Site) =>
    JSON.stringify({
      integrity: Object.fromEntries(
        Object.entries(listed)
          .filter(([file]) => file.endsWith('.js'))
          .map(([file, { integrity }]) => [`${host.origin}/${file}`, integrity]),
      ),
    });

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'kefu-loader-package-'));
    const [packed] = await packWorkspaces(['packages/loader'], work);
    await run('tar', ['-xzf', join(work, packed!.filename), '-C', work]);
    const dist = join(work, 'package/dist');
    listed = (JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8')) as IntegrityList).files;
    featuresChunk = Object.keys(listed).find((file) => /^features\/kefu-features-[^/]+\.js$/.test(file))!;
    assert.ok(featuresChunk, 'the features chunk is listed');
    cdn = await startDemoServer({ root: dist, headers: { 'Access-Control-Allow-Origin': '*' } });
    // CDNs whose copy of one file was changed after publishing: a line more, which says when it ran.
    for (const file of ['kefu.js', 'kefu-widget.js', featuresChunk]) {
      const copy = join(work, `tampered-${tamperedCdns.size}`);
      cpSync(dist, copy, { recursive: true });
      appendFileSync(join(copy, file), `\n;globalThis.changedOnTheCdn = ${JSON.stringify(file)};\n`);
      tamperedCdns.set(file, await startDemoServer({ root: copy, headers: { 'Access-Control-Allow-Origin': '*' } }));
    }

    const pages = join(work, 'pages');
    mkdirSync(pages);
    const kefuHash = listed['kefu.js']!.integrity;
    const pinned = `integrity="${kefuHash}" crossorigin="anonymous"`;
    const variants: Record<string, { host: Site; attributes: string; importMap?: boolean }> = {
      'pinned.html': { host: cdn, attributes: pinned },
      // A real sha384, of another file of the same build.
      'wrong-hash.html': {
        host: cdn,
        attributes: `integrity="${listed['kefu-widget.js']!.integrity}" crossorigin="anonymous"`,
      },
      'tampered.html': { host: tamperedCdns.get('kefu.js')!, attributes: pinned },
      'no-crossorigin.html': { host: cdn, attributes: `integrity="${kefuHash}"` },
      'import-map.html': { host: cdn, attributes: pinned, importMap: true },
      'tampered-chunk.html': { host: tamperedCdns.get(featuresChunk)!, attributes: pinned },
      'import-map-tampered-widget.html': {
        host: tamperedCdns.get('kefu-widget.js')!,
        attributes: pinned,
        importMap: true,
      },
      'import-map-tampered-chunk.html': { host: tamperedCdns.get(featuresChunk)!, attributes: pinned, importMap: true },
    };
    for (const [name, { host, attributes, importMap }] of Object.entries(variants)) {
      // Without data-api-base: the built-in demo store, itself a chunk (demo/) from the CDN.
      writeFileSync(
        join(pages, name),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Store</title>
         <script>
           window.refusedScripts = [];
           addEventListener('error', (event) => {
             if (event.target instanceof HTMLScriptElement) refusedScripts.push(event.target.src);
           }, true);
         </script>
         ${importMap ? `<script type="importmap">${integrityImportMap(host)}</script>` : ''}
         <script src="${host.origin}/kefu.js" ${attributes} async></script>
         </head><body><h1>A store</h1></body></html>`,
      );
    }
    page = await startDemoServer({ root: pages });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const site of [page, cdn, ...tamperedCdns.values()]) await site?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const changedOnTheCdn = (tab: Page) =>
    tab.evaluate(() => (globalThis as { changedOnTheCdn?: string }).changedOnTheCdn ?? null);

  /** Opens the page, the panel (kefu-widget.js, the demo store) and the FAQ (the features chunk). */
  async function openTheFaq(file: string, host: Site) {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    const fromCdn: string[] = [];
    tab.on('response', (response) => {
      if (response.url().startsWith(host.origin)) fromCdn.push(response.url().slice(host.origin.length + 1));
    });
    await tab.goto(`${page.origin}/${file}`);
    await tab.locator('kefu-launcher button').click();
    await tab.locator('kefu-widget[open] [part="header"]').getByText('Maple & Moss').waitFor();
    await tab.evaluate(() => (window as unknown as { Kefu: (...args: unknown[]) => void }).Kefu('open', 'faq'));
    await tab.locator('kefu-widget kefu-faq input[type="search"]').waitFor();
    assert.ok(fromCdn.includes('kefu-widget.js') && fromCdn.includes(featuresChunk), fromCdn.join('\n'));
    assert.ok(
      fromCdn.some((file) => file.startsWith('demo/')),
      'the demo store came from the CDN too',
    );
    assert.ok(
      fromCdn.every((file) => file in listed),
      `every file fetched is listed in integrity.json:\n${fromCdn.join('\n')}`,
    );
    assert.deepEqual(await tab.evaluate(() => (window as unknown as { refusedScripts: string[] }).refusedScripts), []);
    assert.deepEqual(errors, []);
    return { context, tab };
  }

  it('loads kefu.js whose hash matches; the widget and its features load from beside it', async () => {
    const { context } = await openTheFaq('pinned.html', cdn);
    await context.close();
  });

  it('covers kefu.js only: a feature chunk changed on the CDN still runs (what the import map is for)', async () => {
    const { context, tab } = await openTheFaq('tampered-chunk.html', tamperedCdns.get(featuresChunk)!);
    assert.equal(await changedOnTheCdn(tab), featuresChunk);
    await context.close();
  });

  it('with an import map of integrity.json’s hashes, loads the widget and its features as before', async () => {
    const { context } = await openTheFaq('import-map.html', cdn);
    await context.close();
  });

  it('with that import map, refuses kefu-widget.js changed on the CDN, preloaded or imported', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const tab = await context.newPage();
    const consoleErrors: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await tab.goto(`${page.origin}/import-map-tampered-widget.html`);
    // The loader modulepreloads kefu-widget.js when the page is idle and imports it on the click:
    // whichever fetched it, the changed file never runs, and the launcher says help is unavailable.
    const launcher = tab.locator('kefu-launcher button');
    await launcher.click();
    await launcher.and(tab.locator('[aria-disabled="true"]')).waitFor();
    assert.equal(await changedOnTheCdn(tab), null);
    assert.equal(await tab.locator('kefu-widget').count(), 0);
    const host = tamperedCdns.get('kefu-widget.js')!;
    assert.ok(
      consoleErrors.some((text) =>
        text.includes(`valid digest in the 'integrity' attribute for resource '${host.origin}/kefu-widget.js'`),
      ),
      consoleErrors.join('\n'),
    );
    await context.close();
  });

  it('with that import map, refuses a feature chunk changed on the CDN; the FAQ never runs it', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const tab = await context.newPage();
    const host = tamperedCdns.get(featuresChunk)!;
    const refusal = `valid digest in the 'integrity' attribute for resource '${host.origin}/${featuresChunk}'`;
    const said = tab
      .waitForEvent('console', (entry: ConsoleMessage) => entry.text().includes(refusal))
      .then(
        (entry) => entry.text(),
        (error: unknown) => `no console message saying ${refusal}: ${String(error)}`,
      );
    await tab.goto(`${page.origin}/import-map-tampered-chunk.html`);
    await tab.locator('kefu-launcher button').click();
    // The shell (kefu-widget.js, unchanged) passes its check and opens.
    await tab.locator('kefu-widget[open] [part="header"]').getByText('Maple & Moss').waitFor();
    await tab.evaluate(() => (window as unknown as { Kefu: (...args: unknown[]) => void }).Kefu('open', 'faq'));
    assert.ok((await said).includes(refusal), await said);
    // A module whose fetch failed stays failed for the page's life: it cannot run later.
    assert.equal(await changedOnTheCdn(tab), null);
    assert.equal(await tab.evaluate(() => customElements.get('kefu-faq') === undefined), true);
    await context.close();
  });

  /**
   * Opens a page whose kefu.js the browser is expected to refuse: waits (bounded) for the script's
   * error event and Chromium's console message about it; once a script has fired `error` it never
   * runs, so no launcher and no `Kefu` can appear afterwards.
   */
  async function expectRefused(file: string, message: RegExp) {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const tab = await context.newPage();
    const said = tab
      .waitForEvent('console', (entry: ConsoleMessage) => message.test(entry.text()))
      .then(
        (entry) => entry.text(),
        (error: unknown) => `no console message matching ${String(message)}: ${String(error)}`,
      );
    await tab.goto(`${page.origin}/${file}`);
    await tab.waitForFunction(() => (window as unknown as { refusedScripts: string[] }).refusedScripts.length > 0);
    const refused = await tab.evaluate(() => (window as unknown as { refusedScripts: string[] }).refusedScripts);
    assert.equal(refused.length, 1);
    assert.match(refused[0]!, /\/kefu\.js$/);
    const text = await said;
    assert.match(text, message);
    assert.equal(await tab.locator('kefu-launcher').count(), 0, 'no launcher');
    assert.equal(await tab.evaluate(() => typeof (window as { Kefu?: unknown }).Kefu), 'undefined');
    assert.equal(await changedOnTheCdn(tab), null);
    await context.close();
    return text;
  }

  it('refuses kefu.js when the integrity attribute is not its hash', async () => {
    const text = await expectRefused('wrong-hash.html', /Failed to find a valid digest in the 'integrity' attribute/);
    // The hash Chromium computed for the file it refused is the one integrity.json lists for it.
    assert.ok(text.includes(listed['kefu.js']!.integrity.slice('sha384-'.length)), text);
  });

  it('refuses kefu.js changed on the CDN after publishing, though the page gives the published hash', async () => {
    const text = await expectRefused('tampered.html', /Failed to find a valid digest in the 'integrity' attribute/);
    assert.ok(!text.includes(listed['kefu.js']!.integrity.slice('sha384-'.length)), text);
  });

  it('refuses kefu.js from another origin with integrity but no crossorigin attribute', async () => {
    await expectRefused(
      'no-crossorigin.html',
      /integrity attribute, but the resource requires the request to be CORS enabled/,
    );
  });
});
