// A client module for React Server Components frameworks: hooks and context run in the browser.
'use client';

import { createContext, createElement, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { KefuClient, KefuOptions } from '@kefu/core';
// As an uncaught error would be, without an unhandled rejection: one copy with the widget's.
import { report as reportLoadError } from '@kefu/elements/widget-on-intent.js';

/** How a Kefu component asks its provider for the client, before it exists. */
export interface ClientDemand {
  /** Makes the provider's client if it has none yet (loading @kefu/core first); settles once it is there. */
  readonly need: () => Promise<void>;
  /** The language the client speaks (or will): the light launcher's, before the client exists. */
  readonly locale?: string | undefined;
}

/** What a provider gives the components under it: its client once there, and a way to ask for it. */
export interface ClientSource extends ClientDemand {
  readonly client?: KefuClient | undefined;
}

const noClientToMake = () => Promise.resolve();

/** @internal The provider's context (use-kefu.ts reads it). */
export const KefuContext = createContext<ClientSource>({ need: noClientToMake });

/**
 * What a Kefu component calls when it needs the client (its element is about to load): the
 * nearest provider makes it then. Without a provider (the context's default), the page's shared
 * client is someone else's to set (the script tag's, or the app's `setSharedClient`).
 */
export const useClientDemand = (): ClientDemand => useContext(KefuContext);

export interface KefuProviderProps {
  /** A client of your own (you dispose it). Without one, the provider creates one from `options`. */
  readonly client?: KefuClient;
  /** Options for the client the provider creates (`apiBase`, `locale`, `consent`, …). Read once. */
  readonly options?: KefuOptions;
  readonly children?: ReactNode;
}

/**
 * The client a provider makes, when it is first needed: @kefu/core (the larger part of Kefu) is
 * imported then, not with the page, with client-on-intent.ts, which makes it (`makeClient`).
 * Needed means an element's module loads (an inline element renders, the shopper shows intent for
 * the widget) or the app reads the client with `useKefu()`. `made` gets it (the provider's state).
 */
export interface ClientToMake {
  readonly options: KefuOptions;
  readonly made: (client: KefuClient) => void;
  /** Makes the client (once), loading what it needs first; a failed load is tried again next time. */
  readonly need: () => Promise<void>;
  client?: KefuClient;
  /** Set when the provider is gone: nothing is made any more. */
  disposed?: boolean;
  /** The deferred dispose of an unmount (see the provider). */
  disposal?: ReturnType<typeof setTimeout>;
}

/** @kefu/core and the shared client's module, imported when the provider's client is first needed. */
const clientOnIntent = () => import('./client-on-intent.js');

/**
 * Gives every Kefu component under it, and `useKefu()`, one client, and makes it the page's shared
 * client (so a `<KefuWidget>` and an inline `<KefuOrderTracker>` share one session). A client the
 * provider makes is made in the browser, when first needed (see `ClientToMake`): a page with only a
 * `<KefuWidget>` loads none of Kefu's core until the shopper shows intent. During server rendering
 * there is none, and the elements render as bare tags that come alive once the page hydrates.
 */
export function KefuProvider({ client, options, children }: KefuProviderProps): ReactNode {
  // Made in the browser when first needed; the server and hydration render without it.
  const [made, setMade] = useState<KefuClient>();
  const [lazy] = useState((): ClientToMake | undefined => {
    if (client) return undefined;
    const toMake: ClientToMake = {
      options: options ?? {},
      made: setMade,
      need: () => clientOnIntent().then((loaded) => loaded.makeClient(toMake)),
    };
    return toMake;
  });
  const value = client ?? made;
  const source = useMemo<ClientSource>(
    () => ({
      client: value,
      need: (!client && lazy?.need) || noClientToMake,
      locale: client ? client.session.locale.peek() : options?.locale,
    }),
    // `options` is read once, as the client it makes is.
    [value, lazy, client],
  );

  // The page's shared client is the provider's while it is mounted (in the browser: an effect),
  // with the shared client's module (an app with your own client has @kefu/core already; one with
  // a client the provider made has loaded it for that). Elements follow the shared client, and
  // render again when it is set. A client the provider made is the provider's to release.
  // Deferred: React's Strict Mode unmounts and mounts again at once, and the same client must
  // survive that (as it does the provider's next render, with the client made: the effect runs
  // again, for the new value).
  useEffect(() => {
    let mounted = true;
    clearTimeout(lazy?.disposal);
    if (value)
      clientOnIntent().then((loaded) => {
        if (mounted) loaded.setSharedClient(value);
      }, reportLoadError);
    return () => {
      mounted = false;
      if (value)
        clientOnIntent().then((loaded) => {
          if (loaded.sharedClient() === value) loaded.setSharedClient(undefined);
        }, reportLoadError);
      if (lazy)
        lazy.disposal = setTimeout(() => {
          lazy.disposed = true;
          lazy.client?.dispose();
        }, 0);
    };
  }, [value, lazy]);

  return createElement(KefuContext.Provider, { value: source }, children);
}
