import { inject, onScopeDispose, shallowRef, type App, type InjectionKey, type Plugin, type ShallowRef } from 'vue';
import { createKefu, type KefuClient, type KefuOptions } from '@kefu/core';
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
      // Before the app's elements connect (and hydrate), which is when they look for the client.
      const mount = app.mount;
      app.mount = ((...args: Parameters<App['mount']>) => {
        setSharedClient(client);
        return mount(...args);
      }) as App['mount'];
      app.onUnmount(() => {
        if (sharedClient() === client) setSharedClient(undefined);
        if (!own) client.dispose();
      });
    },
  };
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
