import type {
  Attachment,
  ChatEvent,
  ChatMessage,
  ChatStream,
  ChatStreamHandlers,
  Conversation,
  ConversationInput,
  ConversationStatus,
} from '../../model/chat.js';
import type { MemoryContext } from './memory-context.js';

/** Seconds a queued shopper waits per conversation ahead of them (and their own). */
export const WAIT_SECONDS_PER_CONVERSATION = 60;

export interface StoredConversation {
  readonly id: string;
  readonly token: string;
  /** What the shopper started with; its `context` changes when they ask about another article. */
  input: ConversationInput;
  /** The signed-in shopper it belongs to (started with their identity token), if any. */
  readonly customerId: string | undefined;
  /** Its place in the order conversations started, which breaks ties between equal instants. */
  readonly arrival: number;
  readonly createdAt: string;
  /** The last message, agent joining or status change: what a shopper's history is ordered by. */
  updatedAt: string;
  status: ConversationStatus;
  agentName: string | undefined;
  queuePosition: number | undefined;
  shopperTyping: boolean;
  agentTyping: boolean;
  shopperReadUpTo: number;
  /** Messages and every other event, in order: `events[i].seq === i + 1`. */
  readonly events: ChatEvent[];
  readonly messagesByClientId: Map<string, ChatMessage>;
  readonly transcriptEmails: string[];
  readonly subscribers: Set<Subscriber>;
}

interface Subscriber {
  readonly handlers: ChatStreamHandlers;
  opened: boolean;
  closed: boolean;
  /** Events that happened after subscribing but before `open` was announced. */
  readonly backlog: ChatEvent[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the log gives it its sequence number. */
export type ChatEventBody = DistributiveOmit<ChatEvent, 'seq'>;

/**
 * The conversations and their event logs. Every change goes through `append`, which gives it the
 * next sequence number and hands it to the live streams: the one place that keeps seqs gap-free.
 */
export function createChatRoom(context: MemoryContext) {
  const conversations = new Map<string, StoredConversation>();

  function append(conversation: StoredConversation, body: ChatEventBody): ChatEvent {
    const event = { ...body, seq: conversation.events.length + 1 } as ChatEvent;
    conversation.events.push(event);
    // News moves a conversation up the shopper's history; typing and receipts do not.
    if (event.type === 'message' || event.type === 'status' || event.type === 'agent_joined') {
      conversation.updatedAt = context.nowIso();
    }
    for (const subscriber of conversation.subscribers) {
      if (!subscriber.opened) subscriber.backlog.push(event);
      // Delivered asynchronously, as a socket would, so no handler runs inside the caller's call.
      else queueMicrotask(() => deliver(subscriber, event));
    }
    return event;
  }

  function deliver(subscriber: Subscriber, event: ChatEvent): void {
    if (!subscriber.closed) subscriber.handlers.onEvent(structuredClone(event));
  }

  const queued = () => [...conversations.values()].filter((conversation) => conversation.status === 'queued');

  /** Tells every queued shopper whose place changed where they are now. */
  function refreshQueue(): void {
    queued().forEach((conversation, index) => {
      const position = index + 1;
      if (conversation.queuePosition === position) return;
      conversation.queuePosition = position;
      append(conversation, {
        type: 'queue',
        position,
        estimatedWaitSeconds: position * WAIT_SECONDS_PER_CONVERSATION,
      });
    });
  }

  function setStatus(conversation: StoredConversation, status: ConversationStatus): void {
    if (conversation.status === status) return;
    conversation.status = status;
    if (status !== 'queued') conversation.queuePosition = undefined;
    append(conversation, { type: 'status', status });
    refreshQueue();
  }

  return {
    get: (id: string) => conversations.get(id),
    all: () => [...conversations.values()],
    queued,
    create(input: ConversationInput, customerId?: string): StoredConversation {
      const createdAt = context.nowIso();
      const conversation: StoredConversation = {
        id: context.nextId('conv'),
        token: context.newToken(),
        input: structuredClone(input),
        customerId,
        arrival: conversations.size + 1,
        createdAt,
        updatedAt: createdAt,
        status: 'queued',
        agentName: undefined,
        queuePosition: queued().length + 1,
        shopperTyping: false,
        agentTyping: false,
        shopperReadUpTo: 0,
        events: [],
        messagesByClientId: new Map(),
        transcriptEmails: [],
        subscribers: new Set(),
      };
      conversations.set(conversation.id, conversation);
      return conversation;
    },
    view(conversation: StoredConversation): Conversation {
      return {
        id: conversation.id,
        token: conversation.token,
        status: conversation.status,
        ...(conversation.queuePosition === undefined ? {} : { queuePosition: conversation.queuePosition }),
        ...(conversation.agentName === undefined ? {} : { agentName: conversation.agentName }),
      };
    },
    messages: (conversation: StoredConversation) =>
      conversation.events.flatMap((event) => (event.type === 'message' ? [event.message] : [])),
    append,
    post(
      conversation: StoredConversation,
      author: ChatMessage['author'],
      text: string,
      extra: { clientId?: string; authorName?: string; attachments?: readonly Attachment[] } = {},
    ): ChatMessage {
      const message: ChatMessage = {
        id: context.nextId('msg'),
        seq: conversation.events.length + 1,
        author,
        text,
        createdAt: context.nowIso(),
        ...extra,
      };
      if (message.clientId !== undefined) conversation.messagesByClientId.set(message.clientId, message);
      append(conversation, { type: 'message', message });
      return message;
    },
    join(conversation: StoredConversation, agentName: string): void {
      if (conversation.status === 'closed') return;
      conversation.agentName = agentName;
      append(conversation, { type: 'agent_joined', agentName });
      setStatus(conversation, 'open');
    },
    close(conversation: StoredConversation): void {
      setStatus(conversation, 'closed');
    },
    typing(conversation: StoredConversation, author: 'shopper' | 'agent', typing: boolean): void {
      const key = author === 'shopper' ? 'shopperTyping' : 'agentTyping';
      // Only changes are news; a stream of "still typing" would flood the log.
      if (conversation[key] === typing) return;
      conversation[key] = typing;
      append(conversation, { type: 'typing', author, typing });
    },
    subscribe(conversation: StoredConversation, handlers: ChatStreamHandlers): ChatStream {
      const subscriber: Subscriber = { handlers, opened: false, closed: false, backlog: [] };
      conversation.subscribers.add(subscriber);
      setTimeout(() => {
        if (subscriber.closed) return;
        subscriber.opened = true;
        handlers.onConnection('open');
        for (const event of subscriber.backlog.splice(0)) deliver(subscriber, event);
      }, 0);
      return {
        close() {
          subscriber.closed = true;
          conversation.subscribers.delete(subscriber);
        },
      };
    },
  };
}

export type ChatRoom = ReturnType<typeof createChatRoom>;
