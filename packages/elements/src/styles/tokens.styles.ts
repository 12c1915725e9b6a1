import { css } from 'lit';

/**
 * Design tokens every Kefu element reads. Hosts override them on the element or any ancestor:
 * `kefu-widget { --kefu-brand-color: #c2185b }`.
 *
 * Light or dark is the surrounding page's `color-scheme`, which the shadow root inherits, read
 * through `light-dark()`: an inline element on a store page that says `color-scheme: light` (or
 * nothing) stays light on that page's white card whatever the system prefers, and follows the
 * system where the page says `light dark`. The widget's panel paints its own surface and declares
 * `light dark` itself, so it follows the system on any page. `theme` forces either.
 */
export const tokens = css`
  :host {
    /* The host's colour wins; else the store's configured colour (set by the element); else ours. */
    --_brand: var(--kefu-brand-color, var(--_config-brand, #1f6f5c));
    --_on-brand: var(--kefu-on-brand-color, var(--_config-on-brand, #ffffff));
    --_surface: var(--kefu-surface-color, light-dark(#ffffff, #16191d));
    --_text: var(--kefu-text-color, light-dark(#1c1f23, #eef1f4));
    --_muted: var(--kefu-muted-color, light-dark(#5b6470, #a9b2bd));
    --_radius: var(--kefu-radius, 12px);
    --_font: var(--kefu-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', sans-serif);
    --_space: var(--kefu-spacing, 16px);
    --_focus: var(--kefu-focus-color, light-dark(#1a56db, #8ab4ff));
    /* Errors in red; the order tracker's delivery problems in orange (a late parcel is nobody's mistake). */
    --_red: light-dark(#b3261e, #ffb4ab);
    --_orange: light-dark(#a33a00, #ffb37a);
    --_error: var(--kefu-error-color, var(--_red));
    /* Borders of cards, tiles and separators. */
    --_line: color-mix(in srgb, var(--_text) 20%, transparent);
    /* The FAQ's highlighted matches. */
    --_match: var(--kefu-match-color, light-dark(#fff0a8, #4a3f00));
    font-family: var(--_font);
    color: var(--_text);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  /* 16 px at least: iOS zooms into smaller inputs when they get focus. */
  input,
  textarea,
  select {
    font-size: max(16px, 1em);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* An order or return number in a sentence (see withNumber): never broken at its hyphen. */
  .unbroken {
    white-space: nowrap;
  }
  /*
   * The store's e-mail and phone (contact-channels.ts), drawn in the widget's home and in the
   * FAQ's "no results": rows like the quick actions, no list bullets, an address that wraps
   * anywhere rather than overflowing a phone's width.
   */
  .contact-channels {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .contact-channel {
    padding: 10px 14px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }
  .contact-channel a {
    display: inline-block;
    min-block-size: 24px;
    color: inherit;
    font-weight: 600;
  }
  .contact-channel .hours {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  /* Read by screen readers, not drawn: every element's labels and live regions use it. */
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;

/*
 * The sheets the features share, re-exported here so that they travel in the widget's own chunk
 * with the tokens: every feature needs them and the widget is always loaded first, so they are
 * downloaded once, not with each feature (as a chunk of their own they cost 0.4 KB more).
 */
export { controls, featureBase } from './controls.styles.js';
