import { css } from 'lit';

export const widgetStyles = css`
  :host {
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
  .panel[hidden] {
    display: none;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: var(--_space);
    background: var(--_brand);
    color: var(--_on-brand);
  }
  h2 {
    margin: 0;
    font-size: 18px;
  }
  .close {
    min-inline-size: 44px;
    min-block-size: 44px;
    border: 0;
    border-radius: 8px;
    background: transparent;
    color: inherit;
    font-size: 24px;
    cursor: pointer;
  }
  .body {
    padding: var(--_space);
    overflow: auto;
  }
  .status {
    color: var(--_muted);
  }
  .retry {
    min-block-size: 44px;
    padding: 0 16px;
    border: 1px solid currentColor;
    border-radius: 8px;
    background: transparent;
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
`;
