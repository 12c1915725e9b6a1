import type { Migration } from '../migrate.js';

/**
 * The order conversations arrived in, which the queue and the console's list follow. It was
 * SQLite's `rowid`, which PostgreSQL has none of (decision 0016, §3): each new conversation now
 * takes the next value of the `chat_arrival` counter (`UPDATE counters … RETURNING`, the same on
 * both engines). Existing conversations keep the order they had: their rowid on SQLite, their
 * creation (then id) on PostgreSQL. NOT NULL, so no engine has to decide where a NULL sorts; the
 * default is only there because SQLite cannot add a NOT NULL column without one, and every insert
 * gives its value.
 */
export const chatArrivalMigration: Migration = {
  id: 10,
  name: 'chat-arrival',
  sqlite: `
      ALTER TABLE chat_conversations ADD COLUMN arrival INTEGER NOT NULL DEFAULT 0;
      UPDATE chat_conversations SET arrival = rowid;
      INSERT INTO counters (name, value) SELECT 'chat_arrival', coalesce(max(arrival), 0) FROM chat_conversations;
      CREATE INDEX chat_conversations_by_arrival ON chat_conversations (status, arrival);
    `,
  postgres: `
      alter table chat_conversations add column arrival bigint not null default 0;
      update chat_conversations set arrival = ordered.n
        from (select id, row_number() over (order by created_at, id) as n from chat_conversations) as ordered
        where chat_conversations.id = ordered.id;
      insert into counters (name, value) select 'chat_arrival', coalesce(max(arrival), 0) from chat_conversations;
      create index chat_conversations_by_arrival on chat_conversations (status, arrival);
    `,
};
