/** What a storefront configures, from the script tag's data attributes or `Kefu('init', …)`. */
export interface LoaderSettings {
  /** Base URL of the Kefu HTTP API; without it the built-in demo store answers. */
  apiBase?: string;
  /** The shopper's language (BCP 47). */
  locale?: string;
  /** `start` puts the launcher in the bottom-left corner (bottom-right in RTL). */
  position?: 'start' | 'end';
}
