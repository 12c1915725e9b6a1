import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api.js';
import { base } from './styles.js';
import { errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import type { AdminReturn } from './types.js';

type Decision = { readonly id: string; readonly kind: 'approve' | 'reject' };

/** Return requests, newest first: approve with a shipping label's link, or reject with a reason. */
@customElement('kefu-console-returns')
export class KefuReturns extends LitElement {
  static override styles = [
    base,
    screenStyles,
    css`
      .chip.requested {
        background: #fff1dc;
        color: var(--warn);
      }
      .chip.approved {
        background: #e3f4ea;
        color: var(--ok);
      }
      .chip.rejected {
        background: #fdecea;
        color: var(--danger);
      }
      form {
        display: flex;
        gap: 6px;
        align-items: center;
        flex-wrap: wrap;
      }
      form input {
        min-width: 260px;
      }
      ul {
        margin: 0;
        padding-left: 16px;
      }
      .actions {
        display: flex;
        gap: 6px;
      }
      a {
        color: var(--accent);
      }
    `,
  ];

  @state() private returns: readonly AdminReturn[] | undefined;
  @state() private deciding: Decision | undefined;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    return html`
      ${screenHeader('Return requests', this.error, () => void this.load())}
      ${recordTable(this.returns, {
        empty: 'No return requests yet.',
        columns: ['RMA', 'Order', 'Items', 'Wants', 'Status'],
        lastColumn: 'Decision',
        row: (record) => this.row(record),
      })}
    `;
  }

  private row(record: AdminReturn) {
    return html`<tr data-id=${record.id}>
      <td>
        ${record.rma}
        <div class="muted">${new Date(record.createdAt).toLocaleDateString()}</div>
      </td>
      <td>${record.orderNumber}</td>
      <td>
        <ul>
          ${record.items.map(
            (item) =>
              html`<li>
                ${item.quantity} × ${item.itemId} — ${item.reason.replaceAll('_', ' ')}
                ${item.photoIds.length > 0 ? html`<span class="muted">(${item.photoIds.length} photo)</span>` : nothing}
              </li>`,
          )}
        </ul>
        ${record.comment ? html`<div class="muted">“${record.comment}”</div>` : nothing}
      </td>
      <td>${record.resolution.replaceAll('_', ' ')}</td>
      <td>
        <span class="chip ${record.status}">${record.status}</span>
        ${
          record.labelUrl
            ? html`<div><a href=${record.labelUrl} target="_blank" rel="noopener noreferrer">label</a></div>`
            : nothing
        }
        ${record.rejectionReason ? html`<div class="muted">${record.rejectionReason}</div>` : nothing}
      </td>
      <td>${record.status === 'requested' ? this.decision(record) : nothing}</td>
    </tr>`;
  }

  private decision(record: AdminReturn) {
    const deciding = this.deciding?.id === record.id ? this.deciding.kind : undefined;
    if (deciding === 'approve') {
      return html`<form @submit=${(event: SubmitEvent) => this.submit(event, record.id, 'approve')}>
        <input name="value" type="url" required aria-label="Label link" placeholder="https://…/label.pdf" />
        <button class="primary" type="submit">Approve</button>
        <button type="button" @click=${() => (this.deciding = undefined)}>Cancel</button>
      </form>`;
    }
    if (deciding === 'reject') {
      return html`<form @submit=${(event: SubmitEvent) => this.submit(event, record.id, 'reject')}>
        <input name="value" required maxlength="1000" aria-label="Reason" placeholder="Why the return is refused" />
        <button class="danger" type="submit">Reject</button>
        <button type="button" @click=${() => (this.deciding = undefined)}>Cancel</button>
      </form>`;
    }
    return html`<div class="actions">
      <button @click=${() => (this.deciding = { id: record.id, kind: 'approve' })}>Approve…</button>
      <button class="danger" @click=${() => (this.deciding = { id: record.id, kind: 'reject' })}>Reject…</button>
    </div>`;
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      this.returns = (await api<{ returns: AdminReturn[] }>('GET', '/returns')).returns;
    }, 'Could not load the returns.');
  }

  private async submit(event: SubmitEvent, id: string, kind: Decision['kind']): Promise<void> {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('value') ?? '').trim();
    const path = `/returns/${encodeURIComponent(id)}/${kind}`;
    try {
      await api('POST', path, kind === 'approve' ? { labelUrl: value } : { reason: value });
      this.deciding = undefined;
      this.error = '';
      await this.load();
    } catch (error) {
      this.error = error instanceof Error ? error.message : 'That did not work.';
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-returns': KefuReturns;
  }
}
