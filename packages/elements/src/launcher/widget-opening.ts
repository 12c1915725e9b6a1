/**
 * What `<kefu-widget>` in a framework app runs on the shopper's intent (widget-on-intent.ts holds
 * the tag until then): the client and the widget load, the tag upgrades, the light launcher leaves
 * and the panel opens. A chunk of its own, imported on intent, so a page does not pay for it at
 * load (decision 0014). It imports nothing that the page's chunk holds (the launcher): an app's
 * bundler would split that into a chunk of its own, loaded with the page.
 */
import type { KefuNavigateDetail } from '../base/navigation.js';
import type { KefuWidget } from '../components/widget/widget.js';

/**
 * The shopper points at the launcher: the client (`need`) and the widget's class with everything
 * it needs, fetched and run; no element is defined, so the launcher never changes under the
 * pointer. A failure shows on the press, which tries again.
 */
export function prefetch(need: () => Promise<unknown>): void {
  Promise.all([need(), import('../components/widget/widget.js')]).catch(() => {});
}

let widgetModule: Promise<unknown> | undefined;

/** Defines `<kefu-widget>`: every waiting tag upgrades in place, keeping what the app set on it. */
function defineWidget(): Promise<unknown> {
  widgetModule ??= import('../define/kefu-widget.js').catch((error: unknown) => {
    // A failed import (the network) may be tried again on the next intent.
    widgetModule = undefined;
    throw error;
  });
  return widgetModule;
}

/**
 * The shopper (or the app) wants the panel: the client (`need`, the wrappers' provider or plugin
 * makes it) and the widget load, the tag upgrades, the light `launcher` leaves (the widget draws
 * its own, of the same look, in the same spot) and the panel opens with focus inside. Rejects if
 * the code cannot load (the caller then says help is unavailable on the launcher).
 */
export async function openWidget(
  widget: HTMLElement,
  need: () => Promise<unknown>,
  launcher: HTMLElement | undefined,
  destination?: KefuNavigateDetail,
): Promise<void> {
  await Promise.all([need(), defineWidget()]);
  // A tag the app took out of the page meanwhile is not upgraded by the definition: do it here,
  // or `show` would still be the waiting one.
  customElements.upgrade(widget);
  launcher?.remove();
  const Widget = customElements.get('kefu-widget');
  if (Widget && widget instanceof Widget) await (widget as KefuWidget).show(destination);
}
