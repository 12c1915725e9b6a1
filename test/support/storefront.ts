import { after, before } from 'node:test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
// The server's source, not its package entry: a test that reaches into the running server (the
// chat test drops its sockets through `api.services.sockets`) gets the source's types.
import { startServer, type RunningServer, type ServerOptions } from '../../packages/server/src/server.js';
import { startDemoServer, type DemoServerOptions } from './demo-server.js';
import { launchBrowser } from './browser.js';

const repo = resolve(import.meta.dirname, '../..');
const screenshots = resolve(repo, 'test-results/screenshots');

/** Where an end-to-end test writes a screenshot: test-results/screenshots/<name>, kept by CI. */
export function screenshotPath(name: string): string {
  mkdirSync(screenshots, { recursive: true });
  return resolve(screenshots, name);
}

export interface Storefront {
  /** The reference server, on its own fresh database: the demo store unless `server.demo` is false. */
  readonly api: RunningServer;
  /** The built demo storefront (demo/dist), forwarding /v1 to `api`. */
  readonly demo: Awaited<ReturnType<typeof startDemoServer>>;
  readonly browser: Browser;
}

export interface StorefrontOptions {
  readonly server?: Omit<ServerOptions, 'port'>;
  /**
   * The reference server on an origin of its own (CORS allowed for the storefront's), for the test
   * of an absolute apiBase on another origin; point the widget there with
   * `Kefu('init', { apiBase: \`${api.origin}/v1\` })`. Without it the storefront is served as
   * `npm start` serves it: its pages' relative "/v1" forwarded to the server, WebSockets included.
   */
  readonly serverOnItsOwnOrigin?: boolean;
  /** Extra headers on the storefront's pages, e.g. its Content-Security-Policy. */
  readonly htmlHeaders?: DemoServerOptions['htmlHeaders'];
}

/**
 * What every end-to-end journey runs against, as a shopper meets it: the demo storefront in front
 * of a reference server, and Chromium. Call it inside a `describe`: it starts them before the
 * block's tests and closes them after; read its fields inside the tests.
 */
export function useStorefront(options: StorefrontOptions = {}): Storefront {
  const stack: { -readonly [K in keyof Storefront]?: Storefront[K] } = {};
  before(async () => {
    const htmlHeaders = options.htmlHeaders ? { htmlHeaders: options.htmlHeaders } : {};
    if (options.serverOnItsOwnOrigin) {
      const demo = (stack.demo = await startDemoServer({ root: resolve(repo, 'demo/dist'), ...htmlHeaders }));
      stack.api = await startServer({ demo: true, ...options.server, allowedOrigins: [demo.origin], port: 0 });
    } else {
      const api = (stack.api = await startServer({ demo: true, ...options.server, port: 0 }));
      stack.demo = await startDemoServer({ root: resolve(repo, 'demo/dist'), apiOrigin: api.origin, ...htmlHeaders });
    }
    stack.browser = await launchBrowser();
  });
  after(async () => {
    await stack.browser?.close();
    await stack.demo?.close();
    await stack.api?.close();
  });
  const started = <K extends keyof Storefront>(key: K): Storefront[K] => {
    const value = stack[key];
    if (!value) throw new Error(`useStorefront: ${key} is read before the describe block's before() hook ran`);
    return value as Storefront[K];
  };
  return {
    get api() {
      return started('api');
    },
    get demo() {
      return started('demo');
    },
    get browser() {
      return started('browser');
    },
  };
}
