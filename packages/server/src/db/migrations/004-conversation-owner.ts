import type { Migration } from '../migrate.js';

/**
 * A signed-in shopper's chat history. `customer_id` is the identity token's `sub` when the
 * conversation was started with one (else NULL: an anonymous conversation has no owner);
 * `updated_at` is the last message, agent joining or status change, the order the shopper's list
 * goes in. Existing conversations take their last event's time.
 */
export const conversationOwnerMigration: Migration = {
  id: 4,
  name: 'conversation-owner',
  sqlite: `
      ALTER TABLE chat_conversations ADD COLUMN customer_id TEXT;
      ALTER TABLE chat_conversations ADD COLUMN updated_at TEXT;
      UPDATE chat_conversations SET updated_at = coalesce(
        (SELECT max(created_at) FROM chat_events WHERE chat_events.conversation_id = chat_conversations.id),
        created_at
      );
      -- The shopper's list: their conversations, most recently active first, paged by (updated_at, id).
      CREATE INDEX chat_conversations_by_customer ON chat_conversations (customer_id, updated_at DESC, id DESC)
        WHERE customer_id IS NOT NULL;
    `,
  postgres: `
      alter table chat_conversations add column customer_id text collate "C";
      alter table chat_conversations add column updated_at text collate "C";
      update chat_conversations set updated_at = coalesce(
        (select max(created_at) from chat_events where chat_events.conversation_id = chat_conversations.id),
        created_at
      );
      create index chat_conversations_by_customer on chat_conversations (customer_id, updated_at desc, id desc)
        where customer_id is not null;
    `,
};
