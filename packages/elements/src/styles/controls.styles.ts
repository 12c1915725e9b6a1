import { css } from 'lit';

/**
 * What every feature element (FAQ, orders, returns, chat, callback, survey) draws the same way:
 * its own surface, the text's line height and the headings. A feature's own stylesheet comes
 * after this one and adjusts what it needs.
 */
export const featureBase = css`
  :host {
    display: block;
    /* Standalone on a page, the element paints its own surface, so dark text never meets a light page. */
    background: var(--_surface);
    line-height: 1.5;
  }
  h2,
  h3 {
    margin: 0 0 calc(var(--_space) * 0.75);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1.0625rem;
  }
`;

/**
 * Buttons as every form feature draws them: one primary action in the brand colour, secondary
 * actions outlined, links underlined, all at least 44 px tall (touch targets). Before this sheet
 * each feature had its own copy, with four radii and three border widths.
 */
const buttons = css`
  button,
  .button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-block-size: 44px;
    padding: 8px 16px;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) / 2);
    background: transparent;
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  .primary {
    border-color: var(--_brand);
    background: var(--_brand);
    color: var(--_on-brand);
  }
  .secondary {
    border-color: var(--_muted);
    background: var(--_surface);
  }
  .link {
    border: 0;
    padding-inline: 0;
    text-decoration: underline;
  }
  button:disabled,
  .button.disabled {
    opacity: 0.7;
    cursor: not-allowed;
  }
`;

/**
 * Forms as every form feature lays them out: a grid of fields, each its label (the field's first
 * child, in bold), its hint, its control and its error; fieldsets without a frame; a row of actions.
 */
const fields = css`
  p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  /* Our lists are of items, cards and steps, not bullets (a chat message's own lists get theirs back). */
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* A form spaces its children with the grid's gap, not with their margins. */
  form {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  form > p {
    margin: 0;
  }
  .field {
    display: grid;
    gap: 4px;
  }
  .field > :first-child,
  legend {
    font-weight: 600;
  }
  fieldset {
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-block-end: calc(var(--_space) / 2);
  }
  .intro,
  .muted,
  .hint {
    color: var(--_muted);
  }
  .hint,
  .error {
    font-size: 0.875rem;
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  .error:empty {
    display: none;
  }
  /* The parts of a field from forms/field.ts sit on the field's grid gap. */
  .field > .hint,
  .field > .field-error {
    margin: 0;
  }
  /* Errors and alerts are told by a sign as well as by colour; the sign itself is not read out. */
  .field-error::before,
  .alert::before {
    content: '⚠︎ ' / '';
  }
  /* A form's answer as a whole (not found, offline, too many tries), in a box of the error colour. */
  .alert {
    margin: 0;
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid currentColor;
    border-inline-start-width: 4px;
    border-radius: calc(var(--_radius) / 2);
    color: var(--_error);
  }
  .alert p:last-child {
    margin: 0;
  }
  input:not([type='radio'], [type='checkbox'], [type='file']),
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
  textarea {
    resize: vertical;
  }
  [aria-invalid='true']:not([type='radio'], [type='checkbox']) {
    border: 2px solid var(--_error);
  }
  input:is([type='radio'], [type='checkbox']) {
    flex: none;
    inline-size: 20px;
    block-size: 20px;
    margin: 0;
    accent-color: var(--_brand);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
`;

/**
 * Everything the form features (orders, returns, chat, callback, survey) share, in cascade order;
 * the FAQ, a list more than a form, takes only `featureBase`.
 */
export const controls = [featureBase, buttons, fields];
