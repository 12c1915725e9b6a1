import type { Context } from 'hono';
import type { Kysely, Transaction } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import { inTransaction, lock } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { sha256 } from '../services/crypto.js';
import { stableJson } from '@kefu/core/domain';

/** How long a key is remembered: a retry after a day is a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
const MAX_KEY_LENGTH = 255;

/** What identifies one create: the route (keys are scoped per route), the key, and what was asked. */
export interface IdempotentRequest {
  /** The route template, e.g. "POST /articles/{id}/feedback". */
  readonly route: string;
  readonly key: string;
  /** SHA-256 over the method, the concrete path and the canonical body (or the upload's bytes). */
  readonly hash: string;
}

/** A completed create's answer, as it is sent and replayed: JSON text, or no body for 204. */
export type StoredResponse =
  { readonly status: 200 | 201; readonly body: string } | { readonly status: 204; readonly body: null };

export interface IdempotencyStore {
  /**
   * Answers `request` from its record when the key was used before with the same request, refuses
   * the key with 409 `idempotency_key_reused` when it was used with another, and otherwise runs
   * `create` and keeps its answer. One transaction holds the lookup, the effect and the record,
   * and a lock on the route and key comes first (on PostgreSQL; SQLite's one connection is the
   * lock), so two racing retries cannot both create, and a crash leaves neither or both. `create`
   * writes through the `trx` it is given. A create that throws (a 4xx) is rolled back and not
   * remembered: the caller may correct it and retry.
   */
  run(
    request: IdempotentRequest,
    create: (trx: Transaction<KefuDatabase>) => Promise<StoredResponse>,
  ): Promise<StoredResponse & { readonly replayed: boolean }>;
}

interface RecordRow {
  readonly request_hash: string;
  readonly status: StoredResponse['status'];
  readonly body: string | null;
  readonly created_at: number;
}

function storedOf(row: RecordRow, key: string): StoredResponse {
  return row.status === 204 || row.body === null
    ? { status: 204, body: null }
    : { status: row.status, body: unseal(row.body, key) };
}

/*
 * A record's answer can hold secrets (a conversation token, a callback's cancel token), and the
 * key is a bearer credential for replaying it. So the table keeps neither in clear: the key as a
 * SHA-256 digest, the answer sealed with AES-256-GCM under a key derived from the idempotency key.
 * Only a client that still holds the key can have it replayed; the database file alone yields
 * nothing, and no server secret is needed, so a restart loses no record.
 */
const sealedPrefix = 'v1:';

function lookupKey(key: string): string {
  return sha256(`kefu-idempotency-key\n${key}`);
}

function sealingKey(key: string): Buffer {
  return createHash('sha256').update(`kefu-idempotency-seal\n${key}`).digest();
}

function seal(body: string, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(key), iv);
  const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  return sealedPrefix + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

function unseal(stored: string, key: string): string {
  // Records written before sealing (a database from an earlier version) are read as they are.
  if (!stored.startsWith(sealedPrefix)) return stored;
  const bytes = Buffer.from(stored.slice(sealedPrefix.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(key), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

export function createIdempotencyStore(db: Kysely<KefuDatabase>, now: () => number): IdempotencyStore {
  return {
    run: (request, create) =>
      inTransaction(db, async (trx) => {
        const storedKey = lookupKey(request.key);
        await lock(trx, 'idempotency', `${request.route}\n${storedKey}`);
        const at = now();
        const find = (key: string) =>
          trx
            .selectFrom('idempotency_records')
            .select(['request_hash', 'status', 'body', 'created_at'])
            .where('route', '=', request.route)
            .where('key', '=', key)
            .executeTakeFirst() as Promise<RecordRow | undefined>;
        // Records written before keys were hashed are found by the key itself.
        const row = (await find(storedKey)) ?? (await find(request.key));
        if (row && row.created_at > at - IDEMPOTENCY_TTL_MS) {
          if (row.request_hash !== request.hash) {
            throw new ApiError(
              409,
              'idempotency_key_reused',
              'This idempotency key was already used for a different request.',
            );
          }
          return { ...storedOf(row, request.key), replayed: true };
        }
        const response = await create(trx);
        await trx
          .deleteFrom('idempotency_records')
          .where('created_at', '<=', at - IDEMPOTENCY_TTL_MS)
          .execute();
        const record = {
          route: request.route,
          key: storedKey,
          request_hash: request.hash,
          status: response.status,
          body: response.body === null ? null : seal(response.body, request.key),
          created_at: at,
        };
        // An expired record of the same key is replaced.
        await trx
          .insertInto('idempotency_records')
          .values(record)
          .onConflict((conflict) =>
            conflict.columns(['route', 'key']).doUpdateSet({
              request_hash: record.request_hash,
              status: record.status,
              body: record.body,
              created_at: record.created_at,
            }),
          )
          .execute();
        return { ...response, replayed: false };
      }),
  };
}

/** The Idempotency-Key of a create; without one the request is refused before anything is done. */
export function idempotencyKeyOf(c: Context): string {
  const key = c.req.header('idempotency-key')?.trim();
  if (!key) throw new ApiError(400, 'idempotency_key_required', 'This call needs an Idempotency-Key header.');
  if (key.length > MAX_KEY_LENGTH) {
    throw new ApiError(
      400,
      'idempotency_key_required',
      `The Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters.`,
    );
  }
  return key;
}

/** A JSON create's identity: same method, path and body (keys in any order) is the same request. */
export function jsonRequest(c: Context, route: string, key: string, body: unknown): IdempotentRequest {
  return { route, key, hash: sha256(`${c.req.method}\n${c.req.path}\n${stableJson(body)}`) };
}

/** Sends a create's answer; a replay says so in a header, which helps when reading logs and traces. */
export function sendStored(c: Context, response: StoredResponse & { readonly replayed: boolean }): Response {
  if (response.replayed) c.header('Idempotent-Replayed', 'true');
  if (response.status === 204) return c.body(null, 204);
  return c.body(response.body, response.status, { 'Content-Type': 'application/json' });
}
