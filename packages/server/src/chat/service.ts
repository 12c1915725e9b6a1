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
  StoreConfig,
} from '@kefu/core';
import { isOpenAt, nextOpeningAt, previewOf } from '@kefu/core/domain';
import type { Kysely, Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { inTransaction, isUniqueViolation, lock, type Executor } from '../db/tx.js';
import { conversationEventData, recordWebhookEvent } from '../webhooks/events.js';
import type { ChatHub } from './hub.js';
import { chatTables, type ChatTables, type ConversationRow, type ListPosition } from './tables.js';
import { messages as explain } from './validation.js';

/** Seconds a queued shopper waits per conversation up to and including their own. */
export const WAIT_SECONDS_PER_POSITION = 90;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type ChatEventBody = DistributiveOmit<ChatEvent, 'seq'>;
type Author = 'shopper' | 'agent';

export interface ChatServiceOptions {
  /** KEFU_CHAT_ALWAYS_OPEN: the demo's chat is open without business hours or an agent online. */
  readonly alwaysOpen: boolean;
  /** Distinct agents with a console open, on any instance (a database read on several). */
  readonly agentsOnline: () => number | Promise<number>;
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

/** What the chat service is built from: the database (Kysely), the clock, the store's hours. */
export interface ChatStore {
  readonly db: Kysely<KefuDatabase>;
  readonly now: () => number;
  readonly config: Pick<StoreConfig, 'businessHours'>;
}

/** An event a write appended, to publish once its transaction committed. */
interface Appended {
  readonly conversationId: string;
  readonly event: ChatEvent;
  readonly clientId?: string;
}

/**
 * One write's own state: the tables over its transaction, the events it appended and whether the
 * console's list changed. Made per write, so two requests whose transactions overlap (PostgreSQL,
 * or any await inside one) never publish each other's events.
 */
interface Write {
  readonly trx: Transaction<KefuDatabase>;
  readonly tables: ChatTables;
  readonly appended: Appended[];
  listChanged: boolean;
}

/**
 * The chat's rules, on either engine. Every change runs in one transaction that takes the next
 * seq(s) from the conversation's counter and writes the events; only after it commits are the
 * events published to the sockets, so nothing a client was told about can be lost by a restart,
 * and nothing rolled back is ever told.
 *
 * Locks (decision 0016, §4; no-ops on SQLite, whose one connection already serializes): a write
 * to a conversation reads it under its row lock first (`tables.locked`), so its checks still hold
 * when it writes; the changes of the queue (start, accept, close) take the `chat_queue` lock
 * before any row lock, because queue positions are computed over every queued conversation. Only
 * those hold more than one conversation's row lock, so two writes never wait on each other in a
 * circle.
 */
export function createChatService(store: ChatStore, hub: ChatHub, options: ChatServiceOptions) {
  const { db } = store;
  const tables = chatTables(db);
  const nowIso = () => new Date(store.now()).toISOString();

  /**
   * Runs `work` in the executor's transaction (a caller's, such as the idempotency record's, or a
   * new one) and hands back the publishing of what it appended, to run once that transaction
   * committed (never for what was rolled back).
   */
  async function writeDeferred<T>(
    executor: Executor,
    work: (write: Write) => Promise<T>,
  ): Promise<{ result: T; publish: () => void }> {
    const result = await inTransaction(executor, async (trx) => {
      const write: Write = { trx, tables: chatTables(trx), appended: [], listChanged: false };
      const value = await work(write);
      // Other instances hear of the write with its commit, never of a rollback (decision 0016, §7).
      if (hub.inTransaction && (write.appended.length > 0 || write.listChanged)) {
        await hub.inTransaction(trx, {
          events: write.appended.map(({ conversationId, event }) => ({ conversationId, seq: event.seq })),
          listChanged: write.listChanged,
        });
      }
      return { value, write };
    });
    const { appended, listChanged } = result.write;
    const publish = () => {
      for (const { conversationId, event, clientId } of appended) hub.publish(conversationId, event, clientId);
      if (listChanged) hub.listChanged();
    };
    return { result: result.value, publish };
  }

  /** Runs `work` in its own transaction, then publishes what it appended. */
  async function write<T>(work: (write: Write) => Promise<T>): Promise<T> {
    const { result, publish } = await writeDeferred(db, work);
    publish();
    return result;
  }

  async function append(write: Write, conversationId: string, body: ChatEventBody): Promise<ChatEvent> {
    // `type` then `seq` first, as the contract shows the frames.
    const { type, ...rest } = body;
    const event = { type, seq: await write.tables.nextSeq(conversationId), ...rest } as ChatEvent;
    const at = nowIso();
    await write.tables.insertEvent(conversationId, event, at);
    // What the shopper's history is ordered by: news (an agent, a new status), not typing or receipts.
    if (type === 'status' || type === 'agent_joined') await write.tables.touch(conversationId, at);
    write.appended.push({ conversationId, event });
    return event;
  }

  async function post(
    write: Write,
    row: ConversationRow,
    author: ChatMessage['author'],
    text: string,
    extra: { clientId?: string; authorName?: string; attachments?: readonly Attachment[] },
  ): Promise<ChatMessage> {
    const seq = await write.tables.nextSeq(row.id);
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
    await write.tables.insertEvent(row.id, event, message.createdAt);
    await write.tables.insertMessage(row.id, message, extra.clientId);
    await write.tables.touch(row.id, message.createdAt);
    write.appended.push({
      conversationId: row.id,
      event,
      ...(extra.clientId === undefined ? {} : { clientId: extra.clientId }),
    });
    return message;
  }

  /** Tells every queued shopper whose place changed where they are now. Hold the queue lock. */
  async function refreshQueue(write: Write): Promise<void> {
    const queued = await write.tables.queued();
    for (const [index, row] of queued.entries()) {
      const position = index + 1;
      if (row.queue_position === position) continue;
      await write.tables.setQueuePosition(row.id, position);
      await append(write, row.id, {
        type: 'queue',
        position,
        estimatedWaitSeconds: position * WAIT_SECONDS_PER_POSITION,
      });
    }
  }

  async function setStatus(write: Write, row: ConversationRow, status: ConversationStatus): Promise<void> {
    if (row.status === status) return;
    await write.tables.setStatus(row.id, status, status === 'closed' ? nowIso() : null);
    await append(write, row.id, { type: 'status', status });
    await refreshQueue(write);
    write.listChanged = true;
  }

  /** Takes the queue lock: call first in a write that changes which conversations are queued. */
  const lockQueue = (write: Write) => lock(write.trx, 'chat_queue', '');

  const notFound = () => new ApiError(404, 'conversation_not_found', 'We could not find that conversation.');

  async function existing(id: string, from: ChatTables = tables): Promise<ConversationRow> {
    const row = await from.conversation(id);
    if (!row) throw notFound();
    return row;
  }

  /** The conversation under its row lock, inside a write (404 when unknown). */
  async function locked(write: Write, id: string): Promise<ConversationRow> {
    const row = await write.tables.locked(id);
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
  async function historyEntry(row: ConversationRow): Promise<ShopperConversationSummary> {
    const last = await tables.lastMessage(row.id);
    return {
      id: row.id,
      status: row.status,
      topic: row.topic,
      ...(row.agent_name === null ? {} : { agentName: row.agent_name }),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(last ? { lastMessage: previewOf(last) } : {}),
      lastSeq: row.last_seq,
      unread: await tables.unreadCount(row.id, row.shopper_read_up_to),
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
    async availability(): Promise<Availability> {
      const now = store.now();
      const { businessHours } = store.config;
      const agentsOnline = await options.agentsOnline();
      const withinHours = isOpenAt(businessHours, now);
      const queueLength = await tables.queuedCount();
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
     * Starts a conversation (input already validated by the route's schema). It runs inside
     * `executor`'s transaction (the idempotency record's), so publishing waits: call `publish`
     * once that committed.
     */
    async start(
      input: ConversationInput,
      /** The signed-in shopper's customer id (a valid identity token's `sub`): the conversation is theirs. */
      customerId: string | undefined,
      executor: Executor = db,
    ): Promise<{ conversation: Conversation; publish: () => void }> {
      const token = randomBytes(24).toString('base64url');
      const { result, publish } = await writeDeferred(executor, async (write) => {
        await lockQueue(write);
        const id = `c_${randomBytes(12).toString('base64url')}`;
        const name = input.name.trim();
        await write.tables.insertConversation({
          id,
          token_hash: sha256(token),
          shopper_name: name,
          shopper_email: input.email.trim(),
          topic: input.topic.trim(),
          order_number: input.orderNumber?.trim() || null,
          queue_position: (await write.tables.queuedCount()) + 1,
          created_at: nowIso(),
          customer_id: customerId ?? null,
          context_article_id: input.context?.articleId.trim() ?? null,
          context_article_title: input.context?.articleTitle.trim() ?? null,
        });
        const firstMessage = input.message?.trim();
        if (firstMessage) await post(write, await locked(write, id), 'shopper', firstMessage, { authorName: name });
        write.listChanged = true;
        return view(await locked(write, id), token);
      });
      return { conversation: result, publish };
    },

    /**
     * The conversation behind `id` for a shopper's call: with its own token, or with the identity
     * of the customer it belongs to. 404 when unknown, and for another customer's identity too, so
     * a signed-in shopper cannot tell which conversations exist; 401 for a missing or wrong token.
     */
    async authorize(id: string, credentials: ShopperCredentials): Promise<ConversationRow> {
      const row = await existing(id);
      if (opens(row, credentials)) return row;
      if (credentials.customerId !== undefined) throw notFound();
      throw new ApiError(401, 'unauthorized', 'This chat has expired; please start a new one.');
    },

    /** Whether the credentials open conversation `id`, without saying which part was wrong (the stream's check). */
    async isOpenedBy(id: string, credentials: ShopperCredentials): Promise<boolean> {
      const row = await tables.conversation(id);
      return row !== undefined && opens(row, credentials);
    },

    /** The customer a conversation belongs to; undefined for an unknown or anonymous one. */
    ownerOf: async (id: string) => (await tables.conversation(id))?.customer_id ?? undefined,

    /**
     * One page of a customer's conversations, most recently active first, and where the next page
     * starts when there may be one.
     */
    async history(
      customerId: string,
      limit: number,
      after?: ListPosition,
    ): Promise<{ conversations: ShopperConversationSummary[]; next?: ListPosition }> {
      // One more than asked tells whether another page exists without a second query.
      const rows = await tables.conversationsOf(customerId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const conversations: ShopperConversationSummary[] = [];
      for (const row of page) conversations.push(await historyEntry(row));
      return {
        conversations,
        ...(rows.length > limit && last ? { next: { updatedAt: last.updated_at, id: last.id } } : {}),
      };
    },

    /** The conversation a bearer token opens, if any (uploads of chat attachments ask). */
    conversationIdFor: (token: string) => tables.idByTokenHash(sha256(token)),

    conversation: (id: string) => existing(id),
    state: async (id: string) => state(await existing(id)),
    view,
    summary,
    summaries: async () => (await tables.live()).map(summary),

    /**
     * Stores a message once per clientId: a repeat (a retry after a lost response) answers the
     * stored message with `created: false`. The check runs under the conversation's row lock, so
     * a racing repeat waits and then finds the first; the unique index backs it up should anything
     * else write the same row.
     */
    async send(
      id: string,
      author: Author,
      input: OutgoingMessage,
      /** The agent's name as they signed in; the shopper's is the one they started with. */
      agentName?: string,
    ): Promise<{ message: ChatMessage; created: boolean }> {
      try {
        return await write(async (write) => {
          const row = await locked(write, id);
          const stored = await write.tables.messageByClientId(id, input.clientId);
          if (stored) return { message: stored, created: false };
          if (row.status === 'closed') throw new ApiError(409, 'conversation_closed', 'This conversation has ended.');
          const authorName = author === 'shopper' ? row.shopper_name : (agentName ?? row.agent_name ?? undefined);
          const message = await post(write, row, author, input.text, {
            clientId: input.clientId,
            ...(authorName === undefined ? {} : { authorName }),
            ...(input.attachments ? { attachments: input.attachments } : {}),
          });
          return { message, created: true };
        });
      } catch (error) {
        const stored = isUniqueViolation(error) ? await tables.messageByClientId(id, input.clientId) : undefined;
        if (stored) return { message: stored, created: false };
        throw error;
      }
    },

    messages: (id: string, afterSeq: number) => tables.messagesAfter(id, afterSeq, false),
    /** For the console: its own replies carry their clientId too, so it can match them. */
    messagesForAgent: (id: string, afterSeq: number) => tables.messagesAfter(id, afterSeq, true),
    events: (id: string, afterSeq: number) => tables.eventsAfter(id, afterSeq),

    /** Only changes are news: a stream of "still typing" would flood the log. */
    async typing(id: string, author: Author, typing: boolean): Promise<void> {
      await write(async (write) => {
        const row = await locked(write, id);
        const current = (author === 'shopper' ? row.shopper_typing : row.agent_typing) === 1;
        if (row.status === 'closed' || current === typing) return;
        await write.tables.setTyping(id, author, typing);
        await append(write, id, { type: 'typing', author, typing });
      });
    },

    /** Receipts only move forward: an older one (from another tab) tells nobody anything new. */
    async markRead(id: string, author: Author, upToSeq: number): Promise<void> {
      await write(async (write) => {
        const row = await locked(write, id);
        if (!Number.isInteger(upToSeq) || upToSeq < 0 || upToSeq > row.last_seq) {
          throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
            upToSeq: explain.upToSeq,
          });
        }
        const current = author === 'shopper' ? row.shopper_read_up_to : row.agent_read_up_to;
        if (upToSeq <= current) return;
        await write.tables.setRead(id, author, upToSeq);
        await append(write, id, { type: 'read', author, upToSeq });
      });
    },

    /** An agent takes a queued conversation; accepting one's own again is a no-op. */
    accept(id: string, agentName: string): Promise<ConversationRow> {
      return write(async (write) => {
        await lockQueue(write);
        const row = await locked(write, id);
        if (row.status === 'closed') throw new ApiError(409, 'conversation_closed', 'This conversation has ended.');
        if (row.status === 'open') {
          if (row.agent_name === agentName) return row;
          throw new ApiError(409, 'conversation_taken', 'Another agent is already in this conversation.');
        }
        await write.tables.setAgent(id, agentName);
        await append(write, id, { type: 'agent_joined', agentName });
        await setStatus(write, await existing(id, write.tables), 'open');
        return existing(id, write.tables);
      });
    },

    close(id: string): Promise<ConversationRow> {
      return write(async (write) => {
        await lockQueue(write);
        const row = await locked(write, id);
        await setStatus(write, row, 'closed');
        const closed = await existing(id, write.tables);
        if (row.status !== 'closed')
          await recordWebhookEvent(write.trx, 'conversation.closed', conversationEventData(closed), store.now());
        return closed;
      });
    },

    /**
     * The shopper asked about an article while this conversation was open or queued: the article
     * becomes its context (the latest one asked about), shown to the agent beside the shopper's
     * words. The agents' list is told, so an open console shows it at once.
     */
    setContext(id: string, context: ConversationContext): Promise<ConversationRow> {
      return write(async (write) => {
        const row = await locked(write, id);
        if (row.status === 'closed') throw new ApiError(409, 'conversation_closed', 'This conversation has ended.');
        await write.tables.setContext(id, {
          articleId: context.articleId.trim(),
          articleTitle: context.articleTitle.trim(),
        });
        write.listChanged = true;
        return existing(id, write.tables);
      });
    },

    /** Recorded for a mailer; the reference server sends no email and logs no address. */
    async requestTranscript(id: string, email: string): Promise<void> {
      await write(async (write) => {
        const row = await existing(id, write.tables);
        await write.tables.insertTranscriptRequest(row.id, email.trim(), nowIso());
      });
    },
  };
}
