import { css } from 'lit';

export const returnsStyles = css`
  :host {
    display: block;
    line-height: 1.45;
    /* Standalone on a page, the element paints its own surface, so dark text never meets a light page. */
    background: var(--_surface);
  }
  h2,
  h3 {
    margin-block: 0 calc(var(--_space) * 0.75);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.0625rem;
  }
  h2:focus,
  h3:focus,
  [part~='status']:focus {
    outline: none;
  }
  p {
    margin-block: 0 calc(var(--_space) * 0.5);
  }
  .muted,
  .hint {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .hint {
    display: block;
    margin-block: 2px 0;
  }
  .error {
    color: var(--_error);
    font-weight: 600;
    font-size: 0.875rem;
    margin-block: 4px 0;
  }
  .error:empty {
    display: none;
  }
  :host {
    --_error: #b3261e;
    --_card: color-mix(in srgb, var(--_text) 4%, var(--_surface));
    --_line: color-mix(in srgb, var(--_text) 22%, var(--_surface));
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_error: #ffb4ab;
    }
  }
  :host([theme='dark']) {
    --_error: #ffb4ab;
  }
  form,
  section {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin-block-end: var(--_space);
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
  }
  legend,
  .label,
  label {
    font-weight: 600;
  }
  legend {
    padding: 0;
    margin-block-end: calc(var(--_space) * 0.5);
  }
  .field {
    display: grid;
    gap: 4px;
  }
  input[type='text'],
  select,
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 44px;
    padding: 8px 12px;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
    font-family: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  .item,
  .earlier,
  .review li {
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
    background: var(--_card);
  }
  .item.selected {
    border-color: var(--_brand);
    box-shadow: inset 4px 0 0 var(--_brand);
  }
  :host([dir='rtl']) .item.selected {
    box-shadow: inset -4px 0 0 var(--_brand);
  }
  .item .name {
    font-weight: 600;
    display: block;
  }
  .item p {
    margin: 0;
  }
  .why {
    color: var(--_muted);
    font-size: 0.875rem;
    margin-block-start: 2px;
  }
  .pick,
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 12px;
  }
  .pick input,
  .choice input {
    flex: none;
    inline-size: 24px;
    block-size: 24px;
    margin: 0;
    accent-color: var(--_brand);
  }
  .pick label,
  .choice label {
    font-weight: normal;
    min-block-size: 24px;
    cursor: pointer;
  }
  .until {
    display: block;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .details {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin-block-start: calc(var(--_space) * 0.75);
    padding-inline-start: 36px;
  }
  .resolutions {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  .choice .name {
    display: block;
    font-weight: 600;
  }
  .file:focus-visible + label {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .thumbnails {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .thumbnails li {
    position: relative;
    inline-size: 72px;
    block-size: 72px;
    display: grid;
    place-items: center;
  }
  .thumbnails img {
    inline-size: 72px;
    block-size: 72px;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    border: 1px solid var(--_line);
  }
  .thumbnails progress {
    inline-size: 64px;
  }
  .remove {
    position: absolute;
    inset-block-start: -8px;
    inset-inline-end: -8px;
    inline-size: 32px;
    block-size: 32px;
    min-block-size: 32px;
    padding: 0;
    border-radius: 50%;
    font-size: 1.125rem;
    line-height: 1;
  }
  .remove {
    background: var(--_surface);
    border-color: var(--_muted);
  }
  label.button {
    justify-self: start;
  }
  form > button[type='submit'],
  .lookup button {
    justify-self: stretch;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    justify-content: flex-end;
  }
  .review ul {
    margin-block-end: calc(var(--_space) * 0.5);
  }
  .review li p {
    margin: 0;
  }
  .comment {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .status {
    border: 2px solid var(--_line);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--_card);
  }
  .status.sent {
    border-color: var(--_brand);
  }
  .status.failed {
    border-color: var(--_error);
  }
  .rma {
    font-size: 1.125rem;
    font-weight: 700;
  }
  .history {
    margin-block-start: var(--_space);
  }
  .earlier .heading {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 8px;
    font-weight: 700;
  }
  .tag {
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 2px 10px;
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .reason {
    overflow-wrap: anywhere;
  }
  .qr {
    display: block;
    inline-size: 144px;
    block-size: 144px;
    margin-block-start: 8px;
  }
  @media (min-width: 640px) {
    form > button[type='submit'],
    .lookup button {
      justify-self: end;
    }
  }
`;
