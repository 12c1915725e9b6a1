import type { Migration } from '../migrate.js';

/**
 * The help article a conversation started from ("Ask our team about this"), kept beside the
 * conversation rather than in the shopper's first message, so the agent sees it as a label and the
 * shopper's words stay theirs. Both NULL for a conversation started anywhere else.
 */
export const conversationContextMigration: Migration = {
  id: 6,
  name: 'conversation-context',
  sqlite: `
      ALTER TABLE chat_conversations ADD COLUMN context_article_id TEXT;
      ALTER TABLE chat_conversations ADD COLUMN context_article_title TEXT;
    `,
  postgres: `
      alter table chat_conversations add column context_article_id text collate "C";
      alter table chat_conversations add column context_article_title text;
    `,
};
