// A client module for React Server Components frameworks: the wrappers use hooks and refs.
'use client';

import {
  createElement,
  forwardRef,
  useCallback,
  useEffect,
  useLayoutEffect as useBrowserLayoutEffect,
  useRef,
} from 'react';
import type { EventName, ReactWebComponent } from '@lit/react';
import { holdWidgetUntilIntent, report as reportLoadError } from '@kefu/elements/widget-on-intent.js';
import { useClientDemand, type ClientDemand } from './kefu-provider.js';

type EventNames = Record<string, EventName | string>;

/** An element's property names, typed with its class (checked by `keyof`). */
export type ElementProperties<Element> = readonly string[] & { readonly element?: Element };

/**
 * The props of a component that are its element's properties, set on the element rather than as
 * attributes: the names come from custom-elements.json, so a component needs nothing of its
 * element's module until it renders; `keyof Element` checks them.
 */
export const elementProperties = <Element extends HTMLElement>(
  names: readonly (keyof Element & string)[],
): ElementProperties<Element> => names;

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

/** Props React keeps for the tag itself (`className` as `class`), never set as element properties. */
const reactProps = new Set(['children', 'ref', 'style', 'className', 'key']);

// A layout effect sets the element's properties before the browser paints; on a server, where
// there is nothing to set, React 18 warns of a layout effect, so there it is a plain effect (not run).
const useLayoutEffect = typeof document === 'undefined' ? useEffect : useBrowserLayoutEffect;

/**
 * A React component for a Kefu element whose code comes when it is needed, not when the app
 * imports @kefu/react: a page pays for the elements it shows, the widget for its launcher only
 * until the shopper wants it. React renders the tag (on a server too, bare); in the browser the
 * element's `properties` (names from custom-elements.json) are set on it as properties and its
 * `events` (`onKefuOpen` → `kefu-open`) added as listeners, as @lit/react's components do — on
 * the plain tag until the module has loaded, whose element takes them over as it upgrades. Every
 * other prop (`id`, `className`, `aria-*`, `children`) is React's, as on any tag.
 */
export function lazyElementComponent<Element extends HTMLElement, Events extends EventNames>({
  tagName,
  properties,
  events,
  displayName,
  connect,
}: {
  readonly tagName: string;
  readonly properties: ElementProperties<Element>;
  readonly events: Events;
  readonly displayName: string;
  readonly connect: Connect;
}): ReactWebComponent<Element, Events> {
  const elementProps = new Set<string>([...properties, ...Object.keys(events)]);
  const Component = forwardRef<Element, Record<string, unknown>>((props, ref) => {
    const provider = useClientDemand();
    const element = useRef<Element | null>(null);
    // What the last render set on the element, and one listener per event whose handler it swaps.
    const set = useRef<Record<string, unknown>>({});
    const listeners = useRef(new Map<string, { handleEvent: (event: Event) => void }>());
    const host: Record<string, unknown> = { suppressHydrationWarning: true };
    const own: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(props)) {
      if (elementProps.has(name) && !reactProps.has(name)) own[name] = value;
      else host[name === 'className' ? 'class' : name] = value;
    }
    useLayoutEffect(() => {
      const node = element.current as unknown as Record<string, unknown> | null;
      if (!node) return;
      // A prop the app stopped passing goes back to undefined, as with @lit/react.
      for (const name of new Set([...Object.keys(set.current), ...Object.keys(own)])) {
        const value = own[name];
        const event = Object.hasOwn(events, name) ? events[name] : undefined;
        if (event === undefined) node[name] = value;
        else listen(node as unknown as HTMLElement, listeners.current, event, value);
      }
      set.current = own;
    });
    // An effect runs in the browser only, after the layout effect set the properties.
    useEffect(() => {
      if (element.current) connect(element.current, provider);
      // Once per provider: a new client source is a new provider; its locale is read when drawn.
    }, [provider.need]);
    // The app's ref gets the element too (the plain tag until its module loads: see docs/react.md).
    host.ref = useCallback(
      (node: Element | null) => {
        element.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );
    return createElement(tagName, host);
  });
  Component.displayName = displayName;
  return Component as unknown as ReactWebComponent<Element, Events>;
}

/** One listener per event: a new handler replaces the old in it, none removes it. */
function listen(
  node: HTMLElement,
  listeners: Map<string, { handleEvent: (event: Event) => void }>,
  event: string,
  handler: unknown,
): void {
  const listener = listeners.get(event);
  if (typeof handler === 'function') {
    if (listener) listener.handleEvent = handler as (event: Event) => void;
    else {
      const added = { handleEvent: handler as (event: Event) => void };
      listeners.set(event, added);
      node.addEventListener(event, added);
    }
  } else if (listener) {
    listeners.delete(event);
    node.removeEventListener(event, listener);
  }
}
