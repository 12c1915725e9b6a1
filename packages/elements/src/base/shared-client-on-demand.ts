/**
 * The page's shared client (shared-client.ts) for code that must not load signals with the page:
 * the React and Vue wrappers, whose page holds no client until the shopper's intent (decision
 * 0014). It imports nothing: a client is read and set through the holder the elements made, if
 * they did, and shared-client.ts (with @preact/signals-core) is imported only when there is none
 * yet, or something must follow the client as it changes.
 */
import type { KefuClient } from '@kefu/core';
// Types only: the module itself is imported when needed (below).
import type * as SharedClient from './shared-client.js';

/**
 * Where the page's shared client is held: shared-client.ts's registered symbol (one holder per page,
 * across bundles and versions). Not imported from there, which would bring its signals along.
 */
const sharedClientKey = Symbol.for('kefu.shared-client');

/** The holder shared-client.ts puts on `globalThis`: a signal, of which this needs no more. */
interface Holder {
  value: KefuClient | undefined;
  peek(): KefuClient | undefined;
}
const holder = () => (globalThis as { [sharedClientKey]?: Holder })[sharedClientKey];

/**
 * shared-client.ts, imported when first needed (the module loader keeps it once loaded; whether a
 * failed load is tried again is the browser's to decide, as for any dynamic import).
 */
const sharedClientModule = (): Promise<typeof SharedClient> => import('./shared-client.js');

/** The page's shared client now, without following it (nothing loaded for it). */
export function peekSharedClient(): KefuClient | undefined {
  return holder()?.peek();
}

/**
 * Makes `client` the page's shared client now, if the holder is there (an element on the page
 * reads it, and re-renders); false if not, and nothing is loaded.
 */
export function shareClientNow(client: KefuClient | undefined): boolean {
  const held = holder();
  if (held) held.value = client;
  return held !== undefined;
}

/**
 * Makes `client` the page's shared client if `stillWanted()`: at once if the holder is there, else
 * once shared-client.ts has loaded, if still wanted then. Settles once set (or not wanted any more).
 */
export async function shareClient(
  client: KefuClient | undefined,
  stillWanted: () => boolean = () => true,
): Promise<void> {
  if (!stillWanted() || shareClientNow(client)) return;
  const { setSharedClient } = await sharedClientModule();
  if (stillWanted()) setSharedClient(client);
}

/**
 * Calls `listener` with the page's shared client and whenever it changes, once shared-client.ts
 * has loaded (imported for this), until the returned function is called.
 */
export function followSharedClient(
  listener: (client: KefuClient | undefined) => void,
  onError: (error: unknown) => void,
): () => void {
  let stop: (() => void) | undefined;
  let following = true;
  sharedClientModule().then(({ watchSharedClient }) => {
    if (following) stop = watchSharedClient(listener);
  }, onError);
  return () => {
    following = false;
    stop?.();
  };
}
