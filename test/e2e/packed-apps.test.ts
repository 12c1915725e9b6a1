// Kefu as a store's developer gets it from npm (issue 30): @kefu/core, @kefu/elements, @kefu/react
// and @kefu/vue packed as `npm publish` would pack them, then installed into three fresh apps in a
// temporary folder outside the clone — Vite + React + TypeScript, Vite + Vue + TypeScript, and
// plain Vite + TypeScript with the elements and the core — each with its own package.json and its
// own `npm install` (the tarballs, everything else from the registry at the versions this
// repository's package-lock.json uses). Each app is type-checked with its own strict tsconfig,
// built with `vite build`, served on 127.0.0.1 with /v1 forwarded to the reference server, and
// used in Chromium: the widget from its launcher, the inline order tracker, and the app's own code
// reading Kefu's state and handling kefu-navigate. The same journey runs on a plain HTML page
// with the script tag, whose files come from the @kefu/loader tarball served on a second origin
// with CORS (as a CDN that mirrors npm serves them). Nothing of the clone is reachable from the
// apps: a package that shipped a broken export, lacked a dependency or needed `src/` fails here.
// The apps' sources are in test/support/packed-apps/. Needs the build (`npm run build`) and the
// npm registry (or a warm npm cache).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../packages/server/src/server.js';
import { launchBrowser } from '../support/browser.js';
import { startDemoServer } from '../support/demo-server.js';
import { packWorkspaces } from '../support/pack.js';
import { screenshotPath } from '../support/storefront.js';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const templates = resolve(repo, 'test/support/packed-apps');

const lockfile = JSON.parse(readFileSync(resolve(repo, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};
/** The exact version the repository itself installs, so that every run installs the same apps. */
function locked(name: string): string {
  const version = lockfile.packages[`node_modules/${name}`]?.version;
  assert.ok(version, `${name} is not in package-lock.json`);
  return version;
}
const pinned = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, locked(name)]));

interface App {
  readonly dir: 'react' | 'vue' | 'vanilla';
  readonly title: string;
  /** The workspaces whose tarballs the app installs: what the docs tell its developer to install. */
  readonly kefu: readonly string[];
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly typecheck: string;
}

const apps: readonly App[] = [
  {
    dir: 'react',
    title: 'Vite + React + TypeScript',
    kefu: ['packages/core', 'packages/elements', 'packages/react'],
    dependencies: pinned(['react', 'react-dom']),
    devDependencies: pinned(['vite', '@vitejs/plugin-react', 'typescript', '@types/react', '@types/react-dom']),
    typecheck: 'tsc --noEmit',
  },
  {
    dir: 'vue',
    title: 'Vite + Vue + TypeScript',
    kefu: ['packages/core', 'packages/elements', 'packages/vue'],
    dependencies: pinned(['vue']),
    // vue-tsc: tsc cannot read a single-file component, and the app's logic lives in one. The
    // repository has no Vue type-checker of its own to take the version from: pinned here.
    devDependencies: { ...pinned(['vite', '@vitejs/plugin-vue', 'typescript']), 'vue-tsc': '3.3.14' },
    typecheck: 'vue-tsc --noEmit',
  },
  {
    dir: 'vanilla',
    title: 'plain Vite + TypeScript (no framework)',
    kefu: ['packages/core', 'packages/elements'],
    dependencies: {},
    devDependencies: pinned(['vite', 'typescript']),
    typecheck: 'tsc --noEmit',
  },
];

/** Runs an npm command in `cwd`; on failure, says what ran and what it printed. */
async function npm(cwd: string, args: readonly string[], timeout: number, hint = ''): Promise<void> {
  try {
    await run('npm', args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  } catch (error) {
    const { stdout = '', stderr = '', killed } = error as { stdout?: string; stderr?: string; killed?: boolean };
    const why = killed ? `did not finish in ${timeout / 1000} s` : 'failed';
    assert.fail(`npm ${args.join(' ')} in ${cwd} ${why}${hint}\n${stdout}\n${stderr}`);
  }
}

describe('Kefu installed from its tarballs into fresh apps', { timeout: 8 * 60_000 }, () => {
  let dir: string;
  let api: RunningServer;
  let browser: Browser;

  before(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'kefu-packed-apps-'));
      const tarballs = join(dir, 'tarballs');
      mkdirSync(tarballs);
      const workspaces = [...new Set([...apps.flatMap((app) => app.kefu), 'packages/loader'])];
      const packed = await packWorkspaces(workspaces, tarballs);
      const tarballOf = new Map(workspaces.map((workspace, index) => [workspace, packed[index]!]));
      // The script tag's files, as a CDN that mirrors npm unpacks them.
      mkdirSync(join(dir, 'loader'));
      mkdirSync(join(dir, 'store'));
      const loader = join(tarballs, tarballOf.get('packages/loader')!.filename);
      await run('tar', ['-xzf', loader, '-C', join(dir, 'loader')]);

      // Three apps, three installs, side by side (the npm cache is safe to share).
      await Promise.all(
        apps.map(async (app) => {
          const root = join(dir, app.dir);
          cpSync(join(templates, app.dir), root, { recursive: true });
          const kefu = app.kefu.map((workspace) => tarballOf.get(workspace)!);
          const manifest = {
            name: `a-${app.dir}-store`,
            private: true,
            type: 'module',
            scripts: { typecheck: app.typecheck, build: 'vite build' },
            dependencies: {
              ...Object.fromEntries(kefu.map(({ name, filename }) => [name, `file:../tarballs/${filename}`])),
              ...app.dependencies,
            },
            devDependencies: app.devDependencies,
          };
          writeFileSync(join(root, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
          await npm(
            root,
            ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
            4 * 60_000,
            ' (the apps install their dependencies from the npm registry: is it reachable?)',
          );
        }),
      );

      api = await startServer({ port: 0, demo: true });
      browser = await launchBrowser();
    },
    { timeout: 6 * 60_000 },
  );

  after(async () => {
    await browser?.close();
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const app of apps) {
    describe(`a fresh ${app.title} app`, () => {
      const root = () => join(dir, app.dir);

      it(`type-checks under its own strict tsconfig (${app.typecheck})`, { timeout: 2 * 60_000 }, async () => {
        await npm(root(), ['run', '--silent', 'typecheck'], 2 * 60_000);
      });

      it('builds with vite build', { timeout: 2 * 60_000 }, async () => {
        await npm(root(), ['run', '--silent', 'build'], 2 * 60_000);
        assert.ok(existsSync(join(root(), 'dist/index.html')), 'vite build wrote dist/index.html');
      });

      it('opens the widget from its launcher, and the inline tracker finds an order the app hears of', async () => {
        const dist = join(root(), 'dist');
        assert.ok(existsSync(join(dist, 'index.html')), 'the app was built (the test before this one)');
        const site = await startDemoServer({ root: dist, apiOrigin: api.origin });
        try {
          await shopperJourney(browser, `${site.origin}/`, app.dir);
        } finally {
          await site.close();
        }
      });
    });
  }

  describe('the script tag from the @kefu/loader tarball, on a second origin with CORS', () => {
    it('opens the widget from its launcher, and an inline tracker in the page’s HTML finds an order', async () => {
      // The tarball's dist/ as a CDN that mirrors npm serves it; the store's page on its own origin,
      // /v1 forwarded to the reference server by the store's host.
      const cdn = await startDemoServer({ root: join(dir, 'loader/package/dist'), headers: corsHeaders });
      const store = await startDemoServer({ root: join(dir, 'store'), apiOrigin: api.origin });
      try {
        writeFileSync(
          join(dir, 'store/index.html'),
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
           <title>A store with the script tag</title>
           <script src="${cdn.origin}/kefu.js" data-api-base="/v1" async></script></head>
           <body><main><h1>A store with the script tag</h1><kefu-order-tracker></kefu-order-tracker></main></body></html>`,
        );
        await shopperJourney(browser, `${store.origin}/`, 'script-tag');
      } finally {
        await store.close();
        await cdn.close();
      }
    });
  });
});

const corsHeaders = { 'Access-Control-Allow-Origin': '*' };

/**
 * What a shopper does on each app's page: opens the widget from its launcher and sees the store's
 * name, closes it, looks up an order in the inline tracker, then asks to chat about it, which
 * opens the widget on the chat. A built app's own code shows the order it read from Kefu's state
 * (the script-tag page has no code of its own). Fails on any page error, console error, or failed request for Kefu's code or API.
 */
async function shopperJourney(browser: Browser, url: string, name: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Kefu's modules, styles and API calls all load. (Images are the store's: the demo orders'
  // product pictures are paths on the demo storefront, which these apps are not.)
  page.on('response', (response) => {
    const kind = response.request().resourceType();
    if (response.status() >= 400 && kind !== 'image') errors.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  try {
    await page.goto(url);

    // The widget: the shopper opens it from its launcher and sees the store's name.
    await page.getByRole('button', { name: 'Open help', exact: true }).click();
    await page.locator('kefu-widget[open] [part="header"]').getByText('Maple & Moss').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('kefu-widget:not([open])').waitFor();

    // The inline tracker: the shopper looks up an order; the app's own code reads it.
    const tracker = page.locator('kefu-order-tracker');
    await tracker.getByLabel('Order number').fill('MM-1004');
    await tracker.getByLabel('Email address').fill('ana.garcia@example.com');
    await tracker.getByRole('button', { name: 'Track order' }).click();
    await tracker.getByRole('heading', { name: 'Order MM-1004' }).waitFor();
    if (name !== 'script-tag') {
      await page.getByTestId('app-order').getByText('The app knows: order MM-1004').waitFor();
    }
    await page.screenshot({ path: screenshotPath(`packed-apps-${name}-order-1280.png`), fullPage: true });

    // "Chat about this order": the app's kefu-navigate handler (the loader, for the script tag)
    // opens the widget there.
    await tracker.getByRole('button', { name: 'Chat about this order' }).click();
    await page.locator('kefu-widget[open] kefu-chat').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
}
