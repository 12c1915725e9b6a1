// A client module for React Server Components frameworks: hooks run in the browser.
'use client';

import { useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import type { KefuClient } from '@kefu/core';
// Not shared-client.js: its signals are not needed before the shopper's intent (decision 0014).
import { followSharedClient, peekSharedClient } from '@kefu/elements/shared-client-on-demand.js';
import { report as reportLoadError } from '@kefu/elements/widget-on-intent.js';
import { KefuContext } from './kefu-provider.js';

/** A read-only signal as the stores expose them. */
interface ReadableSignal<T> {
  readonly value: T;
  peek(): T;
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * The Kefu client: the nearest `KefuProvider`'s, else the page's shared one (the script tag's).
 * Asking is needing it: a provider that has not made its client yet makes it now (it loads
 * @kefu/core first), and `useKefu()` returns it in the render that follows. `undefined` until
 * then, during server rendering, and while the page hydrates what the server rendered.
 */
export function useKefu(): KefuClient | undefined;
/**
 * The current value of one of the client's signals, re-rendering when it changes:
 * `useKefu((kefu) => kefu.orders.current)`. `undefined` while there is no client (server
 * rendering, or until the provider has made it).
 */
export function useKefu<T>(select: (client: KefuClient) => ReadableSignal<T>): T | undefined;
export function useKefu<T>(select?: (client: KefuClient) => ReadableSignal<T>): KefuClient | T | undefined {
  const client = useClient();
  const value = useSignal(client && select ? select(client) : undefined);
  return select ? value : client;
}

/**
 * The provider's client, else the page's shared one (the script tag may set it later), as React
 * state. Hydration must render what the server rendered, which had no client: the server
 * snapshot keeps it `undefined` then, and React renders again with the client right after. Read
 * directly, a provider's client (made in the browser's first render) would be there during
 * hydration, and markup that depends on it (`disabled={!kefu}`) would keep the server's version:
 * React does not patch attributes that differ after hydration.
 */
function useClient(): KefuClient | undefined {
  const source = useContext(KefuContext);
  // An effect runs in the browser only: the server makes no client.
  useEffect(() => {
    source.need().catch(reportLoadError);
  }, [source]);
  return useSyncExternalStore(
    subscribeToSharedClient,
    () => source.client ?? peekSharedClient(),
    () => undefined,
  );
}

/** Follows the page's shared client (the script tag may set it later): its module is fetched for this. */
function subscribeToSharedClient(onChange: () => void): () => void {
  return followSharedClient(onChange, reportLoadError);
}

/** A signal's value as React state: useSyncExternalStore over the signal's subscribe and peek. */
function useSignal<T>(signal: ReadableSignal<T> | undefined): T | undefined {
  const subscribe = useCallback(
    (onChange: () => void) => (signal ? signal.subscribe(() => onChange()) : () => {}),
    [signal],
  );
  const snapshot = useCallback(() => signal?.peek(), [signal]);
  return useSyncExternalStore(subscribe, snapshot, () => undefined);
}
