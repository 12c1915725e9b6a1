import type { Db } from '../db/database.js';
import { newToken, sha256 } from './crypto.js';

/** How long a lookup's access token opens its order. */
export const ACCESS_TOKEN_TTL_MS = 30 * 60_000;

export interface OrderAccessTokens {
  /** A fresh token for `orderId`, and when it expires (ms). Only its hash is stored. */
  issue(orderId: string): { token: string; expiresAt: number };
  /** The order a live token opens, if any. */
  orderFor(token: string): string | undefined;
}

export function createOrderAccessTokens(db: Db, now: () => number): OrderAccessTokens {
  const insert = db.prepare<[string, string, number]>(
    'INSERT INTO order_access_tokens (token_hash, order_id, expires_at) VALUES (?, ?, ?)',
  );
  const purge = db.prepare<[number]>('DELETE FROM order_access_tokens WHERE expires_at <= ?');
  const find = db
    .prepare<[string, number], string>(
      'SELECT order_id FROM order_access_tokens WHERE token_hash = ? AND expires_at > ?',
    )
    .pluck();

  return {
    issue(orderId) {
      const token = newToken();
      const at = now();
      const expiresAt = at + ACCESS_TOKEN_TTL_MS;
      db.transaction(() => {
        purge.run(at);
        insert.run(sha256(token), orderId, expiresAt);
      })();
      return { token, expiresAt };
    },
    orderFor: (token) => find.get(sha256(token), now()),
  };
}
