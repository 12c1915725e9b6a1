import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { base, since } from './styles.js';
import type { ConversationSummary } from './types.js';

/** The live queue, the agent's open conversations and the recently closed ones. */
@customElement('kefu-console-queue')
export class KefuQueue extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        overflow-y: auto;
        padding: 0 12px 16px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 6px;
      }
      li > button.row {
        width: 100%;
        text-align: left;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 2px 8px;
        padding: 9px 10px;
      }
      li > button.row[aria-current='true'] {
        border-color: var(--accent);
        box-shadow: inset 3px 0 0 var(--accent);
      }
      .name {
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .topic {
        grid-column: 1 / -1;
        color: var(--muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .meta {
        grid-column: 1 / -1;
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        align-items: center;
      }
      .badge {
        background: var(--accent);
        color: #fff;
        border-radius: 9px;
        font-size: 12px;
        padding: 0 7px;
      }
      .waiting li {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 6px;
        align-items: center;
      }
      .empty {
        color: var(--muted);
        padding: 6px 2px;
      }
    `,
  ];

  @property({ attribute: false }) conversations: readonly ConversationSummary[] = [];
  @property({ attribute: false }) unread: ReadonlyMap<string, number> = new Map();
  @property() selected: string | undefined;
  @property() agentName = '';
  /** Re-rendered by the parent every few seconds so wait times move. */
  @property({ type: Number }) now = Date.now();

  override render() {
    const queued = this.conversations.filter((conversation) => conversation.status === 'queued');
    const open = this.conversations.filter((conversation) => conversation.status === 'open');
    const closed = this.conversations.filter((conversation) => conversation.status === 'closed').reverse();
    return html`
      <h3 id="waiting">Waiting (${queued.length})</h3>
      ${
        queued.length === 0
          ? html`<p class="empty">Nobody is waiting.</p>`
          : html`<ul class="waiting" aria-labelledby="waiting">
              ${queued.map(
                (conversation) =>
                  html`<li>
                    ${this.row(conversation)}
                    <button class="primary" @click=${() => this.fire('accept', conversation.id)}>Accept</button>
                  </li>`,
              )}
            </ul>`
      }
      <h3 id="active">In conversation (${open.length})</h3>
      ${
        open.length === 0
          ? html`<p class="empty">No open conversations.</p>`
          : html`<ul aria-labelledby="active">
              ${open.map((conversation) => html`<li>${this.row(conversation)}</li>`)}
            </ul>`
      }
      ${
        closed.length === 0
          ? nothing
          : html`<h3 id="closed">Closed recently</h3>
              <ul aria-labelledby="closed">
                ${closed.map((conversation) => html`<li>${this.row(conversation)}</li>`)}
              </ul>`
      }
    `;
  }

  private row(conversation: ConversationSummary) {
    const unread = this.unread.get(conversation.id) ?? 0;
    const mine = conversation.agentName === this.agentName;
    return html`<button
      class="row"
      aria-current=${conversation.id === this.selected ? 'true' : 'false'}
      @click=${() => this.fire('select', conversation.id)}
    >
      <span class="name">${conversation.name}</span>
      ${unread > 0 ? html`<span class="badge" aria-label="${unread} new">${unread}</span>` : html`<span></span>`}
      <span class="topic">${conversation.topic || 'No topic'}</span>
      <span class="meta">
        ${
          conversation.status === 'queued'
            ? html`<span class="chip queued">waiting ${since(conversation.createdAt, this.now)}</span>`
            : conversation.status === 'open'
              ? html`<span class="chip open">${mine ? 'you' : conversation.agentName}</span>`
              : html`<span class="chip">closed</span>`
        }
        ${conversation.orderNumber ? html`<span class="chip">order ${conversation.orderNumber}</span>` : nothing}
      </span>
    </button>`;
  }

  private fire(name: 'select' | 'accept', id: string): void {
    this.dispatchEvent(new CustomEvent(name, { detail: id, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-queue': KefuQueue;
  }
}
