import { css } from 'lit';

/**
 * The FAQ's own rules; the surface and the headings come from `featureBase`. An article's title
 * wraps `pretty`: no last word alone on a line ("…还能退" / "吗？" on a phone).
 */
export const faqStyles = css`
  :host {
    --_hover: color-mix(in srgb, var(--_brand) 10%, transparent);
  }
  h3 {
    margin-block: var(--_space) calc(var(--_space) * 0.5);
  }
  input {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 44px;
    padding: 8px 12px;
    border: 1px solid var(--_muted);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-family: inherit;
  }
  /* Our lists (results, articles, categories), not an article's own. */
  ul:where(:not(.body *)) {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .results {
    margin-block-start: calc(var(--_space) * 0.5);
  }
  .result {
    display: flex;
    flex-direction: column;
    gap: 2px;
    padding-block: 10px;
    padding-inline: 12px;
    border-radius: calc(var(--_radius) * 0.66);
    border-inline-start: 4px solid transparent;
    cursor: pointer;
    min-block-size: 44px;
    box-sizing: border-box;
  }
  .result:hover {
    background: var(--_hover);
  }
  /* Highlighted by the keyboard: a bar and a background, not colour alone. */
  .result[aria-selected='true'] {
    background: var(--_hover);
    border-inline-start-color: var(--_brand);
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .result-title {
    font-weight: 600;
  }
  .snippet,
  .separator,
  .notice,
  .count,
  .meta {
    color: var(--_muted);
  }
  .snippet,
  .count,
  .meta {
    font-size: 0.875rem;
  }
  mark {
    background: var(--_match);
    color: var(--_text);
    border-radius: 2px;
    /* Not colour alone: matches are underlined too. */
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 2px;
  }
  .separator {
    font-size: 0.8125rem;
    padding-block: 8px 4px;
    padding-inline: 12px;
  }
  .notice {
    margin-block: calc(var(--_space) * 0.5);
  }
  button {
    font: inherit;
    color: inherit;
    min-block-size: 44px;
    padding-block: 8px;
    padding-inline: 14px;
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  button:hover {
    background: var(--_hover);
  }
  button.primary {
    background: var(--_brand);
    color: var(--_on-brand);
    border-color: var(--_brand);
  }
  .articles li + li,
  .categories li + li,
  .contact li + li {
    margin-block-start: 6px;
  }
  .link,
  .category {
    inline-size: 100%;
    text-align: start;
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
  }
  .count {
    white-space: nowrap;
  }
  .back {
    border: none;
    padding-inline: 4px;
    text-decoration: underline;
  }
  .article h3 {
    font-size: 1.25rem;
    text-wrap: pretty;
  }
  .meta {
    margin-block-start: 0;
  }
  .body {
    overflow-wrap: anywhere;
  }
  .body img {
    max-inline-size: 100%;
    block-size: auto;
  }
  .body a {
    color: inherit;
  }
  .body table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }
  .body th,
  .body td {
    border: 1px solid var(--_line);
    padding: 4px 8px;
    text-align: start;
  }
  .feedback {
    margin-block-start: var(--_space);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
  }
  fieldset.feedback {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .feedback legend {
    padding-inline: 4px;
  }
  .empty p {
    margin-block: calc(var(--_space) * 0.5);
  }
`;
