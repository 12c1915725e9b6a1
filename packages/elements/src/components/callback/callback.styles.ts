import { css } from 'lit';

export const callbackStyles = css`
  :host {
    display: block;
    background: var(--_surface);
    line-height: 1.45;
    container-type: inline-size;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 0 calc(var(--_space) / 2);
  }
  h3 {
    font-size: 1.1rem;
    margin: 0 0 calc(var(--_space) / 2);
  }
  p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  .intro,
  .hint {
    color: var(--_muted);
  }
  .hint {
    font-size: 0.875rem;
  }
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
    font-weight: 600;
  }
  input:not([type='radio'], [type='checkbox']),
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
    font-weight: 400;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true']:not([type='radio']) {
    border-color: #c62828;
    border-width: 2px;
  }
  .phone {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
    gap: calc(var(--_space) / 2);
  }
  /* On a phone the country's name needs the whole width, so the number goes below it. */
  @container (max-width: 26rem) {
    .phone {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .phone input {
    direction: ltr;
    text-align: start;
  }
  :host([dir='rtl']) .phone input {
    text-align: end;
  }
  .error {
    color: #b3261e;
    font-weight: 600;
    font-size: 0.9rem;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) .error {
      color: #ffb4ab;
    }
  }
  :host([theme='dark']) .error {
    color: #ffb4ab;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: 4px;
  }
  .times {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
    gap: 8px;
  }
  .time {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: start;
    gap: 8px;
    min-block-size: 44px;
    box-sizing: border-box;
    padding: 6px 10px;
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
    cursor: pointer;
  }
  .time:has(input:checked) {
    border: 2px solid var(--_brand);
    background: color-mix(in srgb, var(--_brand) 12%, var(--_surface));
  }
  .time:has(input:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .time input {
    margin: 2px 0 0;
    inline-size: 20px;
    block-size: 20px;
    accent-color: var(--_brand);
  }
  .time-text {
    display: grid;
    font-variant-numeric: tabular-nums;
  }
  .store-time {
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .consent {
    display: flex;
    gap: 10px;
    align-items: flex-start;
  }
  .consent input {
    margin: 2px 0 0;
    inline-size: 22px;
    block-size: 22px;
    flex: none;
    accent-color: var(--_brand);
  }
  .next {
    border-color: var(--_brand);
    justify-content: flex-start;
    text-align: start;
  }
  .next[aria-pressed='true'] {
    border-width: 2px;
    background: color-mix(in srgb, var(--_brand) 12%, var(--_surface));
  }
  .confirmation {
    display: grid;
    gap: calc(var(--_space) / 2);
    justify-items: start;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
`;
