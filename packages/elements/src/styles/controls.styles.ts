import { css } from 'lit';

/**
 * Buttons as every feature draws them: one primary action in the brand colour, secondary actions
 * outlined, links underlined, all at least 44 px tall (touch targets). A feature's own stylesheet
 * comes after this one and adjusts what it needs (a round remove button, a full-width submit).
 * Before this sheet each feature had its own copy, with four radii and three border widths.
 */
export const controls = css`
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
  button[aria-busy='true'] {
    cursor: progress;
  }
`;
