// A client module for React Server Components frameworks: the wrappers use hooks and refs.
'use client';

import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import { holdWidgetUntilIntent } from '@kefu/elements/widget-on-intent.js';
import { reportLoadError, useClientDemand, type ClientDemand } from './kefu-provider.js';

type EventNames = Record<string, EventName | string>;

/**
 * What @lit/react needs of an element class: which props are the element's properties (set on
 * the element) rather than attributes. The names come from custom-elements.json, so a component
 * needs nothing of its element's module until it renders; `keyof Element` checks them.
 */
export function elementProperties<Element extends HTMLElement>(
  names: readonly (keyof Element & string)[],
): new () => Element {
  const prototype = Object.fromEntries(names.map((name) => [name, undefined]));
  return { prototype } as unknown as new () => Element;
}

/**
 * How a component brings its element to life once its tag is in the page (in an effect: in the
 * browser only): `element` is the tag, `provider.need()` makes the provider's client. Each is
 * idempotent: React's Strict Mode runs an effect twice.
 */
export type Connect = (element: HTMLElement, provider: ClientDemand) => void;

const loading = new Map<string, Promise<unknown>>();

/**
 * An element shown inline (an order tracker on the order page) is there for the shopper to use,
 * as the script tag's loader also judges: its module, and the provider's client, load when it
 * first renders. A failed load (the network) is tried again on the next render.
 */
export function importWhenRendered(tagName: string, load: () => Promise<unknown>): Connect {
  return (_element, { need: needClient }) => {
    // Even when the module is there (an earlier page of a single-page app loaded it), this
    // provider's client is needed: the element shows nothing without one.
    if (loading.has(tagName) || customElements.get(tagName)) {
      needClient().catch(reportLoadError);
      return;
    }
    loading.set(
      tagName,
      Promise.all([needClient(), load()]).catch((error: unknown) => {
        loading.delete(tagName);
        reportLoadError(error);
      }),
    );
  };
}

/**
 * The widget waits for the shopper's intent: until then its tag holds the light launcher, the one
 * the script tag draws, and nothing of the widget's code or the client is loaded (see
 * @kefu/elements/widget-on-intent.js).
 */
export const loadOnIntent: Connect = (element, { need, locale }) => {
  // The widget is defined already (the shopper opened it on an earlier page of a single-page app):
  // the tag is the widget at once, and this provider's client is needed for it.
  if (customElements.get('kefu-widget')) need().catch(reportLoadError);
  else holdWidgetUntilIntent(element, { prepare: need, locale });
};

/**
 * A React component for a Kefu element whose code comes when it is needed, not when the app
 * imports @kefu/react: a page pays for the elements it shows, the widget for its launcher only
 * until the shopper wants it. Until the module has loaded the tag is a plain element; @lit/react
 * has set its properties and listeners on it already, and Lit takes those over as it upgrades.
 */
export function lazyElementComponent<Element extends HTMLElement, Events extends EventNames>(options: {
  readonly tagName: string;
  readonly elementClass: new () => Element;
  readonly events: Events;
  readonly displayName: string;
  readonly connect: Connect;
}): ReactWebComponent<Element, Events> {
  const { connect, ...component } = options;
  // Typed as any component here: the returned one carries @lit/react's types for its props.
  const Inner: React.ElementType = createComponent({ ...component, react: React });
  const Lazy = React.forwardRef<Element, Record<string, unknown>>((props, ref) => {
    const provider = useClientDemand();
    const element = React.useRef<Element | null>(null);
    // The app's ref gets the element too (the plain tag until its module loads: see docs/react.md).
    const setElement = React.useCallback(
      (node: Element | null) => {
        element.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );
    // An effect runs in the browser only, after @lit/react's layout effect set the properties.
    React.useEffect(() => {
      if (element.current) connect(element.current, provider);
      // Once per provider: a new client source is a new provider; its locale is read when drawn.
    }, [provider.need]);
    return React.createElement(Inner, { ...props, ref: setElement });
  });
  Lazy.displayName = options.displayName;
  return Lazy as unknown as ReactWebComponent<Element, Events>;
}
