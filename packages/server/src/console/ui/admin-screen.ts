import { css, html, type TemplateResult } from 'lit';

/** What the console's admin screens (callbacks, returns, surveys) share: a titled header with Refresh. */
export const screenStyles = css`
  :host {
    display: block;
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    margin-bottom: 12px;
  }
`;

export function screenHeader(title: string, error: string, refresh: () => void): TemplateResult {
  return html`<div class="head">
      <h2>${title}</h2>
      <button @click=${refresh}>Refresh</button>
    </div>
    <p class="error" role="alert">${error}</p>`;
}

/** A table of records: "Loading…" until they come, a sentence when there are none. */
export function recordTable<T>(
  records: readonly T[] | undefined,
  options: { empty: string; columns: readonly string[]; lastColumn: string; row: (record: T) => TemplateResult },
): TemplateResult {
  if (records === undefined) return html`<p class="muted" role="status">Loading…</p>`;
  if (records.length === 0) return html`<p class="muted">${options.empty}</p>`;
  return html`<table>
    <thead>
      <tr>
        ${options.columns.map((column) => html`<th>${column}</th>`)}
        <th><span class="muted">${options.lastColumn}</span></th>
      </tr>
    </thead>
    <tbody>
      ${records.map((record) => options.row(record))}
    </tbody>
  </table>`;
}

/**
 * A row's action that cannot be undone (revoke a key, remove a webhook), asked twice: `ask` (e.g.
 * "Remove…") sets the row asking, then `confirm` does it, or Keep leaves it be.
 */
export function confirmFirst(options: {
  asking: boolean;
  ask: string;
  confirm: string;
  onAsk: () => void;
  onConfirm: () => void;
  onKeep: () => void;
}): TemplateResult {
  return options.asking
    ? html`<button class="danger" @click=${options.onConfirm}>${options.confirm}</button>
        <button @click=${options.onKeep}>Keep</button>`
    : html`<button @click=${options.onAsk}>${options.ask}</button>`;
}

/** Runs a load and gives back the error to show, or '' when it worked. */
export async function errorOf(action: () => Promise<void>, fallback: string): Promise<string> {
  try {
    await action();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : fallback;
  }
}
