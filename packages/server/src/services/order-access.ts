import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/tx.js';
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
   * A fresh access token for `orderId` and a fresh return grant for it, written in the caller's
   * transaction when `executor` is one. Only their hashes are stored, in separate tables: a grant
   * is never taken for an access token.
   */
  issue(orderId: string, executor?: Executor): Promise<IssuedToken & { readonly returnGrant: IssuedToken }>;
  /** The order a live access token opens, if any. */
  orderFor(token: string): Promise<string | undefined>;
  /** The order a live return grant may create a return for, if any (POST /returns only). */
  returnOrderFor(token: string): Promise<string | undefined>;
}

export function createOrderAccessTokens(db: Kysely<KefuDatabase>, now: () => number): OrderAccessTokens {
  return {
    async issue(orderId, executor = db) {
      const token = newToken();
      const grant = newToken();
      const at = now();
      const expiresAt = at + ACCESS_TOKEN_TTL_MS;
      const grantExpiresAt = at + RETURN_GRANT_TTL_MS;
      await inTransaction(executor, async (trx) => {
        await trx.deleteFrom('order_access_tokens').where('expires_at', '<=', at).execute();
        await trx.deleteFrom('return_grants').where('expires_at', '<=', at).execute();
        await trx
          .insertInto('order_access_tokens')
          .values({ token_hash: sha256(token), order_id: orderId, expires_at: expiresAt })
          .execute();
        await trx
          .insertInto('return_grants')
          .values({ token_hash: sha256(grant), order_id: orderId, expires_at: grantExpiresAt })
          .execute();
      });
      return { token, expiresAt, returnGrant: { token: grant, expiresAt: grantExpiresAt } };
    },
    async orderFor(token) {
      const row = await db
        .selectFrom('order_access_tokens')
        .select('order_id')
        .where('token_hash', '=', sha256(token))
        .where('expires_at', '>', now())
        .executeTakeFirst();
      return row?.order_id;
    },
    async returnOrderFor(token) {
      const row = await db
        .selectFrom('return_grants')
        .select('order_id')
        .where('token_hash', '=', sha256(token))
        .where('expires_at', '>', now())
        .executeTakeFirst();
      return row?.order_id;
    },
  };
}
