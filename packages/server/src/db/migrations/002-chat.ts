import type { Migration } from '../migrate.js';

/**
 * Live chat. `chat_events` is each conversation's log: one gap-free `seq` per conversation over
 * messages and every other event, allocated from `chat_conversations.last_seq` inside the write's
 * transaction. `chat_messages` repeats the message events in a queryable form; its unique
 * (conversation_id, client_id) index is what makes a resent shopper message impossible to store
 * twice, whatever the timing.
 */
export const chatMigration: Migration = {
  id: 2,
  name: 'chat',
  sqlite: `
      CREATE TABLE chat_conversations (
        id TEXT PRIMARY KEY,
        -- SHA-256 of the bearer token: a copy of the database does not open live conversations.
        token_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'open', 'closed')),
        shopper_name TEXT NOT NULL,
        shopper_email TEXT NOT NULL,
        topic TEXT NOT NULL,
        order_number TEXT,
        agent_name TEXT,
        -- The queue position last announced to the shopper, so only changes become events.
        queue_position INTEGER,
        shopper_typing INTEGER NOT NULL DEFAULT 0,
        agent_typing INTEGER NOT NULL DEFAULT 0,
        shopper_read_up_to INTEGER NOT NULL DEFAULT 0,
        agent_read_up_to INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        closed_at TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX chat_conversations_by_status ON chat_conversations (status, created_at);
      -- Uploads name their conversation by token alone (chat attachments).
      CREATE UNIQUE INDEX chat_conversations_by_token ON chat_conversations (token_hash);

      CREATE TABLE chat_events (
        conversation_id TEXT NOT NULL REFERENCES chat_conversations (id),
        seq INTEGER NOT NULL CHECK (seq > 0),
        type TEXT NOT NULL,
        -- The ChatEvent exactly as the stream sends it.
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (conversation_id, seq)
      );

      CREATE TABLE chat_messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES chat_conversations (id),
        seq INTEGER NOT NULL,
        author TEXT NOT NULL CHECK (author IN ('shopper', 'agent', 'system')),
        author_name TEXT,
        -- The sender's idempotency key (shopper messages carry it in the contract; the console sends one too).
        client_id TEXT,
        text TEXT NOT NULL,
        attachments TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (conversation_id, seq)
      );
      CREATE UNIQUE INDEX chat_messages_by_client_id ON chat_messages (conversation_id, client_id)
        WHERE client_id IS NOT NULL;

      -- Transcript requests are recorded for a mailer to pick up; the reference server sends no email.
      CREATE TABLE chat_transcript_requests (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES chat_conversations (id),
        email TEXT NOT NULL,
        requested_at TEXT NOT NULL
      );
    `,
  postgres: `
      create table chat_conversations (
        id text collate "C" primary key,
        token_hash text collate "C" not null,
        status text collate "C" not null check (status in ('queued', 'open', 'closed')),
        shopper_name text not null,
        shopper_email text not null,
        topic text not null,
        order_number text collate "C",
        agent_name text,
        queue_position integer,
        shopper_typing integer not null default 0,
        agent_typing integer not null default 0,
        shopper_read_up_to bigint not null default 0,
        agent_read_up_to bigint not null default 0,
        created_at text collate "C" not null,
        closed_at text collate "C",
        last_seq bigint not null default 0
      );
      create index chat_conversations_by_status on chat_conversations (status, created_at);
      create unique index chat_conversations_by_token on chat_conversations (token_hash);

      create table chat_events (
        conversation_id text collate "C" not null references chat_conversations (id),
        seq bigint not null check (seq > 0),
        type text not null,
        payload text not null,
        created_at text collate "C" not null,
        unique (conversation_id, seq)
      );

      create table chat_messages (
        id text collate "C" primary key,
        conversation_id text collate "C" not null references chat_conversations (id),
        seq bigint not null,
        author text not null check (author in ('shopper', 'agent', 'system')),
        author_name text,
        client_id text collate "C",
        text text not null,
        attachments text,
        created_at text collate "C" not null,
        unique (conversation_id, seq)
      );
      create unique index chat_messages_by_client_id on chat_messages (conversation_id, client_id)
        where client_id is not null;

      create table chat_transcript_requests (
        id bigint generated by default as identity primary key,
        conversation_id text collate "C" not null references chat_conversations (id),
        email text not null,
        requested_at text collate "C" not null
      );
    `,
};
