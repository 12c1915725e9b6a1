import { effect, signal, untracked, type Signal } from '@preact/signals-core';
import type { KefuClient } from '@kefu/core';

/**
 * The page's one Kefu client. The loader (or the host app) sets it once; every Kefu element on the
 * page that was not handed a client of its own uses it, so the launcher and an inline
 * `<kefu-order-tracker>` share one session, one cache and one outbox.
 *
 * It lives on `globalThis` under a registered symbol: a page that loads Kefu twice (the script tag
 * and an npm bundle) still has one shared client. shared-client-on-demand.ts reads and sets it
 * without this module's signals, for the framework wrappers' page load.
 */
const sharedClientKey = Symbol.for('kefu.shared-client');

type Holder = { [sharedClientKey]?: Signal<KefuClient | undefined> };

function holder(): Signal<KefuClient | undefined> {
  const global = globalThis as Holder;
  return (global[sharedClientKey] ??= signal<KefuClient | undefined>(undefined));
}

/** Makes `client` the one every Kefu element without its own `client` property uses. */
export function setSharedClient(client: KefuClient | undefined): void {
  holder().value = client;
}

/** The page's shared client, read reactively (an element re-renders when it is set). */
export function sharedClient(): KefuClient | undefined {
  return holder().value;
}

/**
 * Calls `listener` with the page's shared client now and whenever it changes, until the returned
 * function is called: how code outside signals (a framework's store) follows it.
 */
export function watchSharedClient(listener: (client: KefuClient | undefined) => void): () => void {
  return effect(() => {
    const client = holder().value;
    // What the listener reads is not followed: only the shared client is.
    untracked(() => listener(client));
  });
}
