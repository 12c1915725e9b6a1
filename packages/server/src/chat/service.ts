import { randomBytes } from 'node:crypto';
import { sameDigest, sha256 } from '../services/crypto.js';
import type {
  Attachment,
  Availability,
  ChatEvent,
  ChatMessage,
  Conversation,
  ConversationInput,
  ConversationStatus,
} from '@kefu/core';
import { isOpenAt, nextOpeningAt } from '@kefu/core/domain';
import type { ServerDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { ChatHub } from './hub.js';
import { createChatTables, type ConversationRow } from './tables.js';
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
    tables.insertEvent(conversationId, event, nowIso());
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

  function existing(id: string): ConversationRow {
    const row = tables.conversation(id);
    if (!row) throw new ApiError(404, 'conversation_not_found', 'We could not find that conversation.');
    return row;
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

  function summary(row: ConversationRow): ConversationSummary {
    return {
      id: row.id,
      status: row.status,
      name: row.shopper_name,
      email: row.shopper_email,
      topic: row.topic,
      ...(row.order_number === null ? {} : { orderNumber: row.order_number }),
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
    start(input: ConversationInput): { conversation: Conversation; publish: () => void } {
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
        });
        const firstMessage = input.message?.trim();
        if (firstMessage) post(existing(id), 'shopper', firstMessage, { authorName: name });
        listDirty = true;
        return view(existing(id), token);
      });
      return { conversation: result, publish };
    },

    /** The conversation behind `id` if `token` is its token: 404 when unknown, 401 otherwise. */
    authorize(id: string, token: string | undefined): ConversationRow {
      const row = existing(id);
      if (token === undefined || !sameDigest(row.token_hash, sha256(token))) {
        throw new ApiError(401, 'unauthorized', 'This chat has expired; please start a new one.');
      }
      return row;
    },

    /** Whether `token` opens conversation `id`, without saying which part was wrong (the stream's check). */
    isTokenFor(id: string, token: string): boolean {
      const row = tables.conversation(id);
      if (!row) return false;
      return sameDigest(row.token_hash, sha256(token));
    },

    /** The conversation a bearer token opens, if any (uploads of chat attachments ask). */
    conversationIdFor: (token: string) => tables.idByTokenHash(sha256(token)),

    conversation: (id: string) => existing(id),
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

    /** Recorded for a mailer; the reference server sends no email and logs no address. */
    requestTranscript(id: string, email: string): void {
      write(() => tables.insertTranscriptRequest(existing(id).id, email.trim(), nowIso()));
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as { code: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
