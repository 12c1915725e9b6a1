// A client module for React Server Components frameworks: hooks and context run in the browser.
'use client';

import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { KefuClient, KefuOptions } from '@kefu/core';
// Not shared-client.js: its signals are not needed before the shopper's intent (decision 0014).
import {
  followSharedClient,
  peekSharedClient,
  shareClient,
  shareClientNow,
} from '@kefu/elements/shared-client-on-demand.js';
// As an uncaught error would be, without an unhandled rejection: one copy with the widget's.
import { report as reportLoadError } from '@kefu/elements/widget-on-intent.js';

/** How a Kefu component asks its provider for the client, before it exists. */
export interface ClientDemand {
  /** Makes the provider's client if it has none yet (loading @kefu/core first); settles once it is there. */
  readonly need: () => Promise<void>;
  /** The language the client speaks (or will): the light launcher's, before the client exists. */
  readonly locale: string | undefined;
}

/** What a provider gives the components under it: its client once there, and a way to ask for it. */
interface ClientSource extends ClientDemand {
  readonly client: KefuClient | undefined;
}

const KefuContext = createContext<ClientSource | undefined>(undefined);

/**
 * What a Kefu component calls when it needs the client (its element is about to load): the
 * nearest provider makes it then. Without a provider, the page's shared client is someone else's
 * to set (the script tag's, or the app's `setSharedClient`).
 */
export function useClientDemand(): ClientDemand {
  return useContext(KefuContext) ?? noProvider;
}
const noDemand = () => Promise.resolve();
const noProvider: ClientDemand = { need: noDemand, locale: undefined };

export interface KefuProviderProps {
  /** A client of your own (you dispose it). Without one, the provider creates one from `options`. */
  readonly client?: KefuClient;
  /** Options for the client the provider creates (`apiBase`, `locale`, `consent`, …). Read once. */
  readonly options?: KefuOptions;
  readonly children?: ReactNode;
}

/**
 * The client a provider makes, when it is first needed: @kefu/core (the larger part of Kefu) is
 * imported then, not with the page. Needed means an element's module loads (an inline element
 * renders, the shopper shows intent for the widget) or the app reads the client with `useKefu()`.
 * `made` gets it (the provider's state).
 */
interface LazyClient {
  readonly need: () => Promise<void>;
  readonly dispose: () => void;
  /** The deferred dispose of an unmount (see the provider). */
  disposal?: ReturnType<typeof setTimeout>;
}

function lazyClient(options: KefuOptions, made: (client: KefuClient) => void): LazyClient {
  let client: KefuClient | undefined;
  let making: Promise<void> | undefined;
  let disposed = false;
  return {
    need: () =>
      (making ??= import('@kefu/core').then(
        async ({ createKefu }) => {
          if (disposed) return;
          client = createKefu(options);
          // An element reads the shared client when it connects, which may be before any effect of
          // the provider runs: make it the page's client now, unless the page has one already.
          if (!peekSharedClient()) await shareClient(client, () => !disposed && !peekSharedClient());
          made(client);
        },
        (error: unknown) => {
          // The network: the next component that needs the client tries again.
          making = undefined;
          throw error;
        },
      )),
    dispose: () => {
      disposed = true;
      client?.dispose();
    },
  };
}

/**
 * Gives every Kefu component under it, and `useKefu()`, one client, and makes it the page's shared
 * client (so a `<KefuWidget>` and an inline `<KefuOrderTracker>` share one session). A client the
 * provider makes is made in the browser, when first needed (see `LazyClient`): a page with only a
 * `<KefuWidget>` loads none of Kefu's core until the shopper shows intent. During server rendering
 * there is none, and the elements render as bare tags that come alive once the page hydrates.
 */
export function KefuProvider({ client, options, children }: KefuProviderProps): ReactNode {
  // Made in the browser when first needed; the server and hydration render without it.
  const [made, setMade] = useState<KefuClient>();
  const [lazy] = useState(() => {
    // Your own client is the page's at once if elements hold one already: an element reads the
    // shared client when it connects, which is before any effect of ours runs.
    if (client && !peekSharedClient()) shareClientNow(client);
    return client ? undefined : lazyClient(options ?? {}, setMade);
  });
  const value = client ?? made;
  const source = useMemo<ClientSource>(
    () => ({
      client: value,
      need: lazy && !client ? lazy.need : noDemand,
      locale: client ? client.session.locale.peek() : options?.locale,
    }),
    // `options` is read once, as the client it makes is.
    [value, lazy, client],
  );

  // The page's shared client is the provider's while it is mounted (in the browser: an effect).
  useEffect(() => {
    if (!value) return undefined;
    let mounted = true;
    shareClient(value, () => mounted).catch(reportLoadError);
    return () => {
      mounted = false;
      if (peekSharedClient() === value) shareClientNow(undefined);
    };
  }, [value]);

  // A client the provider made is the provider's to release. Deferred: React's Strict Mode
  // unmounts and mounts again at once, and the same client must survive that.
  useEffect(() => {
    if (!lazy) return undefined;
    clearTimeout(lazy.disposal);
    return () => {
      lazy.disposal = setTimeout(lazy.dispose, 0);
    };
  }, [lazy]);

  return createElement(KefuContext.Provider, { value: source }, children);
}

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
    source?.need().catch(reportLoadError);
  }, [source]);
  return useSyncExternalStore(
    subscribeToSharedClient,
    () => source?.client ?? peekSharedClient(),
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
