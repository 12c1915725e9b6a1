/** What a storefront configures, from the script tag's data attributes or `Kefu('init', …)`. */
export interface LoaderSettings {
  /** Base URL of the Kefu HTTP API; without it the built-in demo store answers. */
  apiBase?: string;
  /** The shopper's language (BCP 47). */
  locale?: string;
  /**
   * A CSS selector for the store's own "Help" button(s): Kefu draws no launcher and opens from
   * those instead (also elements added later, as in single-page apps).
   */
  launcher?: string;
  /** The launcher's text instead of the localized "Help". */
  label?: string;
  /** `start` puts the launcher in the bottom-left corner (bottom-right in RTL). */
  position?: 'start' | 'end';
  /** Forces a colour scheme; by default Kefu follows the shopper's system. */
  theme?: 'light' | 'dark';
  /** The store's identity token for a signed-in shopper (see `Kefu('identify', { token })`). */
  identityToken?: string;
  /**
   * Articles to suggest on this page, overriding the store's URL patterns: article ids, a query,
   * or `null` to go back to the patterns (see `Kefu('suggest', …)`).
   */
  suggestions?: readonly string[] | string | null;
  /** `pending` until the host's consent banner says yes: nothing is stored before. */
  consent?: 'granted' | 'pending';
}

/** Events a host can listen to with `Kefu('on', name, callback)`. */
export type KefuEventName =
  'ready' | 'open' | 'close' | 'unread' | 'message' | 'return-created' | 'callback-requested' | 'survey-answered';

export type Emit = (event: KefuEventName, detail?: unknown) => void;
