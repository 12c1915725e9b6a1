import type { ReturnRecord, SurveyResponseInput, SurveyResponseRecord } from '@kefu/core';
import type { ConversationRow } from '../chat/tables.js';
import type { Executor } from '../db/tx.js';
import { newId } from '../services/crypto.js';

/**
 * What a store can subscribe to (decision 0022). Each is recorded by the service that makes the
 * change, in the change's own transaction (`recordWebhookEvent`), so an event exists exactly when
 * its change committed.
 */
export const webhookEventTypes = [
  'return.created',
  'return.approved',
  'return.rejected',
  'callback.requested',
  'conversation.closed',
  'survey.answered',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The body of every delivery: the same bytes on every attempt and to every endpoint. */
export interface WebhookEvent {
  /** `evt_…`: also the `Kefu-Webhook-Id` header, the receiver's key to drop a repeat. */
  readonly id: string;
  readonly type: WebhookEventType;
  /** ISO 8601, when the change committed (the server's clock). */
  readonly createdAt: string;
  /** The return, callback, conversation or survey answer, as the API shows it (docs/server.md). */
  readonly data: object;
}

/**
 * Queues `type` with `data` for every endpoint subscribed to it: one `webhook_deliveries` row each,
 * due at once, in `executor`'s transaction (pass the transaction of the change). No endpoint, no row.
 */
export async function recordWebhookEvent(
  executor: Executor,
  type: WebhookEventType,
  data: object,
  now: number,
): Promise<void> {
  const endpoints = await executor.selectFrom('webhook_endpoints').select(['id', 'events']).execute();
  const subscribed = endpoints.filter((endpoint) => endpoint.events.split(',').includes(type));
  if (subscribed.length === 0) return;
  const event: WebhookEvent = { id: newId('evt'), type, createdAt: new Date(now).toISOString(), data };
  const body = JSON.stringify(event);
  await executor
    .insertInto('webhook_deliveries')
    .values(
      subscribed.map((endpoint) => ({
        id: newId('whd'),
        endpoint_id: endpoint.id,
        event_id: event.id,
        event_type: type,
        body,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        lease_token: null,
        last_status_code: null,
        last_error: null,
        created_at: now,
        completed_at: null,
      })),
    )
    .execute();
}

/**
 * A return's event data: the record as GET /v1/returns/{id} shows it, with the order's number
 * (what the store knows it by) and the shopper's comment on the return, when there is one.
 */
export function returnEventData(record: ReturnRecord, orderNumber: string | undefined, comment?: string): object {
  return {
    ...record,
    ...(orderNumber === undefined ? {} : { orderNumber }),
    ...(comment ? { comment } : {}),
  };
}

/** A survey answer's event data: the answer and what it rates; no more than the shopper gave. */
export function surveyEventData(record: SurveyResponseRecord, input: SurveyResponseInput): object {
  return {
    id: record.id,
    kind: input.kind,
    score: input.score,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
    subject: input.subject,
    createdAt: record.createdAt,
  };
}

/**
 * A closed conversation's event data: what it was about, who answered, when — not the shopper's
 * name or e-mail (the store has its own customer id for a signed-in shopper) nor the messages.
 */
export function conversationEventData(row: ConversationRow): object {
  return {
    id: row.id,
    status: row.status,
    topic: row.topic,
    ...(row.order_number === null ? {} : { orderNumber: row.order_number }),
    ...(row.customer_id === null ? {} : { customerId: row.customer_id }),
    ...(row.agent_name === null ? {} : { agentName: row.agent_name }),
    createdAt: row.created_at,
    ...(row.closed_at === null ? {} : { closedAt: row.closed_at }),
  };
}
