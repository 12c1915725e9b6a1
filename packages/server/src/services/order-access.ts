import type { Db } from '../db/database.js';
import { newToken, sha256 } from './crypto.js';

/** How long a lookup's access token opens its order. */
export const ACCESS_TOKEN_TTL_MS = 30 * 60_000;

/**
 * How long a lookup's return grant may create a return for its order: long enough for a return
 * queued offline on a long journey to be sent when the shopper is back (decision 0012).
 */
export const RETURN_GRANT_TTL_MS = 7 * 24 * 60 * 60_000;

/** A bearer credential and when it expires (ms). */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: number;
}

export interface OrderAccessTokens {
  /**
   * A fresh access token for `orderId` and a fresh return grant for it. Only their hashes are
   * stored, in separate tables: a grant is never taken for an access token.
   */
  issue(orderId: string): IssuedToken & { readonly returnGrant: IssuedToken };
  /** The order a live access token opens, if any. */
  orderFor(token: string): string | undefined;
  /** The order a live return grant may create a return for, if any (POST /returns only). */
  returnOrderFor(token: string): string | undefined;
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
  const insertGrant = db.prepare<[string, string, number]>(
    'INSERT INTO return_grants (token_hash, order_id, expires_at) VALUES (?, ?, ?)',
  );
  const purgeGrants = db.prepare<[number]>('DELETE FROM return_grants WHERE expires_at <= ?');
  const findGrant = db
    .prepare<[string, number], string>('SELECT order_id FROM return_grants WHERE token_hash = ? AND expires_at > ?')
    .pluck();

  return {
    issue(orderId) {
      const token = newToken();
      const grant = newToken();
      const at = now();
      const expiresAt = at + ACCESS_TOKEN_TTL_MS;
      const grantExpiresAt = at + RETURN_GRANT_TTL_MS;
      db.transaction(() => {
        purge.run(at);
        purgeGrants.run(at);
        insert.run(sha256(token), orderId, expiresAt);
        insertGrant.run(sha256(grant), orderId, grantExpiresAt);
      })();
      return { token, expiresAt, returnGrant: { token: grant, expiresAt: grantExpiresAt } };
    },
    orderFor: (token) => find.get(sha256(token), now()),
    returnOrderFor: (token) => findGrant.get(sha256(token), now()),
  };
}
