import { api, isTransient } from './api.js';
import { connectFeed, type FeedState } from './feed.js';
import type { AgentFeedFrame, ChatEvent, ChatMessage, ConsoleOrder, ConversationSummary } from './types.js';

/** A reply the agent sent that the server has not confirmed yet. */
export interface PendingReply {
  readonly clientId: string;
  readonly text: string;
  readonly state: 'sending' | 'failed';
}

export interface Thread {
  readonly conversation: ConversationSummary;
  /** Stored messages, unique by id, in seq order. */
  readonly messages: readonly ChatMessage[];
  /** The highest seq up to which every event was seen (the feed's and catch-ups'), for the next catch-up. */
  readonly lastSeq: number;
  readonly shopperTyping: boolean;
  readonly shopperReadUpTo: number;
  readonly pending: readonly PendingReply[];
  readonly order: ConsoleOrder | null;
}

interface ConversationDetail {
  readonly conversation: ConversationSummary;
  readonly messages: ChatMessage[];
  readonly order: ConsoleOrder | null;
}

const RETRY_CAP_MS = 5000;
/** The agent stops "typing" after this long without a keystroke. */
const TYPING_IDLE_MS = 3000;

/** randomUUID exists only in secure contexts; a console opened over plain http on a LAN has none. */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function merge(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The chat side of the console: the live list, and the conversations the agent opened, kept
 * current from the feed and caught up over HTTP after every reconnect. Views read it and call
 * its actions; `changed` asks them to render again.
 */
export class ChatModel {
  conversations: readonly ConversationSummary[] = [];
  agentsOnline = 0;
  /** Who those agents are (people, not sessions), from the feed's latest list. */
  online: Extract<AgentFeedFrame, { type: 'hello' }>['online'] = [];
  connection: FeedState = 'connecting';
  readonly threads = new Map<string, Thread>();
  /** Shopper messages not yet looked at, by conversation. */
  readonly unread = new Map<string, number>();
  private feed: { close(): void } | undefined;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly typingSent = new Map<string, boolean>();
  private readonly readSent = new Map<string, number>();
  /**
   * Each conversation's replies in flight, the last one: a reply goes out once the one before it is
   * stored (or given up), so replies typed in quick succession, or retried after a server fault,
   * are stored in the order they were written.
   */
  private readonly replying = new Map<string, Promise<void>>();

  constructor(
    private readonly changed: () => void,
    private readonly signedOut: () => void,
    /** The conversation on screen: its messages are read as they arrive. */
    private readonly visible: () => string | undefined,
  ) {}

  start(): void {
    this.feed = connectFeed({
      onFrame: (frame) => this.receive(frame),
      onState: (state) => {
        this.connection = state;
        this.changed();
      },
      onSignedOut: () => this.signedOut(),
    });
  }

  stop(): void {
    this.feed?.close();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
  }

  summary(id: string): ConversationSummary | undefined {
    return this.threads.get(id)?.conversation ?? this.conversations.find((conversation) => conversation.id === id);
  }

  private receive(frame: AgentFeedFrame): void {
    if (frame.type === 'event') {
      this.apply(frame.conversationId, frame.event, frame.clientId);
    } else {
      this.agentsOnline = frame.agentsOnline;
      this.online = frame.online;
      this.conversations = frame.conversations;
      const behind: string[] = [];
      for (const summary of frame.conversations) {
        const thread = this.threads.get(summary.id);
        if (!thread) continue;
        this.threads.set(summary.id, { ...thread, conversation: { ...thread.conversation, ...summary } });
        if (summary.lastSeq > thread.lastSeq) behind.push(summary.id);
      }
      // A (re)connect: whatever happened while the socket was down is fetched now. Otherwise, a
      // list ahead of an open conversation: its events may still be on their way, or lost (see
      // apply); fetching them twice is harmless.
      for (const id of frame.type === 'hello' ? this.threads.keys() : behind) void this.catchUp(id);
    }
    this.changed();
  }

  private apply(conversationId: string, event: ChatEvent, clientId: string | undefined): void {
    if (event.type === 'message' && event.message.author === 'shopper' && conversationId !== this.visible()) {
      this.unread.set(conversationId, (this.unread.get(conversationId) ?? 0) + 1);
    }
    const thread = this.threads.get(conversationId);
    if (!thread) return;
    // Every event of a conversation comes through the feed with the next seq. A gap means events
    // were lost on the way: an instance that heard of the conversation late, or a notification
    // missed while its database connection was down. This one is shown; lastSeq stays before the
    // gap, so the catch-up fetches what is missing.
    const inOrder = event.seq <= thread.lastSeq + 1;
    let { conversation, messages, shopperTyping, shopperReadUpTo, pending } = thread;
    switch (event.type) {
      case 'message':
        messages = merge(messages, [event.message]);
        // The console's own reply, stored: it is no longer pending.
        pending = pending.filter((reply) => reply.clientId !== clientId);
        if (event.message.author === 'shopper') shopperTyping = false;
        break;
      case 'typing':
        if (event.author === 'shopper') shopperTyping = event.typing;
        break;
      case 'read':
        if (event.author === 'shopper') shopperReadUpTo = Math.max(shopperReadUpTo, event.upToSeq);
        break;
      case 'agent_joined':
        conversation = { ...conversation, agentName: event.agentName };
        break;
      case 'status':
        conversation = { ...conversation, status: event.status };
        break;
      case 'queue':
        conversation = { ...conversation, queuePosition: event.position };
        break;
    }
    this.threads.set(conversationId, {
      ...thread,
      conversation,
      messages,
      shopperTyping,
      shopperReadUpTo,
      pending,
      lastSeq: inOrder ? Math.max(thread.lastSeq, event.seq) : thread.lastSeq,
    });
    if (!inOrder) void this.catchUp(conversationId);
    if (conversationId === this.visible()) void this.markRead(conversationId);
  }

  /** Loads a conversation the first time it is opened. */
  async open(id: string): Promise<void> {
    this.unread.delete(id);
    if (!this.threads.has(id)) {
      const detail = await api<ConversationDetail>('GET', `/conversations/${encodeURIComponent(id)}`);
      // The feed may have delivered events while this was loading: keep them.
      const earlier = this.threads.get(id);
      this.threads.set(id, {
        conversation: detail.conversation,
        messages: merge(detail.messages, earlier?.messages ?? []),
        lastSeq: Math.max(detail.conversation.lastSeq, earlier?.lastSeq ?? 0),
        shopperTyping: detail.conversation.shopperTyping,
        shopperReadUpTo: detail.conversation.shopperReadUpTo,
        pending: earlier?.pending ?? [],
        order: detail.order,
      });
    }
    this.changed();
    await this.markRead(id);
  }

  /** Fetches what came after the last seq seen; overlapping with the feed is harmless. */
  async catchUp(id: string): Promise<void> {
    const thread = this.threads.get(id);
    if (!thread) return;
    const after = thread.lastSeq;
    const { conversation, messages } = await api<{ conversation: ConversationSummary; messages: ChatMessage[] }>(
      'GET',
      `/conversations/${encodeURIComponent(id)}/messages?after=${after}`,
    );
    const latest = this.threads.get(id) ?? thread;
    const stored = new Set(messages.map((message) => message.clientId));
    this.threads.set(id, {
      ...latest,
      conversation,
      messages: merge(latest.messages, messages),
      lastSeq: Math.max(latest.lastSeq, conversation.lastSeq),
      shopperTyping: conversation.shopperTyping,
      shopperReadUpTo: conversation.shopperReadUpTo,
      pending: latest.pending.filter((reply) => !stored.has(reply.clientId)),
    });
    this.changed();
  }

  async accept(id: string): Promise<void> {
    await api('POST', `/conversations/${encodeURIComponent(id)}/accept`);
    await this.open(id);
  }

  async close(id: string): Promise<void> {
    await this.setTyping(id, false);
    await api('POST', `/conversations/${encodeURIComponent(id)}/close`);
  }

  /**
   * Shows the reply at once and sends it until the server has it, under one client id, after the
   * conversation's earlier replies.
   */
  reply(id: string, text: string): Promise<void> {
    const clientId = newClientId();
    this.updatePending(id, (pending) => [...pending, { clientId, text, state: 'sending' }]);
    void this.setTyping(id, false);
    const sent = (this.replying.get(id) ?? Promise.resolve()).then(() => this.send(id, clientId, text));
    const settled = sent.catch(() => undefined);
    this.replying.set(id, settled);
    void settled.then(() => {
      if (this.replying.get(id) === settled) this.replying.delete(id);
    });
    return sent;
  }

  private async send(id: string, clientId: string, text: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const message = await api<ChatMessage>('POST', `/conversations/${encodeURIComponent(id)}/messages`, {
          clientId,
          text,
        });
        const thread = this.threads.get(id);
        if (thread) {
          // lastSeq stays: it only moves with the feed and catch-ups, which see every seq in order. Moving
          // it to this reply's seq would skip a shopper message written while the feed was down.
          this.threads.set(id, {
            ...thread,
            messages: merge(thread.messages, [message]),
            pending: thread.pending.filter((reply) => reply.clientId !== clientId),
          });
        }
        this.changed();
        return;
      } catch (error) {
        if (!isTransient(error)) {
          this.updatePending(id, (pending) =>
            pending.map((reply) => (reply.clientId === clientId ? { ...reply, state: 'failed' } : reply)),
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_CAP_MS, 300 * 2 ** attempt)));
      }
    }
  }

  /** Call on every keystroke: "typing" goes out once, "stopped" after a pause or a send. */
  typed(id: string): void {
    clearTimeout(this.typingTimers.get(id));
    this.typingTimers.set(
      id,
      setTimeout(() => void this.setTyping(id, false), TYPING_IDLE_MS),
    );
    void this.setTyping(id, true);
  }

  private async setTyping(id: string, typing: boolean): Promise<void> {
    if ((this.typingSent.get(id) ?? false) === typing) return;
    if (!typing) clearTimeout(this.typingTimers.get(id));
    this.typingSent.set(id, typing);
    await api('POST', `/conversations/${encodeURIComponent(id)}/typing`, { typing }).catch(() => {
      this.typingSent.delete(id);
    });
  }

  private async markRead(id: string): Promise<void> {
    const thread = this.threads.get(id);
    if (!thread || thread.conversation.status === 'queued') return;
    const upToSeq = thread.lastSeq;
    if (upToSeq <= (this.readSent.get(id) ?? 0)) return;
    this.readSent.set(id, upToSeq);
    await api('POST', `/conversations/${encodeURIComponent(id)}/read`, { upToSeq }).catch(() => {
      this.readSent.delete(id);
    });
  }

  private updatePending(id: string, change: (pending: readonly PendingReply[]) => PendingReply[]): void {
    const thread = this.threads.get(id);
    if (!thread) return;
    this.threads.set(id, { ...thread, pending: change(thread.pending) });
    this.changed();
  }
}
