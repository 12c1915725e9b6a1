import type { Migration } from '../migrate.js';

/**
 * The shopper-facing store: help centre, orders, returns, uploads, callbacks, surveys, and what
 * the HTTP layer keeps (idempotency records, order access tokens, failed-lookup counters).
 *
 * Documents the contract sends whole (Article, Order, ReturnRecord) are kept as JSON beside the
 * columns that are searched or updated on their own. Instants the server compares are integer
 * milliseconds; ones it only shows are ISO strings, as in the contract.
 */
export const storeMigration: Migration = {
  id: 1,
  name: 'store',
  sqlite: `
      -- Small facts about this database, e.g. the epoch that makes sync tokens of another database unknown.
      CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      -- Number sequences, e.g. RMA numbers.
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

      -- rowid order is the help centre's order (seed order, new articles last): search breaks ties by it.
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        locale TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX articles_by_locale ON articles (locale);
      -- The change log delta sync reads: one row per change of an article in a locale. A row whose
      -- article is gone, or now in another locale, is that locale's tombstone for it.
      CREATE TABLE article_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL,
        locale TEXT NOT NULL
      );
      CREATE INDEX article_changes_by_locale ON article_changes (locale, seq);
      CREATE TABLE article_feedback (
        id TEXT PRIMARY KEY,
        -- No foreign key: feedback outlives an article that is taken down.
        article_id TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        comment TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        -- Normalized (trimmed, upper case, no "#") as shoppers' input is before it is looked up.
        number TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL,
        postal_code TEXT NOT NULL,
        -- SHA-256 of the normalized email and postal code: lookups compare digests in constant time.
        email_digest TEXT NOT NULL,
        postal_code_digest TEXT NOT NULL,
        customer_id TEXT,
        placed_at TEXT NOT NULL,
        -- The Order as GET /orders/{id} sends it; returns update its items and summaries.
        json TEXT NOT NULL
      );
      CREATE INDEX orders_by_customer ON orders (customer_id, placed_at);

      -- SHA-256 of each token only: a copy of the database opens no order.
      CREATE TABLE order_access_tokens (
        token_hash TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders (id),
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX order_access_tokens_by_expiry ON order_access_tokens (expires_at);

      CREATE TABLE returns (
        id TEXT PRIMARY KEY,
        rma TEXT NOT NULL UNIQUE,
        order_id TEXT NOT NULL REFERENCES orders (id),
        status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'refunded')),
        created_at TEXT NOT NULL,
        -- The shopper's comment on the whole return, for the agent (ReturnRecord has no place for it).
        comment TEXT,
        -- The ReturnRecord as GET /returns/{id} sends it.
        json TEXT NOT NULL
      );
      CREATE INDEX returns_by_order ON returns (order_id);

      -- Photos and attachments; the bytes are the file <uploadsDir>/<id>.
      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        -- Who uploaded it, and so who may use it: an order (access token), a customer (identity
        -- token) or a conversation (its token).
        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('order', 'customer', 'conversation')),
        owner_id TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        -- The file name the browser sent: informative only, never a path.
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE callbacks (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('scheduled', 'called', 'no_answer', 'cancelled')),
        slot_start INTEGER NOT NULL,
        slot_end INTEGER NOT NULL,
        name TEXT NOT NULL,
        phone TEXT NOT NULL,
        timezone TEXT,
        topic TEXT,
        order_number TEXT,
        cancel_token_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- Capacity checks count the scheduled callbacks of one slot.
      CREATE INDEX callbacks_by_slot ON callbacks (slot_start, status);

      CREATE TABLE survey_responses (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('csat', 'nps', 'ces')),
        score INTEGER NOT NULL,
        comment TEXT,
        subject_type TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_ms INTEGER NOT NULL
      );
      CREATE INDEX survey_responses_by_time ON survey_responses (created_ms);

      -- The first successful answer per (route, key), replayed for a retry with the same request.
      CREATE TABLE idempotency_records (
        route TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (route, key)
      );
      CREATE INDEX idempotency_records_by_age ON idempotency_records (created_at);

      -- Failed order lookups, one row each, per bucket (client address, order number); the subject
      -- is a SHA-256, so neither addresses nor guessed numbers are kept in clear.
      CREATE TABLE rate_limit_hits (
        bucket TEXT NOT NULL,
        subject TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX rate_limit_hits_by_subject ON rate_limit_hits (bucket, subject, at);
      CREATE INDEX rate_limit_hits_by_age ON rate_limit_hits (at);
    `,
  postgres: `
      -- The tables above; the comments there say what each holds. Text keys, ISO instants and
      -- every indexed text column are collate "C": bytewise, as SQLite compares (decision 0016, §3).
      create table store_meta (key text collate "C" primary key, value text not null);
      create table counters (name text collate "C" primary key, value bigint not null);

      create table articles (
        id text collate "C" primary key,
        locale text collate "C" not null,
        json text not null
      );
      create index articles_by_locale on articles (locale);
      create table article_changes (
        seq bigint generated by default as identity primary key,
        article_id text collate "C" not null,
        locale text collate "C" not null
      );
      create index article_changes_by_locale on article_changes (locale, seq);
      create table article_feedback (
        id text collate "C" primary key,
        article_id text collate "C" not null,
        helpful integer not null,
        comment text,
        created_at text collate "C" not null
      );

      create table orders (
        id text collate "C" primary key,
        number text collate "C" not null unique,
        email text not null,
        postal_code text not null,
        email_digest text collate "C" not null,
        postal_code_digest text collate "C" not null,
        customer_id text collate "C",
        placed_at text collate "C" not null,
        json text not null
      );
      create index orders_by_customer on orders (customer_id, placed_at);

      create table order_access_tokens (
        token_hash text collate "C" primary key,
        order_id text collate "C" not null references orders (id),
        expires_at bigint not null
      );
      create index order_access_tokens_by_expiry on order_access_tokens (expires_at);

      create table returns (
        id text collate "C" primary key,
        rma text collate "C" not null unique,
        order_id text collate "C" not null references orders (id),
        status text not null check (status in ('requested', 'approved', 'rejected', 'received', 'refunded')),
        created_at text collate "C" not null,
        comment text,
        json text not null
      );
      create index returns_by_order on returns (order_id);

      create table uploads (
        id text collate "C" primary key,
        owner_kind text not null check (owner_kind in ('order', 'customer', 'conversation')),
        owner_id text collate "C" not null,
        content_type text not null,
        size bigint not null,
        sha256 text collate "C" not null,
        name text not null,
        created_at text collate "C" not null
      );

      create table callbacks (
        id text collate "C" primary key,
        status text collate "C" not null check (status in ('scheduled', 'called', 'no_answer', 'cancelled')),
        slot_start bigint not null,
        slot_end bigint not null,
        name text not null,
        phone text not null,
        timezone text,
        topic text,
        order_number text collate "C",
        cancel_token_hash text collate "C" not null,
        created_at text collate "C" not null
      );
      create index callbacks_by_slot on callbacks (slot_start, status);

      create table survey_responses (
        id text collate "C" primary key,
        kind text not null check (kind in ('csat', 'nps', 'ces')),
        score integer not null,
        comment text,
        subject_type text collate "C" not null,
        subject_id text collate "C" not null,
        created_at text collate "C" not null,
        created_ms bigint not null
      );
      create index survey_responses_by_time on survey_responses (created_ms);

      create table idempotency_records (
        route text collate "C" not null,
        key text collate "C" not null,
        request_hash text collate "C" not null,
        status integer not null,
        body text,
        created_at bigint not null,
        primary key (route, key)
      );
      create index idempotency_records_by_age on idempotency_records (created_at);

      create table rate_limit_hits (
        bucket text collate "C" not null,
        subject text collate "C" not null,
        at bigint not null
      );
      create index rate_limit_hits_by_subject on rate_limit_hits (bucket, subject, at);
      create index rate_limit_hits_by_age on rate_limit_hits (at);
    `,
};
