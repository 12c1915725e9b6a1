import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api.js';
import { base } from './styles.js';
import { errorOf, recordTable, screenHeader, screenStyles } from './admin-screen.js';
import type { AdminCallback } from './types.js';

const statusLabels: Record<AdminCallback['status'], string> = {
  scheduled: 'to call',
  called: 'called',
  no_answer: 'no answer',
  cancelled: 'cancelled by the shopper',
};

/**
 * Callback requests, soonest first: call, then mark called or no answer (once the slot has come),
 * or undo a mark made by mistake.
 */
@customElement('kefu-console-callbacks')
export class KefuCallbacks extends LitElement {
  static override styles = [
    base,
    screenStyles,
    css`
      .actions {
        display: flex;
        gap: 6px;
      }
      .chip.scheduled {
        background: #fff1dc;
        color: var(--warn);
      }
      .chip.called {
        background: #e3f4ea;
        color: var(--ok);
      }
      .phone {
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
        color: var(--accent);
      }
      .store-time {
        font-weight: 600;
      }
      .not-yet {
        margin: 4px 0 0;
        font-size: 13px;
      }
    `,
  ];

  @state() private callbacks: readonly AdminCallback[] | undefined;
  /** The store's IANA timezone: the slot's time as the shopper was offered it. */
  @state() private storeTimezone: string | undefined;
  @state() private error = '';
  /** Slots open for an outcome as time passes, so the view looks at the clock again. */
  @state() private now = Date.now();
  private ticker: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ticker = setInterval(() => (this.now = Date.now()), 30_000);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
  }

  override render() {
    return html`
      ${screenHeader('Callback requests', this.error, () => void this.load())}
      ${recordTable(this.callbacks, {
        empty: 'No callback requests yet.',
        columns: ['When', 'Who', 'Topic', 'Status'],
        lastColumn: 'Outcome',
        row: (callback) => this.row(callback),
      })}
    `;
  }

  private row(callback: AdminCallback) {
    const storeTimezone = this.storeTimezone;
    return html`<tr data-id=${callback.id}>
      <td>
        <div class="store-time">
          ${when(callback.slot.start, storeTimezone)}${storeTimezone ? ` store time (${storeTimezone})` : ''}
        </div>
        <div class="muted">${when(callback.slot.start)} your time</div>
        ${
          callback.timezone && callback.timezone !== storeTimezone
            ? html`<div class="muted">
                ${when(callback.slot.start, callback.timezone)} for them (${callback.timezone})
              </div>`
            : nothing
        }
      </td>
      <td>
        ${callback.name}
        <div><a class="phone" href="tel:${callback.phone.replace(/[^+\d]/g, '')}">${callback.phone}</a></div>
      </td>
      <td>
        ${callback.topic ?? ''}
        ${callback.orderNumber ? html`<div class="muted">order ${callback.orderNumber}</div>` : nothing}
      </td>
      <td><span class="chip ${callback.status}">${statusLabels[callback.status]}</span></td>
      <td>${this.outcome(callback)}</td>
    </tr>`;
  }

  private outcome(callback: AdminCallback) {
    if (callback.status === 'cancelled') return nothing;
    const undo = html`<button @click=${() => this.reopen(callback.id)}>
      Undo “${statusLabels[callback.status]}”
    </button>`;
    if (callback.status === 'called') return undo;
    // The shopper was promised this slot: an outcome before it starts is a mis-click.
    const due = Date.parse(callback.slot.start) <= this.now;
    const hintId = `not-yet-${callback.id}`;
    return html`<div class="actions">
        <button
          ?disabled=${!due}
          aria-describedby=${due ? nothing : hintId}
          @click=${() => this.mark(callback.id, 'called')}
        >
          Called
        </button>
        <button
          ?disabled=${!due}
          aria-describedby=${due ? nothing : hintId}
          @click=${() => this.mark(callback.id, 'no_answer')}
        >
          No answer
        </button>
        ${callback.status === 'no_answer' ? undo : nothing}
      </div>
      ${due ? nothing : html`<p class="muted not-yet" id=${hintId}>You can record the call once its time has come.</p>`}`;
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      const listed = await api<{ callbacks: AdminCallback[]; storeTimezone: string }>('GET', '/callbacks');
      this.callbacks = listed.callbacks;
      this.storeTimezone = listed.storeTimezone;
      this.now = Date.now();
    }, 'Could not load the callbacks.');
  }

  private mark(id: string, status: 'called' | 'no_answer'): Promise<void> {
    return this.record(id, `/callbacks/${encodeURIComponent(id)}`, { status });
  }

  private reopen(id: string): Promise<void> {
    return this.record(id, `/callbacks/${encodeURIComponent(id)}/reopen`, {});
  }

  private async record(id: string, path: string, body: unknown): Promise<void> {
    try {
      const updated = await api<AdminCallback>('POST', path, body);
      this.callbacks = this.callbacks?.map((callback) => (callback.id === id ? updated : callback));
      this.error = '';
    } catch (error) {
      this.error = error instanceof Error ? error.message : 'That did not work.';
    }
  }
}

function when(iso: string, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  };
  try {
    return new Date(iso).toLocaleString([], timeZone ? { ...options, timeZone } : options);
  } catch {
    // A timezone this browser does not know: the console's own time still says when.
    return new Date(iso).toLocaleString([], options);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-callbacks': KefuCallbacks;
  }
}
