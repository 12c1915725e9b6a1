import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: block;
    --_chat-height: var(--kefu-chat-transcript-height, min(45vh, 420px));
  }
  h2 {
    font-size: 1.125rem;
    margin: 0 0 calc(var(--_space) / 2);
  }
  h3 {
    font-size: 0.9375rem;
    margin: 0 0 4px;
  }
  p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .muted,
  .meta,
  .status,
  .typing,
  .system {
    color: var(--_muted);
  }
  .dot {
    display: inline-block;
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: #1e8e3e;
    margin-inline-end: 0.4em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    margin-block: 8px;
  }
  button {
    font: inherit;
    min-block-size: 44px;
    min-inline-size: 44px;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  button.primary {
    background: var(--_brand);
    color: var(--_on-brand);
    border: 0;
    padding-inline: 16px;
  }
  button.secondary {
    background: transparent;
    color: var(--_text);
    border: 1px solid currentColor;
    padding-inline: 12px;
  }
  button.link {
    background: none;
    border: 0;
    color: inherit;
    text-decoration: underline;
    padding-inline: 8px;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  form {
    display: grid;
    gap: 8px;
  }
  .field {
    display: grid;
    gap: 4px;
  }
  input,
  textarea {
    font-family: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    padding: 8px 10px;
    min-block-size: 44px;
    box-sizing: border-box;
    inline-size: 100%;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: #c5221f;
  }
  .error {
    color: #c5221f;
    min-block-size: 0;
    margin: 0;
  }
  .error:empty {
    display: none;
  }
  .notice,
  .banner {
    padding: 8px 12px;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_muted);
  }
  .suggestions ul,
  .messages,
  .attachments,
  .pending {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .suggestions a {
    display: inline-block;
    padding-block: 10px;
    color: inherit;
  }
  .scroller {
    block-size: var(--_chat-height);
    overflow-y: auto;
    overscroll-behavior: contain;
    border: 1px solid color-mix(in srgb, var(--_muted) 40%, transparent);
    border-radius: var(--_radius);
    padding-inline: 8px;
  }
  .row {
    display: flex;
    padding-block: 4px;
  }
  .row.shopper {
    justify-content: flex-end;
  }
  .bubble {
    max-inline-size: 85%;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_muted) 14%, var(--_surface));
    overflow-wrap: anywhere;
  }
  .shopper .bubble {
    background: var(--_brand);
    color: var(--_on-brand);
  }
  .shopper .meta {
    color: inherit;
  }
  .bubble p {
    margin: 0;
    white-space: pre-wrap;
  }
  .bubble ul,
  .bubble ol {
    margin: 4px 0;
    padding-inline-start: 1.25em;
  }
  .bubble a {
    color: inherit;
  }
  .author {
    display: block;
    font-weight: 600;
    font-size: 0.8125rem;
  }
  .meta {
    display: block;
    font-size: 0.75rem;
    margin-block-start: 2px;
  }
  /* Not yet stored: a dashed outline, with the state in words beside it. */
  .waiting .bubble,
  .sending .bubble {
    outline: 2px dashed var(--_muted);
    outline-offset: 1px;
  }
  .failed .bubble {
    outline: 2px solid #c5221f;
  }
  .attachments img {
    max-inline-size: 100%;
    max-block-size: 160px;
    border-radius: calc(var(--_radius) / 2);
  }
  .compose-row {
    display: flex;
    gap: 8px;
    align-items: flex-end;
  }
  .compose-row textarea {
    flex: 1;
  }
  .attach {
    display: inline-grid;
    place-items: center;
    min-inline-size: 44px;
    min-block-size: 44px;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    cursor: pointer;
    font-size: 1.25rem;
  }
  .attach:focus-within {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .pending li {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .typing {
    font-style: italic;
    margin-block: 4px;
  }
`;
