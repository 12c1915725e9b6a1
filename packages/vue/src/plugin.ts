import type { App, InjectionKey, Plugin } from 'vue';
import type { KefuClient, KefuOptions } from '@kefu/core';
// Not shared-client.js: its signals are not needed before the shopper's intent (decision 0014).
import { peekSharedClient, shareClientNow } from '@kefu/elements/shared-client-on-demand.js';
import { defineWhenShown, holdWidgetUntilIntent, report } from '@kefu/elements/widget-on-intent.js';
import { kefuTags } from './generated/components.js';
import type * as ClientOnIntent from './client-on-intent.js';

/** @kefu/core and the shared client's module, imported when the client is first needed. */
const clientOnIntent = () => import('./client-on-intent.js');

/**
 * The inline elements' modules, by tag: imported when one first appears (its chunk URLs, which an
 * app's bundler writes in and which do not compress, are not paid for by a page of the widget alone).
 */
const elementModules = () => import('./generated/element-modules.js');

export interface KefuPluginOptions extends KefuOptions {
  /** A client of your own (you dispose it). Without one, the plugin creates one from the other options. */
  readonly client?: KefuClient;
}

/**
 * An app's Kefu client, made when something first needs it: an element's module loads (an inline
 * element appears, the shopper shows intent for the widget), or a component calls `useKefu()`.
 * Until then a page loads nothing of @kefu/core, the larger part of Kefu.
 * @internal
 */
export interface KefuClientSource {
  /** The client, if made (or the app's own). */
  readonly client: KefuClient | undefined;
  /**
   * The client, made now if it was not, with client-on-intent.js (`useKefu()`, which is
   * synchronous, imports it with the page).
   */
  make(loaded: typeof ClientOnIntent): KefuClient;
  /** The client, made once @kefu/core has loaded. */
  need(): Promise<KefuClient>;
  /** The language the client speaks (or will): the light launcher's, before the client exists. */
  readonly locale: string | undefined;
}

/** @internal What `useKefu()` reads: the plugin's client source. */
export const kefuClientSourceKey: InjectionKey<KefuClientSource> = Symbol('kefu');

/**
 * `app.use(createKefuPlugin({ apiBase: '/v1' }))`: gives the app a Kefu client (yours, or one it
 * makes when first needed), provides it to `useKefu()`, and, in the browser, makes it the page's
 * shared client — every `<kefu-…>` element in the app uses it. A client the plugin made is disposed
 * when the app unmounts.
 *
 * Safe in server-side rendering: making a client opens nothing (no listener, timer or storage
 * until the shopper's intent, in a browser), and `renderToString` never mounts the app, so the
 * server never sets a page-wide client that the next request would see.
 */
export function createKefuPlugin(options: KefuPluginOptions = {}): Plugin {
  return {
    install(app: App) {
      const { client: own, ...kefuOptions } = options;
      let client = own;
      let mounted = false;
      let making: Promise<KefuClient> | undefined;
      const source: KefuClientSource = {
        get client() {
          return client;
        },
        get locale() {
          return client ? client.session.locale.peek() : kefuOptions.locale;
        },
        make({ createKefu, setSharedClient, sharedClient }) {
          if (!client) {
            client = createKefu(kefuOptions);
            // In the browser (the app is mounted), before the elements that asked for it connect,
            // unless the page has a client already.
            if (mounted && !sharedClient()) setSharedClient(client);
          }
          return client;
        },
        need: () =>
          (making ??= clientOnIntent().then(source.make, (error: unknown) => {
            // The network: the next element that needs the client tries again.
            making = undefined;
            throw error;
          })),
      };
      app.provide(kefuClientSourceKey, source);
      Object.defineProperty(app.config.globalProperties, '$kefu', {
        get: () => source.client ?? peekSharedClient(),
        configurable: true,
      });
      let stopDefining: (() => void) | undefined;
      // Before the app's elements connect (and hydrate), which is when they look for the client.
      const mount = app.mount;
      app.mount = ((...args: Parameters<App['mount']>) => {
        mounted = true;
        // At once if elements hold a shared client already (they read it as they connect), else
        // with its module (the app that made your own client has @kefu/core already).
        if (client && !shareClientNow(client))
          clientOnIntent().then((loaded) => {
            if (mounted && client) loaded.setSharedClient(client);
          }, report);
        stopDefining = defineElementsAsTheyAppear(source);
        return mount(...args);
      }) as App['mount'];
      app.onUnmount(() => {
        stopDefining?.();
        mounted = false;
        if (client && peekSharedClient() === client) shareClientNow(undefined);
        if (!own) client?.dispose();
      });
    },
  };
}

type KefuTag = Exclude<(typeof kefuTags)[number], 'kefu-widget'>;

/**
 * Brings each Kefu tag to life when it first appears in the page (Vue renders `<kefu-faq>` as a
 * plain tag, which upgrades when its module arrives, keeping the properties Vue set on it), so a
 * page pays for the elements it shows rather than all seven. Watches the whole document (a
 * `<Teleport>` renders outside the app's root) while the app is mounted. As React's components
 * do (@kefu/elements/widget-on-intent.js): an inline element is there for the shopper to use (the
 * script tag's loader judges the same), so its module and the client load now; the widget waits
 * behind the light launcher for the shopper's intent. A failed load is tried again when a tag next
 * appears.
 */
function defineElementsAsTheyAppear(source: KefuClientSource): () => void {
  const selector = kefuTags.join(',');
  const define = (element: Element) => {
    const tag = element.localName as KefuTag | 'kefu-widget';
    if (tag === 'kefu-widget') holdWidgetUntilIntent(element as HTMLElement, source.need, source.locale);
    else defineWhenShown(tag, source.need, () => elementModules().then((modules) => modules.kefuElementModules[tag]()));
  };
  const scan = (root: ParentNode) => root.querySelectorAll(selector).forEach(define);
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector)) define(node);
        scan(node);
      }
  });
  observer.observe(document, { childList: true, subtree: true });
  // Markup the server rendered (hydration) is in the page already.
  scan(document);
  return () => observer.disconnect();
}

/**
 * Tells Vue's template compiler that `kefu-*` tags are custom elements, not Vue components:
 * `vue({ template: { compilerOptions: { isCustomElement: isKefuElement } } })` in vite.config.
 */
export const isKefuElement = (tag: string): boolean => tag.startsWith('kefu-');

declare module 'vue' {
  interface ComponentCustomProperties {
    /**
     * The app's Kefu client: `undefined` until it is made (an element loads, or a component calls
     * `useKefu()`), or the page's shared one.
     */
    $kefu: KefuClient | undefined;
  }
}
