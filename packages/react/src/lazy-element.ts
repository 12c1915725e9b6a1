// A client module for React Server Components frameworks: the wrappers use hooks and refs.
'use client';

import {
  createElement,
  forwardRef,
  useEffect,
  useImperativeHandle,
  useLayoutEffect as useBrowserLayoutEffect,
  useRef,
} from 'react';
import type { EventName, ReactWebComponent } from '@lit/react';
import { defineWhenShown, holdWidgetUntilIntent } from '@kefu/elements/widget-on-intent.js';
import { useClientDemand, type ClientDemand } from './kefu-provider.js';

/**
 * How a component brings its element to life once its tag is in the page (in an effect: in the
 * browser only): `element` is the tag, `need()` makes the provider's client, which speaks
 * `locale`. Each is idempotent: it runs after every render (and React's Strict Mode runs an
 * effect twice).
 */
export type Connect = (element: HTMLElement, need: ClientDemand['need'], locale: string | undefined) => void;

/**
 * An element shown inline (an order tracker on the order page) is there for the shopper to use,
 * as the script tag's loader also judges: its module, and the provider's client, load when it
 * first renders (@kefu/elements/widget-on-intent.js's `defineWhenShown`, which Vue's plugin uses too).
 */
export const importWhenRendered =
  (tagName: string, load: () => Promise<unknown>): Connect =>
  (_element, need) =>
    defineWhenShown(tagName, need, load);

/**
 * The widget waits for the shopper's intent: until then its tag holds the light launcher, the one
 * the script tag draws, and nothing of the widget's code or the client is loaded (see
 * @kefu/elements/widget-on-intent.js).
 */
export const loadOnIntent: Connect = holdWidgetUntilIntent;

/** The event of an `on…` prop (`onKefuCallbackRequested` → `kefu-callback-requested`); none for others. */
const eventOf = (prop: string): string | undefined =>
  /^onKefu/.test(prop)
    ? prop
        .slice(2)
        .replace(/\B[A-Z]/g, '-$&')
        .toLowerCase()
    : undefined;

// A layout effect sets the element's properties, and draws the widget's light launcher, before the
// browser paints; on a server, where there is nothing to set, React 18 warns of a layout effect, so
// there it is a plain effect (not run).
const useLayoutEffect = typeof document === 'undefined' ? useEffect : useBrowserLayoutEffect;

/**
 * What the last render set on each element: its properties by name, its handlers by event (an
 * event's name has a `-`, a property's none).
 */
const latest = new WeakMap<Element, Record<string, unknown>>();

/** The one listener of every event of every element: it calls the latest render's handler, if any. */
function dispatch(this: Element, event: Event): void {
  (latest.get(this)?.[event.type] as ((event: Event) => void) | undefined)?.(event);
}

/**
 * A React component for a Kefu element whose code comes when it is needed, not when the app
 * imports @kefu/react: a page pays for the elements it shows, the widget for its launcher only
 * until the shopper wants it. React renders the tag (on a server too, bare); in the browser the
 * element's `properties` (names from custom-elements.json) are set on it as properties and its
 * events' `on…` props (`onKefuOpen` → `kefu-open`: Kefu's events are `kefu-*`, in kebab case,
 * and scripts/generate-react.mjs checks that each maps back) added as listeners, as @lit/react's
 * components do — on the plain tag until the module has loaded, whose element takes them over as
 * it upgrades. Every other prop (`id`, `className`, `aria-*`, `children`) is React's, as on any tag.
 */
export function lazyElementComponent<Element extends HTMLElement, Events extends Record<string, EventName | string>>(
  tagName: string,
  displayName: string,
  properties: readonly (keyof Element & string)[],
  connect: Connect,
): ReactWebComponent<Element, Events> {
  const Component = forwardRef<HTMLElement | null, Record<string, unknown>>((props, ref) => {
    const { need, locale } = useClientDemand();
    const element = useRef<HTMLElement>(null);
    const host: Record<string, unknown> = { suppressHydrationWarning: true, ref: element };
    const own: Record<string, unknown> = {};
    for (const name in props) {
      const event = eventOf(name);
      if (event) own[event] = props[name];
      else if (properties.includes(name as keyof Element & string)) own[name] = props[name];
      else host[name === 'className' ? 'class' : name] = props[name];
    }
    useLayoutEffect(() => {
      const node = element.current as HTMLElement & Record<string, unknown>;
      // A prop the app stopped passing goes back to undefined, as with @lit/react; a handler it
      // stopped passing is not called. An element adds the same listener once per event.
      for (const name in { ...latest.get(node), ...own }) {
        if (name.includes('-')) node.addEventListener(name, dispatch);
        else node[name] = own[name];
      }
      latest.set(node, own);
      // Then the element comes to life (the properties are there for it). Idempotent: once per
      // tag, and again only to ask a provider that replaced the first for its client.
      connect(node, need, locale);
    });
    // The app's ref gets the element (the plain tag until its module loads: see docs/react.md).
    useImperativeHandle(ref, () => element.current as HTMLElement, []);
    return createElement(tagName, host);
  });
  Component.displayName = displayName;
  return Component as unknown as ReactWebComponent<Element, Events>;
}
