import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api.js';
import { base } from './styles.js';
import { confirmFirst, errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import { checkboxes, RecordForm, recordFormStyles } from './record-form.js';
import { secretStyles, shownOnce } from './shown-once.js';
import type { ApiKeyInfo } from './types.js';

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
    recordFormStyles,
    css`
      form {
        max-width: 520px;
      }
      fieldset {
        display: grid;
      }
      .revoked td {
        color: var(--muted);
      }
    `,
  ];

  @state() private keys: readonly ApiKeyInfo[] | undefined;
  @state() private scopes: readonly string[] = [];
  @state() private error = '';
  /** The key just made: its text, shown until the admin closes it. */
  @state() private created: { name: string; key: string } | undefined;
  /** The key whose revoke waits for a second click. */
  @state() private confirming: string | undefined;
  private readonly newKey = new RecordForm(this, (message) => (this.error = message));

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
          aria-invalid=${this.newKey.fields.name ? 'true' : 'false'}
          placeholder="e.g. shop sync"
        />
      </label>
      ${this.newKey.fieldError('name')}
      ${checkboxes('Scopes', 'scopes', this.scopes, (scope) => scopeHelp[scope] ?? '')}
      ${this.newKey.fieldError('scopes')}
      <div><button class="primary" type="submit" ?disabled=${this.newKey.busy}>Create key</button></div>
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
            : confirmFirst({
                asking: this.confirming === key.id,
                ask: 'Revoke…',
                confirm: `Revoke ${key.name}`,
                onAsk: () => (this.confirming = key.id),
                onConfirm: () => void this.revoke(key),
                onKeep: () => (this.confirming = undefined),
              })
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

  private create(event: SubmitEvent): Promise<void> {
    return this.newKey.submit(
      event,
      async (data) => {
        const { key, info } = await api<{ key: string; info: ApiKeyInfo }>('POST', '/keys', {
          name: String(data.get('name') ?? ''),
          scopes: data.getAll('scopes').map(String),
        });
        this.created = { name: info.name, key };
        await this.load();
      },
      'Could not create the key.',
    );
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
