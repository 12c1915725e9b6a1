import { css } from 'lit';

/** Shared look: buttons, inputs, chips, panels. Adopted as constructable stylesheets (CSP-safe). */
export const base = css`
  :host {
    --ink: #1d2330;
    --muted: #5d6677;
    --line: #dfe3ea;
    --panel: #ffffff;
    --accent: #2452c9;
    --accent-ink: #ffffff;
    --ok: #1d7a46;
    --warn: #a3560b;
    --danger: #b3261e;
    box-sizing: border-box;
    color: var(--ink);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    border: 1px solid var(--line);
    background: var(--panel);
    color: var(--ink);
    border-radius: 6px;
    padding: 6px 12px;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    border-color: #b9c1cf;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--accent-ink);
  }
  button.danger {
    color: var(--danger);
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 1px;
  }
  input,
  textarea,
  select {
    font: inherit;
    color: inherit;
    border: 1px solid var(--line);
    border-radius: 6px;
    padding: 7px 9px;
    background: #fff;
  }
  label {
    display: grid;
    gap: 4px;
    font-weight: 600;
    font-size: 13px;
  }
  .chip {
    display: inline-block;
    font-size: 12px;
    line-height: 18px;
    padding: 0 8px;
    border-radius: 9px;
    background: #eef1f6;
    color: var(--muted);
    white-space: nowrap;
  }
  .chip.queued {
    background: #fff1dc;
    color: var(--warn);
  }
  .chip.open {
    background: #e3f4ea;
    color: var(--ok);
  }
  .muted {
    color: var(--muted);
  }
  .error {
    color: var(--danger);
  }
  h2 {
    font-size: 16px;
    margin: 0;
  }
  h3 {
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--muted);
    margin: 16px 0 8px;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    background: var(--panel);
  }
  th,
  td {
    text-align: left;
    padding: 8px 10px;
    border-bottom: 1px solid var(--line);
    vertical-align: top;
  }
  th {
    font-size: 12px;
    color: var(--muted);
    font-weight: 600;
  }
`;

/** "4 min", "1 h 5 min": how long ago `iso` was, for wait times. */
export function since(iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
