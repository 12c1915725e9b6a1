import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { invalid, notFound } from '../services/context.js';
import { newId } from '../services/crypto.js';
import { webhookUrlProblem } from './address.js';
import { webhookEventTypes, type WebhookEventType } from './events.js';
import { newWebhookSecret } from './signature.js';
import type { WebhookWorker } from './worker.js';

/** An endpoint as the store sees it: never its secret, which is shown once, when it is added. */
export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description?: string;
  readonly events: readonly WebhookEventType[];
  readonly createdAt: string;
}

export interface WebhookAttempt {
  readonly at: string;
  /** The receiver's HTTP status; absent when no answer came (see `error`). */
  readonly statusCode?: number;
  readonly error?: string;
  readonly durationMs: number;
}

/** One event sent (or to be sent) to one endpoint, with its attempts, newest first. */
export interface WebhookDelivery {
  readonly id: string;
  readonly eventId: string;
  readonly type: string;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly attempts: number;
  readonly createdAt: string;
  /** When a pending delivery is sent next. */
  readonly nextAttemptAt?: string;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
  /** When it succeeded or finally failed. */
  readonly completedAt?: string;
  readonly attemptLog: readonly WebhookAttempt[];
}

export interface NewWebhook {
  readonly url: string;
  readonly events: readonly WebhookEventType[];
  readonly description?: string | undefined;
}

export interface Webhooks {
  /** A new endpoint, and its signing secret: shown this once. */
  create(input: NewWebhook): Promise<{ endpoint: WebhookEndpoint; secret: string }>;
  list(): Promise<WebhookEndpoint[]>;
  /** Removes an endpoint with its deliveries (pending ones are not sent); false when unknown. */
  remove(id: string): Promise<boolean>;
  /** An endpoint's latest deliveries, newest first (404 for an unknown endpoint). */
  deliveries(endpointId: string, limit?: number): Promise<WebhookDelivery[]>;
  /**
   * Queues a failed delivery's event to its endpoint again, as a new delivery with the same event
   * id (the receiver may have seen it), due now. 409 unless it failed.
   */
  redeliver(endpointId: string, deliveryId: string): Promise<WebhookDelivery>;
  /** The worker that sends the queue on this instance (started by server.ts, closed with the services). */
  readonly worker: WebhookWorker;
}

/** At most this many endpoints: each event is one row per endpoint. */
export const MAX_WEBHOOK_ENDPOINTS = 20;
const MAX_DESCRIPTION_LENGTH = 200;

const iso = (ms: number) => new Date(ms).toISOString();

function toEndpoint(row: KefuDatabase['webhook_endpoints']): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    ...(row.description === null ? {} : { description: row.description }),
    events: row.events.split(',') as WebhookEventType[],
    createdAt: iso(row.created_at),
  };
}

function toDelivery(
  row: KefuDatabase['webhook_deliveries'],
  attempts: readonly KefuDatabase['webhook_attempts'][],
): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    type: row.event_type,
    status: row.status,
    attempts: row.attempts,
    createdAt: iso(row.created_at),
    ...(row.status === 'pending' ? { nextAttemptAt: iso(row.next_attempt_at) } : {}),
    ...(row.last_status_code === null ? {} : { lastStatusCode: row.last_status_code }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.completed_at === null ? {} : { completedAt: iso(row.completed_at) }),
    attemptLog: attempts
      .filter((attempt) => attempt.delivery_id === row.id)
      .sort((a, b) => b.attempt - a.attempt)
      .map((attempt) => ({
        at: iso(attempt.at),
        ...(attempt.status_code === null ? {} : { statusCode: attempt.status_code }),
        ...(attempt.error === null ? {} : { error: attempt.error }),
        durationMs: attempt.duration_ms,
      })),
  };
}

/** The store's webhook endpoints and their deliveries (decision 0022), over either engine. */
export function createWebhooks(
  db: Kysely<KefuDatabase>,
  options: { readonly now: () => number; readonly allowPrivate: boolean; readonly worker: WebhookWorker },
): Webhooks {
  const { now, worker } = options;

  async function endpointRow(id: string) {
    const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('webhook_not_found', 'There is no webhook with that id.');
    return row;
  }

  async function withAttempts(rows: readonly KefuDatabase['webhook_deliveries'][]): Promise<WebhookDelivery[]> {
    const ids = rows.map((row) => row.id);
    const attempts =
      ids.length === 0
        ? []
        : await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', ids).execute();
    return rows.map((row) => toDelivery(row, attempts));
  }

  return {
    worker,

    async create(input) {
      const url = input.url.trim();
      const description = input.description?.trim();
      const events = [...new Set(input.events)];
      const fields: Record<string, string> = {};
      const problem = webhookUrlProblem(url, options.allowPrivate);
      if (problem) fields.url = problem;
      if (events.length === 0 || events.some((type) => !webhookEventTypes.includes(type)))
        fields.events = `Choose one or more of ${webhookEventTypes.join(', ')}.`;
      if (description !== undefined && description.length > MAX_DESCRIPTION_LENGTH)
        fields.description = `At most ${MAX_DESCRIPTION_LENGTH} characters.`;
      if (Object.keys(fields).length > 0) throw invalid(fields);
      const secret = newWebhookSecret();
      const row: KefuDatabase['webhook_endpoints'] = {
        id: newId('wh'),
        url,
        description: description ? description : null,
        events: events.join(','),
        secret,
        created_at: now(),
      };
      await inTransaction(db, async (trx) => {
        const { count } = await trx
          .selectFrom('webhook_endpoints')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow();
        if (Number(count) >= MAX_WEBHOOK_ENDPOINTS)
          throw new ApiError(409, 'too_many_webhooks', `At most ${MAX_WEBHOOK_ENDPOINTS} webhooks; remove one first.`);
        await trx.insertInto('webhook_endpoints').values(row).execute();
      });
      return { endpoint: toEndpoint(row), secret };
    },

    async list() {
      const rows = await db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toEndpoint);
    },

    remove(id) {
      return inTransaction(db, async (trx) => {
        const removed = await trx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) return false;
        const deliveries = trx.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id);
        await trx.deleteFrom('webhook_attempts').where('delivery_id', 'in', deliveries).execute();
        await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
        return true;
      });
    },

    async deliveries(endpointId, limit = 50) {
      await endpointRow(endpointId);
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return withAttempts(rows);
    },

    async redeliver(endpointId, deliveryId) {
      await endpointRow(endpointId);
      const failed = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', deliveryId)
        .where('endpoint_id', '=', endpointId)
        .executeTakeFirst();
      if (!failed) throw notFound('delivery_not_found', 'That webhook has no such delivery.');
      if (failed.status !== 'failed')
        throw new ApiError(
          409,
          'delivery_not_failed',
          `This delivery ${failed.status === 'pending' ? 'is still being tried' : 'succeeded'}.`,
        );
      const at = now();
      const row: KefuDatabase['webhook_deliveries'] = {
        ...failed,
        id: newId('whd'),
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        lease_until: null,
        lease_token: null,
        last_status_code: null,
        last_error: null,
        created_at: at,
        completed_at: null,
      };
      await db.insertInto('webhook_deliveries').values(row).execute();
      worker.wake();
      return toDelivery(row, []);
    },
  };
}
