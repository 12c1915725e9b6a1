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

/** Callback requests, soonest first: call, then mark called or no answer. */
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
      }
    `,
  ];

  @state() private callbacks: readonly AdminCallback[] | undefined;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
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
    const open = callback.status === 'scheduled' || callback.status === 'no_answer';
    return html`<tr data-id=${callback.id}>
      <td>
        ${when(callback.slot.start)}
        ${
          callback.timezone
            ? html`<div class="muted">
                ${when(callback.slot.start, callback.timezone)} for them (${callback.timezone})
              </div>`
            : nothing
        }
      </td>
      <td>
        ${callback.name}
        <div class="phone">${callback.phone}</div>
      </td>
      <td>
        ${callback.topic ?? ''}
        ${callback.orderNumber ? html`<div class="muted">order ${callback.orderNumber}</div>` : nothing}
      </td>
      <td><span class="chip ${callback.status}">${statusLabels[callback.status]}</span></td>
      <td>
        ${
          open
            ? html`<div class="actions">
                <button @click=${() => this.mark(callback.id, 'called')}>Called</button>
                <button @click=${() => this.mark(callback.id, 'no_answer')}>No answer</button>
              </div>`
            : nothing
        }
      </td>
    </tr>`;
  }

  private async load(): Promise<void> {
    this.error = await errorOf(async () => {
      this.callbacks = (await api<{ callbacks: AdminCallback[] }>('GET', '/callbacks')).callbacks;
    }, 'Could not load the callbacks.');
  }

  private async mark(id: string, status: 'called' | 'no_answer'): Promise<void> {
    try {
      const updated = await api<AdminCallback>('POST', `/callbacks/${encodeURIComponent(id)}`, { status });
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
