/**
 * What the in-browser benchmarks share: their page script bundled by esbuild from our sources,
 * and a page at http://localhost (a secure context: IndexedDB, crypto.randomUUID, Web Locks,
 * workers) served by a Playwright route, which loads /bench.js.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';

const here = resolve(import.meta.dirname, '..');

export interface BundleOptions {
  /** Bundle as a production build (`process.env.NODE_ENV`), as a storefront ships it. */
  readonly production?: boolean;
  readonly minify?: boolean;
}

/** `entry` (relative to bench/) and what it imports, as one ES module. */
export async function bundleBenchScript(entry: string, options: BundleOptions = {}): Promise<string> {
  const result = await build({
    entryPoints: [resolve(here, entry)],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source', 'browser'],
    tsconfig: resolve(here, '../tsconfig.json'),
    ...(options.production ? { define: { 'process.env.NODE_ENV': '"production"' } } : {}),
    ...(options.minify ? { minify: true } : {}),
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * Serves `scripts` (by path: `/bench.js` is the page's, others sit beside it, e.g. a worker) and
 * an empty page that loads /bench.js as a module, opens it, and waits for `ready` (a global the
 * page script sets).
 */
export async function openBenchPage(page: Page, scripts: Readonly<Record<string, string>>, ready: string) {
  await page.route('http://localhost/**', (route) => {
    const script = scripts[new URL(route.request().url()).pathname];
    return route.fulfill(
      script !== undefined
        ? { contentType: 'text/javascript', body: script }
        : {
            contentType: 'text/html',
            body: '<!doctype html><html lang="en"><body><script type="module" src="/bench.js"></script></body></html>',
          },
    );
  });
  await page.goto('http://localhost/');
  await waitForBenchPage(page, ready);
}

/** Waits for the page script's global (after a reload too). */
export function waitForBenchPage(page: Page, ready: string) {
  return page.waitForFunction(`${JSON.stringify(ready)} in window`);
}
