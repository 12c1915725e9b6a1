import { css } from 'lit';

/** The returns flow's own rules; headings, fields, errors and buttons come from `controls`. */
export const returnsStyles = css`
  :host {
    --_card: color-mix(in srgb, var(--_text) 4%, var(--_surface));
  }
  /* Secondary facts (the intro, next steps, dates) are set smaller here. */
  .muted,
  .why,
  .until {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .hint {
    display: block;
    margin-block: 2px 0;
  }
  .error {
    margin-block: 4px 0;
  }
  section {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  form,
  section {
    margin-block-end: var(--_space);
  }
  ul {
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
    margin-block-start: 2px;
  }
  .pick,
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 12px;
  }
  .pick label,
  .choice label {
    cursor: pointer;
  }
  .until {
    display: block;
  }
  .details {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    margin-block-start: calc(var(--_space) * 0.75);
    /* Under the item's name: the checkbox (20 px) and the gap (12 px) to its side. */
    padding-inline-start: 32px;
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
    border-color: var(--_muted);
    border-radius: 50%;
    background: var(--_surface);
    font-size: 1.125rem;
    line-height: 1;
  }
  label.button {
    justify-self: start;
  }
  form > button[type='submit'] {
    justify-self: stretch;
  }
  .actions {
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
    form > button[type='submit'] {
      justify-self: end;
    }
  }
`;
