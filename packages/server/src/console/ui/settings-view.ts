import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import { errorOf, screenHeader, screenStyles } from './admin-screen.js';
import type { ConsoleSettings } from './types.js';

/**
 * The store's settings (decision 0018): the settings file's keys as JSON text, checked by the
 * server with the file's own schema on Save. A refused save lists each key and what it must be,
 * next to the text, and changes nothing; a saved one reaches shoppers within about six minutes
 * (the widget's five-minute cache of GET /v1/config, and the route's 60-second Cache-Control).
 */
@customElement('kefu-console-settings')
export class KefuSettings extends LitElement {
  static override styles = [
    base,
    screenStyles,
    css`
      .editor {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
        gap: 16px;
        align-items: start;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        min-height: 60vh;
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 13px;
        font-weight: 400;
      }
      .problems {
        margin: 0;
        padding-left: 18px;
      }
      .problems li {
        margin-bottom: 6px;
      }
      code {
        font-weight: 600;
      }
      .actions {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-top: 8px;
      }
    `,
  ];

  @state() private saved: ConsoleSettings | undefined;
  @state() private text = '';
  @state() private error = '';
  /** The server's refusal, by key path (or `settings` for the whole document). */
  @state() private problems: Readonly<Record<string, string>> = {};
  @state() private status = '';
  @state() private saving = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    const saved = this.saved;
    const problems = Object.entries(this.problems);
    return html`
      ${screenHeader('Store settings', this.error, () => void this.load())}
      ${
        saved === undefined
          ? html`<p class="muted" role="status">Loading…</p>`
          : html`<p class="muted">
                What the widget shows shoppers: brand, languages, business hours, contact, return policy, callbacks and
                surveys, as in the settings file (docs/server.md). Last saved
                ${new Date(saved.updatedAt).toLocaleString()} by ${saved.updatedBy}. Shoppers see a change within a few
                minutes (widgets keep what they read for five).
              </p>
              <div class="editor">
                <label
                  >Settings (JSON)
                  <textarea
                    spellcheck="false"
                    aria-invalid=${problems.length > 0 ? 'true' : 'false'}
                    aria-describedby="problems"
                    .value=${this.text}
                    @input=${(event: Event) => (this.text = (event.target as HTMLTextAreaElement).value)}
                  ></textarea>
                </label>
                <div id="problems" aria-live="polite">
                  ${
                    problems.length === 0
                      ? nothing
                      : html`<p class="error">Not saved. Please fix:</p>
                          <ul class="problems">
                            ${problems.map(([key, message]) => html`<li><code>${key}</code>: ${message}</li>`)}
                          </ul>`
                  }
                </div>
              </div>
              <div class="actions">
                <button class="primary" ?disabled=${this.saving} @click=${() => void this.save()}>Save</button>
                <button ?disabled=${this.saving} @click=${() => this.reset()}>Undo changes</button>
                <span class="muted" role="status">${this.status}</span>
              </div>`
      }
    `;
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      this.show(await api<ConsoleSettings>('GET', '/settings'));
    }, 'Could not load the settings.');
  }

  private show(saved: ConsoleSettings): void {
    this.saved = saved;
    this.text = JSON.stringify(saved.settings, null, 2);
    this.problems = {};
  }

  private reset(): void {
    if (this.saved) this.show(this.saved);
    this.status = '';
  }

  private async save(): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(this.text);
    } catch (error) {
      this.problems = { settings: `is not valid JSON: ${(error as Error).message}` };
      this.status = '';
      return;
    }
    this.saving = true;
    this.status = 'Saving…';
    try {
      this.show(await api<ConsoleSettings>('PUT', '/settings', value));
      this.status = 'Saved.';
    } catch (error) {
      this.status = '';
      if (error instanceof ConsoleApiError && error.status === 422) this.problems = error.fields;
      else this.error = error instanceof Error ? error.message : 'Could not save the settings.';
    } finally {
      this.saving = false;
    }
  }
}
