import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import { errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import { secretStyles, shownOnce } from './shown-once.js';

/** An admin API key as the console lists it (never the key itself). */
interface ApiKeyInfo {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: number;
  readonly lastUsedAt?: number;
  readonly revokedAt?: number;
}

const scopeHelp: Readonly<Record<string, string>> = {
  'orders:write': 'push orders and tracking events, report returns',
  'articles:write': 'edit help articles',
  read: 'read orders and returns',
  'webhooks:write': 'add and remove webhooks',
};

const when = (ms: number | undefined) => (ms === undefined ? 'never' : new Date(ms).toLocaleString());

/**
 * The admin API's keys (decision 0019): each with its scopes and when it was last used; a new one
 * is shown once, with a copy button; a revoke asks first, and opens nothing from then on.
 */
@customElement('kefu-console-keys')
export class KefuKeys extends LitElement {
  static override styles = [
    base,
    screenStyles,
    secretStyles,
    css`
      form {
        display: grid;
        gap: 10px;
        max-width: 520px;
        margin-bottom: 16px;
        padding: 12px;
        border: 1px solid var(--line);
        border-radius: 8px;
        background: var(--panel);
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 4px;
      }
      legend {
        font-weight: 600;
        font-size: 13px;
        margin-bottom: 4px;
      }
      fieldset label {
        display: flex;
        gap: 6px;
        align-items: center;
        font-weight: 400;
      }
      .revoked td {
        color: var(--muted);
      }
    `,
  ];

  @state() private keys: readonly ApiKeyInfo[] | undefined;
  @state() private scopes: readonly string[] = [];
  @state() private error = '';
  @state() private fields: Readonly<Record<string, string>> = {};
  /** The key just made: its text, shown until the admin closes it. */
  @state() private created: { name: string; key: string } | undefined;
  /** The key whose revoke waits for a second click. */
  @state() private confirming: string | undefined;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    return html`
      ${screenHeader('API keys', this.error, () => void this.load())}
      <p class="muted">
        Keys let your store's systems use the admin API (<code>/admin/v1</code>, docs/server.md): push orders, edit
        articles, manage webhooks. A key is shown once, when it is made.
      </p>
      ${this.created ? shownOnce(`Key for ${this.created.name}`, this.created.key, () => (this.created = undefined)) : nothing}
      ${this.form()}
      ${recordTable(this.keys, {
        empty: 'No keys yet.',
        columns: ['Name', 'Scopes', 'Created', 'Last used'],
        lastColumn: 'Revoke',
        row: (key) => this.row(key),
      })}
    `;
  }

  private form() {
    return html`<form aria-label="New key" @submit=${this.create}>
      <label
        >Name
        <input
          name="name"
          maxlength="100"
          required
          aria-invalid=${this.fields.name ? 'true' : 'false'}
          placeholder="e.g. shop sync"
        />
      </label>
      ${this.fields.name ? html`<span class="error">${this.fields.name}</span>` : nothing}
      <fieldset>
        <legend>Scopes</legend>
        ${this.scopes.map(
          (scope) =>
            html`<label
              ><input type="checkbox" name="scopes" value=${scope} /> <code>${scope}</code>
              <span class="muted">${scopeHelp[scope] ?? ''}</span></label
            >`,
        )}
      </fieldset>
      ${this.fields.scopes ? html`<span class="error">${this.fields.scopes}</span>` : nothing}
      <div><button class="primary" type="submit" ?disabled=${this.busy}>Create key</button></div>
    </form>`;
  }

  private row(key: ApiKeyInfo) {
    const revoked = key.revokedAt !== undefined;
    return html`<tr class=${revoked ? 'revoked' : ''} data-key=${key.id}>
      <td>${key.name}<br /><span class="muted">${key.id}</span></td>
      <td>${key.scopes.map((scope) => html`<span class="chip">${scope}</span> `)}</td>
      <td>${when(key.createdAt)}</td>
      <td>${when(key.lastUsedAt)}</td>
      <td>
        ${
          revoked
            ? html`<span class="muted">revoked ${when(key.revokedAt)}</span>`
            : this.confirming === key.id
              ? html`<button class="danger" @click=${() => void this.revoke(key)}>Revoke ${key.name}</button>
                  <button @click=${() => (this.confirming = undefined)}>Keep</button>`
              : html`<button @click=${() => (this.confirming = key.id)}>Revoke…</button>`
        }
      </td>
    </tr>`;
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      const { keys, scopes } = await api<{ keys: ApiKeyInfo[]; scopes: string[] }>('GET', '/keys');
      this.keys = [...keys].reverse();
      this.scopes = scopes;
    }, 'Could not load the keys.');
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.fields = {};
    try {
      const { key, info } = await api<{ key: string; info: ApiKeyInfo }>('POST', '/keys', {
        name: String(data.get('name') ?? ''),
        scopes: data.getAll('scopes').map(String),
      });
      this.created = { name: info.name, key };
      form.reset();
      await this.load();
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422) this.fields = error.fields;
      else this.error = error instanceof Error ? error.message : 'Could not create the key.';
    } finally {
      this.busy = false;
    }
  }

  private async revoke(key: ApiKeyInfo): Promise<void> {
    this.confirming = undefined;
    this.error = await errorOf(async () => {
      await api('DELETE', `/keys/${encodeURIComponent(key.id)}`);
      await this.load();
    }, 'Could not revoke the key.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-keys': KefuKeys;
  }
}
