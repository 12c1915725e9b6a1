import { css } from 'lit';

export const widgetStyles = css`
  /* Focused only on touch screens, in place of the search box (see #focusView): no ring to draw. */
  .panel:focus {
    outline: none;
  }
  :host {
    /* The panel paints its own surface, so it can follow the system on any page (see tokens). */
    color-scheme: light dark;
    --_offset: var(--kefu-launcher-offset, 20px);
    position: fixed;
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    z-index: var(--kefu-z-index, 2147483000);
  }
  :host([position='start']) {
    inset-inline-end: auto;
    inset-inline-start: var(--_offset);
  }
  [hidden] {
    display: none !important;
  }
  .launcher {
    display: inline-flex;
    align-items: center;
    gap: 8px;
    min-block-size: 48px;
    min-inline-size: 48px;
    padding: 0 20px;
    border: 0;
    border-radius: 999px;
    background: var(--_brand);
    color: var(--_on-brand);
    font: 600 16px/1 var(--_font);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.2);
    cursor: pointer;
  }
  /*
   * Out of the way of the field the shopper is typing in (FieldClearanceController): not drawn and
   * not hit, but still in the tab order and announced, and back when focus moves on.
   */
  :host([launcher-aside]) {
    pointer-events: none;
  }
  :host([launcher-aside]) .launcher {
    opacity: 0;
    pointer-events: none;
    transform: translateY(calc(100% + var(--_offset)));
    transition:
      transform 0.15s ease-in,
      opacity 0.15s ease-in;
  }
  .badge {
    display: inline-grid;
    place-items: center;
    min-inline-size: 22px;
    block-size: 22px;
    padding: 0 6px;
    border-radius: 999px;
    background: #b3261e;
    color: #ffffff;
    font-size: 0.8125rem;
    font-weight: 700;
  }
  .panel {
    position: absolute;
    inset-block-end: 64px;
    inset-inline-end: 0;
    inline-size: min(380px, calc(100vw - 2 * var(--_offset)));
    max-block-size: min(640px, calc(100vh - 120px));
    display: flex;
    flex-direction: column;
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    overflow: hidden;
  }
  :host([position='start']) .panel {
    inset-inline-end: auto;
    inset-inline-start: 0;
  }
  /* Phones: the whole screen, inside the safe areas, above the on-screen keyboard. */
  .fullscreen .panel {
    position: fixed;
    inset: 0;
    inline-size: 100%;
    block-size: var(--_viewport-height, 100dvh);
    max-block-size: none;
    border-radius: 0;
    box-shadow: none;
    padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);
    box-sizing: border-box;
  }
  /* A div, not a <header>: inside the shadow root a header would be a second banner landmark
     beside the store's own. The dialog's label names the panel instead. */
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: var(--_space);
    background: var(--_brand);
    color: var(--_on-brand);
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 18px;
  }
  /* The header's buttons: an icon each, on the brand colour. */
  .close,
  .sound,
  .back {
    min-inline-size: 44px;
    min-block-size: 44px;
    border: 0;
    border-radius: 8px;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .close {
    font-size: 24px;
  }
  .body {
    flex: 1;
    padding: var(--_space);
    overflow: auto;
    overscroll-behavior: contain;
  }
  .status {
    color: var(--_muted);
  }
  .notice {
    margin: 0 0 12px;
    padding: 8px 12px;
    border-radius: 8px;
    background: color-mix(in srgb, var(--_text) 8%, transparent);
  }
  /* One line in the browser's language (the question, "Switch", a close button); the switch. */
  .language-offer,
  .language {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .language-offer > span {
    flex: 1;
  }
  .language {
    margin: 16px 0 0;
    color: var(--_muted);
  }
  .language-offer .dismiss {
    border-color: transparent;
  }
  .retry,
  .language-offer button,
  .language select {
    min-block-size: 44px;
    min-inline-size: 44px;
    padding: 0 16px;
    border: 1px solid currentColor;
    border-radius: 8px;
    background: transparent;
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  .sound {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    margin-inline-start: auto;
  }
  .back {
    font-size: 28px;
    line-height: 1;
  }
  /* The arrow points back in the direction of reading. */
  :host([dir='rtl']) .back span {
    display: inline-block;
    transform: scaleX(-1);
  }
  .greeting {
    margin: 0 0 12px;
    font-size: 1.125rem;
  }
  .home-search input {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 48px;
    padding: 0 14px;
    border: 1px solid var(--_muted);
    border-radius: 10px;
    background: var(--_surface);
    color: var(--_text);
  }
  .actions,
  .conversations {
    display: grid;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .actions {
    margin-block-start: 16px;
  }
  /* The quick actions and the cards (recent conversations, last order): full-width rows. */
  .actions button,
  .card {
    inline-size: 100%;
    min-block-size: 48px;
    padding: 0 14px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    background: transparent;
    color: var(--_text);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .actions button {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  .section-title {
    margin: 20px 0 8px;
    font-size: 0.875rem;
    font-weight: 600;
    color: var(--_muted);
  }
  .card {
    display: grid;
    gap: 4px;
    padding-block: 10px;
    background: color-mix(in srgb, var(--_brand) 6%, var(--_surface));
  }
  .card-title {
    font-weight: 600;
  }
  /* It follows the search box directly: apart from it, as the sections below are. */
  .survey-prompt {
    margin-block-start: 16px;
  }
  .unread {
    font-weight: 400;
    color: var(--_muted);
  }
  .card-detail,
  .hint {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .card-detail {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
`;
