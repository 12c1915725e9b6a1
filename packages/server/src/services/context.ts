import type { StoreConfig } from '@kefu/core';
import type { FieldErrors } from '@kefu/core/domain';
import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';
import type { FileStore } from '../files/file-store.js';
import { ApiError } from '../errors.js';
import type { IdempotencyStore } from '../http/idempotency.js';

/** What every service is built from. */
export interface StoreContext {
  readonly db: Kysely<KefuDatabase>;
  /** The store's settings as they are now: read them when used (compose.ts makes this a getter). */
  readonly config: StoreConfig;
  readonly now: () => number;
  /** Where uploads' bytes are kept (a directory, or the database). */
  readonly files: FileStore;
  readonly idempotency: IdempotencyStore;
}

/** 422 `validation_failed` with every field at once, and the memory backend's message. */
export function invalid(fields: FieldErrors): ApiError {
  return new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', fields);
}

export function throwIfInvalid(fields: FieldErrors): void {
  if (Object.keys(fields).length > 0) throw invalid(fields);
}

export function notFound(code: string, message: string): ApiError {
  return new ApiError(404, code, message);
}
