import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import { errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import type { AgentInfo, AgentRole } from './types.js';

const statusLabels: Record<AgentInfo['status'], string> = {
  active: 'active',
  invited: 'invited',
  disabled: 'disabled',
};

/** Admins only: the store's agents — invite (a link to copy), change a role, disable. */
@customElement('kefu-console-agents')
export class KefuAgents extends LitElement {
  static override styles = [
    base,
    screenStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
        align-items: end;
        margin: 0 0 16px;
      }
      .link {
        display: flex;
        gap: 8px;
        align-items: center;
        margin: 0 0 16px;
        padding: 10px 12px;
        background: #e3f4ea;
        border-radius: 8px;
      }
      .link input {
        flex: 1;
        font-family: ui-monospace, monospace;
      }
      .field-error {
        color: var(--danger);
        font-size: 13px;
        margin: 0 0 8px;
      }
    `,
  ];

  /** The signed-in admin: their own account cannot be disabled from here. */
  @property() selfId = '';
  @state() private agents: readonly AgentInfo[] | undefined;
  @state() private error = '';
  @state() private fields: Readonly<Record<string, string>> = {};
  @state() private invited: { name: string; link: string } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    return html`
      ${screenHeader('Agents', this.error, () => void this.load())}
      <form @submit=${this.invite} aria-label="Invite an agent" novalidate>
        <label>E-mail <input name="email" type="email" required maxlength="254" /></label>
        <label>Name <input name="name" required maxlength="60" /></label>
        <label>
          Role
          <select name="role">
            <option value="agent">agent</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button class="primary" type="submit">Invite</button>
      </form>
      ${Object.values(this.fields).map((message) => html`<p class="field-error" role="alert">${message}</p>`)}
      ${
        this.invited
          ? html`<div class="link" role="status">
              <span>Send ${this.invited.name} this link (it works once, for 72 hours):</span>
              <input readonly aria-label="Invite link" .value=${this.invited.link} />
              <button @click=${() => void navigator.clipboard?.writeText(this.invited?.link ?? '')}>Copy</button>
            </div>`
          : nothing
      }
      ${recordTable(this.agents, {
        empty: 'No agents yet.',
        columns: ['Name', 'E-mail', 'Role', 'Status'],
        lastColumn: 'Actions',
        row: (agent) => this.row(agent),
      })}
    `;
  }

  private row(agent: AgentInfo) {
    const self = agent.id === this.selfId;
    return html`<tr data-id=${agent.id}>
      <td>${agent.name}${self ? html` <span class="muted">(you)</span>` : nothing}</td>
      <td>${agent.email}</td>
      <td>
        <select
          aria-label="Role of ${agent.name}"
          ?disabled=${agent.status === 'disabled'}
          @change=${(event: Event) => void this.change(agent, (event.target as HTMLSelectElement).value as AgentRole)}
        >
          ${(['agent', 'admin'] as const).map(
            (role) => html`<option value=${role} ?selected=${agent.role === role}>${role}</option>`,
          )}
        </select>
      </td>
      <td><span class="chip">${statusLabels[agent.status]}</span></td>
      <td>
        ${
          agent.status === 'disabled'
            ? nothing
            : html`<button @click=${() => void this.reinvite(agent)}>New link</button>`
        }
        ${
          agent.status === 'disabled' || self
            ? nothing
            : html`<button class="danger" @click=${() => void this.disable(agent)}>Disable</button>`
        }
      </td>
    </tr>`;
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      this.agents = (await api<{ agents: AgentInfo[] }>('GET', '/agents')).agents;
    }, 'Could not load the agents.');
  }

  private async invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.fields = {};
    try {
      const { agent, invitePath } = await api<{ agent: AgentInfo; invitePath: string }>('POST', '/agents', {
        email: String(data.get('email') ?? ''),
        name: String(data.get('name') ?? ''),
        role: String(data.get('role') ?? 'agent'),
      });
      this.invited = { name: agent.name, link: `${location.origin}${invitePath}` };
      form.reset();
      await this.load();
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422) this.fields = error.fields;
      else this.error = error instanceof Error ? error.message : 'That did not work.';
    }
  }

  /** A new invite link for the account (a forgotten password): the old links stop working. */
  private async reinvite(agent: AgentInfo): Promise<void> {
    this.error = await errorOf(async () => {
      const { invitePath } = await api<{ invitePath: string }>(
        'POST',
        `/agents/${encodeURIComponent(agent.id)}/invite`,
        {},
      );
      this.invited = { name: agent.name, link: `${location.origin}${invitePath}` };
    }, 'That did not work.');
  }

  private async change(agent: AgentInfo, role: AgentRole): Promise<void> {
    this.error = await errorOf(async () => {
      await api('PUT', `/agents/${encodeURIComponent(agent.id)}`, { role });
    }, 'That did not work.');
    await this.load();
  }

  private async disable(agent: AgentInfo): Promise<void> {
    if (!confirm(`Disable ${agent.name}? They are signed out and cannot sign in again.`)) return;
    this.error = await errorOf(async () => {
      await api('POST', `/agents/${encodeURIComponent(agent.id)}/disable`, {});
    }, 'That did not work.');
    await this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-agents': KefuAgents;
  }
}
