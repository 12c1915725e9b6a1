import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Article, Attachment, Availability, ChatStore, Conversation, TranscriptEntry } from '@kefu/core';
import { KefuElement } from '../../base/kefu-element.js';
import { field, fieldId } from '../../forms/field.js';
import { controls, tokens } from '../../styles/tokens.styles.js';
import { chatMessages, type ChatMessages } from './chat.messages.js';
import { chatStyles } from './chat.styles.js';
import { renderFormatted } from './chat-format.js';
import { TranscriptWindow } from './transcript-window.js';
import { isAttachable, MAX_ATTACHMENT_BYTES } from './attachment-check.js';
import type { SuggestionSource } from './faq-suggestions.js';

/** The pre-chat form's optional fields; name and email are always asked unless the shopper is known. */
export type PrechatField = 'topic' | 'order-number';

/** A shopper the store has identified: their details fill the pre-chat form, which is then skipped. */
export interface ChatShopper {
  readonly name?: string;
  readonly email?: string;
}

/** A file being uploaded for the next message; the store keeps the copy the transcript shows. */
interface PendingAttachment {
  readonly file: File;
  progress: number;
  uploaded?: Attachment;
  failed?: boolean;
}

interface PrechatValues {
  name: string;
  email: string;
  topic: string;
  orderNumber: string;
  message: string;
}

type PrechatErrors = Partial<Record<keyof PrechatValues, string>>;

const TYPING_IDLE_MS = 3000;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Live chat with the store's agents, answers suggested first: availability and the honest wait
 * before chatting (with a callback or a message left instead), a short pre-chat form, FAQ
 * suggestions while the first message is typed, then the conversation — queue position, "agent
 * joined", each message's state (sending, waiting to send, sent, read, failed → retry), typing both
 * ways, safe formatting, image and PDF attachments — surviving reloads and dropped connections.
 * The transcript is windowed: a chat of 1,000 messages keeps a few dozen rows in the DOM.
 *
 * @summary Live chat with the store’s agents, with answers suggested first.
 * @tag kefu-chat
 *
 * @event kefu-chat-started - A conversation started. `detail: { conversationId }`.
 * @event kefu-deflection - The shopper opened a suggested article instead of chatting. `detail: { articleId }`.
 * @event kefu-chat-ended - The shopper ended the conversation. `detail: { conversationId }`.
 * @event kefu-navigate - Asks the host to show another view (callback, survey, an article).
 *
 * @csspart availability - The availability summary before chatting.
 * @csspart form - The pre-chat form.
 * @csspart transcript - The scrolling transcript.
 * @csspart message - One message bubble.
 * @csspart composer - The message box and its buttons.
 *
 * @cssprop --kefu-chat-transcript-height - Height of the transcript (default `min(45vh, 420px)`).
 */
export class KefuChat extends KefuElement {
  static override styles = [tokens, controls, chatStyles];
  static override catalogues = chatMessages;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    values: { attribute: false },
    errors: { attribute: false },
    mode: { attribute: false },
    starting: { attribute: false },
    startFailed: { attribute: false },
    leftMessageAt: { attribute: false },
    suggestions: { attribute: false },
    composer: { attribute: false },
    pending: { attribute: false },
    attachError: { attribute: false },
    transcriptFormOpen: { attribute: false },
    transcriptEmail: { attribute: false },
    transcriptState: { attribute: false },
    confirmingEnd: { attribute: false },
    announcement: { attribute: false },
    newChatRequested: { attribute: false },
    contextShared: { attribute: false },
    orderNumber: { attribute: 'order-number' },
    topic: {},
    articleId: { attribute: 'article-id' },
    prechatFields: {
      attribute: 'prechat-fields',
      // Read from the attribute only: the property is not reflected, so no toAttribute.
      converter: (value: string | null) => (value ?? '').split(/\s+/).filter(Boolean) as PrechatField[],
    },
    shopper: { attribute: false },
    longWaitMinutes: { type: Number, attribute: 'long-wait-minutes' },
  };

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  private values: PrechatValues = { name: '', email: '', topic: '', orderNumber: '', message: '' };
  private errors: PrechatErrors = {};
  private mode: 'choose' | 'chat' | 'message' = 'choose';
  private starting = false;
  private startFailed = false;
  private leftMessageAt?: string;
  private suggestions: readonly Article[] = [];
  private composer = '';
  private pending: PendingAttachment[] = [];
  private attachError?: string;
  private transcriptFormOpen = false;
  private transcriptEmail = '';
  /** `invalid`: the address typed is not one (the field says so); `failed`: the store could not send it. */
  private transcriptState: 'idle' | 'invalid' | 'sending' | 'sent' | 'failed' = 'idle';
  private confirmingEnd = false;
  private announcement = '';
  private newChatRequested = false;
  /** The title of the article last added to the running conversation, for the shopper to see. */
  private contextShared?: string;
  /** Fields the shopper typed in: not prefilled again, so one they emptied stays empty. */
  #typed = new Set<keyof PrechatValues>();

  /** An order the conversation is about. */
  orderNumber?: string;

  /** A topic to pre-select. */
  topic?: string;

  /** An article the shopper read first (sent to the agent as context). */
  articleId?: string;

  /** The optional fields of the pre-chat form, space-separated: `topic order-number` (default), or empty. */
  prechatFields: PrechatField[] = ['topic', 'order-number'];

  /** An identified shopper (name, email): the form is pre-filled and, when nothing else is asked, skipped. */
  shopper?: ChatShopper;

  /** From this expected wait on (minutes), a callback or leaving a message is offered first. */
  longWaitMinutes = 5;

  #suggestionSource?: Promise<SuggestionSource | undefined>;
  #typingTimer?: ReturnType<typeof setTimeout>;
  #typingSent = false;
  #announcedSeq = -1;
  #lastReadRequest = -1;
  #window = new TranscriptWindow();
  #scrollTop = 0;
  #viewportHeight = 420;
  #stickToEnd = true;
  #scrollFrame = 0;

  #initializedFor?: ChatStore;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  /** Shows a conversation left open (cache first, then sync) and asks who is available. */
  #initialize(): void {
    const kefu = this.kefu;
    if (!kefu || kefu.chat === this.#initializedFor) return;
    const { chat, config } = kefu;
    this.#initializedFor = chat;
    // The config says whether the store sends e-mail, which decides what chat may promise.
    if (config.state.peek().status === 'idle') void config.load();
    void chat.restore();
    if (chat.availability.peek().status === 'idle') void chat.loadAvailability();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#initializedFor = undefined;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#typingTimer);
    cancelAnimationFrame(this.#scrollFrame);
    if (this.#typingSent) void this.kefu?.chat.setTyping(false);
    this.#typingSent = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#initialize();
    // "Ask our team about this" under an article: a new chat about it, not the one that ended.
    if (changed.has('articleId') && this.articleId) {
      this.newChatRequested = true;
      this.contextShared = undefined;
      // The topic of an earlier chat is not this one's: the article's title takes its place.
      this.values = { ...this.values, topic: '' };
      this.#typed.delete('topic');
    }
    // With a chat open or queued (perhaps only now restored), the article joins that conversation.
    const chat = this.kefu?.chat;
    const conversation = chat?.conversation.value;
    const online = this.kefu?.connectivity.online.value !== false;
    if (chat && this.articleId && conversation && conversation.status !== 'closed' && online && !this.#sharingContext) {
      void this.#shareArticle(chat);
    }
    this.#prefill();
  }

  #sharingContext = false;

  /**
   * Adds the article to the conversation that is already running, as its context for the agent:
   * the shopper's words are not touched, and their open chat is not replaced by a new one.
   */
  async #shareArticle(chat: ChatStore): Promise<void> {
    const context = this.#articleContext;
    if (!context) return;
    this.#sharingContext = true;
    const result = await chat.addContext(context);
    this.#sharingContext = false;
    if (this.articleId !== context.articleId) return;
    if (result.ok) {
      this.articleId = undefined;
      this.newChatRequested = false;
      this.contextShared = context.articleTitle;
    } else if (result.error.code === 'conflict') {
      // It ended meanwhile: the article goes with a new chat instead (the pre-chat form shows).
      this.newChatRequested = true;
    }
    // Otherwise (offline, say) it is tried again on the next update, once the conversation is back.
  }

  /**
   * Fills the empty fields of the pre-chat form with what Kefu already knows — the shopper's own
   * details (given by the host, typed in an earlier chat or callback here, or carried by their
   * identity token), and the order or article they came from. Only empty fields: what the shopper
   * typed is never replaced, and every prefilled value stays editable.
   */
  #prefill(): void {
    const known = this.kefu?.chat.contact.value ?? {};
    const order = this.kefu?.orders.current.value.data;
    const orderNumber = this.orderNumber || order?.number || '';
    const article = this.articleId ? this.kefu?.faq.article(this.articleId) : undefined;
    const topic =
      this.topic || article?.title || (orderNumber ? this.localize(chatMessages).orderTopic(orderNumber) : '');
    const fill = (key: keyof PrechatValues, known: string) =>
      this.#typed.has(key) ? this.values[key] : this.values[key] || known;
    const next = {
      ...this.values,
      name: fill('name', this.shopper?.name || known.name || ''),
      email: fill('email', this.shopper?.email || known.email || ''),
      topic: fill('topic', topic),
      orderNumber: fill('orderNumber', orderNumber),
    };
    if (
      next.name !== this.values.name ||
      next.email !== this.values.email ||
      next.topic !== this.values.topic ||
      next.orderNumber !== this.values.orderNumber
    )
      this.values = next;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const chat = this.kefu?.chat;
    if (!chat?.conversation.peek()) return;
    this.#measureRows();
    this.#markReadIfSeen(chat);
    this.#announceAgentMessages(chat);
  }

  // Handlers

  readonly #onVisibility = () => {
    if (this.kefu) this.#markReadIfSeen(this.kefu.chat);
  };

  #onField(field: keyof PrechatValues, event: Event) {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.values = { ...this.values, [field]: value };
    this.#typed.add(field);
    if (field in this.errors) this.errors = { ...this.errors, [field]: undefined };
    if (field === 'message') void this.#suggest(value);
  }

  async #suggest(text: string) {
    const client = this.kefu;
    if (!client || text.trim().length < 3) {
      this.suggestions = [];
      return;
    }
    this.#suggestionSource ??= import('./faq-suggestions.js')
      .then((module) => module.createSuggestionSource(client))
      .catch(() => undefined);
    const source = await this.#suggestionSource;
    // The shopper may have typed on meanwhile; suggest for what the box holds now.
    this.suggestions = source?.suggest(this.values.message, 3) ?? [];
  }

  #openSuggestion(event: Event, article: Article) {
    event.preventDefault();
    // The shopper went for an answer instead of an agent: a deflection, unless they chat after all.
    this.kefu?.chat.recordDeflection(article.id);
    this.dispatchEvent(
      new CustomEvent('kefu-deflection', { detail: { articleId: article.id }, bubbles: true, composed: true }),
    );
    this.navigate({ view: 'faq', articleId: article.id });
  }

  #validate(identified: boolean): PrechatErrors {
    const messages = this.localize(chatMessages);
    const errors: PrechatErrors = {};
    if (!identified && !this.values.name.trim()) errors.name = messages.nameRequired;
    if (!identified && !emailPattern.test(this.values.email.trim())) errors.email = messages.emailInvalid;
    if (this.mode === 'message' && !this.values.message.trim()) errors.message = messages.messageRequired;
    return errors;
  }

  async #start(event: Event) {
    event.preventDefault();
    const chat = this.kefu?.chat;
    if (!chat || this.starting) return;
    const errors = this.#validate(this.#identified);
    this.errors = errors;
    if (Object.values(errors).some(Boolean)) {
      const first = Object.keys(errors)[0];
      this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    this.starting = true;
    this.startFailed = false;
    const { name, email, topic, orderNumber, message } = this.values;
    const text = message.trim();
    const conversation = await chat.start({
      name: name.trim(),
      email: email.trim(),
      topic: topic.trim() || (this.mode === 'message' ? 'Message' : 'Chat'),
      ...(orderNumber.trim() ? { orderNumber: orderNumber.trim() } : {}),
      // The shopper's words as typed; the article they read goes beside them, for the agent.
      ...(text ? { message: text } : {}),
      ...(this.#articleContext ? { context: this.#articleContext } : {}),
    });
    this.starting = false;
    if (!conversation) {
      // Nothing the shopper typed is lost: the form keeps its values.
      this.startFailed = true;
      return;
    }
    this.newChatRequested = false;
    // The article went with this chat; the next one starts from nothing.
    this.articleId = undefined;
    this.#announcedSeq = -1;
    if (this.mode === 'message') this.leftMessageAt = email.trim();
    this.values = { ...this.values, message: '' };
    this.suggestions = [];
    this.#stickToEnd = true;
    this.dispatchEvent(
      new CustomEvent('kefu-chat-started', {
        detail: { conversationId: conversation.id },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #onComposerInput(event: Event) {
    this.composer = (event.target as HTMLTextAreaElement).value;
    const chat = this.kefu?.chat;
    if (!chat) return;
    if (!this.#typingSent && this.composer) {
      this.#typingSent = true;
      void chat.setTyping(true);
    }
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.#stopTyping(), TYPING_IDLE_MS);
  }

  #stopTyping() {
    clearTimeout(this.#typingTimer);
    if (!this.#typingSent) return;
    this.#typingSent = false;
    void this.kefu?.chat.setTyping(false);
  }

  #onComposerKey(event: KeyboardEvent) {
    // Enter sends, Shift+Enter starts a new line; an IME composing Chinese must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) void this.#send(event);
  }

  async #send(event: Event) {
    event.preventDefault();
    const chat = this.kefu?.chat;
    if (!chat) return;
    const text = this.composer.trim();
    if (this.pending.some((attachment) => !attachment.uploaded && !attachment.failed)) return;
    const attachments = this.pending.flatMap((attachment) => (attachment.uploaded ? [attachment.uploaded] : []));
    if (!text && !attachments.length) return;
    this.composer = '';
    this.pending = [];
    this.attachError = undefined;
    this.#stopTyping();
    this.#stickToEnd = true;
    await chat.send(text, attachments.length ? { attachments } : {});
  }

  async #onFiles(event: Event) {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const chat = this.kefu?.chat;
    if (!chat) return;
    const messages = this.localize(chatMessages);
    this.attachError = undefined;
    for (const file of files) {
      // Checked as the server checks it, so a file it would refuse is never uploaded.
      if (file.size > MAX_ATTACHMENT_BYTES) {
        this.attachError = messages.attachmentSize(this.#formatBytes(MAX_ATTACHMENT_BYTES));
        continue;
      }
      if (!(await isAttachable(file))) {
        this.attachError = messages.attachmentType;
        continue;
      }
      const pending: PendingAttachment = { file, progress: 0 };
      this.pending = [...this.pending, pending];
      const result = await chat.uploadAttachment(file, (fraction) => {
        pending.progress = fraction;
        this.pending = [...this.pending];
      });
      if (result.ok) pending.uploaded = result.value;
      else {
        pending.failed = true;
        this.attachError = result.error.message || messages.attachmentFailed;
      }
      this.pending = [...this.pending];
    }
  }

  #removeAttachment(attachment: PendingAttachment) {
    this.pending = this.pending.filter((item) => item !== attachment);
  }

  readonly #onScroll = () => {
    const scroller = this.scroller;
    if (!scroller) return;
    this.#scrollTop = scroller.scrollTop;
    this.#viewportHeight = scroller.clientHeight;
    this.#stickToEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 24;
    cancelAnimationFrame(this.#scrollFrame);
    this.#scrollFrame = requestAnimationFrame(() => this.requestUpdate());
  };

  async #emailTranscript(event: Event) {
    event.preventDefault();
    const chat = this.kefu?.chat;
    if (!chat) {
      this.transcriptState = 'failed';
      return;
    }
    if (!emailPattern.test(this.transcriptEmail.trim())) {
      this.transcriptState = 'invalid';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${fieldId('transcript-email')}`)?.focus();
      return;
    }
    this.transcriptState = 'sending';
    const result = await chat.emailTranscript(this.transcriptEmail.trim());
    this.transcriptState = result.ok ? 'sent' : 'failed';
  }

  async #end() {
    const chat = this.kefu?.chat;
    const conversation = chat?.conversation.peek();
    if (!chat || !conversation) return;
    this.confirmingEnd = false;
    this.#stopTyping();
    await chat.end();
    this.dispatchEvent(
      new CustomEvent('kefu-chat-ended', {
        detail: { conversationId: conversation.id },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #rate(conversationId: string) {
    this.navigate({ view: 'survey', surveyKind: 'csat', surveySubject: { type: 'conversation', id: conversationId } });
  }

  #newChat() {
    this.leftMessageAt = undefined;
    this.mode = 'choose';
    this.transcriptState = 'idle';
    this.transcriptFormOpen = false;
    // A closed conversation stays readable until a new one replaces it; this asks for a new one.
    this.newChatRequested = true;
  }

  // Helpers

  /**
   * Whether this chat is a view of the widget's panel, whose own notice tells the shopper they are
   * offline (and that what they send goes out later): chat then shows no second one.
   */
  get #hostSaysOffline(): boolean {
    const root = this.getRootNode();
    return root instanceof ShadowRoot && root.host.localName === 'kefu-widget';
  }

  /** The article the shopper came from, as the conversation's context for the agent. */
  get #articleContext(): { articleId: string; articleTitle: string } | undefined {
    if (!this.articleId) return undefined;
    const title = this.kefu?.faq.article(this.articleId)?.title || this.topic || this.articleId;
    return { articleId: this.articleId, articleTitle: title };
  }

  get #sendsMail(): boolean {
    // The config's `mail.sends`, said by the server; until it is known, no e-mail is promised (decision 0025).
    return !!this.kefu?.config.state.value.data?.mail?.sends;
  }

  get #identified(): boolean {
    return Boolean(this.shopper?.name && this.shopper?.email);
  }

  #formatBytes(bytes: number): string {
    return new Intl.NumberFormat(this.resolvedLocale, {
      style: 'unit',
      unit: 'megabyte',
      maximumFractionDigits: 0,
    }).format(bytes / (1024 * 1024));
  }

  #formatTime(iso: string): string {
    return new Intl.DateTimeFormat(this.resolvedLocale, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
  }

  #formatWait(seconds: number, messages: ChatMessages): string {
    return messages.minutes(Math.max(1, Math.round(seconds / 60)));
  }

  #formatOpening(iso: string): string {
    // In the shopper's own timezone (the browser's), with the zone named so nobody has to convert.
    return new Intl.DateTimeFormat(this.resolvedLocale, {
      weekday: 'long',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(iso));
  }

  #measureRows() {
    // Spacer heights through the CSSOM (allowed under a strict CSP, unlike style attributes).
    for (const spacer of this.renderRoot.querySelectorAll<HTMLElement>('.spacer')) {
      spacer.style.height = `${spacer.dataset['height'] ?? 0}px`;
    }
    const rows = this.renderRoot.querySelectorAll<HTMLElement>('li[data-key]');
    const changed = this.#window.measure([...rows].map((row) => [row.dataset['key'] ?? '', row.offsetHeight] as const));
    const scroller = this.scroller;
    if (scroller) {
      this.#viewportHeight = scroller.clientHeight || this.#viewportHeight;
      if (this.#stickToEnd) scroller.scrollTop = scroller.scrollHeight;
    }
    if (changed) this.requestUpdate();
  }

  #markReadIfSeen(chat: ChatStore) {
    if (document.visibilityState !== 'visible' || !this.isConnected) return;
    const unread = chat.unread.peek();
    const lastSeq = chat.transcript.peek().reduce((high, entry) => Math.max(high, entry.seq ?? 0), 0);
    if (unread > 0 && lastSeq !== this.#lastReadRequest) {
      this.#lastReadRequest = lastSeq;
      void chat.markRead();
    }
  }

  #announceAgentMessages(chat: ChatStore) {
    const agentMessages = chat.transcript.peek().filter((entry) => entry.author === 'agent');
    const newest = agentMessages[agentMessages.length - 1];
    const newestSeq = newest?.seq ?? 0;
    // What was there when the chat opened is history, not news.
    if (this.#announcedSeq < 0) {
      this.#announcedSeq = newestSeq;
      return;
    }
    if (!newest || newestSeq <= this.#announcedSeq) return;
    this.#announcedSeq = newestSeq;
    const messages = this.localize(chatMessages);
    this.announcement = messages.newMessageFrom(newest.authorName ?? messages.agent, newest.text);
  }

  // Rendering

  override render() {
    const messages = this.localize(chatMessages);
    const chat = this.kefu?.chat;
    if (!chat) return html`<h2>${messages.title}</h2>`;
    const conversation = chat.conversation.value;
    const showConversation = conversation && !(conversation.status === 'closed' && this.newChatRequested);
    const left = this.leftMessageAt;
    return html`
      <h2>${messages.title}</h2>
      ${left ? html`<p class="notice" role="status">${this.#sendsMail ? messages.messageAnsweredByEmail(left) : messages.messageLeft}</p>` : nothing}
      ${showConversation ? this.#renderConversation(chat, conversation, messages) : this.#renderBefore(chat, messages)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  #renderBefore(chat: ChatStore, messages: ChatMessages) {
    const availability = chat.availability.value;
    const data = availability.data;
    // With nobody online there is no wait to estimate: a chat waits until someone comes online.
    const nobodyOnline = data?.open === true && data.agentsOnline === 0;
    const longWait = data && !nobodyOnline ? data.estimatedWaitSeconds >= this.longWaitMinutes * 60 : false;
    const offerAlternatives = availability.status === 'error' || (data && (!data.open || longWait || nobodyOnline));
    const mode = this.mode === 'choose' && !offerAlternatives && availability.status === 'ready' ? 'chat' : this.mode;
    return html`
      <section
        part="availability"
        class="availability"
        aria-busy=${availability.status === 'loading' ? 'true' : 'false'}
      >
        ${availability.status === 'loading' && !data ? html`<p class="muted">${messages.loadingAvailability}</p>` : nothing}
        ${
          availability.status === 'error' && !data
            ? html`<p>${messages.availabilityFailed}</p>
                <button class="link" type="button" @click=${() => void chat.loadAvailability()}>
                  ${messages.retry}
                </button>`
            : nothing
        }
        ${data ? this.#renderAvailability(data, longWait, messages) : nothing}
        ${
          offerAlternatives && mode === 'choose'
            ? html`<p>${messages.alternatives}</p>
                <div class="actions">
                  <button
                    type="button"
                    class="secondary"
                    @click=${() =>
                      this.navigate({
                        view: 'callback',
                        ...(this.orderNumber ? { orderNumber: this.orderNumber } : {}),
                        ...(this.values.topic || this.topic ? { topic: this.values.topic || this.topic } : {}),
                      })}
                  >
                    ${messages.requestCallback}
                  </button>
                  <button type="button" class="secondary" @click=${() => (this.mode = 'message')}>
                    ${messages.leaveMessage}
                  </button>
                  ${data?.open ? html`<button type="button" class="secondary" @click=${() => (this.mode = 'chat')}>${messages.chatAnyway}</button>` : nothing}
                </div>`
            : nothing
        }
      </section>
      ${mode === 'choose' ? nothing : this.#renderForm(mode, messages)}
    `;
  }

  #renderAvailability(data: Availability, longWait: boolean, messages: ChatMessages) {
    // Inside business hours with nobody signed in, the server's rule keeps chat shut but names no
    // next opening (it is opening hours): "closed" would be wrong, and no wait can be promised.
    if (!data.open && !data.nextOpeningAt && data.agentsOnline === 0) {
      return html`<p><strong>${messages.nobodyOnline}</strong></p>`;
    }
    if (!data.open) {
      return html`<p>
        <strong>${messages.closedNow}</strong>
        ${data.nextOpeningAt ? messages.nextOpening(this.#formatOpening(data.nextOpeningAt)) : nothing}
      </p>`;
    }
    // Open with nobody online (a store that keeps chat open around the clock): the chat is queued
    // until an agent signs in, so no green dot and no wait that nobody can promise.
    if (data.agentsOnline === 0) {
      return html`<p><strong>${messages.nobodyOnline}</strong> ${messages.nobodyOnlineQueue}</p>`;
    }
    return html`<p>
      <span class="dot" aria-hidden="true"></span>${messages.agentsOnline(data.agentsOnline)} ·
      ${data.estimatedWaitSeconds < 60 ? messages.noWait : messages.expectedWait(this.#formatWait(data.estimatedWaitSeconds, messages))}
      ${longWait ? html`<br /><strong>${messages.longWait}</strong>` : nothing}
    </p>`;
  }

  #renderForm(mode: 'chat' | 'message', messages: ChatMessages) {
    const identified = this.#identified;
    const { errors, values } = this;
    /** One of the form's fields (`#validate` says which can be wrong). */
    const input = (
      name: keyof PrechatValues,
      label: string,
      attributes: { type?: string; autocomplete?: string } = {},
    ) =>
      field({ key: name, label, error: errors[name] }, (wiring) =>
        name === 'message'
          ? html`<textarea
              id=${wiring.id}
              name=${name}
              rows="3"
              .value=${values[name]}
              aria-invalid=${wiring.invalid}
              aria-describedby=${wiring.describedBy}
              @input=${(event: Event) => this.#onField(name, event)}
            ></textarea>`
          : html`<input
              id=${wiring.id}
              name=${name}
              type=${attributes.type ?? 'text'}
              autocomplete=${attributes.autocomplete ?? nothing}
              .value=${values[name]}
              aria-invalid=${wiring.invalid}
              aria-describedby=${wiring.describedBy}
              @input=${(event: Event) => this.#onField(name, event)}
            />`,
      );
    return html`
      <form part="form" novalidate @submit=${this.#start}>
        ${identified ? nothing : input('name', messages.name, { autocomplete: 'name' })}
        ${identified ? nothing : input('email', messages.email, { type: 'email', autocomplete: 'email' })}
        ${this.prechatFields.includes('topic') ? input('topic', messages.topic) : nothing}
        ${
          this.prechatFields.includes('order-number')
            ? input('orderNumber', messages.orderNumber, { autocomplete: 'off' })
            : nothing
        }
        ${input('message', mode === 'message' ? messages.yourMessage : messages.firstMessage)}
        ${
          this.suggestions.length && mode === 'chat'
            ? html`<section class="suggestions" aria-live="polite">
                <h3>${messages.suggestionsHeading}</h3>
                <ul>
                  ${this.suggestions.map(
                    (article) =>
                      html`<li>
                        <a
                          href=${`#kefu-article-${article.id}`}
                          @click=${(event: Event) => this.#openSuggestion(event, article)}
                          >${article.title}</a
                        >
                      </li>`,
                  )}
                </ul>
              </section>`
            : nothing
        }
        ${this.startFailed ? html`<p class="alert" role="alert">${messages.startFailed}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.starting}>
          ${this.starting ? messages.starting : mode === 'message' ? messages.sendMessage : messages.startChat}
        </button>
      </form>
    `;
  }

  #renderConversation(chat: ChatStore, conversation: Conversation, messages: ChatMessages) {
    const transcript = chat.transcript.value;
    const connection = chat.connection.value;
    const online = this.kefu?.connectivity.online.value;
    const closed = conversation.status === 'closed';
    // The store's name for whoever answers: the one who joined, or who wrote last.
    const agentName = chat.agentName.value;
    return html`
      <p class="status" role="status">${this.#statusLine(chat, agentName, messages)}</p>
      ${
        // Offline, a panel that says so already (the widget's) keeps the only notice: two stacked
        // banners took a third of a phone's screen. Reconnecting is chat's own news.
        !closed && ((!online && !this.#hostSaysOffline) || (online && connection === 'reconnecting'))
          ? html`<p class="banner">${online ? messages.reconnecting : messages.offline}</p>`
          : nothing
      }
      ${
        this.contextShared && !closed
          ? html`<p class="context-note">
              ${messages.contextShared} <cite><bdi>${this.contextShared}</bdi></cite>
            </p>`
          : nothing
      }
      ${this.#renderTranscript(chat, transcript, messages)}
      ${!closed && chat.agentTyping.value ? html`<p class="typing">${messages.agentTyping(agentName ?? messages.agent)}</p>` : nothing}
      ${closed ? this.#renderEnded(conversation.id, messages) : this.#renderComposer(messages)}
      ${this.#renderTranscriptEmail(messages)}
    `;
  }

  /** The header follows the store's stage, so an agent who is answering is never "awaited". */
  #statusLine(chat: ChatStore, agentName: string | undefined, messages: ChatMessages): string {
    switch (chat.stage.value) {
      case 'closed':
        return messages.ended;
      case 'with-agent':
        return agentName ? messages.chattingWith(agentName) : messages.chattingWithAgent;
      case 'queued': {
        const queue = chat.queue.value;
        if (!queue || queue.position <= 0) return messages.waitingForAgent;
        return queue.estimatedWaitSeconds > 0
          ? messages.queued(queue.position, this.#formatWait(queue.estimatedWaitSeconds, messages))
          : messages.queuedNoWait(queue.position);
      }
      default:
        return messages.waitingForAgent;
    }
  }

  #renderTranscript(chat: ChatStore, transcript: readonly TranscriptEntry[], messages: ChatMessages) {
    const keys = transcript.map((entry) => entry.key);
    const range = this.#window.range(keys, this.#scrollTop, this.#viewportHeight, this.#stickToEnd);
    const visible = transcript.slice(range.start, range.end);
    const readUpTo = chat.agentReadUpTo.value;
    const agentJoinedAt = chat.conversation.value?.agentName;
    return html`
      <div class="scroller" part="transcript" tabindex="0" aria-label=${messages.title} @scroll=${this.#onScroll}>
        <div class="spacer before" data-height=${range.before}></div>
        <ol class="messages">
          ${visible.map((entry) => this.#renderEntry(entry, readUpTo, messages))}
        </ol>
        <div class="spacer after" data-height=${range.after}></div>
      </div>
      ${
        agentJoinedAt && range.end === transcript.length && transcript.every((entry) => entry.author !== 'agent')
          ? html`<p class="system">${messages.agentJoined(agentJoinedAt)}</p>`
          : nothing
      }
    `;
  }

  #renderEntry(entry: TranscriptEntry, readUpTo: number, messages: ChatMessages) {
    const mine = entry.author === 'shopper';
    const stateLabel =
      entry.state === 'sending'
        ? messages.stateSending
        : entry.state === 'waiting'
          ? messages.stateWaiting
          : entry.state === 'failed'
            ? messages.stateFailed
            : mine && entry.seq !== undefined && entry.seq <= readUpTo
              ? messages.stateRead
              : mine
                ? messages.stateSent
                : '';
    return html`<li data-key=${entry.key} class=${`row ${entry.author} ${entry.state}`}>
      <div part="message" class="bubble">
        ${mine ? nothing : html`<span class="author">${entry.authorName ?? messages.agent}</span>`}
        ${renderFormatted(entry.text)}
        ${entry.attachments?.length ? this.#renderAttachments(entry.attachments, messages) : nothing}
        <span class="meta"
          ><time datetime=${entry.createdAt}>${this.#formatTime(entry.createdAt)}</time>${
            stateLabel ? html` · <span class="state">${stateLabel}</span>` : nothing
          }</span
        >
        ${
          entry.state === 'failed'
            ? html`<span class="failed-actions">
                <button type="button" class="link" @click=${() => void this.kefu?.outbox.retry(entry.key)}>
                  ${messages.retrySend}
                </button>
                <button type="button" class="link" @click=${() => void this.kefu?.outbox.discard(entry.key)}>
                  ${messages.discard}
                </button>
              </span>`
            : nothing
        }
      </div>
    </li>`;
  }

  /**
   * A photo shows inline; any other file (a PDF) is a link that downloads it — never rendered
   * inside the store's page — or, where the backend gave no address to open it at, its name.
   */
  #renderAttachments(attachments: readonly Attachment[], messages: ChatMessages) {
    return html`<ul class="attachments">
      ${attachments.map((attachment) =>
        attachment.contentType.startsWith('image/') && attachment.url
          ? html`<li><img src=${attachment.url} alt=${messages.attachment(attachment.name)} loading="lazy" /></li>`
          : html`<li class="file">
              ${
                attachment.url
                  ? html`<a href=${attachment.url} download=${attachment.name} rel="noopener noreferrer"
                      >${messages.attachment(attachment.name)}</a
                    >`
                  : messages.attachment(attachment.name)
              }
            </li>`,
      )}
    </ul>`;
  }

  #renderComposer(messages: ChatMessages) {
    const uploading = this.pending.some((attachment) => !attachment.uploaded && !attachment.failed);
    return html`
      <form part="composer" class="composer" @submit=${this.#send}>
        ${
          this.pending.length
            ? html`<ul class="pending">
                ${this.pending.map(
                  (attachment) =>
                    html`<li>
                      <span>${attachment.file.name}</span>
                      ${
                        attachment.uploaded || attachment.failed
                          ? nothing
                          : html`<progress
                              max="1"
                              .value=${attachment.progress}
                              aria-label=${messages.uploading(attachment.file.name)}
                            ></progress>`
                      }
                      <button
                        type="button"
                        class="link"
                        aria-label=${messages.removeAttachment(attachment.file.name)}
                        @click=${() => this.#removeAttachment(attachment)}
                      >
                        ×
                      </button>
                    </li>`,
                )}
              </ul>`
            : nothing
        }
        <p class="error" role="alert">${this.attachError ?? ''}</p>
        <div class="compose-row">
          <label class="attach button secondary" title=${messages.attach}>
            <span class="visually-hidden">${messages.attach}</span>
            <span aria-hidden="true">+</span>
            <input
              class="visually-hidden"
              type="file"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              @change=${this.#onFiles}
            />
          </label>
          <textarea
            name="composer"
            rows="1"
            aria-label=${messages.messageLabel}
            .value=${this.composer}
            @input=${this.#onComposerInput}
            @keydown=${this.#onComposerKey}
          ></textarea>
          <button class="primary" type="submit" ?disabled=${uploading}>${messages.send}</button>
        </div>
        <div class="actions">
          ${
            this.confirmingEnd
              ? html`<span>${messages.confirmEnd}</span>
                  <button type="button" class="secondary" @click=${() => void this.#end()}>${messages.endChat}</button>
                  <button type="button" class="link" @click=${() => (this.confirmingEnd = false)}>
                    ${messages.cancel}
                  </button>`
              : html`<button type="button" class="link" @click=${() => (this.confirmingEnd = true)}>
                  ${messages.endChat}
                </button>`
          }
          ${this.#renderTranscriptToggle(messages)}
        </div>
      </form>
    `;
  }

  /** "Email me the transcript": under the composer while chatting, beside the rating once ended. */
  #renderTranscriptToggle(messages: ChatMessages) {
    // Only where the store sends e-mail: otherwise it would promise a mail that never comes.
    if (!this.#sendsMail) return nothing;
    return html`<button
      type="button"
      class="link"
      aria-expanded=${this.transcriptFormOpen ? 'true' : 'false'}
      @click=${this.#toggleTranscriptForm}
    >
      ${messages.emailTranscript}
    </button>`;
  }

  #toggleTranscriptForm() {
    this.transcriptFormOpen = !this.transcriptFormOpen;
    this.transcriptEmail ||= this.values.email || this.shopper?.email || this.kefu?.chat.contact.peek().email || '';
  }

  #renderTranscriptEmail(messages: ChatMessages) {
    if (!this.transcriptFormOpen) return nothing;
    return html`<form class="transcript-form" novalidate @submit=${this.#emailTranscript}>
      ${field(
        {
          key: 'transcript-email',
          label: messages.transcriptEmail,
          error: this.transcriptState === 'invalid' ? messages.emailInvalid : undefined,
        },
        (wiring) =>
          html`<input
            id=${wiring.id}
            name="transcript-email"
            type="email"
            autocomplete="email"
            .value=${this.transcriptEmail}
            aria-invalid=${wiring.invalid}
            aria-describedby=${wiring.describedBy}
            @input=${(event: Event) => {
              this.transcriptEmail = (event.target as HTMLInputElement).value;
              if (this.transcriptState === 'invalid') this.transcriptState = 'idle';
            }}
          />`,
      )}
      <button type="submit" class="secondary" ?disabled=${this.transcriptState === 'sending'}>
        ${messages.sendTranscript}
      </button>
      <p role="status" class=${this.transcriptState === 'failed' ? 'error' : 'notice'}>
        ${
          this.transcriptState === 'sent'
            ? messages.transcriptSent(this.transcriptEmail.trim())
            : this.transcriptState === 'failed'
              ? messages.transcriptFailed
              : ''
        }
      </p>
    </form>`;
  }

  #renderEnded(conversationId: string, messages: ChatMessages) {
    // Answered here or on an earlier visit: thanking again beats asking again.
    const rated = this.kefu?.survey.answered('csat', { type: 'conversation', id: conversationId }).value === true;
    return html`<div class="ended">
      <p>${rated ? messages.rated : messages.rateQuestion}</p>
      <div class="actions">
        ${
          rated
            ? nothing
            : html`<button type="button" class="primary" @click=${() => this.#rate(conversationId)}>
                ${messages.rateChat}
              </button>`
        }
        ${this.#renderTranscriptToggle(messages)}
        <button type="button" class="link" @click=${this.#newChat}>${messages.newChat}</button>
      </div>
    </div>`;
  }
}
