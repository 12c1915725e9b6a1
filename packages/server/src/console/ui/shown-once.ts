import { css, html, type TemplateResult } from 'lit';

/** The box a new key or webhook secret is shown in, once. */
export const secretStyles = css`
  .once {
    display: grid;
    gap: 8px;
    max-width: 720px;
    margin-bottom: 16px;
    padding: 12px;
    border: 1px solid #f0c36d;
    border-radius: 8px;
    background: #fff8e6;
  }
  .once .value {
    display: flex;
    gap: 8px;
  }
  .once input {
    flex: 1;
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    font-size: 13px;
  }
`;

/** Copies `text`, saying so on the button; where the clipboard is refused, the text stays selectable. */
async function copy(event: Event, text: string): Promise<void> {
  const button = event.currentTarget as HTMLButtonElement;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    const input = button.parentElement?.querySelector('input');
    input?.select();
    button.textContent = 'Select and copy';
  }
}

/**
 * A secret that will not be shown again (an API key, a webhook's signing secret): the text in a
 * read-only field, a Copy button, and Done to close it.
 */
export function shownOnce(title: string, secret: string, done: () => void): TemplateResult {
  return html`<section class="once" role="status" aria-label=${title}>
    <strong>${title}: copy it now — it is not shown again.</strong>
    <div class="value">
      <input
        readonly
        aria-label=${title}
        .value=${secret}
        @focus=${(event: Event) => (event.target as HTMLInputElement).select()}
      />
      <button @click=${(event: Event) => void copy(event, secret)}>Copy</button>
      <button @click=${done}>Done</button>
    </div>
  </section>`;
}
