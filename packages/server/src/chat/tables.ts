import type { ChatEvent, ChatMessage, ConversationContext, ConversationStatus } from '@kefu/core';
import type { Executor } from '../db/tx.js';
import { nextCounterValue } from '../db/counters.js';

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
  /** The order conversations arrived in: the queue's and the console's list's (migration 10). */
  readonly arrival: number;
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
 * The chat's queries, the same on SQLite and PostgreSQL (decision 0016). No business rules here:
 * the service decides, this reads and writes rows, through `db` — the database, or the
 * transaction a write runs in (the service makes one of these per transaction).
 */
export function chatTables(db: Executor) {
  const conversations = () => db.selectFrom('chat_conversations').selectAll();

  return {
    /** Inserts a queued conversation; it arrives after every conversation before it. */
    async insertConversation(row: NewConversation): Promise<void> {
      const arrival = await nextCounterValue(db, 'chat_arrival');
      await db
        .insertInto('chat_conversations')
        .values({ ...row, status: 'queued', updated_at: row.created_at, arrival })
        .execute();
    },
    /** Records activity now: the shopper's list puts the conversation first. */
    async touch(id: string, at: string): Promise<void> {
      await db.updateTable('chat_conversations').set({ updated_at: at }).where('id', '=', id).execute();
    },
    /** One page of a customer's conversations, most recently active first. */
    async conversationsOf(customerId: string, limit: number, after?: ListPosition): Promise<ConversationRow[]> {
      let query = conversations().where('customer_id', '=', customerId);
      if (after) {
        // Ties on the instant are broken by id, so a page boundary never splits or repeats one.
        query = query.where((eb) => eb(eb.refTuple('updated_at', 'id'), '<', eb.tuple(after.updatedAt, after.id)));
      }
      const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows as ConversationRow[];
    },
    async lastMessage(conversationId: string): Promise<ChatMessage | undefined> {
      const row = await db
        .selectFrom('chat_messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toMessage(row, false);
    },
    /** Agent messages after `readUpTo`. */
    async unreadCount(conversationId: string, readUpTo: number): Promise<number> {
      const row = await db
        .selectFrom('chat_messages')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('conversation_id', '=', conversationId)
        .where('author', '=', 'agent')
        .where('seq', '>', readUpTo)
        .executeTakeFirst();
      return row?.count ?? 0;
    },
    conversation: (id: string) =>
      conversations().where('id', '=', id).executeTakeFirst() as Promise<ConversationRow | undefined>,
    /**
     * The conversation, read under its row lock: on PostgreSQL other writes to it wait until this
     * transaction ends, so a check made on what this returns still holds when the write lands
     * (SQLite's one connection already is that lock). The update changes nothing; it is how both
     * engines take a row lock with the same statement.
     */
    locked: (id: string) =>
      db
        .updateTable('chat_conversations')
        .set((eb) => ({ last_seq: eb.ref('last_seq') }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst() as Promise<ConversationRow | undefined>,
    async idByTokenHash(tokenHash: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('chat_conversations')
        .select('id')
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row?.id;
    },
    /** Queued conversations in arrival order, whatever the clock says. */
    queued: () =>
      conversations().where('status', '=', 'queued').orderBy('arrival').orderBy('id').execute() as Promise<
        ConversationRow[]
      >,
    async queuedCount(): Promise<number> {
      const row = await db
        .selectFrom('chat_conversations')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return row?.count ?? 0;
    },
    /**
     * Queued and open conversations in arrival order, and the most recently closed ones: one
     * statement, so a conversation closing meanwhile is listed once, not twice or never.
     */
    live: () =>
      db
        .selectFrom((eb) =>
          eb
            .selectFrom('chat_conversations')
            .selectAll()
            .where('status', 'in', ['queued', 'open'])
            .unionAll(
              eb
                .selectFrom((inner) =>
                  inner
                    .selectFrom('chat_conversations')
                    .selectAll()
                    .where('status', '=', 'closed')
                    .orderBy('closed_at', 'desc')
                    .orderBy('arrival', 'desc')
                    .limit(RECENTLY_CLOSED)
                    .as('recently_closed'),
                )
                .selectAll(),
            )
            .as('live'),
        )
        .selectAll()
        .orderBy('arrival')
        .orderBy('id')
        .execute() as Promise<ConversationRow[]>,
    /**
     * The conversation's next sequence number; call inside the transaction that writes the event.
     * The update's row lock orders a conversation's writes on PostgreSQL: a second writer waits
     * for the first to commit, then counts on from its seq.
     */
    async nextSeq(id: string): Promise<number> {
      const row = await db
        .updateTable('chat_conversations')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', '=', id)
        .returning('last_seq')
        .executeTakeFirst();
      if (row === undefined) throw new RangeError(`No conversation ${id}.`);
      return row.last_seq;
    },
    async insertEvent(conversationId: string, event: ChatEvent, createdAt: string): Promise<void> {
      await db
        .insertInto('chat_events')
        .values({
          conversation_id: conversationId,
          seq: event.seq,
          type: event.type,
          payload: JSON.stringify(event),
          created_at: createdAt,
        })
        .execute();
    },
    async eventsAfter(conversationId: string, afterSeq: number): Promise<ChatEvent[]> {
      const rows = await db
        .selectFrom('chat_events')
        .select('payload')
        .where('conversation_id', '=', conversationId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .execute();
      return rows.map((row) => JSON.parse(row.payload) as ChatEvent);
    },
    /**
     * The events after `afterSeq` in seq order, each with its message's sender key (the console's own
     * replies carry one too): what a hub hands its subscribers when it reads back from the table.
     */
    async eventsWithClientIdsAfter(
      conversationId: string,
      afterSeq: number,
    ): Promise<{ event: ChatEvent; clientId: string | undefined }[]> {
      const rows = await db
        .selectFrom('chat_events as e')
        .leftJoin('chat_messages as m', (join) =>
          join.onRef('m.conversation_id', '=', 'e.conversation_id').onRef('m.seq', '=', 'e.seq'),
        )
        .select(['e.payload', 'm.client_id'])
        .where('e.conversation_id', '=', conversationId)
        .where('e.seq', '>', afterSeq)
        .orderBy('e.seq')
        .execute();
      return rows.map((row) => ({ event: JSON.parse(row.payload) as ChatEvent, clientId: row.client_id ?? undefined }));
    },
    /** The conversation's last seq; undefined for an unknown conversation. */
    async lastSeq(id: string): Promise<number | undefined> {
      const row = await db.selectFrom('chat_conversations').select('last_seq').where('id', '=', id).executeTakeFirst();
      return row?.last_seq;
    },
    async insertMessage(conversationId: string, message: ChatMessage, clientId: string | undefined): Promise<void> {
      await db
        .insertInto('chat_messages')
        .values({
          id: message.id,
          conversation_id: conversationId,
          seq: message.seq,
          author: message.author,
          author_name: message.authorName ?? null,
          client_id: clientId ?? null,
          text: message.text,
          attachments: message.attachments ? JSON.stringify(message.attachments) : null,
          created_at: message.createdAt,
        })
        .execute();
    },
    async messageByClientId(conversationId: string, clientId: string): Promise<ChatMessage | undefined> {
      const row = await db
        .selectFrom('chat_messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return row && toMessage(row, false);
    },
    async messagesAfter(conversationId: string, afterSeq: number, withAgentClientIds: boolean): Promise<ChatMessage[]> {
      const rows = await db
        .selectFrom('chat_messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .execute();
      return rows.map((row) => toMessage(row, withAgentClientIds));
    },
    async setStatus(id: string, status: ConversationStatus, closedAt: string | null): Promise<void> {
      await db
        .updateTable('chat_conversations')
        .set({ status, closed_at: closedAt, queue_position: null })
        .where('id', '=', id)
        .execute();
    },
    async setAgent(id: string, agentName: string): Promise<void> {
      await db.updateTable('chat_conversations').set({ agent_name: agentName }).where('id', '=', id).execute();
    },
    async setContext(id: string, context: ConversationContext): Promise<void> {
      await db
        .updateTable('chat_conversations')
        .set({ context_article_id: context.articleId, context_article_title: context.articleTitle })
        .where('id', '=', id)
        .execute();
    },
    async setQueuePosition(id: string, position: number): Promise<void> {
      await db.updateTable('chat_conversations').set({ queue_position: position }).where('id', '=', id).execute();
    },
    async setTyping(id: string, author: 'shopper' | 'agent', typing: boolean): Promise<void> {
      const flag = typing ? 1 : 0;
      await db
        .updateTable('chat_conversations')
        .set(author === 'shopper' ? { shopper_typing: flag } : { agent_typing: flag })
        .where('id', '=', id)
        .execute();
    },
    async setRead(id: string, author: 'shopper' | 'agent', upToSeq: number): Promise<void> {
      await db
        .updateTable('chat_conversations')
        .set(author === 'shopper' ? { shopper_read_up_to: upToSeq } : { agent_read_up_to: upToSeq })
        .where('id', '=', id)
        .execute();
    },
    async insertTranscriptRequest(conversationId: string, email: string, requestedAt: string): Promise<void> {
      await db
        .insertInto('chat_transcript_requests')
        .values({ conversation_id: conversationId, email, requested_at: requestedAt })
        .execute();
    },
  };
}

export type ChatTables = ReturnType<typeof chatTables>;

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
