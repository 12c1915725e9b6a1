import { css } from 'lit';

/** The chat's own rules; headings, fields, errors and buttons come from `controls`. */
export const chatStyles = css`
  /* The suggestions' heading sits inside the form, close to the articles it introduces. */
  h3 {
    font-size: 0.9375rem;
    margin-block-end: 4px;
  }
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
  /* Link buttons side by side need more room between them than their gap gives. */
  .actions {
    align-items: center;
    column-gap: 16px;
    margin-block: 8px;
  }
  /* The remove (×) button of an attachment is a link with one character: still a 44 px target. */
  button {
    min-inline-size: 44px;
  }
  /* Links take the text's colour: a message bubble's (on the brand colour for the shopper's) or the page's. */
  a,
  .link {
    color: inherit;
  }
  .notice,
  .banner {
    padding: 8px 12px;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_muted);
  }
  .suggestions a {
    display: inline-block;
    padding-block: 10px;
  }
  .scroller {
    block-size: var(--kefu-chat-transcript-height, min(45vh, 420px));
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
    list-style: revert;
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
    outline: 2px solid var(--_error);
  }
  /* The message's files: not one of its own formatted lists, which get their bullets back above. */
  .bubble .attachments {
    padding: 0;
    list-style: none;
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
  /* The file input's label, drawn as a secondary button (controls' .button .secondary). */
  .attach {
    min-inline-size: 44px;
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
