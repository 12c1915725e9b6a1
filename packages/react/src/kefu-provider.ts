// A client module for React Server Components frameworks: hooks and context run in the browser.
'use client';

import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { createKefu, type KefuClient, type KefuOptions } from '@kefu/core';
import { setSharedClient, sharedClient } from './shared-client.js';
import { effect } from '@preact/signals-core';

const KefuContext = createContext<KefuClient | undefined>(undefined);

export interface KefuProviderProps {
  /** A client of your own (you dispose it). Without one, the provider creates one from `options`. */
  readonly client?: KefuClient;
  /** Options for the client the provider creates (`apiBase`, `locale`, `consent`, …). Read once. */
  readonly options?: KefuOptions;
  readonly children?: ReactNode;
}

/**
 * Gives every Kefu component under it, and `useKefu()`, one client, and makes it the page's shared
 * client (so a `<KefuWidget>` and an inline `<KefuOrderTracker>` share one session). The client is
 * made in the browser only: during server rendering there is none, and the elements render as
 * bare tags that come alive once the page hydrates.
 */
export function KefuProvider({ client, options, children }: KefuProviderProps): ReactNode {
  const [created] = useState(() => {
    const made = client || typeof window === 'undefined' ? undefined : createKefu(options ?? {});
    // An element reads the shared client when it connects, which is before any effect of ours
    // runs: make it the page's client now, once, unless the page has one already.
    const first = client ?? made;
    if (first && !sharedClient()) setSharedClient(first);
    return made;
  });
  const value = client ?? created;

  useEffect(() => {
    if (!value) return undefined;
    setSharedClient(value);
    return () => {
      if (sharedClient() === value) setSharedClient(undefined);
    };
  }, [value]);

  // A client the provider made is the provider's to release. Deferred: React's Strict Mode
  // unmounts and mounts again at once, and the same client must survive that.
  useEffect(() => {
    if (!created) return undefined;
    const pending = pendingDisposals.get(created);
    if (pending !== undefined) clearTimeout(pending);
    return () => {
      pendingDisposals.set(
        created,
        setTimeout(() => {
          pendingDisposals.delete(created);
          created.dispose();
        }, 0),
      );
    };
  }, [created]);

  return createElement(KefuContext.Provider, { value }, children);
}

const pendingDisposals = new WeakMap<KefuClient, ReturnType<typeof setTimeout>>();

/** A read-only signal as the stores expose them. */
interface ReadableSignal<T> {
  readonly value: T;
  peek(): T;
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * The Kefu client: the nearest `KefuProvider`'s, else the page's shared one (the script tag's).
 * `undefined` during server rendering, and while the page hydrates what the server rendered.
 */
export function useKefu(): KefuClient | undefined;
/**
 * The current value of one of the client's signals, re-rendering when it changes:
 * `useKefu((kefu) => kefu.orders.current)`. `undefined` while there is no client (server rendering).
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
  const fromContext = useContext(KefuContext);
  return useSyncExternalStore(
    subscribeToSharedClient,
    () => fromContext ?? sharedClient(),
    () => undefined,
  );
}

function subscribeToSharedClient(onChange: () => void): () => void {
  return effect(() => {
    sharedClient();
    onChange();
  });
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
