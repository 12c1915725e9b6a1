import { css } from 'lit';

export const surveyStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    background: var(--_surface);
    line-height: 1.45;
  }
  h2 {
    font-size: 1.15rem;
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  fieldset {
    border: 0;
    margin: 0 0 var(--_space);
    padding: 0;
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: calc(var(--_space) * 0.5);
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
    border: 1px solid color-mix(in srgb, var(--_text) 35%, transparent);
    border-radius: calc(var(--_radius) * 0.6);
    color: var(--_text);
    cursor: pointer;
    text-align: center;
  }
  .option input {
    /* The native radio stays in the page (keyboard, screen reader); the whole tile shows it. */
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    margin: 0;
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
  .reason input {
    inline-size: 20px;
    block-size: 20px;
    margin: 0;
    accent-color: var(--_brand);
  }
  .comment-label {
    display: block;
    margin-block-end: 4px;
  }
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    padding: 10px;
    border: 1px solid color-mix(in srgb, var(--_text) 45%, transparent);
    border-radius: calc(var(--_radius) * 0.6);
    background: var(--_surface);
    color: var(--_text);
    font-family: inherit;
    resize: vertical;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-block-start: var(--_space);
  }
  /* Marked by its border and weight, not by colour alone; the text colour reads in both themes. */
  .error {
    margin: 6px 0 0;
    padding-inline-start: 8px;
    border-inline-start: 4px solid var(--kefu-error-color, #d93025);
    font-weight: 600;
  }
  .outcome:focus {
    outline: none;
  }
  .outcome:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .lead {
    font-size: 1.05rem;
    font-weight: 600;
  }
  .next {
    margin-block-start: var(--_space);
    padding-block-start: var(--_space);
    border-block-start: 1px solid color-mix(in srgb, var(--_text) 20%, transparent);
  }
`;
