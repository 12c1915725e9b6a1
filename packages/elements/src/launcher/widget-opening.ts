/**
 * What `<kefu-widget>` in a framework app runs on the shopper's intent (widget-on-intent.ts holds
 * the tag until then): the client and the widget load, the tag upgrades, the light launcher leaves
 * and the panel opens. A chunk of its own, imported on intent, so a page does not pay for it at
 * load (decision 0014). It imports nothing that the page's chunk holds (the launcher): an app's
 * bundler would split that into a chunk of its own, loaded with the page.
 */
import type { KefuNavigateDetail } from '../base/navigation.js';
import type { KefuWidget } from '../components/widget/widget.js';

/** What a widget's tag holds while it waits (widget-on-intent.ts). */
export interface Waiting {
  /** The light launcher drawn in the tag, if any (none with a `hostLauncher`). */
  readonly launcher: HTMLElement | undefined;
  /** Makes the client (the wrappers' provider or plugin), with the widget's import. */
  readonly prepare: (() => Promise<unknown>) | undefined;
  /** What the app set `open` to before the code came. */
  open: boolean;
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
 * The shopper (or the app) wants the panel: the client and the widget load, the tag upgrades, the
 * light launcher leaves (the widget draws its own, of the same look, in the same spot) and the
 * panel opens with focus inside. Rejects if the code cannot load (the caller then says help is
 * unavailable on the launcher).
 */
export async function openWidget(
  widget: HTMLElement,
  state: Waiting | undefined,
  destination?: KefuNavigateDetail,
): Promise<void> {
  await Promise.all([state?.prepare?.(), defineWidget()]);
  // A tag the app took out of the page meanwhile is not upgraded by the definition: do it here,
  // or `show` would still be the waiting one.
  customElements.upgrade(widget);
  state?.launcher?.remove();
  const Widget = customElements.get('kefu-widget');
  if (Widget && widget instanceof Widget) await (widget as KefuWidget).show(destination);
}
