/**
 * The lazily loaded part of the script-tag build: the core, Lit and the widget. Importing it only
 * defines elements; storage and the backend are touched once `mount` runs, on the shopper's intent.
 */
import { createKefu } from '@kefu/core';
import '@kefu/elements/define/kefu-widget.js';
import type { KefuWidget } from '@kefu/elements';
import type { LoaderSettings } from './settings.js';

export interface WidgetApi {
  open(): Promise<void>;
  close(): Promise<void>;
  toggle(): Promise<void>;
  shutdown(): void;
}

export function mount(settings: LoaderSettings, loaderLauncher: HTMLElement | undefined): WidgetApi {
  const client = createKefu({
    ...(settings.apiBase ? { apiBase: settings.apiBase } : {}),
    ...(settings.locale ? { locale: settings.locale } : {}),
  });
  const widget: KefuWidget = document.createElement('kefu-widget');
  widget.client = client;
  if (settings.locale) widget.locale = settings.locale;
  if (settings.position) widget.position = settings.position;
  document.body.append(widget);
  // The real launcher takes the place of the loader's, which had the same look and spot.
  const hadFocus = Boolean(loaderLauncher?.shadowRoot?.activeElement);
  loaderLauncher?.remove();
  if (hadFocus) void widget.updateComplete.then(() => widget.focus());

  return {
    open: () => widget.show(),
    close: () => widget.hide(),
    toggle: () => (widget.open ? widget.hide() : widget.show()),
    shutdown() {
      widget.remove();
      client.dispose();
    },
  };
}
