import { inject, onScopeDispose, shallowRef, type ShallowRef } from 'vue';
import type { KefuClient } from '@kefu/core';
import * as clientOnIntent from './client-on-intent.js';
import { kefuClientSourceKey } from './plugin.js';

/**
 * The app's Kefu client (from `createKefuPlugin`), else the page's shared one; throws when there
 * is neither. Synchronous, so it makes the plugin's client now if nothing did yet: this module
 * imports @kefu/core, and an app that calls `useKefu()` or `useKefuState()` loads it with the
 * page (an app that only renders `<kefu-…>` tags loads it when an element needs it).
 */
export function useKefu(): KefuClient {
  const source = inject(kefuClientSourceKey, undefined);
  const client = source ? source.make(clientOnIntent) : clientOnIntent.sharedClient();
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
