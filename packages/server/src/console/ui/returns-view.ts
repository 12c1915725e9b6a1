import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api.js';
import { base } from './styles.js';
import type { AdminReturn } from './types.js';

type Decision = { readonly id: string; readonly kind: 'approve' | 'reject' };

/** Return requests, newest first: approve with a shipping label's link, or reject with a reason. */
@customElement('kefu-returns')
export class KefuReturns extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        margin-bottom: 12px;
      }
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
      <div class="head">
        <h2>Return requests</h2>
        <button @click=${() => this.load()}>Refresh</button>
      </div>
      <p class="error" role="alert">${this.error}</p>
      ${
        this.returns === undefined
          ? html`<p class="muted" role="status">Loading…</p>`
          : this.returns.length === 0
            ? html`<p class="muted">No return requests yet.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th>RMA</th>
                    <th>Order</th>
                    <th>Items</th>
                    <th>Wants</th>
                    <th>Status</th>
                    <th><span class="muted">Decision</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.returns.map((record) => this.row(record))}
                </tbody>
              </table>`
      }
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
    try {
      this.returns = (await api<{ returns: AdminReturn[] }>('GET', '/returns')).returns;
      this.error = '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : 'Could not load the returns.';
    }
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
    'kefu-returns': KefuReturns;
  }
}
