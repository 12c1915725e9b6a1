import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, ConsoleApiError } from './api.js';
import { base } from './styles.js';
import { errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import { secretStyles, shownOnce } from './shown-once.js';

interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description?: string;
  readonly events: readonly string[];
  readonly createdAt: string;
}

interface WebhookDelivery {
  readonly id: string;
  readonly eventId: string;
  readonly type: string;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly attempts: number;
  readonly createdAt: string;
  readonly nextAttemptAt?: string;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
  readonly completedAt?: string;
}

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
    css`
      form {
        display: grid;
        gap: 10px;
        max-width: 620px;
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
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
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
  @state() private fields: Readonly<Record<string, string>> = {};
  @state() private created: { url: string; secret: string } | undefined;
  @state() private confirming: string | undefined;
  /** The endpoint whose deliveries are open, and them. */
  @state() private open: { id: string; deliveries: readonly WebhookDelivery[] | undefined } | undefined;
  @state() private busy = false;

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
          aria-invalid=${this.fields.url ? 'true' : 'false'}
          placeholder="https://shop.example/hooks/kefu"
        />
      </label>
      ${this.fields.url ? html`<span class="error">${this.fields.url}</span>` : nothing}
      <label>Description <input name="description" maxlength="200" placeholder="optional" /></label>
      <fieldset>
        <legend>Events</legend>
        ${this.events.map(
          (type) => html`<label><input type="checkbox" name="events" value=${type} /> <code>${type}</code></label>`,
        )}
      </fieldset>
      ${this.fields.events ? html`<span class="error">${this.fields.events}</span>` : nothing}
      <div><button class="primary" type="submit" ?disabled=${this.busy}>Add webhook</button></div>
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
          ${
            this.confirming === webhook.id
              ? html`<button class="danger" @click=${() => void this.removeWebhook(webhook)}>Remove it</button>
                  <button @click=${() => (this.confirming = undefined)}>Keep</button>`
              : html`<button @click=${() => (this.confirming = webhook.id)}>Remove…</button>`
          }
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

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const description = String(data.get('description') ?? '').trim();
    this.busy = true;
    this.fields = {};
    try {
      const created = await api<WebhookEndpoint & { secret: string }>('POST', '/webhooks', {
        url: String(data.get('url') ?? '').trim(),
        events: data.getAll('events').map(String),
        ...(description ? { description } : {}),
      });
      this.created = { url: created.url, secret: created.secret };
      form.reset();
      await this.load();
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422) this.fields = fieldsByName(error.fields);
      else this.error = error instanceof Error ? error.message : 'Could not add the webhook.';
    } finally {
      this.busy = false;
    }
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

/** `events.0` → `events`: the form shows one message per field. */
function fieldsByName(fields: Readonly<Record<string, string>>): Record<string, string> {
  const byName: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) byName[key.split('.')[0] ?? key] ??= message;
  return byName;
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-webhooks': KefuWebhooks;
  }
}
