import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Thread } from './chat-model.js';
import { base, clock } from './styles.js';
import { customerLine } from './customer.js';
import './article-dialog.js';
import type { ChatMessage, ConsoleOrder } from './types.js';

type Attachment = NonNullable<ChatMessage['attachments']>[number];

/**
 * A photo shows as a thumbnail that opens it; anything else (a PDF) is a link that downloads it
 * (the server sends it as an attachment), named with its type and size so the agent knows what
 * they are getting.
 */
function renderAttachment(attachment: Attachment) {
  // The console's own address, behind the agent's session (the message's `url` is the shopper's).
  const url = `/agent/api/uploads/${encodeURIComponent(attachment.id)}`;
  if (attachment.contentType.startsWith('image/')) {
    return html`<a href=${url} target="_blank" rel="noopener"
      ><img src=${url} alt=${attachment.name} loading="lazy"
    /></a>`;
  }
  const kind = attachment.contentType === 'application/pdf' ? 'PDF' : attachment.contentType;
  return html`<a class="file" href=${url} download=${attachment.name}
    >${attachment.name} (${kind}, ${fileSize(attachment.size)})</a
  >`;
}

function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * One conversation: the live transcript, the shopper's typing, the reply box (which reports the
 * agent's typing), accept and close, and the shopper's details with the order they named. Closing
 * asks first, in a <dialog> of the page's own (window.confirm is blocked in some embeddings and
 * takes the page's focus with it); a closed conversation says so instead of offering a reply box.
 */
@customElement('kefu-console-conversation')
export class KefuConversation extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        grid-template-columns: 1fr 280px;
        min-height: 0;
        height: 100%;
      }
      .main {
        display: grid;
        grid-template-rows: auto 1fr auto auto;
        min-height: 0;
        border-right: 1px solid var(--line);
        background: var(--panel);
      }
      header {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 12px 16px;
        border-bottom: 1px solid var(--line);
      }
      header .grow {
        flex: 1;
        min-width: 0;
      }
      header .topic {
        color: var(--muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 16px;
        overflow-y: auto;
        display: flex;
        flex-direction: column;
        gap: 8px;
        background: #f8f9fb;
      }
      li.message {
        max-width: 72%;
        padding: 8px 12px;
        border-radius: 12px;
        background: #fff;
        border: 1px solid var(--line);
        align-self: flex-start;
        overflow-wrap: anywhere;
      }
      .text {
        white-space: pre-wrap;
      }
      li.message.agent {
        align-self: flex-end;
        background: #e8eefc;
        border-color: #cbd7f5;
      }
      li.message.system {
        align-self: center;
        background: transparent;
        border: none;
        color: var(--muted);
      }
      li.message.pending {
        opacity: 0.65;
      }
      .who {
        display: block;
        font-size: 12px;
        color: var(--muted);
        margin-bottom: 2px;
      }
      .attachments {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        margin-top: 6px;
      }
      .attachments img {
        max-width: 160px;
        max-height: 120px;
        border-radius: 6px;
        display: block;
      }
      .attachments .file {
        display: inline-block;
        padding: 4px 8px;
        border: 1px solid var(--line);
        border-radius: 6px;
      }
      .warning {
        color: var(--warn);
      }
      .typing {
        min-height: 22px;
        padding: 2px 16px;
        font-size: 13px;
        color: var(--muted);
        font-style: italic;
      }
      form {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 8px;
        padding: 12px 16px;
        border-top: 1px solid var(--line);
      }
      textarea {
        resize: none;
        height: 64px;
      }
      aside {
        padding: 4px 16px 16px;
        overflow-y: auto;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 4px 10px;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .items {
        margin: 8px 0 0;
        padding-left: 18px;
      }
      .closed-note {
        margin: 0;
        padding: 14px 16px;
        border-top: 1px solid var(--line);
        color: var(--muted);
        background: #f3f5f8;
      }
      dialog {
        border: 1px solid var(--line);
        border-radius: 10px;
        padding: 20px;
        max-width: 380px;
        box-shadow: 0 12px 32px rgba(29, 35, 48, 0.2);
      }
      dialog::backdrop {
        background: rgba(29, 35, 48, 0.35);
      }
      dialog p {
        margin: 8px 0 16px;
      }
      /* Not the reply form's grid and rule: the dialog's own buttons, end-aligned. */
      dialog form.buttons {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        padding: 0;
        border-top: none;
      }
      .empty {
        display: grid;
        place-items: center;
        height: 100%;
        color: var(--muted);
        grid-column: 1 / -1;
      }
    `,
  ];

  @property({ attribute: false }) thread: Thread | undefined;
  @property() agentName = '';
  @query('ol') private transcript?: HTMLOListElement;
  @query('textarea') private replyBox?: HTMLTextAreaElement;
  @query('dialog') private closeDialog?: HTMLDialogElement;

  override render() {
    const thread = this.thread;
    if (!thread) return html`<p class="empty">Choose a conversation, or accept one from the queue.</p>`;
    const { conversation } = thread;
    const mine = conversation.status === 'open' && conversation.agentName === this.agentName;
    const closed = conversation.status === 'closed';
    return html`
      <section class="main" aria-label="Conversation with ${conversation.name}">
        <header>
          <div class="grow">
            <h2>${conversation.name}</h2>
            <div class="topic">${conversation.topic || 'No topic'}</div>
            ${
              // Where the shopper came from, beside their words and never inside them; it opens.
              conversation.context
                ? html`<kefu-console-article
                    .articleId=${conversation.context.articleId}
                    .articleTitle=${conversation.context.articleTitle}
                  ></kefu-console-article>`
                : nothing
            }
          </div>
          <span class="chip ${conversation.status}">${statusLabel(conversation.status, conversation.agentName)}</span>
          ${
            conversation.status === 'queued'
              ? html`<button class="primary" @click=${() => this.fire('accept')}>Accept</button>`
              : nothing
          }
          ${
            conversation.status === 'open'
              ? html`<button class="danger" @click=${this.askToClose}>Close conversation</button>`
              : nothing
          }
        </header>
        <dialog aria-labelledby="close-title" aria-describedby="close-text" @close=${this.closeDialogClosed}>
          <h2 id="close-title">Close this conversation?</h2>
          <p id="close-text">
            ${conversation.name} will see that the chat has ended, and neither of you can write in it again.
          </p>
          <form method="dialog" class="buttons">
            <button value="keep" autofocus>Keep it open</button>
            <button value="close" class="danger">Close conversation</button>
          </form>
        </dialog>
        <ol aria-label="Transcript" aria-live="polite">
          ${thread.messages.map(
            (message) =>
              html`<li class="message ${message.author}" data-seq=${message.seq}>
                <span class="who">${message.authorName ?? message.author} · ${clock(message.createdAt)}</span>
                <span class="text">${message.text}</span>
                ${
                  message.attachments?.length
                    ? html`<span class="attachments">
                        ${message.attachments.map((attachment) => renderAttachment(attachment))}
                      </span>`
                    : nothing
                }
              </li>`,
          )}
          ${thread.pending.map(
            (reply) =>
              html`<li class="message agent pending" data-pending=${reply.state}>
                <span class="who">${reply.state === 'failed' ? 'Not sent' : 'Sending…'}</span>
                <span class="text">${reply.text}</span>
              </li>`,
          )}
        </ol>
        ${
          closed
            ? html`<p class="closed-note" role="status">
                This conversation is closed${conversation.closedAt ? ` (${clock(conversation.closedAt)})` : ''}. The
                shopper can start a new chat if they need more help.
              </p>`
            : html`<div class="typing" aria-live="polite">
                  ${thread.shopperTyping ? `${conversation.name} is typing…` : ''}
                </div>
                <form @submit=${this.send}>
                  <textarea
                    aria-label="Reply"
                    placeholder=${replyPlaceholder(mine, conversation.status, conversation.agentName)}
                    maxlength="5000"
                    ?disabled=${!mine}
                    @input=${() => this.fire('typed')}
                    @keydown=${this.keydown}
                  ></textarea>
                  <button class="primary" type="submit" ?disabled=${!mine}>Send</button>
                </form>`
        }
      </section>
      <aside aria-label="Shopper">
        <h3>Shopper</h3>
        <dl>
          <dt>Name</dt>
          <dd>${conversation.name}</dd>
          <dt>Email</dt>
          <dd>${conversation.email}</dd>
          <dt>Waiting since</dt>
          <dd>${clock(conversation.createdAt)}</dd>
        </dl>
        <h3>Order</h3>
        ${orderDetails(conversation.orderNumber, thread.order)}
      </aside>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const before = changed.get('thread');
    // A confirmation belongs to the conversation it was asked about.
    if (before && before.conversation.id !== this.thread?.conversation.id && this.closeDialog?.open) {
      this.closeDialog.close('keep');
    }
    const grew =
      !before ||
      before.messages.length !== this.thread?.messages.length ||
      before.pending.length !== this.thread?.pending.length;
    if (grew && this.transcript) this.transcript.scrollTop = this.transcript.scrollHeight;
  }

  private askToClose(): void {
    this.closeDialog?.showModal();
  }

  private closeDialogClosed(): void {
    if (this.closeDialog?.returnValue === 'close') this.fire('close-conversation');
  }

  private keydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter breaks the line: what chat users expect.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send(event);
    }
  }

  private send(event: Event): void {
    event.preventDefault();
    const box = this.replyBox;
    const text = box?.value ?? '';
    if (!box || text.trim() === '') return;
    box.value = '';
    this.dispatchEvent(new CustomEvent('reply', { detail: text, bubbles: true, composed: true }));
  }

  private fire(name: 'accept' | 'close-conversation' | 'typed'): void {
    this.dispatchEvent(new CustomEvent(name, { detail: this.thread?.conversation.id, bubbles: true, composed: true }));
  }
}

function replyPlaceholder(mine: boolean, status: string, agentName: string | undefined): string {
  if (mine) return 'Write a reply…';
  if (status === 'open') return `${agentName ?? 'Another agent'} is looking after this conversation`;
  return 'Accept the conversation to reply';
}

function statusLabel(status: string, agentName: string | undefined): string {
  if (status === 'queued') return 'waiting';
  if (status === 'open') return `with ${agentName ?? 'an agent'}`;
  return 'closed';
}

function orderDetails(orderNumber: string | undefined, order: ConsoleOrder | null) {
  if (!orderNumber) return html`<p class="muted">No order given.</p>`;
  if (!order) {
    return html`<dl>
        <dt>Number</dt>
        <dd>${orderNumber}</dd>
      </dl>
      <p class="muted">No order with this number was found.</p>`;
  }
  return html`<dl>
      <dt>Number</dt>
      <dd>${order.number}</dd>
      <dt>Placed by</dt>
      <dd>${customerLine(order.customer)}</dd>
      <dt>Status</dt>
      <dd>${order.status.replaceAll('_', ' ')}</dd>
      <dt>Placed</dt>
      <dd>${new Date(order.placedAt).toLocaleDateString()}</dd>
    </dl>
    <ul class="items">
      ${order.items.map(
        (item) => html`<li>${item.quantity} × ${item.name}${item.variant ? html` (${item.variant})` : nothing}</li>`,
      )}
    </ul>
    ${
      order.emailMatches
        ? html`<p class="muted">The order’s email is the shopper’s.</p>`
        : html`<p class="warning">The order has another email: check who you are talking to first.</p>`
    }`;
}

declare global {
  interface HTMLElementTagNameMap {
    'kefu-console-conversation': KefuConversation;
  }
}
