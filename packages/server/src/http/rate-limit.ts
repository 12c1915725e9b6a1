import { DEFAULT_ORDER_GUESS_LIMITS, type OrderGuessLimits } from '@kefu/core/domain';
import type { Db } from '../db/database.js';
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
  waitMs(bucket: string, subject: string, limit: Limit): number;
  /** How many failures `subject` has in `bucket` inside the last `windowMs`, and the newest one's time. */
  recent(bucket: string, subject: string, windowMs: number): { count: number; newestAt: number | undefined };
  record(bucket: string, subject: string): void;
  /** Forgets failures at or before `before`. */
  purge(before: number): void;
}

/**
 * A sliding window of failures per (bucket, subject), kept in SQLite so limits survive a restart
 * and hold across processes sharing the database. A subject is blocked until enough of its
 * failures leave the window to bring the count under the limit again.
 */
export function createFailureCounter(db: Db, now: () => number): FailureCounter {
  const nthNewest = db
    .prepare<[string, string, number, number], number>(
      'SELECT at FROM rate_limit_hits WHERE bucket = ? AND subject = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?',
    )
    .pluck();
  const insert = db.prepare<[string, string, number]>(
    'INSERT INTO rate_limit_hits (bucket, subject, at) VALUES (?, ?, ?)',
  );
  const recent = db.prepare<[string, string, number], { count: number; newestAt: number | null }>(
    'SELECT COUNT(*) AS count, MAX(at) AS newestAt FROM rate_limit_hits WHERE bucket = ? AND subject = ? AND at > ?',
  );
  const purge = db.prepare<[number]>('DELETE FROM rate_limit_hits WHERE at <= ?');
  const subjectKey = (bucket: string, subject: string) => sha256(`${bucket}\n${subject}`);

  return {
    waitMs(bucket, subject, limit) {
      const at = now();
      const oldestCounted = nthNewest.get(bucket, subjectKey(bucket, subject), at - limit.windowMs, limit.max - 1);
      return oldestCounted === undefined ? 0 : Math.max(0, oldestCounted + limit.windowMs - at);
    },
    recent(bucket, subject, windowMs) {
      const row = recent.get(bucket, subjectKey(bucket, subject), now() - windowMs);
      return { count: row?.count ?? 0, newestAt: row?.newestAt ?? undefined };
    },
    record(bucket, subject) {
      insert.run(bucket, subjectKey(bucket, subject), now());
    },
    purge(before) {
      purge.run(before);
    },
  };
}
