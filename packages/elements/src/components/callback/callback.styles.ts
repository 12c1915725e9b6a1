import { css } from 'lit';

/** The callback form's own rules; headings, fields, errors and buttons come from `controls`. */
export const callbackStyles = css`
  :host {
    container-type: inline-size;
  }
  /* On a phone the country's name needs the whole width: the two fields stack like the form's others. */
  .phone {
    display: contents;
  }
  /* With room, the country sits beside the number: the labels share the first row, the controls the
     last, and the phone's hint and error run across both in between (they are about the whole
     number, its country too), still above the controls. Margins, not row gaps: the error's row is
     empty most of the time and must not add a gap. */
  @container (width > 26rem) {
    .phone {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
      column-gap: calc(var(--_space) / 2);
    }
    .phone > .field {
      display: contents;
    }
    .phone label,
    .phone .hint,
    .phone .error {
      margin-block-end: 4px;
    }
    .phone label {
      grid-row: 1;
    }
    .phone p {
      grid-column: 1 / -1;
    }
    .phone :is(select, input) {
      grid-row: 4;
    }
  }
  .phone input {
    direction: ltr;
    text-align: start;
  }
  :host([dir='rtl']) .phone input {
    text-align: end;
  }
  fieldset,
  .confirmation {
    display: grid;
    gap: calc(var(--_space) / 2);
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
  .time input,
  .consent input {
    margin-block-start: 2px;
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
    justify-items: start;
  }
`;
