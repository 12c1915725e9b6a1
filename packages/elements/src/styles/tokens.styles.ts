import { css } from 'lit';

/**
 * Design tokens every Kefu element reads. Hosts override them on the element or any ancestor:
 * `kefu-widget { --kefu-brand-color: #c2185b }`.
 */
export const tokens = css`
  :host {
    /* The host's colour wins; else the store's configured colour (set by the element); else ours. */
    --_brand: var(--kefu-brand-color, var(--_config-brand, #1f6f5c));
    --_on-brand: var(--kefu-on-brand-color, var(--_config-on-brand, #ffffff));
    --_surface: var(--kefu-surface-color, #ffffff);
    --_text: var(--kefu-text-color, #1c1f23);
    --_muted: var(--kefu-muted-color, #5b6470);
    --_radius: var(--kefu-radius, 12px);
    --_font: var(--kefu-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', sans-serif);
    --_space: var(--kefu-spacing, 16px);
    --_focus: var(--kefu-focus-color, #1a56db);
    /* Errors in red; the order tracker's delivery problems in orange (a late parcel is nobody's mistake). */
    --_red: #b3261e;
    --_orange: #a33a00;
    --_error: var(--kefu-error-color, var(--_red));
    /* Borders of cards, tiles and separators. */
    --_line: color-mix(in srgb, var(--_text) 20%, transparent);
    /* The FAQ's highlighted matches. */
    --_match: var(--kefu-match-color, #fff0a8);
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_surface: var(--kefu-surface-color, #16191d);
      --_text: var(--kefu-text-color, #eef1f4);
      --_muted: var(--kefu-muted-color, #a9b2bd);
      --_focus: var(--kefu-focus-color, #8ab4ff);
      --_red: #ffb4ab;
      --_orange: #ffb37a;
      --_match: var(--kefu-match-color, #4a3f00);
    }
  }
  :host([theme='dark']) {
    --_surface: var(--kefu-surface-color, #16191d);
    --_text: var(--kefu-text-color, #eef1f4);
    --_muted: var(--kefu-muted-color, #a9b2bd);
    --_focus: var(--kefu-focus-color, #8ab4ff);
    --_red: #ffb4ab;
    --_orange: #ffb37a;
    --_match: var(--kefu-match-color, #4a3f00);
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
