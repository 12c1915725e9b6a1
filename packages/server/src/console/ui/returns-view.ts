import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import { errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import { customerLine } from './customer.js';
import type { ConsoleReturn, ConsoleReturnItem } from './types.js';

type Decision = { readonly id: string; readonly kind: 'approve' | 'reject' };

/** Each decision's one input, named as the server names it when it refuses the value. */
const decisionField = { approve: 'labelUrl', reject: 'reason' } as const;

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
      form input[aria-invalid='true'] {
        border-color: var(--danger);
        box-shadow: 0 0 0 1px var(--danger);
        background: #fff8f7;
      }
      .field-error {
        flex-basis: 100%;
        margin: 0;
        font-size: 13px;
      }
      ul {
        margin: 0;
        padding-left: 16px;
      }
      li + li {
        margin-top: 6px;
      }
      .photos {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        margin-top: 4px;
      }
      .photos img {
        display: block;
        width: 64px;
        height: 64px;
        object-fit: cover;
        border-radius: 6px;
        border: 1px solid var(--line);
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

  @state() private returns: readonly ConsoleReturn[] | undefined;
  @state() private deciding: Decision | undefined;
  /** What the server said about the open decision's input, shown next to it. */
  @state() private fieldError = '';
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
        columns: ['RMA', 'Order and shopper', 'Items', 'Wants', 'Status'],
        lastColumn: 'Decision',
        row: (record) => this.row(record),
      })}
    `;
  }

  private row(record: ConsoleReturn) {
    return html`<tr data-id=${record.id}>
      <td>
        ${record.rma}
        <div class="muted">${new Date(record.createdAt).toLocaleDateString()}</div>
      </td>
      <td>
        ${record.orderNumber}
        ${
          record.customer
            ? html`<div>${customerLine(record.customer)}</div>
                <div class="muted">
                  ${record.customer.customerId ? `customer ${record.customer.customerId}` : 'guest order'}
                </div>`
            : html`<div class="muted">The order is no longer in the store.</div>`
        }
      </td>
      <td>
        <ul>
          ${record.items.map((item) => this.item(item))}
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

  private item(item: ConsoleReturnItem) {
    return html`<li>
      ${item.quantity} × <strong>${item.name}</strong>${item.variant ? html` <span>(${item.variant})</span>` : nothing}
      — ${item.reason.replaceAll('_', ' ')}
      ${item.exchangeFor ? html`<div class="muted">Wants instead: ${item.exchangeFor}</div>` : nothing}
      ${item.comment ? html`<div class="muted">“${item.comment}”</div>` : nothing}
      ${
        item.photoUrls.length > 0
          ? html`<div class="photos">
              ${item.photoUrls.map(
                (url, index) =>
                  html`<a href=${url} target="_blank" rel="noopener"
                    ><img
                      src=${url}
                      alt="Photo ${index + 1} of ${item.photoUrls.length}: ${item.name}, open full size"
                      loading="lazy"
                  /></a>`,
              )}
            </div>`
          : nothing
      }
    </li>`;
  }

  private decision(record: ConsoleReturn) {
    const deciding = this.deciding?.id === record.id ? this.deciding.kind : undefined;
    if (deciding === 'approve') {
      return html`<form novalidate @submit=${(event: SubmitEvent) => this.submit(event, record.id, 'approve')}>
        <input
          name="value"
          type="url"
          required
          aria-label="Label link"
          placeholder="https://…/label.pdf"
          aria-invalid=${this.fieldError ? 'true' : 'false'}
          aria-describedby="decision-error"
        />
        <button class="primary" type="submit">Approve</button>
        <button type="button" @click=${() => this.decide(undefined)}>Cancel</button>
        ${this.renderFieldError()}
      </form>`;
    }
    if (deciding === 'reject') {
      return html`<form novalidate @submit=${(event: SubmitEvent) => this.submit(event, record.id, 'reject')}>
        <input
          name="value"
          required
          maxlength="1000"
          aria-label="Reason"
          placeholder="Why the return is refused"
          aria-invalid=${this.fieldError ? 'true' : 'false'}
          aria-describedby="decision-error"
        />
        <button class="danger" type="submit">Reject</button>
        <button type="button" @click=${() => this.decide(undefined)}>Cancel</button>
        ${this.renderFieldError()}
      </form>`;
    }
    return html`<div class="actions">
      <button @click=${() => this.decide({ id: record.id, kind: 'approve' })}>Approve…</button>
      <button class="danger" @click=${() => this.decide({ id: record.id, kind: 'reject' })}>Reject…</button>
    </div>`;
  }

  private renderFieldError() {
    return html`<p class="error field-error" id="decision-error" role="alert">${this.fieldError}</p>`;
  }

  private decide(decision: Decision | undefined): void {
    this.deciding = decision;
    this.fieldError = '';
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      this.returns = (await api<{ returns: ConsoleReturn[] }>('GET', '/returns')).returns;
    }, 'Could not load the returns.');
  }

  private async submit(event: SubmitEvent, id: string, kind: Decision['kind']): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = String(new FormData(form).get('value') ?? '').trim();
    const path = `/returns/${encodeURIComponent(id)}/${kind}`;
    try {
      await api('POST', path, { [decisionField[kind]]: value });
      this.decide(undefined);
      this.error = '';
      await this.load();
    } catch (error) {
      // The server's word on the field goes next to it; anything else goes at the top.
      const fieldError = error instanceof ConsoleApiError ? error.fields[decisionField[kind]] : undefined;
      this.fieldError = fieldError ?? '';
      this.error = fieldError ? '' : error instanceof Error ? error.message : 'That did not work.';
      if (fieldError) form.querySelector('input')?.focus();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-returns': KefuReturns;
  }
}
