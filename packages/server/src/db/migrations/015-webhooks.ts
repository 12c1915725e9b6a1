import type { Migration } from '../migrate.js';

/**
 * Webhooks out (issue 22, decision 0022):
 * - `webhook_endpoints`: the store's receivers: the URL, the event types it wants (comma-separated),
 *   and the signing secret (kept as it is: signing needs it; shown to the store once).
 * - `webhook_deliveries`: the durable queue, one row per event and endpoint, written in the
 *   transaction of the change that caused the event. `body` is the exact JSON sent on every
 *   attempt; `event_id` is the `Kefu-Webhook-Id` header. A worker on any instance claims a due row
 *   by compare-and-set on `lease_until`/`lease_token`, POSTs it, and writes the outcome under that
 *   token. `status`: pending → succeeded, or failed after the last retry. Times in ms.
 * - `webhook_attempts`: each POST of a delivery: when, the answer's status (null when none came)
 *   or the error, and how long it took.
 */
export const webhooksMigration: Migration = {
  id: 15,
  name: 'webhooks',
  sqlite: `
      CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        description TEXT,
        events TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE webhook_deliveries (
        id TEXT PRIMARY KEY,
        endpoint_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        lease_until INTEGER,
        lease_token TEXT,
        last_status_code INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        completed_at INTEGER
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
      CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);
      CREATE TABLE webhook_attempts (
        delivery_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        at INTEGER NOT NULL,
        status_code INTEGER,
        error TEXT,
        duration_ms INTEGER NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      );
    `,
  postgres: `
      create table webhook_endpoints (
        id text collate "C" primary key,
        url text not null,
        description text,
        events text not null,
        secret text not null,
        created_at bigint not null
      );
      create table webhook_deliveries (
        id text collate "C" primary key,
        endpoint_id text collate "C" not null,
        event_id text collate "C" not null,
        event_type text not null,
        body text not null,
        status text collate "C" not null,
        attempts integer not null,
        next_attempt_at bigint not null,
        lease_until bigint,
        lease_token text,
        last_status_code integer,
        last_error text,
        created_at bigint not null,
        completed_at bigint
      );
      create index webhook_deliveries_due on webhook_deliveries (status, next_attempt_at);
      create index webhook_deliveries_by_endpoint on webhook_deliveries (endpoint_id, created_at);
      create table webhook_attempts (
        delivery_id text collate "C" not null,
        attempt integer not null,
        at bigint not null,
        status_code integer,
        error text,
        duration_ms integer not null,
        primary key (delivery_id, attempt)
      );
    `,
};
