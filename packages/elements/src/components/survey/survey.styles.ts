import { css } from 'lit';

/** The survey's own rules; headings, fields, errors and buttons come from `controls`. */
export const surveyStyles = css`
  :host {
    container-type: inline-size;
  }
  /* The comment's label sits right above its box: the survey spaces its parts with their margins. */
  form {
    display: block;
  }
  fieldset {
    margin-block-end: var(--_space);
  }
  .options {
    display: grid;
    gap: 6px;
    grid-template-columns: repeat(5, minmax(0, 1fr));
  }
  .options.ces {
    grid-template-columns: repeat(7, minmax(0, 1fr));
  }
  /* Eleven scores fit on one line from a tablet's width; on a phone they wrap as 0–5 and 6–10. */
  .options.nps {
    grid-template-columns: repeat(6, minmax(0, 1fr));
  }
  @container (min-width: 34rem) {
    .options.nps {
      grid-template-columns: repeat(11, minmax(0, 1fr));
    }
  }
  .option {
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 2px;
    min-block-size: 44px;
    padding: 6px 2px;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
    text-align: center;
  }
  .option input {
    /* The native radio stays in the page (keyboard, screen reader); the whole tile shows it. */
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    opacity: 0;
    cursor: pointer;
  }
  .option:hover {
    border-color: var(--_brand);
  }
  .option:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Selected: filled, bolder and a thicker border, so it does not rest on colour alone. */
  .option:has(input:checked) {
    background: var(--_brand);
    color: var(--_on-brand);
    border: 3px solid var(--_text);
    font-weight: 700;
  }
  .number {
    font-size: 1rem;
  }
  .label {
    font-size: 0.75rem;
    line-height: 1.2;
    overflow-wrap: break-word;
  }
  .options.csat .number {
    font-size: 0.75rem;
  }
  .anchors {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
    margin-block-start: 6px;
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .anchors span:last-child {
    text-align: end;
  }
  .reason {
    display: flex;
    align-items: center;
    gap: 8px;
    min-block-size: 44px;
    cursor: pointer;
  }
  .comment-label {
    display: block;
    margin-block-end: 4px;
  }
  .actions {
    margin-block-start: var(--_space);
  }
  /* Marked by a bar and its weight, not by colour alone. */
  .error {
    margin: 6px 0 0;
    padding-inline-start: 8px;
    border-inline-start: 4px solid;
  }
  .lead {
    font-size: 1.05rem;
    font-weight: 600;
  }
  .next {
    margin-block-start: var(--_space);
    padding-block-start: var(--_space);
    border-block-start: 1px solid var(--_line);
  }
`;
