import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { newId, sameDigest, sha256 } from '../services/crypto.js';

/**
 * What an admin API key may do (issue 22): `orders:write` pushes orders and their events and reports
 * returns received, refunded or rejected; `articles:write` edits help articles; `read` reads orders
 * (`GET /admin/v1/orders/{number}`) and pulls returns (`GET /admin/v1/returns`).
 */
export const adminScopes = ['orders:write', 'articles:write', 'read', 'webhooks:write'] as const;
export type AdminScope = (typeof adminScopes)[number];

/** A key as `keys list` shows it: never the key itself, which is shown once, at creation. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly AdminScope[];
  readonly createdAt: number;
  readonly lastUsedAt: number | undefined;
  readonly revokedAt: number | undefined;
}

/** Who called the admin API: a stored key (its id) or the bootstrap key (`KEFU_ADMIN_KEY`). */
export interface AdminCaller {
  readonly keyId: string;
  readonly scopes: readonly AdminScope[];
}

/** A key's text: `kfk_` and 32 random bytes, base64url (43 characters). */
export const KEY_PREFIX = 'kfk_';
const MAX_NAME_LENGTH = 100;

/** Why a `keys create` cannot be done, in words for the operator. */
export class ApiKeyInputError extends Error {}

/** `orders:write,read` → the scopes, or an ApiKeyInputError naming the ones that are not. */
export function parseScopes(list: string): AdminScope[] {
  const scopes = [
    ...new Set(
      list
        .split(',')
        .map((scope) => scope.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = scopes.filter((scope) => !(adminScopes as readonly string[]).includes(scope));
  if (unknown.length > 0)
    throw new ApiKeyInputError(`unknown scope ${unknown.join(', ')} (scopes: ${adminScopes.join(', ')})`);
  if (scopes.length === 0) throw new ApiKeyInputError(`give at least one scope (${adminScopes.join(', ')})`);
  return scopes as AdminScope[];
}

export interface ApiKeys {
  /** A new key: its text, to show once, and its record. */
  create(name: string, scopes: readonly AdminScope[]): Promise<{ key: string; info: ApiKeyInfo }>;
  /** Every key, oldest first, revoked ones too. */
  list(): Promise<ApiKeyInfo[]>;
  /** Revokes a key; false when there is no key with that id. Revoking twice keeps the first time. */
  revoke(id: string): Promise<boolean>;
  /**
   * The caller a bearer key stands for, or undefined for a missing, unknown or revoked key (the
   * routes answer all three alike). A stored key's `last_used_at` is brought up to date.
   */
  verify(key: string | undefined): Promise<AdminCaller | undefined>;
}

/**
 * API keys over the database, plus the bootstrap key when `bootstrapKey` is set: every scope,
 * compared in constant time (by digest, so lengths do not leak either) and never stored.
 * Keys are 256 random bits, so one SHA-256 is enough to store them (decision 0019): a slow hash
 * protects guessable passwords, and these cannot be guessed.
 */
export function createApiKeys(db: Kysely<KefuDatabase>, now: () => number, bootstrapKey?: string): ApiKeys {
  const bootstrapDigest = bootstrapKey ? sha256(bootstrapKey) : undefined;
  const toInfo = (row: KefuDatabase['api_keys']): ApiKeyInfo => ({
    id: row.id,
    name: row.name,
    scopes: row.scopes.split(',') as AdminScope[],
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
  });
  return {
    async create(name, scopes) {
      const trimmed = name.trim();
      if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH)
        throw new ApiKeyInputError(`give the key a name of 1 to ${MAX_NAME_LENGTH} characters (--name)`);
      const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const row = {
        id: newId('key'),
        name: trimmed,
        key_hash: sha256(key),
        scopes: scopes.join(','),
        created_at: now(),
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto('api_keys').values(row).execute();
      return { key, info: toInfo(row) };
    },
    async list() {
      const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toInfo);
    },
    async revoke(id) {
      const row = await db.selectFrom('api_keys').select('revoked_at').where('id', '=', id).executeTakeFirst();
      if (!row) return false;
      if (row.revoked_at === null)
        await db.updateTable('api_keys').set({ revoked_at: now() }).where('id', '=', id).execute();
      return true;
    },
    async verify(key) {
      if (key === undefined || key === '') return undefined;
      const digest = sha256(key);
      if (bootstrapDigest !== undefined && sameDigest(digest, bootstrapDigest))
        return { keyId: 'bootstrap', scopes: adminScopes };
      // Looked up by its digest: an index on a hash of 256 random bits tells a timing probe nothing.
      const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', digest).executeTakeFirst();
      if (!row || row.revoked_at !== null) return undefined;
      await db.updateTable('api_keys').set({ last_used_at: now() }).where('id', '=', row.id).execute();
      return { keyId: row.id, scopes: toInfo(row).scopes };
    },
  };
}
