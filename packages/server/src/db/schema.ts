/**
 * The database as Kysely sees it: one row type per table, the same on SQLite and PostgreSQL
 * (decision 0016, §3). Columns keep their SQL names (snake_case), as the migrations write them.
 * Integer milliseconds and counters are `number` on both engines: the PostgreSQL engine reads
 * `bigint` as a number (engine.ts). JSON documents are text, byte for byte what the contract sends.
 * `Generated<…>` marks a column the database fills when an insert leaves it out.
 */
import type { Generated } from 'kysely';

/** 0 or 1: flags stay integers on both engines, so no boolean mapping can differ between them. */
type Flag = number;

export interface KefuDatabase {
  migrations: { id: number; name: string; applied_at: string };
  store_meta: { key: string; value: string };
  counters: { name: string; value: number };

  /** `position` (migration 9): the help centre's order, the next `article_position` counter value on insert. */
  articles: {
    id: string;
    locale: string;
    position: number;
    json: string;
    /** Migration 18: 0 keeps the article from shoppers (the editor's "unpublish"). */
    published: Generated<Flag>;
    /** Migration 18: the key articles that are one text in several languages share, or null. */
    translation_key: string | null;
  };
  article_changes: { seq: Generated<number>; article_id: string; locale: string };
  article_feedback: {
    id: string;
    article_id: string;
    helpful: Flag;
    comment: string | null;
    created_at: string;
  };

  orders: {
    id: string;
    number: string;
    email: string;
    postal_code: string;
    email_digest: string;
    postal_code_digest: string;
    customer_id: string | null;
    customer_name: string | null;
    placed_at: string;
    json: string;
  };
  order_access_tokens: { token_hash: string; order_id: string; expires_at: number };
  return_grants: { token_hash: string; order_id: string; expires_at: number };

  returns: {
    id: string;
    rma: string;
    order_id: string;
    status: 'requested' | 'approved' | 'rejected' | 'received' | 'refunded';
    created_at: string;
    comment: string | null;
    json: string;
  };
  /** A return's changes of status after it was made (migration 17); `detail` JSON, `at` in ms. */
  return_events: {
    seq: Generated<number>;
    return_id: string;
    status: 'approved' | 'rejected' | 'received' | 'refunded';
    at: number;
    actor: 'agent' | 'store';
    detail: string;
  };
  uploads: {
    id: string;
    owner_kind: 'order' | 'customer' | 'conversation';
    owner_id: string;
    content_type: string;
    size: number;
    sha256: string;
    name: string;
    created_at: string;
  };
  /** An upload's bytes, when uploads are kept in the database (migration 12, `files/database-file-store.ts`). */
  upload_blobs: { id: string; bytes: Uint8Array<ArrayBuffer> };
  callbacks: {
    id: string;
    status: 'scheduled' | 'called' | 'no_answer' | 'cancelled';
    slot_start: number;
    slot_end: number;
    name: string;
    phone: string;
    timezone: string | null;
    topic: string | null;
    order_number: string | null;
    cancel_token_hash: string;
    created_at: string;
  };
  survey_responses: {
    id: string;
    kind: 'csat' | 'nps' | 'ces';
    score: number;
    comment: string | null;
    reason: string | null;
    subject_type: string;
    subject_id: string;
    created_at: string;
    created_ms: number;
  };

  idempotency_records: {
    route: string;
    key: string;
    request_hash: string;
    status: number;
    body: string | null;
    created_at: number;
  };
  rate_limit_hits: { bucket: string; subject: string; at: number };

  /** `agent_id` (migration 16): whose session; `name` is the account's name at sign-in. */
  agent_sessions: { id: string; name: string; created_at: number; last_seen: number; agent_id: string };
  agent_presence: { instance_id: string; session_id: string; seen_at: number };

  /** Agent accounts (migration 16): `email_key` lowercased and unique; scrypt hash, NULL until invited ones accept. */
  agents: {
    id: string;
    email: string;
    email_key: string;
    name: string;
    role: 'admin' | 'agent';
    password_hash: string | null;
    created_at: number;
    password_changed_at: number | null;
    disabled_at: number | null;
  };
  /** One-time invite links by their token's SHA-256 (migration 16); no `agent_id`: the first admin's. */
  agent_invites: {
    token_hash: string;
    agent_id: string | null;
    role: 'admin' | 'agent';
    created_at: number;
    expires_at: number;
  };
  /** Who did what (migration 16); `actor_kind` agent, api_key or cli. */
  audit_log: {
    id: Generated<number>;
    at: number;
    actor_kind: 'agent' | 'api_key' | 'cli';
    actor_id: string | null;
    actor_name: string;
    action: string;
    subject_type: string;
    subject_id: string;
    summary: string;
  };

  /** The store's settings (migration 13): one row, id 1; `json` is the settings file's shape. */
  store_settings: { id: number; json: string; updated_at: number; updated_by: string };

  /** Admin API keys (migration 14): the key's SHA-256, never the key; `scopes` comma-separated; ms. */
  api_keys: {
    id: string;
    name: string;
    key_hash: string;
    scopes: string;
    created_at: number;
    last_used_at: number | null;
    revoked_at: number | null;
  };
  /** What the store last pushed for an order (migration 14): its body, `updatedAt` (ms) and digest. */
  order_sources: { order_id: string; updated_at: number; body_digest: string; json: string };

  /** The store's webhook receivers (migration 15); `events` comma-separated. */
  webhook_endpoints: {
    id: string;
    url: string;
    description: string | null;
    events: string;
    secret: string;
    created_at: number;
  };
  /** The webhooks' durable queue (migration 15): one row per event and endpoint; times in ms. */
  webhook_deliveries: {
    id: string;
    endpoint_id: string;
    event_id: string;
    event_type: string;
    body: string;
    status: 'pending' | 'succeeded' | 'failed';
    attempts: number;
    next_attempt_at: number;
    lease_until: number | null;
    lease_token: string | null;
    last_status_code: number | null;
    last_error: string | null;
    created_at: number;
    completed_at: number | null;
  };
  /** Each POST of a webhook delivery (migration 15). */
  webhook_attempts: {
    delivery_id: string;
    attempt: number;
    at: number;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
  };

  chat_conversations: {
    id: string;
    token_hash: string;
    status: 'queued' | 'open' | 'closed';
    shopper_name: string;
    shopper_email: string;
    topic: string;
    order_number: string | null;
    agent_name: string | null;
    queue_position: number | null;
    shopper_typing: Generated<Flag>;
    agent_typing: Generated<Flag>;
    shopper_read_up_to: Generated<number>;
    agent_read_up_to: Generated<number>;
    created_at: string;
    closed_at: string | null;
    last_seq: Generated<number>;
    customer_id: string | null;
    updated_at: string | null;
    context_article_id: string | null;
    context_article_title: string | null;
    /**
     * Queue and list order (migration 10): chat/tables.ts gives each insert the next `chat_arrival`
     * counter value; the default 0 exists only because SQLite cannot add a NOT NULL column without one.
     */
    arrival: Generated<number>;
  };
  chat_events: { conversation_id: string; seq: number; type: string; payload: string; created_at: string };
  chat_messages: {
    id: string;
    conversation_id: string;
    seq: number;
    author: 'shopper' | 'agent' | 'system';
    author_name: string | null;
    client_id: string | null;
    text: string;
    attachments: string | null;
    created_at: string;
  };
  chat_transcript_requests: {
    id: Generated<number>;
    conversation_id: string;
    email: string;
    requested_at: string;
  };
}
