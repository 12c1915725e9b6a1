import { inject, onScopeDispose, shallowRef, type App, type InjectionKey, type Plugin, type ShallowRef } from 'vue';
import { createKefu, type KefuClient, type KefuOptions } from '@kefu/core';
import { kefuElementModules, kefuTags } from './generated/components.js';
import { setSharedClient, sharedClient } from '@kefu/elements';

export const kefuClientKey: InjectionKey<KefuClient> = Symbol('kefu client');

export interface KefuPluginOptions extends KefuOptions {
  /** A client of your own (you dispose it). Without one, the plugin creates one from the other options. */
  readonly client?: KefuClient;
}

/**
 * `app.use(createKefuPlugin({ apiBase: '/v1' }))`: creates the Kefu client (or takes yours), provides
 * it to `useKefu()`, and, as the app mounts, makes it the page's shared client — every `<kefu-…>`
 * element in the app uses it. A client the plugin created is disposed when the app unmounts.
 *
 * Safe in server-side rendering: creating a client opens nothing (no listener, timer or storage
 * until the shopper's intent, in a browser), and `renderToString` never mounts the app, so the
 * server never sets a page-wide client that the next request would see.
 */
export function createKefuPlugin(options: KefuPluginOptions = {}): Plugin {
  return {
    install(app: App) {
      const { client: own, ...kefuOptions } = options;
      const client = own ?? createKefu(kefuOptions);
      app.provide(kefuClientKey, client);
      app.config.globalProperties.$kefu = client;
      let stopDefining: (() => void) | undefined;
      // Before the app's elements connect (and hydrate), which is when they look for the client.
      const mount = app.mount;
      app.mount = ((...args: Parameters<App['mount']>) => {
        setSharedClient(client);
        stopDefining = defineElementsAsTheyAppear();
        return mount(...args);
      }) as App['mount'];
      app.onUnmount(() => {
        stopDefining?.();
        if (sharedClient() === client) setSharedClient(undefined);
        if (!own) client.dispose();
      });
    },
  };
}

const pending = new Map<string, Promise<unknown>>();

/** Imports a Kefu tag's element module, once; a failed load is tried again when a tag next appears. */
function define(tag: (typeof kefuTags)[number]): void {
  if (pending.has(tag) || customElements.get(tag)) return;
  pending.set(
    tag,
    kefuElementModules[tag]().catch((error: unknown) => {
      pending.delete(tag);
      if (typeof reportError === 'function') reportError(error);
    }),
  );
}

/**
 * Imports each Kefu element's module when its tag first appears in the page (Vue renders
 * `<kefu-faq>` as a plain tag, which upgrades when its module arrives, keeping the properties Vue
 * set on it), so a page pays for the elements it shows rather than all seven. Watches the whole
 * document (a `<Teleport>` renders outside the app's root) until every tag is defined.
 */
function defineElementsAsTheyAppear(): () => void {
  const selector = kefuTags.map((tag) => `${tag}:not(:defined)`).join(',');
  const scan = (root: ParentNode) => {
    for (const element of root.querySelectorAll(selector)) define(element.localName as (typeof kefuTags)[number]);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector)) define(node.localName as (typeof kefuTags)[number]);
        scan(node);
      }
    if (kefuTags.every((tag) => pending.has(tag) || customElements.get(tag))) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
  // Markup the server rendered (hydration) is in the page already.
  scan(document);
  return () => observer.disconnect();
}

/** The app's Kefu client (from `createKefuPlugin`); throws when the plugin is not installed. */
export function useKefu(): KefuClient {
  const client = inject(kefuClientKey, undefined) ?? sharedClient();
  if (!client) throw new Error('useKefu(): install createKefuPlugin() in the app first');
  return client;
}

/** A read-only signal as the stores expose them. */
interface ReadableSignal<T> {
  peek(): T;
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * One of the client's signals as a Vue ref that follows it: `const order =
 * useKefuState((kefu) => kefu.orders.current)`; `order.value.status` in a template re-renders.
 */
export function useKefuState<T>(select: (client: KefuClient) => ReadableSignal<T>): Readonly<ShallowRef<T>> {
  const signal = select(useKefu());
  const state = shallowRef(signal.peek());
  const stop = signal.subscribe((value) => {
    state.value = value;
  });
  onScopeDispose(stop);
  return state;
}

/**
 * Tells Vue's template compiler that `kefu-*` tags are custom elements, not Vue components:
 * `vue({ template: { compilerOptions: { isCustomElement: isKefuElement } } })` in vite.config.
 */
export const isKefuElement = (tag: string): boolean => tag.startsWith('kefu-');

declare module 'vue' {
  interface ComponentCustomProperties {
    /** The app's Kefu client (from `createKefuPlugin`). */
    $kefu: KefuClient;
  }
}
