import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UploadedPhoto } from '@kefu/core';
import { checkPhoto, sniffImageType } from '@kefu/core/domain';
import { ApiError } from '../errors.js';
import { unauthorized, type Caller } from '../http/auth.js';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId, sha256 } from './crypto.js';
import type { StoreContext } from './context.js';

/** Who uploaded a file, and so who may use it: a return of that order, a message of that conversation. */
export interface UploadOwner {
  readonly kind: 'order' | 'customer' | 'conversation';
  readonly id: string;
}

/** An upload as the server keeps it. */
export interface StoredUpload {
  readonly photo: UploadedPhoto;
  /** The file name the browser sent; informative only. */
  readonly name: string;
  readonly owner: UploadOwner;
  readonly createdAt: string;
  /** The file holding the bytes. */
  readonly path: string;
}

export interface UploadsService {
  /**
   * 201 with the photo; 401 without an order, identity or conversation token; 413 / 422 for the
   * file. The same key with the same bytes from the same owner answers the first upload.
   */
  upload(
    caller: Caller,
    file: { readonly bytes: Uint8Array<ArrayBuffer>; readonly name: string },
    scope: UploadScope,
  ): Promise<StoredResponse & { readonly replayed: boolean }>;
  find(id: string): StoredUpload | undefined;
}

/** Where the upload was sent, for its idempotency record. */
export interface UploadScope {
  /** The route template, e.g. "POST /uploads". */
  readonly route: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
}

interface UploadRow {
  readonly id: string;
  readonly owner_kind: UploadOwner['kind'];
  readonly owner_id: string;
  readonly content_type: UploadedPhoto['contentType'];
  readonly size: number;
  readonly name: string;
  readonly created_at: string;
}

function ownerOf(caller: Caller): UploadOwner {
  switch (caller.kind) {
    case 'order':
      return { kind: 'order', id: caller.orderId };
    case 'customer':
      return { kind: 'customer', id: caller.customerId };
    case 'conversation':
      return { kind: 'conversation', id: caller.conversationId };
    default:
      throw unauthorized();
  }
}

/** A file name fit to show: no control characters, no path, not endless. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
  return clean === '' ? 'photo' : clean;
}

export function createUploadsService(store: StoreContext): UploadsService {
  const { db, config, uploadsDir } = store;
  const insert = db.prepare<[string, string, string, string, number, string, string, string]>(
    `INSERT INTO uploads (id, owner_kind, owner_id, content_type, size, sha256, name, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], UploadRow>(
    'SELECT id, owner_kind, owner_id, content_type, size, name, created_at FROM uploads WHERE id = ?',
  );

  return {
    async upload(caller, file, scope) {
      const owner = ownerOf(caller);
      const request: IdempotentRequest = {
        route: scope.route,
        key: scope.key,
        hash: sha256(`${scope.method}\n${scope.path}\n${owner.kind}:${owner.id}\n${sha256(file.bytes)}`),
      };
      // The type is judged by the bytes, never by the name or the declared type.
      const contentType = await sniffImageType(new Blob([file.bytes]));
      let written: string | undefined;
      try {
        return store.idempotency.run(request, () => {
          const checked = checkPhoto(file.bytes.byteLength, contentType, config.returnPolicy.photos);
          if ('problem' in checked) {
            const { status, code, message, fields } = checked.problem;
            throw new ApiError(status, code, message, fields);
          }
          const photo: UploadedPhoto = {
            id: newId('upl'),
            contentType: checked.contentType,
            size: file.bytes.byteLength,
          };
          mkdirSync(uploadsDir, { recursive: true });
          written = join(uploadsDir, photo.id);
          writeFileSync(written, file.bytes);
          insert.run(
            photo.id,
            owner.kind,
            owner.id,
            photo.contentType,
            photo.size,
            sha256(file.bytes),
            displayName(file.name),
            new Date(store.now()).toISOString(),
          );
          return { status: 201, body: JSON.stringify(photo) };
        });
      } catch (error) {
        // The transaction rolled back: no row points at the file, so it must not stay either.
        if (written) rmSync(written, { force: true });
        throw error;
      }
    },

    find(id) {
      const row = byId.get(id);
      if (!row) return undefined;
      return {
        photo: { id: row.id, contentType: row.content_type, size: row.size },
        name: row.name,
        owner: { kind: row.owner_kind, id: row.owner_id },
        createdAt: row.created_at,
        path: join(uploadsDir, row.id),
      };
    },
  };
}
