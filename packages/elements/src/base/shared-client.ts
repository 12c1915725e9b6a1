import { signal, type Signal } from '@preact/signals-core';
import type { KefuClient } from '@kefu/core';

/**
 * The page's one Kefu client. The loader (or the host app) sets it once; every Kefu element on the
 * page that was not handed a client of its own uses it, so the launcher and an inline
 * `<kefu-order-tracker>` share one session, one cache and one outbox.
 *
 * It lives on `globalThis` under a registered symbol: a page that loads Kefu twice (the script tag
 * and an npm bundle) still has one shared client.
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
