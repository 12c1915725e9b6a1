import { css } from 'lit';

/** The order tracker's own rules; headings, fields, errors and buttons come from `controls`. */
export const ordertrackerStyles = css`
  /* Problems with an order, and the form's errors with them, are orange (see the tokens). */
  :host {
    --_error: var(--_orange);
  }
  h4 {
    margin: var(--_space) 0 calc(var(--_space) / 2);
    font-size: 0.95rem;
    line-height: 1.25;
  }
  .order {
    display: grid;
    gap: var(--_space);
  }
  .problem {
    color: var(--_error);
  }
  .link {
    justify-self: start;
  }
  a {
    color: var(--_text);
    display: inline-flex;
    align-items: center;
    min-block-size: 44px;
  }
  .status {
    font-size: 1.05rem;
    font-weight: 600;
    margin: 0;
  }
  .freshness {
    margin: 0;
    font-size: 0.9rem;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 4px var(--_space);
    margin: 0;
    font-size: 0.9rem;
  }
  .card {
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .progress {
    display: grid;
    grid-template-columns: repeat(4, 1fr);
  }
  .step {
    position: relative;
    display: grid;
    justify-items: center;
    text-align: center;
    gap: 4px;
    font-size: 0.85rem;
    color: var(--_muted);
  }
  /* The line between two steps, drawn from the previous dot to this one. */
  .step + .step::before {
    content: '';
    position: absolute;
    inset-block-start: 13px;
    inset-inline-end: 50%;
    inline-size: 100%;
    block-size: 2px;
    background: var(--_line);
  }
  .step.done + .step::before {
    background: var(--_brand);
  }
  .dot {
    position: relative;
    z-index: 1;
    display: grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    border-radius: 50%;
    border: 2px solid var(--_line);
    background: var(--_surface);
    font-weight: 700;
    box-sizing: border-box;
  }
  .step.done .dot {
    background: var(--_brand);
    border-color: var(--_brand);
    color: var(--_on-brand);
  }
  .step.current {
    color: var(--_text);
    font-weight: 700;
  }
  .step.current .dot {
    border-color: var(--_brand);
    border-width: 4px;
  }
  .step.current.problem .dot {
    border-color: var(--_error);
    color: var(--_error);
    border-width: 2px;
  }
  .shipment-status {
    margin: 0;
  }
  .advice {
    padding: calc(var(--_space) / 2);
    border-inline-start: 4px solid var(--_error);
    background: color-mix(in srgb, var(--_error) 8%, var(--_surface));
  }
  .facts {
    display: grid;
    gap: 8px;
    margin: 0 0 calc(var(--_space) / 2);
  }
  .facts div {
    display: grid;
    grid-template-columns: minmax(7rem, auto) 1fr;
    gap: 8px;
    align-items: center;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  .tracking {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .tracking-number {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace;
    overflow-wrap: anywhere;
    user-select: all;
  }
  .copy {
    min-block-size: 36px;
    padding-block: 4px;
  }
  .items,
  .mine {
    display: grid;
    gap: 8px;
  }
  .items li {
    display: flex;
    gap: 12px;
    align-items: center;
  }
  .img,
  .img img {
    flex: none;
    inline-size: 56px;
    block-size: 56px;
    border-radius: calc(var(--_radius) / 2);
    object-fit: cover;
    background: var(--_line);
  }
  /* A picture that could not load leaves a plain tile, not the browser's broken-image sign. */
  .img img.missing {
    visibility: hidden;
  }
  .item-text {
    display: grid;
    font-size: 0.95rem;
  }
  .item-name {
    font-weight: 600;
  }
  .timeline li {
    display: grid;
    position: relative;
    padding-inline-start: 20px;
    padding-block-end: 12px;
    border-inline-start: 2px solid var(--_line);
    margin-inline-start: 6px;
    font-size: 0.92rem;
  }
  .timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: -7px;
    inset-block-start: 4px;
    inline-size: 12px;
    block-size: 12px;
    border-radius: 50%;
    background: var(--_line);
  }
  .timeline li:first-child::before {
    background: var(--_brand);
  }
  .timeline li.problem::before {
    background: var(--_error);
  }
  .timeline li:last-child {
    border-inline-start-color: transparent;
  }
  time {
    font-weight: 600;
  }
  .actions {
    display: grid;
  }
  .mine-order {
    display: grid;
    inline-size: 100%;
    text-align: start;
    border-color: var(--_line);
  }
`;
