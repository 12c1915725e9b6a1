import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction } from '../db/tx.js';
import { newToken } from '../services/crypto.js';
import { postWebhook, type PostOutcome } from './post.js';
import { webhookSignature } from './signature.js';

/**
 * The waits before the 2nd, 3rd, … attempt (decision 0022): 10 s, 30 s, 2 min, 10 min, 30 min,
 * 1 h, 3 h, 6 h, 12 h — ten attempts over about 23 hours, then the delivery is `failed`.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000,
];

export interface WebhookWorkerOptions {
  readonly now: () => number;
  /** Deliver to loopback and private addresses too (`KEFU_WEBHOOKS_ALLOW_PRIVATE=1`; tests). */
  readonly allowPrivate: boolean;
  /** The waits between attempts; one more attempt than waits. DEFAULT_RETRY_DELAYS_MS by default. */
  readonly retryDelaysMs?: readonly number[];
  /** Each wait is scaled by 0.75 + 0.5 × random(): receivers that come back are not hit all at once. */
  readonly random?: () => number;
  /** How often an idle worker looks for due deliveries (1 s). */
  readonly pollMs?: number;
  /** How long a receiver has to answer (10 s). */
  readonly timeoutMs?: number;
  /** Deliveries claimed, and sent in parallel, at a time (10). */
  readonly batchSize?: number;
  readonly log?: (message: string) => void;
}

export interface WebhookWorker {
  /** Starts the loop (once; again does nothing). */
  start(): void;
  /** Looks for due deliveries now rather than at the next poll (after this instance queued one). */
  wake(): void;
  /** Claims and sends the deliveries due now, once; resolves with how many were due. */
  runOnce(): Promise<number>;
  /**
   * Stops: no new claims; deliveries in flight are aborted and their claims released (not counted
   * as attempts), so another instance, or this one after a restart, sends them again at once.
   */
  close(): Promise<void>;
}

interface Claimed {
  readonly id: string;
  readonly eventId: string;
  readonly body: string;
  readonly attempts: number;
  readonly url: string;
  readonly secret: string;
  readonly token: string;
}

/**
 * Sends the webhooks' queue (`webhook_deliveries`), on every instance at once. A due row is
 * claimed by compare-and-set: an UPDATE that sets a lease (`lease_until`, `lease_token`) only where
 * the row is still pending and unleased, so of two instances exactly one changes it (PostgreSQL
 * re-checks the WHERE after the other's commit; SQLite runs one writer at a time). The outcome is
 * written only under that lease's token. A lease outlives the timeout, so a claim is lost only when
 * its instance died; then the row is sent again once the lease ends (at least once, decision 0022).
 */
export function createWebhookWorker(db: Kysely<KefuDatabase>, options: WebhookWorkerOptions): WebhookWorker {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = timeoutMs + 30_000;
  const log = options.log ?? ((message: string) => console.error(`[kefu] webhooks: ${message}`));
  const stopping = new AbortController();
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();

  async function claim(): Promise<{ due: number; claimed: Claimed[] }> {
    const now = options.now();
    const due = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select(['d.id', 'd.event_id', 'd.body', 'd.attempts', 'e.url', 'e.secret'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', now)]))
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(batchSize)
      .execute();
    const claimed: Claimed[] = [];
    for (const row of due) {
      if (stopping.signal.aborted) break;
      const token = newToken();
      const result = await db
        .updateTable('webhook_deliveries')
        .set({ lease_until: now + leaseMs, lease_token: token })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .where('attempts', '=', row.attempts)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1)
        claimed.push({
          id: row.id,
          eventId: row.event_id,
          body: row.body,
          attempts: row.attempts,
          url: row.url,
          secret: row.secret,
          token,
        });
    }
    return { due: due.length, claimed };
  }

  /** The wait after a failed `attempt` (1-based), or undefined when it was the last. */
  function retryAfter(attempt: number): number | undefined {
    const delay = delays[attempt - 1];
    return delay === undefined ? undefined : Math.round(delay * (0.75 + 0.5 * random()));
  }

  async function deliver(delivery: Claimed): Promise<void> {
    const started = options.now();
    const timestamp = Math.floor(started / 1000);
    const outcome: PostOutcome = await postWebhook(
      delivery.url,
      {
        'content-type': 'application/json',
        'user-agent': 'Kefu-Webhooks/1',
        'kefu-webhook-id': delivery.eventId,
        'kefu-webhook-timestamp': String(timestamp),
        'kefu-webhook-signature': webhookSignature(delivery.secret, timestamp, delivery.body),
      },
      delivery.body,
      { timeoutMs, allowPrivate: options.allowPrivate, signal: stopping.signal },
    );
    const finished = options.now();
    const lease = (trx: typeof db) =>
      trx.updateTable('webhook_deliveries').where('id', '=', delivery.id).where('lease_token', '=', delivery.token);
    if (stopping.signal.aborted) {
      // Not an attempt: the receiver's answer was not waited for. Sent again at once, from anywhere.
      await lease(db).set({ lease_until: null, lease_token: null }).execute();
      return;
    }
    const attempt = delivery.attempts + 1;
    const statusCode = 'statusCode' in outcome ? outcome.statusCode : null;
    const error =
      'error' in outcome ? outcome.error : statusCode !== null && statusCode >= 300 ? `HTTP ${statusCode}` : null;
    const succeeded = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const wait = succeeded ? undefined : retryAfter(attempt);
    await inTransaction(db, async (trx) => {
      const result = await lease(trx)
        .set({
          status: succeeded ? 'succeeded' : wait === undefined ? 'failed' : 'pending',
          attempts: attempt,
          next_attempt_at: wait === undefined ? finished : finished + wait,
          lease_until: null,
          lease_token: null,
          last_status_code: statusCode,
          last_error: error,
          completed_at: succeeded || wait === undefined ? finished : null,
        })
        .executeTakeFirst();
      // The endpoint was removed meanwhile (its deliveries with it): nothing to record.
      if (Number(result.numUpdatedRows) !== 1) return;
      await trx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: delivery.id,
          attempt,
          at: started,
          status_code: statusCode,
          error,
          duration_ms: Math.max(0, finished - started),
        })
        .execute();
    });
  }

  async function runOnce(): Promise<number> {
    const { due, claimed } = await claim();
    await Promise.all(
      claimed.map((delivery) => {
        const sending = deliver(delivery)
          .catch((error: unknown) => log(`delivery ${delivery.id}: ${String(error)}`))
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
        return sending;
      }),
    );
    return due;
  }

  /** Resolves after `ms`, or sooner on wake() or close(). The timer does not keep the process up. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run(): Promise<void> {
    while (!stopping.signal.aborted) {
      let due = 0;
      try {
        due = await runOnce();
      } catch (error) {
        if (!stopping.signal.aborted) log(`could not read the queue: ${String(error)}`);
      }
      // A full batch: there may be more due at once.
      if (!stopping.signal.aborted && due < batchSize) await pause(pollMs);
    }
  }

  return {
    start() {
      loop ??= run();
    },
    wake() {
      wakeUp?.();
    },
    runOnce,
    async close() {
      stopping.abort();
      wakeUp?.();
      await loop;
      await Promise.all([...inFlight]);
    },
  };
}
