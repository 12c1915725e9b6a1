import { DEFAULT_ORDER_GUESS_LIMITS, type OrderGuessLimits } from '@kefu/core/domain';
import type { Executor } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { sha256 } from '../services/crypto.js';

export interface Limit {
  /** Failures allowed inside the window; the next attempt waits. */
  readonly max: number;
  readonly windowMs: number;
}

export interface LookupLimits {
  /** Failed order lookups from one client address, whatever the numbers: enumeration stops here. */
  readonly perAddress: Limit;
  /**
   * Failed lookups of one order number per client address, slowed down past their free tries; an
   * order number alone never blocks anyone (docs/decisions/0010-order-lookup-limits.md).
   */
  readonly perOrderNumber: OrderGuessLimits;
}

const TEN_MINUTES_MS = 10 * 60_000;

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  perAddress: { max: 30, windowMs: TEN_MINUTES_MS },
  perOrderNumber: DEFAULT_ORDER_GUESS_LIMITS,
};

/** 429 `rate_limited`; the route turns `retryAfterSeconds` into the Retry-After header. */
export class RateLimitedError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', 'Too many attempts. Please wait a little and try again.');
  }
}

export interface FailureCounter {
  /** How long `subject` must wait before trying again in `bucket`, or 0 when it may. */
  waitMs(executor: Executor, bucket: string, subject: string, limit: Limit): Promise<number>;
  /** How many failures `subject` has in `bucket` inside the last `windowMs`, and the newest one's time. */
  recent(
    executor: Executor,
    bucket: string,
    subject: string,
    windowMs: number,
  ): Promise<{ count: number; newestAt: number | undefined }>;
  record(executor: Executor, bucket: string, subject: string): Promise<void>;
  /** Forgets failures at or before `before`: of one bucket, or of every bucket. */
  purge(executor: Executor, before: number, bucket?: string): Promise<void>;
}

/**
 * A sliding window of failures per (bucket, subject), kept in the database so limits survive a
 * restart and hold across instances sharing it. A subject is blocked until enough of its failures
 * leave the window to bring the count under the limit again.
 *
 * Every method runs on the executor it is given: a check and the failures it leads to belong in
 * one transaction that first takes a lock on the subject (`lock()` from db/tx.ts), or two
 * instances could both pass the check and both record — one budget spent twice.
 */
export function createFailureCounter(now: () => number): FailureCounter {
  const subjectKey = (bucket: string, subject: string) => sha256(`${bucket}\n${subject}`);

  return {
    async waitMs(executor, bucket, subject, limit) {
      const at = now();
      const oldestCounted = await executor
        .selectFrom('rate_limit_hits')
        .select('at')
        .where('bucket', '=', bucket)
        .where('subject', '=', subjectKey(bucket, subject))
        .where('at', '>', at - limit.windowMs)
        .orderBy('at', 'desc')
        .limit(1)
        .offset(limit.max - 1)
        .executeTakeFirst();
      return oldestCounted === undefined ? 0 : Math.max(0, oldestCounted.at + limit.windowMs - at);
    },
    async recent(executor, bucket, subject, windowMs) {
      const row = await executor
        .selectFrom('rate_limit_hits')
        .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('at').as('newestAt')])
        .where('bucket', '=', bucket)
        .where('subject', '=', subjectKey(bucket, subject))
        .where('at', '>', now() - windowMs)
        .executeTakeFirst();
      return { count: row?.count ?? 0, newestAt: row?.newestAt ?? undefined };
    },
    async record(executor, bucket, subject) {
      await executor
        .insertInto('rate_limit_hits')
        .values({ bucket, subject: subjectKey(bucket, subject), at: now() })
        .execute();
    },
    async purge(executor, before, bucket) {
      let purge = executor.deleteFrom('rate_limit_hits').where('at', '<=', before);
      if (bucket !== undefined) purge = purge.where('bucket', '=', bucket);
      await purge.execute();
    },
  };
}
