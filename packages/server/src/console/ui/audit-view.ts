import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api.js';
import { base } from './styles.js';
import { errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import type { AgentInfo, AuditEntry } from './types.js';

interface AuditPage {
  readonly entries: AuditEntry[];
  readonly next?: number;
  readonly actions: string[];
}

/** Admins only: who did what, newest first, by agent and by action, a page at a time. */
@customElement('kefu-console-audit')
export class KefuAudit extends LitElement {
  static override styles = [
    base,
    screenStyles,
    css`
      .filters {
        display: flex;
        gap: 12px;
        margin: 0 0 12px;
      }
      .more {
        margin-top: 12px;
      }
      td.when {
        white-space: nowrap;
      }
    `,
  ];

  @state() private entries: readonly AuditEntry[] | undefined;
  @state() private next: number | undefined;
  @state() private actions: readonly string[] = [];
  @state() private agents: readonly AgentInfo[] = [];
  @state() private agent = '';
  @state() private action = '';
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void api<{ agents: AgentInfo[] }>('GET', '/agents').then(
      ({ agents }) => (this.agents = agents),
      () => undefined,
    );
  }

  override render() {
    return html`
      ${screenHeader('Audit log', this.error, () => void this.load())}
      <div class="filters">
        <label>
          Agent
          <select @change=${(event: Event) => this.filter('agent', (event.target as HTMLSelectElement).value)}>
            <option value="">everyone</option>
            ${this.agents.map((agent) => html`<option value=${agent.id}>${agent.name} (${agent.email})</option>`)}
          </select>
        </label>
        <label>
          Action
          <select @change=${(event: Event) => this.filter('action', (event.target as HTMLSelectElement).value)}>
            <option value="">all</option>
            ${this.actions.map((action) => html`<option value=${action} ?selected=${action === this.action}>${action}</option>`)}
          </select>
        </label>
      </div>
      ${recordTable(this.entries, {
        empty: 'Nothing recorded yet.',
        columns: ['When', 'Who', 'Action', 'Subject'],
        lastColumn: 'Details',
        row: (entry) =>
          html`<tr>
            <td class="when">${new Date(entry.at).toLocaleString()}</td>
            <td>${entry.actor.name}</td>
            <td>${entry.action}</td>
            <td>${entry.subject.type} ${entry.subject.id}</td>
            <td>${entry.summary}</td>
          </tr>`,
      })}
      ${this.next === undefined ? '' : html`<button class="more" @click=${() => void this.load(true)}>Older entries</button>`}
    `;
  }

  private filter(which: 'agent' | 'action', value: string): void {
    this[which] = value;
    void this.load();
  }

  private async load(more = false): Promise<void> {
    this.error = await errorOf(async () => {
      const query = new URLSearchParams();
      if (this.agent) query.set('agent', this.agent);
      if (this.action) query.set('action', this.action);
      if (more && this.next !== undefined) query.set('before', String(this.next));
      const page = await api<AuditPage>('GET', `/audit?${query.toString()}`);
      this.entries = more ? [...(this.entries ?? []), ...page.entries] : page.entries;
      this.next = page.next;
      this.actions = page.actions;
    }, 'Could not load the audit log.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-audit': KefuAudit;
  }
}
