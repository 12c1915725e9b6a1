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
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_surface: var(--kefu-surface-color, #16191d);
      --_text: var(--kefu-text-color, #eef1f4);
      --_muted: var(--kefu-muted-color, #a9b2bd);
      --_focus: var(--kefu-focus-color, #8ab4ff);
    }
  }
  :host([theme='dark']) {
    --_surface: var(--kefu-surface-color, #16191d);
    --_text: var(--kefu-text-color, #eef1f4);
    --_muted: var(--kefu-muted-color, #a9b2bd);
    --_focus: var(--kefu-focus-color, #8ab4ff);
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
