import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { importMap } from '../../scripts/import-map.mjs';
import { launchBrowser } from '../support/browser.js';

const repo = resolve(import.meta.dirname, '../..');
const nodeModules = resolve(repo, 'node_modules');

/** The page docs/no-bundler.md shows, with the map scripts/import-map.mjs prints in its importmap script. */
function documentedPage(map: unknown): string {
  const markdown = readFileSync(resolve(repo, 'docs/no-bundler.md'), 'utf8');
  const page = /```html\n([\s\S]*?type="importmap"[\s\S]*?)```/.exec(markdown)?.[1];
  assert.ok(page, 'docs/no-bundler.md shows no page with an importmap script');
  const mapScript = /(<script type="importmap">)[\s\S]*?(<\/script>)/;
  assert.match(page, mapScript);
  return page.replace(mapScript, (_, open: string, close: string) => `${open}${JSON.stringify(map)}${close}`);
}

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
};

/**
 * A page without a bundler (issue 30: "a page without a bundler needs an import map nobody
 * documented"): the HTML of docs/no-bundler.md, its map generated for the repository's
 * node_modules, served as a plain static host on 127.0.0.1 would (`/` the page, `/node_modules/…`
 * the installed packages, the workspace's through their symlinks: their built dist/). The map is
 * complete when the FAQ it loads answers a search; without one of its packages the page breaks.
 */
describe('a page without a bundler: Kefu through an import map (docs/no-bundler.md)', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let html = '';

  before(async () => {
    const unbuilt = ['core', 'elements'].filter((dir) => !existsSync(resolve(repo, 'packages', dir, 'dist/index.js')));
    assert.deepEqual(unbuilt, [], 'run the build first (npm run build): the map points at the packages’ dist/');
    server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      if (path === '/') {
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        return void response.end(html);
      }
      if (path === '/favicon.ico') return void response.writeHead(204).end(); // the site's, not Kefu's
      const file = normalize(join(repo, path));
      if (!path.startsWith('/node_modules/') || !file.startsWith(nodeModules)) {
        response.statusCode = 404;
        return void response.end();
      }
      readFile(file).then(
        (body) => {
          response.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
          response.end(body);
        },
        () => {
          response.statusCode = 404;
          response.end();
        },
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((done) => server?.close(done));
  });

  /** Opens the page; what failed to load or threw is collected. */
  async function open(map: unknown) {
    html = documentedPage(map);
    const page = await browser.newPage();
    const problems: string[] = [];
    const modules: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      else if (response.url().endsWith('.js') || response.url().endsWith('.mjs')) modules.push(response.url());
    });
    await page.goto(`${origin}/`);
    return { page, problems, modules };
  }

  async function search(page: Page) {
    const faq = page.locator('kefu-faq');
    await faq.locator('input[type="search"]').fill('how long to return');
    return faq.locator('[role="option"] .result-title').getByText(/^How long do I have to return something\?$/);
  }

  it('maps every package to a file that is installed', () => {
    const { imports } = importMap({ root: repo, base: '/node_modules/' }) as { imports: Record<string, string> };
    for (const name of ['@kefu/core', '@kefu/elements', 'lit', 'lit-html', '@lit/reactive-element', 'idb-keyval']) {
      assert.ok(imports[name], `no entry for ${name}`);
    }
    const missing = Object.entries(imports).filter(([, url]) => !existsSync(resolve(repo, `.${url}`)));
    assert.deepEqual(missing, []);
  });

  it('shows the FAQ, which answers a search, with every module found through the map', async (t) => {
    const { page, problems, modules } = await open(importMap({ root: repo, base: '/node_modules/' }));
    await (await search(page)).waitFor({ timeout: 15_000 });
    assert.deepEqual(problems, []);
    assert.ok(modules.some((url) => url.includes('/node_modules/@kefu/elements/dist/define/kefu-faq.js')));
    t.diagnostic(`the page loaded ${modules.length} modules`); // docs/no-bundler.md says about 240
    await page.close();
  });

  it('breaks, saying which package it cannot resolve, when one is missing from the map', async () => {
    // lit-html is no package the page names: only lit's own dependencies bring it in.
    const { imports } = importMap({ root: repo, base: '/node_modules/' }) as { imports: Record<string, string> };
    const withoutLitHtml = Object.fromEntries(Object.entries(imports).filter(([name]) => !name.startsWith('lit-html')));
    const { page, problems } = await open({ imports: withoutLitHtml });
    await page.waitForLoadState('load');
    const failed = () => problems.some((text) => /Failed to resolve module specifier "lit-html/.test(text));
    for (const deadline = Date.now() + 10_000; !failed() && Date.now() < deadline;) await page.waitForTimeout(100);
    assert.ok(failed(), problems.join('\n') || 'no error');
    assert.equal(await page.evaluate(() => customElements.get('kefu-faq')), undefined);
    await page.close();
  });
});
