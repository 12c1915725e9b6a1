import { randomBytes } from 'node:crypto';
import { sameDigest, sha256 } from '../services/crypto.js';
import type {
  Attachment,
  Availability,
  ChatEvent,
  ChatMessage,
  Conversation,
  ConversationContext,
  ConversationInput,
  ConversationState,
  ConversationStatus,
  ConversationSummary as ShopperConversationSummary,
} from '@kefu/core';
import { isOpenAt, nextOpeningAt, previewOf } from '@kefu/core/domain';
import type { ServerDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { isUniqueViolation } from '../db/tx.js';
import type { ChatHub } from './hub.js';
import { createChatTables, type ConversationRow, type ListPosition } from './tables.js';
import { messages as explain } from './validation.js';

/** Seconds a queued shopper waits per conversation up to and including their own. */
export const WAIT_SECONDS_PER_POSITION = 90;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type ChatEventBody = DistributiveOmit<ChatEvent, 'seq'>;
type Author = 'shopper' | 'agent';

export interface ChatServiceOptions {
  /** KEFU_CHAT_ALWAYS_OPEN: the demo's chat is open without business hours or an agent online. */
  readonly alwaysOpen: boolean;
  readonly agentsOnline: () => number;
}

export interface OutgoingMessage {
  /** The sender's idempotency key; a repeat answers the stored message. */
  readonly clientId: string;
  readonly text: string;
  readonly attachments?: readonly Attachment[];
}

/** What the agent console lists and shows about a conversation. */
export interface ConversationSummary {
  readonly id: string;
  readonly status: ConversationStatus;
  readonly name: string;
  readonly email: string;
  readonly topic: string;
  readonly orderNumber?: string;
  /** The help article the shopper came from; shown beside their words, never inside them. */
  readonly context?: ConversationContext;
  readonly agentName?: string;
  readonly queuePosition?: number;
  readonly createdAt: string;
  readonly closedAt?: string;
  readonly lastSeq: number;
  readonly shopperTyping: boolean;
  readonly shopperReadUpTo: number;
  readonly agentReadUpTo: number;
}

export type ChatService = ReturnType<typeof createChatService>;

/** What a shopper's call on a conversation carries: its token, or a signed-in shopper's customer id. */
export interface ShopperCredentials {
  /** The bearer token as sent (a conversation's token, or anything else). */
  readonly token?: string | undefined;
  /** The `sub` of a valid identity token, when the bearer token is one. */
  readonly customerId?: string | undefined;
}

/**
 * The chat's rules over SQLite. Every change runs in one IMMEDIATE transaction that takes the next
 * seq(s) from the conversation's counter and writes the events; only after it commits are the
 * events published to the sockets, so nothing a client was told about can be lost by a restart.
 */
export function createChatService(deps: ServerDeps, hub: ChatHub, options: ChatServiceOptions) {
  const tables = createChatTables(deps.db);
  const nowIso = () => new Date(deps.now()).toISOString();
  const inTransaction = deps.db.transaction((work: () => unknown) => work());
  let pending: { conversationId: string; event: ChatEvent; clientId?: string }[] = [];
  let listDirty = false;

  /**
   * Runs `work` in a transaction and hands back the publishing of what it appended, to run once
   * the outermost transaction committed (never for what was rolled back).
   */
  function writeDeferred<T>(work: () => T): { result: T; publish: () => void } {
    pending = [];
    listDirty = false;
    let result: T;
    try {
      result = inTransaction.immediate(work) as T;
    } catch (error) {
      pending = [];
      listDirty = false;
      throw error;
    }
    const committed = pending;
    const listChanged = listDirty;
    pending = [];
    listDirty = false;
    const publish = () => {
      for (const { conversationId, event, clientId } of committed) hub.publish(conversationId, event, clientId);
      if (listChanged) hub.listChanged();
    };
    return { result, publish };
  }

  /** Runs `work` in its own transaction, then publishes what it appended. */
  function write<T>(work: () => T): T {
    const { result, publish } = writeDeferred(work);
    publish();
    return result;
  }

  function append(conversationId: string, body: ChatEventBody): ChatEvent {
    // `type` then `seq` first, as the contract shows the frames.
    const { type, ...rest } = body;
    const event = { type, seq: tables.nextSeq(conversationId), ...rest } as ChatEvent;
    const at = nowIso();
    tables.insertEvent(conversationId, event, at);
    // What the shopper's history is ordered by: news (an agent, a new status), not typing or receipts.
    if (type === 'status' || type === 'agent_joined') tables.touch(conversationId, at);
    pending.push({ conversationId, event });
    return event;
  }

  function post(
    row: ConversationRow,
    author: ChatMessage['author'],
    text: string,
    extra: { clientId?: string; authorName?: string; attachments?: readonly Attachment[] },
  ): ChatMessage {
    const seq = tables.nextSeq(row.id);
    const message: ChatMessage = {
      id: `m_${randomBytes(12).toString('base64url')}`,
      ...(author === 'shopper' && extra.clientId !== undefined ? { clientId: extra.clientId } : {}),
      seq,
      author,
      ...(extra.authorName === undefined ? {} : { authorName: extra.authorName }),
      text,
      ...(extra.attachments && extra.attachments.length > 0 ? { attachments: extra.attachments } : {}),
      createdAt: nowIso(),
    };
    const event: ChatEvent = { type: 'message', seq, message };
    tables.insertEvent(row.id, event, message.createdAt);
    tables.insertMessage(row.id, message, extra.clientId);
    tables.touch(row.id, message.createdAt);
    pending.push({
      conversationId: row.id,
      event,
      ...(extra.clientId === undefined ? {} : { clientId: extra.clientId }),
    });
    return message;
  }

  /** Tells every queued shopper whose place changed where they are now. */
  function refreshQueue(): void {
    tables.queued().forEach((row, index) => {
      const position = index + 1;
      if (row.queue_position === position) return;
      tables.setQueuePosition(row.id, position);
      append(row.id, { type: 'queue', position, estimatedWaitSeconds: position * WAIT_SECONDS_PER_POSITION });
    });
  }

  function setStatus(row: ConversationRow, status: ConversationStatus): void {
    if (row.status === status) return;
    tables.setStatus(row.id, status, status === 'closed' ? nowIso() : null);
    append(row.id, { type: 'status', status });
    refreshQueue();
    listDirty = true;
  }

  const notFound = () => new ApiError(404, 'conversation_not_found', 'We could not find that conversation.');

  function existing(id: string): ConversationRow {
    const row = tables.conversation(id);
    if (!row) throw notFound();
    return row;
  }

  /** Whether a shopper's credentials open `row`: its own token, or the identity of its owner. */
  function opens(row: ConversationRow, credentials: ShopperCredentials): boolean {
    const { token, customerId } = credentials;
    if (token !== undefined && sameDigest(row.token_hash, sha256(token))) return true;
    return customerId !== undefined && row.customer_id === customerId;
  }

  /** A conversation as the shopper's history lists it. */
  function historyEntry(row: ConversationRow): ShopperConversationSummary {
    const last = tables.lastMessage(row.id);
    return {
      id: row.id,
      status: row.status,
      topic: row.topic,
      ...(row.agent_name === null ? {} : { agentName: row.agent_name }),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(last ? { lastMessage: previewOf(last) } : {}),
      lastSeq: row.last_seq,
      unread: tables.unreadCount(row.id, row.shopper_read_up_to),
    };
  }

  function view(row: ConversationRow, token: string): Conversation {
    return {
      id: row.id,
      token,
      status: row.status,
      ...(row.status === 'queued' && row.queue_position !== null ? { queuePosition: row.queue_position } : {}),
      ...(row.agent_name === null ? {} : { agentName: row.agent_name }),
    };
  }

  function contextOf(row: ConversationRow): ConversationContext | undefined {
    return row.context_article_id === null || row.context_article_title === null
      ? undefined
      : { articleId: row.context_article_id, articleTitle: row.context_article_title };
  }

  /** Where a conversation stands now, for a shopper catching up (GET /conversations/{id}). */
  function state(row: ConversationRow): ConversationState {
    const context = contextOf(row);
    return {
      id: row.id,
      status: row.status,
      ...(row.status === 'queued' && row.queue_position !== null ? { queuePosition: row.queue_position } : {}),
      ...(row.agent_name === null ? {} : { agentName: row.agent_name }),
      lastSeq: row.last_seq,
      ...(context ? { context } : {}),
    };
  }

  function summary(row: ConversationRow): ConversationSummary {
    const context = contextOf(row);
    return {
      id: row.id,
      status: row.status,
      name: row.shopper_name,
      email: row.shopper_email,
      topic: row.topic,
      ...(row.order_number === null ? {} : { orderNumber: row.order_number }),
      ...(context ? { context } : {}),
      ...(row.agent_name === null ? {} : { agentName: row.agent_name }),
      ...(row.status === 'queued' && row.queue_position !== null ? { queuePosition: row.queue_position } : {}),
      createdAt: row.created_at,
      ...(row.closed_at === null ? {} : { closedAt: row.closed_at }),
      lastSeq: row.last_seq,
      shopperTyping: row.shopper_typing === 1,
      shopperReadUpTo: row.shopper_read_up_to,
      agentReadUpTo: row.agent_read_up_to,
    };
  }

  return {
    availability(): Availability {
      const now = deps.now();
      const { businessHours } = deps.config;
      const agentsOnline = options.agentsOnline();
      const withinHours = isOpenAt(businessHours, now);
      const queueLength = tables.queuedCount();
      const nextOpening = options.alwaysOpen || withinHours ? undefined : nextOpeningAt(businessHours, now);
      return {
        open: options.alwaysOpen || (withinHours && agentsOnline > 0),
        agentsOnline,
        queueLength,
        // A new conversation would be at position queueLength + 1.
        estimatedWaitSeconds: (queueLength + 1) * WAIT_SECONDS_PER_POSITION,
        ...(nextOpening === undefined ? {} : { nextOpeningAt: new Date(nextOpening).toISOString() }),
      };
    },

    /**
     * Starts a conversation (input already validated by the route's schema). It runs inside the
     * idempotency record's transaction, so publishing waits: call `publish` once that committed.
     */
    start(
      input: ConversationInput,
      /** The signed-in shopper's customer id (a valid identity token's `sub`): the conversation is theirs. */
      customerId?: string,
    ): { conversation: Conversation; publish: () => void } {
      const token = randomBytes(24).toString('base64url');
      const { result, publish } = writeDeferred(() => {
        const id = `c_${randomBytes(12).toString('base64url')}`;
        const name = input.name.trim();
        tables.insertConversation({
          id,
          token_hash: sha256(token),
          shopper_name: name,
          shopper_email: input.email.trim(),
          topic: input.topic.trim(),
          order_number: input.orderNumber?.trim() || null,
          queue_position: tables.queuedCount() + 1,
          created_at: nowIso(),
          customer_id: customerId ?? null,
          context_article_id: input.context?.articleId.trim() ?? null,
          context_article_title: input.context?.articleTitle.trim() ?? null,
        });
        const firstMessage = input.message?.trim();
        if (firstMessage) post(existing(id), 'shopper', firstMessage, { authorName: name });
        listDirty = true;
        return view(existing(id), token);
      });
      return { conversation: result, publish };
    },

    /**
     * The conversation behind `id` for a shopper's call: with its own token, or with the identity
     * of the customer it belongs to. 404 when unknown, and for another customer's identity too, so
     * a signed-in shopper cannot tell which conversations exist; 401 for a missing or wrong token.
     */
    authorize(id: string, credentials: ShopperCredentials): ConversationRow {
      const row = existing(id);
      if (opens(row, credentials)) return row;
      if (credentials.customerId !== undefined) throw notFound();
      throw new ApiError(401, 'unauthorized', 'This chat has expired; please start a new one.');
    },

    /** Whether the credentials open conversation `id`, without saying which part was wrong (the stream's check). */
    isOpenedBy(id: string, credentials: ShopperCredentials): boolean {
      const row = tables.conversation(id);
      return row !== undefined && opens(row, credentials);
    },

    /** The customer a conversation belongs to; undefined for an unknown or anonymous one. */
    ownerOf: (id: string) => tables.conversation(id)?.customer_id ?? undefined,

    /**
     * One page of a customer's conversations, most recently active first, and where the next page
     * starts when there may be one.
     */
    history(
      customerId: string,
      limit: number,
      after?: ListPosition,
    ): { conversations: ShopperConversationSummary[]; next?: ListPosition } {
      // One more than asked tells whether another page exists without a second query.
      const rows = tables.conversationsOf(customerId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        conversations: page.map(historyEntry),
        ...(rows.length > limit && last ? { next: { updatedAt: last.updated_at, id: last.id } } : {}),
      };
    },

    /** The conversation a bearer token opens, if any (uploads of chat attachments ask). */
    conversationIdFor: (token: string) => tables.idByTokenHash(sha256(token)),

    conversation: (id: string) => existing(id),
    state: (id: string) => state(existing(id)),
    view,
    summary,
    summaries: () => tables.live().map(summary),

    /**
     * Stores a message once per clientId: a repeat (a retry after a lost response) answers the
     * stored message with `created: false`. The check and the insert share one IMMEDIATE
     * transaction, and the unique index backs it up should another process write the same row.
     */
    send(
      id: string,
      author: Author,
      input: OutgoingMessage,
      /** The agent's name as they signed in; the shopper's is the one they started with. */
      agentName?: string,
    ): { message: ChatMessage; created: boolean } {
      try {
        return write(() => {
          const stored = tables.messageByClientId(id, input.clientId);
          if (stored) return { message: stored, created: false };
          const row = existing(id);
          if (row.status === 'closed') throw new ApiError(409, 'conversation_closed', 'This conversation has ended.');
          const authorName = author === 'shopper' ? row.shopper_name : (agentName ?? row.agent_name ?? undefined);
          const message = post(row, author, input.text, {
            clientId: input.clientId,
            ...(authorName === undefined ? {} : { authorName }),
            ...(input.attachments ? { attachments: input.attachments } : {}),
          });
          return { message, created: true };
        });
      } catch (error) {
        const stored = isUniqueViolation(error) ? tables.messageByClientId(id, input.clientId) : undefined;
        if (stored) return { message: stored, created: false };
        throw error;
      }
    },

    messages: (id: string, afterSeq: number) => tables.messagesAfter(id, afterSeq, false),
    /** For the console: its own replies carry their clientId too, so it can match them. */
    messagesForAgent: (id: string, afterSeq: number) => tables.messagesAfter(id, afterSeq, true),
    events: (id: string, afterSeq: number) => tables.eventsAfter(id, afterSeq),

    /** Only changes are news: a stream of "still typing" would flood the log. */
    typing(id: string, author: Author, typing: boolean): void {
      write(() => {
        const row = existing(id);
        const current = (author === 'shopper' ? row.shopper_typing : row.agent_typing) === 1;
        if (row.status === 'closed' || current === typing) return;
        tables.setTyping(id, author, typing);
        append(id, { type: 'typing', author, typing });
      });
    },

    /** Receipts only move forward: an older one (from another tab) tells nobody anything new. */
    markRead(id: string, author: Author, upToSeq: number): void {
      write(() => {
        const row = existing(id);
        if (!Number.isInteger(upToSeq) || upToSeq < 0 || upToSeq > row.last_seq) {
          throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
            upToSeq: explain.upToSeq,
          });
        }
        const current = author === 'shopper' ? row.shopper_read_up_to : row.agent_read_up_to;
        if (upToSeq <= current) return;
        tables.setRead(id, author, upToSeq);
        append(id, { type: 'read', author, upToSeq });
      });
    },

    /** An agent takes a queued conversation; accepting one's own again is a no-op. */
    accept(id: string, agentName: string): ConversationRow {
      return write(() => {
        const row = existing(id);
        if (row.status === 'closed') throw new ApiError(409, 'conversation_closed', 'This conversation has ended.');
        if (row.status === 'open') {
          if (row.agent_name === agentName) return row;
          throw new ApiError(409, 'conversation_taken', 'Another agent is already in this conversation.');
        }
        tables.setAgent(id, agentName);
        append(id, { type: 'agent_joined', agentName });
        setStatus(existing(id), 'open');
        return existing(id);
      });
    },

    close(id: string): ConversationRow {
      return write(() => {
        setStatus(existing(id), 'closed');
        return existing(id);
      });
    },

    /**
     * The shopper asked about an article while this conversation was open or queued: the article
     * becomes its context (the latest one asked about), shown to the agent beside the shopper's
     * words. The agents' list is told, so an open console shows it at once.
     */
    setContext(id: string, context: ConversationContext): ConversationRow {
      return write(() => {
        const row = existing(id);
        if (row.status === 'closed') throw new ApiError(409, 'conversation_closed', 'This conversation has ended.');
        tables.setContext(id, { articleId: context.articleId.trim(), articleTitle: context.articleTitle.trim() });
        listDirty = true;
        return existing(id);
      });
    },

    /** Recorded for a mailer; the reference server sends no email and logs no address. */
    requestTranscript(id: string, email: string): void {
      write(() => tables.insertTranscriptRequest(existing(id).id, email.trim(), nowIso()));
    },
  };
}
