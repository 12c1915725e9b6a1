import type { Context } from 'hono';
import type { Db } from '../db/database.js';
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
   * `create` and keeps its answer. One IMMEDIATE transaction holds the lookup, the effect and the
   * record, so two racing retries cannot both create, and a crash leaves neither or both. A create
   * that throws (a 4xx) is rolled back and not remembered: the caller may correct it and retry.
   */
  run(request: IdempotentRequest, create: () => StoredResponse): StoredResponse & { readonly replayed: boolean };
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

export function createIdempotencyStore(db: Db, now: () => number): IdempotencyStore {
  const find = db.prepare<[string, string], RecordRow>(
    'SELECT request_hash, status, body, created_at FROM idempotency_records WHERE route = ? AND key = ?',
  );
  const save = db.prepare<[string, string, string, number, string | null, number]>(
    `INSERT OR REPLACE INTO idempotency_records (route, key, request_hash, status, body, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const purge = db.prepare<[number]>('DELETE FROM idempotency_records WHERE created_at <= ?');

  return {
    run(request, create) {
      return db
        .transaction(() => {
          const at = now();
          const storedKey = lookupKey(request.key);
          const row = find.get(request.route, storedKey) ?? find.get(request.route, request.key);
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
          const response = create();
          purge.run(at - IDEMPOTENCY_TTL_MS);
          const sealed = response.body === null ? null : seal(response.body, request.key);
          save.run(request.route, storedKey, request.hash, response.status, sealed, at);
          return { ...response, replayed: false };
        })
        .immediate();
    },
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
