import type { ChatEvent, ChatMessage, ConversationContext, ConversationStatus } from '@kefu/core';
import type { Db } from '../db/database.js';

export interface ConversationRow {
  readonly id: string;
  readonly token_hash: string;
  readonly status: ConversationStatus;
  readonly shopper_name: string;
  readonly shopper_email: string;
  readonly topic: string;
  readonly order_number: string | null;
  readonly agent_name: string | null;
  readonly queue_position: number | null;
  readonly shopper_typing: number;
  readonly agent_typing: number;
  readonly shopper_read_up_to: number;
  readonly agent_read_up_to: number;
  readonly created_at: string;
  readonly closed_at: string | null;
  readonly last_seq: number;
  /** The identity token's `sub` it was started with; NULL for an anonymous shopper. */
  readonly customer_id: string | null;
  /** The last message, agent joining or status change. */
  readonly updated_at: string;
  /** The help article it started from, if any (both set or both NULL). */
  readonly context_article_id: string | null;
  readonly context_article_title: string | null;
}

interface MessageRow {
  readonly id: string;
  readonly seq: number;
  readonly author: ChatMessage['author'];
  readonly author_name: string | null;
  readonly client_id: string | null;
  readonly text: string;
  readonly attachments: string | null;
  readonly created_at: string;
}

export type NewConversation = Pick<
  ConversationRow,
  | 'id'
  | 'token_hash'
  | 'shopper_name'
  | 'shopper_email'
  | 'topic'
  | 'order_number'
  | 'queue_position'
  | 'created_at'
  | 'customer_id'
  | 'context_article_id'
  | 'context_article_title'
>;

/** Where a page of a shopper's list starts: after this conversation, in (updated_at, id) order. */
export interface ListPosition {
  readonly updatedAt: string;
  readonly id: string;
}

/** How many closed conversations the console lists besides the live ones. */
const RECENTLY_CLOSED = 20;

/**
 * The chat's SQL, every statement prepared once per database. No business rules here: the
 * service decides, this reads and writes rows. Callers run writes inside the service's
 * transactions.
 */
export function createChatTables(db: Db) {
  const statements = {
    insertConversation: db.prepare<NewConversation>(
      `INSERT INTO chat_conversations
         (id, token_hash, status, shopper_name, shopper_email, topic, order_number, queue_position, created_at,
          customer_id, updated_at, context_article_id, context_article_title)
       VALUES (@id, @token_hash, 'queued', @shopper_name, @shopper_email, @topic, @order_number, @queue_position,
               @created_at, @customer_id, @created_at, @context_article_id, @context_article_title)`,
    ),
    touch: db.prepare<[string, string]>('UPDATE chat_conversations SET updated_at = ? WHERE id = ?'),
    // Newest first; ties on the instant are broken by id, so a page boundary never splits or repeats one.
    firstPageOf: db.prepare<[string, number], ConversationRow>(
      `SELECT * FROM chat_conversations WHERE customer_id = ?
       ORDER BY updated_at DESC, id DESC LIMIT ?`,
    ),
    pageOf: db.prepare<[string, string, string, number], ConversationRow>(
      `SELECT * FROM chat_conversations WHERE customer_id = ? AND (updated_at, id) < (?, ?)
       ORDER BY updated_at DESC, id DESC LIMIT ?`,
    ),
    lastMessage: db.prepare<[string], MessageRow>(
      'SELECT * FROM chat_messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1',
    ),
    unreadCount: db
      .prepare<[string, number], number>(
        "SELECT count(*) FROM chat_messages WHERE conversation_id = ? AND author = 'agent' AND seq > ?",
      )
      .pluck(),
    conversation: db.prepare<[string], ConversationRow>('SELECT * FROM chat_conversations WHERE id = ?'),
    idByTokenHash: db.prepare<[string], string>('SELECT id FROM chat_conversations WHERE token_hash = ?').pluck(),
    // rowid is arrival order, whatever the clock says.
    queued: db.prepare<[], ConversationRow>("SELECT * FROM chat_conversations WHERE status = 'queued' ORDER BY rowid"),
    queuedCount: db.prepare<[], number>("SELECT count(*) FROM chat_conversations WHERE status = 'queued'").pluck(),
    live: db.prepare<[number], ConversationRow>(
      `SELECT * FROM (
         SELECT *, rowid AS arrival FROM chat_conversations WHERE status IN ('queued', 'open')
         UNION ALL
         SELECT * FROM (SELECT *, rowid AS arrival FROM chat_conversations WHERE status = 'closed'
                        ORDER BY closed_at DESC, rowid DESC LIMIT ?)
       ) ORDER BY arrival`,
    ),
    nextSeq: db
      .prepare<[string], number>(
        'UPDATE chat_conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
      )
      .pluck(),
    insertEvent: db.prepare<[string, number, string, string, string]>(
      'INSERT INTO chat_events (conversation_id, seq, type, payload, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    eventsAfter: db
      .prepare<[string, number], string>(
        'SELECT payload FROM chat_events WHERE conversation_id = ? AND seq > ? ORDER BY seq',
      )
      .pluck(),
    insertMessage: db.prepare<
      [string, string, number, string, string | null, string | null, string, string | null, string]
    >(
      `INSERT INTO chat_messages (id, conversation_id, seq, author, author_name, client_id, text, attachments, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    messageByClientId: db.prepare<[string, string], MessageRow>(
      'SELECT * FROM chat_messages WHERE conversation_id = ? AND client_id = ?',
    ),
    messagesAfter: db.prepare<[string, number], MessageRow>(
      'SELECT * FROM chat_messages WHERE conversation_id = ? AND seq > ? ORDER BY seq',
    ),
    setStatus: db.prepare<[ConversationStatus, string | null, string]>(
      'UPDATE chat_conversations SET status = ?, closed_at = ?, queue_position = NULL WHERE id = ?',
    ),
    setAgent: db.prepare<[string, string]>('UPDATE chat_conversations SET agent_name = ? WHERE id = ?'),
    setContext: db.prepare<[string, string, string]>(
      'UPDATE chat_conversations SET context_article_id = ?, context_article_title = ? WHERE id = ?',
    ),
    setQueuePosition: db.prepare<[number, string]>('UPDATE chat_conversations SET queue_position = ? WHERE id = ?'),
    setShopperTyping: db.prepare<[number, string]>('UPDATE chat_conversations SET shopper_typing = ? WHERE id = ?'),
    setAgentTyping: db.prepare<[number, string]>('UPDATE chat_conversations SET agent_typing = ? WHERE id = ?'),
    setShopperRead: db.prepare<[number, string]>('UPDATE chat_conversations SET shopper_read_up_to = ? WHERE id = ?'),
    setAgentRead: db.prepare<[number, string]>('UPDATE chat_conversations SET agent_read_up_to = ? WHERE id = ?'),
    insertTranscriptRequest: db.prepare<[string, string, string]>(
      'INSERT INTO chat_transcript_requests (conversation_id, email, requested_at) VALUES (?, ?, ?)',
    ),
  };

  return {
    insertConversation: (row: NewConversation) => void statements.insertConversation.run(row),
    /** Records activity now: the shopper's list puts the conversation first. */
    touch: (id: string, at: string) => void statements.touch.run(at, id),
    /** One page of a customer's conversations, most recently active first. */
    conversationsOf(customerId: string, limit: number, after?: ListPosition): ConversationRow[] {
      return after
        ? statements.pageOf.all(customerId, after.updatedAt, after.id, limit)
        : statements.firstPageOf.all(customerId, limit);
    },
    lastMessage(conversationId: string): ChatMessage | undefined {
      const row = statements.lastMessage.get(conversationId);
      return row && toMessage(row, false);
    },
    /** Agent messages after `readUpTo`. */
    unreadCount: (conversationId: string, readUpTo: number) =>
      statements.unreadCount.get(conversationId, readUpTo) ?? 0,
    conversation: (id: string) => statements.conversation.get(id),
    idByTokenHash: (tokenHash: string) => statements.idByTokenHash.get(tokenHash),
    queued: () => statements.queued.all(),
    queuedCount: () => statements.queuedCount.get() ?? 0,
    /** Queued and open conversations in arrival order, and the most recently closed ones. */
    live: () => statements.live.all(RECENTLY_CLOSED),
    /** The conversation's next sequence number; call inside the transaction that writes the event. */
    nextSeq(id: string): number {
      const seq = statements.nextSeq.get(id);
      if (seq === undefined) throw new RangeError(`No conversation ${id}.`);
      return seq;
    },
    insertEvent(conversationId: string, event: ChatEvent, createdAt: string): void {
      statements.insertEvent.run(conversationId, event.seq, event.type, JSON.stringify(event), createdAt);
    },
    eventsAfter: (conversationId: string, afterSeq: number): ChatEvent[] =>
      statements.eventsAfter.all(conversationId, afterSeq).map((payload) => JSON.parse(payload) as ChatEvent),
    insertMessage(conversationId: string, message: ChatMessage, clientId: string | undefined): void {
      statements.insertMessage.run(
        message.id,
        conversationId,
        message.seq,
        message.author,
        message.authorName ?? null,
        clientId ?? null,
        message.text,
        message.attachments ? JSON.stringify(message.attachments) : null,
        message.createdAt,
      );
    },
    messageByClientId(conversationId: string, clientId: string): ChatMessage | undefined {
      const row = statements.messageByClientId.get(conversationId, clientId);
      return row && toMessage(row, false);
    },
    messagesAfter: (conversationId: string, afterSeq: number, withAgentClientIds: boolean) =>
      statements.messagesAfter.all(conversationId, afterSeq).map((row) => toMessage(row, withAgentClientIds)),
    setStatus(id: string, status: ConversationStatus, closedAt: string | null): void {
      statements.setStatus.run(status, closedAt, id);
    },
    setAgent: (id: string, agentName: string) => void statements.setAgent.run(agentName, id),
    setContext: (id: string, context: ConversationContext) =>
      void statements.setContext.run(context.articleId, context.articleTitle, id),
    setQueuePosition: (id: string, position: number) => void statements.setQueuePosition.run(position, id),
    setTyping(id: string, author: 'shopper' | 'agent', typing: boolean): void {
      const statement = author === 'shopper' ? statements.setShopperTyping : statements.setAgentTyping;
      statement.run(typing ? 1 : 0, id);
    },
    setRead(id: string, author: 'shopper' | 'agent', upToSeq: number): void {
      const statement = author === 'shopper' ? statements.setShopperRead : statements.setAgentRead;
      statement.run(upToSeq, id);
    },
    insertTranscriptRequest(conversationId: string, email: string, requestedAt: string): void {
      statements.insertTranscriptRequest.run(conversationId, email, requestedAt);
    },
  };
}

export type ChatTables = ReturnType<typeof createChatTables>;

function toMessage(row: MessageRow, withAgentClientIds: boolean): ChatMessage {
  // The contract gives clientId on shopper messages only; the console's own keys stay with it.
  const showClientId = row.client_id !== null && (row.author === 'shopper' || withAgentClientIds);
  return {
    id: row.id,
    ...(showClientId ? { clientId: row.client_id } : {}),
    seq: row.seq,
    author: row.author,
    ...(row.author_name === null ? {} : { authorName: row.author_name }),
    text: row.text,
    ...(row.attachments === null ? {} : { attachments: JSON.parse(row.attachments) as ChatMessage['attachments'] }),
    createdAt: row.created_at,
  };
}
