import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api.js';
import { base } from './styles.js';
import { confirmFirst, errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import { checkboxes, RecordForm, recordFormStyles } from './record-form.js';
import { secretStyles, shownOnce } from './shown-once.js';
import type { WebhookDelivery, WebhookEndpoint } from './types.js';

const statusLabels: Record<WebhookDelivery['status'], string> = {
  pending: 'retrying',
  succeeded: 'delivered',
  failed: 'failed',
};

const when = (iso: string | undefined) => (iso === undefined ? '' : new Date(iso).toLocaleString());

/**
 * The store's webhook endpoints (decision 0022): add one (its signing secret shown once), remove
 * one, and each one's recent deliveries — status, attempts, the last answer and the next retry —
 * with "Send again" for a failed one.
 */
@customElement('kefu-console-webhooks')
export class KefuWebhooks extends LitElement {
  static override styles = [
    base,
    screenStyles,
    secretStyles,
    recordFormStyles,
    css`
      form {
        max-width: 620px;
      }
      fieldset {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
      }
      .url {
        word-break: break-all;
      }
      .actions {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
      }
      .chip.succeeded {
        background: #e3f4ea;
        color: var(--ok);
      }
      .chip.failed {
        background: #fdecea;
        color: var(--danger);
      }
      .chip.pending {
        background: #fff1dc;
        color: var(--warn);
      }
      .deliveries {
        margin: 8px 0 16px;
      }
    `,
  ];

  @state() private webhooks: readonly WebhookEndpoint[] | undefined;
  @state() private events: readonly string[] = [];
  @state() private error = '';
  @state() private created: { url: string; secret: string } | undefined;
  @state() private confirming: string | undefined;
  /** The endpoint whose deliveries are open, and them. */
  @state() private open: { id: string; deliveries: readonly WebhookDelivery[] | undefined } | undefined;
  private readonly newWebhook = new RecordForm(this, (message) => (this.error = message));

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override render() {
    return html`
      ${screenHeader('Webhooks', this.error, () => void this.load())}
      <p class="muted">
        Kefu POSTs each event to these addresses, signed with the endpoint's secret, and retries for about a day while
        they do not answer 2xx (docs/server.md, "Webhooks").
      </p>
      ${
        this.created
          ? shownOnce(`Signing secret for ${this.created.url}`, this.created.secret, () => (this.created = undefined))
          : nothing
      }
      ${this.form()}
      ${recordTable(this.webhooks, {
        empty: 'No webhooks yet.',
        columns: ['Address', 'Events', 'Added'],
        lastColumn: 'Actions',
        row: (webhook) => this.row(webhook),
      })}
      ${this.open ? this.deliveries(this.open.id, this.open.deliveries) : nothing}
    `;
  }

  private form() {
    return html`<form aria-label="New webhook" @submit=${this.create}>
      <label
        >Address (https://…)
        <input
          name="url"
          type="url"
          required
          maxlength="2000"
          aria-invalid=${this.newWebhook.fields.url ? 'true' : 'false'}
          placeholder="https://shop.example/hooks/kefu"
        />
      </label>
      ${this.newWebhook.fieldError('url')}
      <label>Description <input name="description" maxlength="200" placeholder="optional" /></label>
      ${checkboxes('Events', 'events', this.events)} ${this.newWebhook.fieldError('events')}
      <div><button class="primary" type="submit" ?disabled=${this.newWebhook.busy}>Add webhook</button></div>
    </form>`;
  }

  private row(webhook: WebhookEndpoint) {
    const isOpen = this.open?.id === webhook.id;
    return html`<tr data-webhook=${webhook.id}>
      <td class="url">
        ${webhook.url}${webhook.description ? html`<br /><span class="muted">${webhook.description}</span>` : nothing}
      </td>
      <td>${webhook.events.map((type) => html`<span class="chip">${type}</span> `)}</td>
      <td>${when(webhook.createdAt)}</td>
      <td>
        <div class="actions">
          <button aria-expanded=${isOpen ? 'true' : 'false'} @click=${() => void this.toggle(webhook.id)}>
            ${isOpen ? 'Hide deliveries' : 'Deliveries'}
          </button>
          ${confirmFirst({
            asking: this.confirming === webhook.id,
            ask: 'Remove…',
            confirm: 'Remove it',
            onAsk: () => (this.confirming = webhook.id),
            onConfirm: () => void this.removeWebhook(webhook),
            onKeep: () => (this.confirming = undefined),
          })}
        </div>
      </td>
    </tr>`;
  }

  private deliveries(endpointId: string, deliveries: readonly WebhookDelivery[] | undefined) {
    const url = this.webhooks?.find((webhook) => webhook.id === endpointId)?.url ?? '';
    return html`<section class="deliveries" aria-label="Deliveries">
      <h3>Recent deliveries to ${url}</h3>
      ${recordTable(deliveries, {
        empty: 'Nothing sent yet: events are sent as they happen.',
        columns: ['Event', 'Status', 'Attempts', 'Last answer', 'Next retry'],
        lastColumn: '',
        row: (delivery) =>
          html`<tr data-delivery=${delivery.id}>
            <td><code>${delivery.type}</code><br /><span class="muted">${when(delivery.createdAt)}</span></td>
            <td><span class="chip ${delivery.status}">${statusLabels[delivery.status]}</span></td>
            <td>${delivery.attempts}</td>
            <td>${delivery.lastStatusCode ?? delivery.lastError ?? ''}</td>
            <td>${delivery.status === 'pending' ? when(delivery.nextAttemptAt) : ''}</td>
            <td>
              ${
                delivery.status === 'failed'
                  ? html`<button @click=${() => void this.redeliver(endpointId, delivery)}>Send again</button>`
                  : nothing
              }
            </td>
          </tr>`,
      })}
    </section>`;
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      const { webhooks, events } = await api<{ webhooks: WebhookEndpoint[]; events: string[] }>('GET', '/webhooks');
      this.webhooks = webhooks;
      this.events = events;
      if (this.open && webhooks.some((webhook) => webhook.id === this.open?.id))
        await this.loadDeliveries(this.open.id);
      else this.open = undefined;
    }, 'Could not load the webhooks.');
  }

  private async loadDeliveries(id: string): Promise<void> {
    const { deliveries } = await api<{ deliveries: WebhookDelivery[] }>(
      'GET',
      `/webhooks/${encodeURIComponent(id)}/deliveries`,
    );
    this.open = { id, deliveries };
  }

  private async toggle(id: string): Promise<void> {
    if (this.open?.id === id) {
      this.open = undefined;
      return;
    }
    this.open = { id, deliveries: undefined };
    this.error = await errorOf(() => this.loadDeliveries(id), 'Could not load the deliveries.');
  }

  private create(event: SubmitEvent): Promise<void> {
    return this.newWebhook.submit(
      event,
      async (data) => {
        const description = String(data.get('description') ?? '').trim();
        const created = await api<WebhookEndpoint & { secret: string }>('POST', '/webhooks', {
          url: String(data.get('url') ?? '').trim(),
          events: data.getAll('events').map(String),
          ...(description ? { description } : {}),
        });
        this.created = { url: created.url, secret: created.secret };
        await this.load();
      },
      'Could not add the webhook.',
    );
  }

  private async removeWebhook(webhook: WebhookEndpoint): Promise<void> {
    this.confirming = undefined;
    this.error = await errorOf(async () => {
      await api('DELETE', `/webhooks/${encodeURIComponent(webhook.id)}`);
      await this.load();
    }, 'Could not remove the webhook.');
  }

  private async redeliver(endpointId: string, delivery: WebhookDelivery): Promise<void> {
    this.error = await errorOf(async () => {
      await api(
        'POST',
        `/webhooks/${encodeURIComponent(endpointId)}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`,
      );
      await this.loadDeliveries(endpointId);
    }, 'Could not send it again.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-webhooks': KefuWebhooks;
  }
}
