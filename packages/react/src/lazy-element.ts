// A client module for React Server Components frameworks: the wrappers use hooks and refs.
'use client';

import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';

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

const loading = new Map<string, Promise<unknown>>();

/** Loads an element's module once; a failed load (the network) is tried again on the next render. */
function defineOnce(tagName: string, load: () => Promise<unknown>): void {
  if (loading.has(tagName) || customElements.get(tagName)) return;
  loading.set(
    tagName,
    load().catch((error: unknown) => {
      loading.delete(tagName);
      // As an uncaught error would be, without an unhandled rejection.
      if (typeof reportError === 'function') reportError(error);
    }),
  );
}

/**
 * A React component for a Kefu element that imports the element's module when it first renders
 * in the browser, not when the app imports @kefu/react: a page pays for the elements it shows.
 * Until the module has loaded the tag is a plain element; @lit/react has set its properties and
 * listeners on it already, and Lit takes those over as the element upgrades.
 */
export function lazyElementComponent<Element extends HTMLElement, Events extends EventNames>(options: {
  readonly tagName: string;
  readonly elementClass: new () => Element;
  readonly events: Events;
  readonly displayName: string;
  readonly load: () => Promise<unknown>;
}): ReactWebComponent<Element, Events> {
  const { load, ...component } = options;
  // Typed as any component here: the returned one carries @lit/react's types for its props.
  const Inner: React.ElementType = createComponent({ ...component, react: React });
  const Lazy = React.forwardRef<Element, Record<string, unknown>>((props, ref) => {
    // An effect runs in the browser only, after the tag is in the page.
    React.useEffect(() => defineOnce(options.tagName, load), []);
    return React.createElement(Inner, { ...props, ref });
  });
  Lazy.displayName = options.displayName;
  return Lazy as unknown as ReactWebComponent<Element, Events>;
}
