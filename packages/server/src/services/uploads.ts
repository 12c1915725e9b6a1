import type { UploadedAttachment } from '@kefu/core';
import { checkAttachment, checkPhoto, sniffAttachmentType, sniffImageType, type PhotoProblem } from '@kefu/core/domain';
import { ApiError } from '../errors.js';
import type { Executor } from '../db/tx.js';
import { unauthorized, type Caller, type ConversationAccess } from '../http/auth.js';
import type { IdempotentRequest, StoredResponse } from '../http/idempotency.js';
import { newId, sha256 } from './crypto.js';
import { invalid, notFound, type StoreContext } from './context.js';

/** Who uploaded a file, and so who may use it: a return of that order, a message of that conversation. */
export interface UploadOwner {
  readonly kind: 'order' | 'customer' | 'conversation';
  readonly id: string;
}

/**
 * What a file is for, which decides what it may be: `return` — a photo for a return (JPEG, PNG or
 * WebP, the return policy's size); `chat` — a message's attachment (those, or a PDF, up to 10 MB).
 */
export type UploadPurpose = 'return' | 'chat';

/** An upload as the server keeps it. */
export interface StoredUpload {
  /** Its id, the type judged from its bytes, and its size. */
  readonly file: UploadedAttachment;
  /** The file name the browser sent; informative only. */
  readonly name: string;
  readonly owner: UploadOwner;
  readonly createdAt: string;
  /** Its bytes from the file store; undefined when the store has none (a directory not shared). */
  read(): Promise<Uint8Array<ArrayBuffer> | undefined>;
}

/** The multipart parts besides the file: what the file is for, and for which conversation. */
export interface UploadFields {
  /** `return` or `chat`; absent: `chat` for a conversation token, `return` for any other. */
  readonly purpose?: string | undefined;
  /** With an identity token and `purpose: chat`: the signed-in shopper's conversation. */
  readonly conversationId?: string | undefined;
}

export interface UploadsService {
  /**
   * 201 with the file; 401 without a token that may upload for this purpose, 404 for a conversation
   * that is not the signed-in shopper's; 413 / 422 for the file. The same key with the same bytes
   * from the same owner for the same purpose answers the first upload.
   */
  upload(
    caller: Caller,
    file: { readonly bytes: Uint8Array<ArrayBuffer>; readonly name: string },
    fields: UploadFields,
    scope: UploadScope,
  ): Promise<StoredResponse & { readonly replayed: boolean }>;
  find(id: string): Promise<StoredUpload | undefined>;
  /** Who uploaded each of `ids` that exists, read in the caller's transaction when `executor` is one. */
  ownersOf(ids: readonly string[], executor?: Executor): Promise<Map<string, UploadOwner>>;
}

/** Where the upload was sent, for its idempotency record. */
export interface UploadScope {
  /** The route template, e.g. "POST /uploads". */
  readonly route: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
}

const purposes: readonly UploadPurpose[] = ['return', 'chat'];

function purposeOf(caller: Caller, purpose: string | undefined): UploadPurpose {
  // Before purposes existed a conversation token could only mean a chat attachment; it still does.
  if (purpose === undefined || purpose === '') return caller.kind === 'conversation' ? 'chat' : 'return';
  if ((purposes as readonly string[]).includes(purpose)) return purpose as UploadPurpose;
  throw invalid({ purpose: 'Expected return or chat.' });
}

/** A file name fit to show: no control characters, no path, not endless. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
  return clean === '' ? 'photo' : clean;
}

/**
 * `conversations` answers who a conversation belongs to (the chat registers it, `acceptConversationTokens`
 * in http/auth.ts); asked at each upload, since the chat may register after the services are built.
 */
export function createUploadsService(store: StoreContext, conversations: () => ConversationAccess): UploadsService {
  // The settings are read when used: the console may change them while the server runs.
  const { db, files } = store;

  /**
   * Whose the file will be. A return photo belongs to an order or a customer; a chat attachment to
   * a conversation, named by its token or, for a signed-in shopper, by id among their own.
   */
  async function ownerOf(
    caller: Caller,
    purpose: UploadPurpose,
    conversationId: string | undefined,
  ): Promise<UploadOwner> {
    if (purpose === 'return') {
      if (caller.kind === 'order') return { kind: 'order', id: caller.orderId };
      if (caller.kind === 'customer') return { kind: 'customer', id: caller.customerId };
      // A conversation's token opens that conversation, never an order's returns.
      throw unauthorized();
    }
    if (caller.kind === 'conversation') {
      // As on the conversation's own routes: its token is not another conversation's (401).
      if (conversationId && conversationId !== caller.conversationId) throw unauthorized();
      return { kind: 'conversation', id: caller.conversationId };
    }
    if (caller.kind === 'customer') {
      if (!conversationId) throw invalid({ conversationId: 'Name the conversation the file is for.' });
      // Another shopper's conversation is answered like one that does not exist.
      if ((await conversations().ownerOf(conversationId)) !== caller.customerId) throw conversationNotFound();
      return { kind: 'conversation', id: conversationId };
    }
    throw unauthorized();
  }

  /** Whether upload `id` has a row, or whether that cannot be known (the database unreachable). */
  async function mayExist(id: string): Promise<boolean> {
    try {
      return (await db.selectFrom('uploads').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    } catch {
      return true;
    }
  }

  return {
    async upload(caller, file, fields, scope) {
      if (caller.kind === 'anonymous') throw unauthorized();
      const purpose = purposeOf(caller, fields.purpose);
      const owner = await ownerOf(caller, purpose, fields.conversationId);
      const request: IdempotentRequest = {
        route: scope.route,
        key: scope.key,
        hash: sha256(`${scope.method}\n${scope.path}\n${purpose}\n${owner.kind}:${owner.id}\n${sha256(file.bytes)}`),
      };
      // The type is judged by the bytes, never by the name or the declared type.
      const blob = new Blob([file.bytes]);
      const checked =
        purpose === 'return'
          ? checkPhoto(file.bytes.byteLength, await sniffImageType(blob), store.config.returnPolicy.photos)
          : checkAttachment(file.bytes.byteLength, await sniffAttachmentType(blob));
      // Inside the record's transaction, so a key used before answers 409 or its replay first.
      const refuse = (problem: PhotoProblem) =>
        store.idempotency.run(request, () => Promise.reject(apiErrorOf(problem)));
      if ('problem' in checked) return await refuse(checked.problem);
      const stored: UploadedAttachment = {
        id: newId('upl'),
        contentType: checked.contentType,
        size: file.bytes.byteLength,
      };
      // Before the transaction: a directory's file is written and synced outside it (decision 0016:
      // a transaction awaits nothing but its queries), so a row never commits without its bytes.
      const staged = await files.stage(stored.id, file.bytes);
      let recorded = false;
      try {
        const answer = await store.idempotency.run(request, async (trx) => {
          await trx
            .insertInto('uploads')
            .values({
              id: stored.id,
              owner_kind: owner.kind,
              owner_id: owner.id,
              content_type: stored.contentType,
              size: stored.size,
              sha256: sha256(file.bytes),
              name: displayName(file.name),
              created_at: new Date(store.now()).toISOString(),
            })
            .execute();
          await staged.keep(trx);
          recorded = true;
          return { status: 201, body: JSON.stringify(stored) };
        });
        // A replay answers the first upload: these bytes are not needed.
        if (answer.replayed) await staged.discard();
        return answer;
      } catch (error) {
        // Rolled back, so no row names the staged bytes: they go too. Unless the commit itself
        // failed in a way that leaves it unknown (a connection lost mid-commit): then the row may
        // exist, and a file without a row is harmless where a row without its file is not.
        if (!recorded || !(await mayExist(stored.id))) await staged.discard();
        throw error;
      }
    },

    async find(id) {
      const row = await db
        .selectFrom('uploads')
        .select(['id', 'owner_kind', 'owner_id', 'content_type', 'size', 'name', 'created_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        file: { id: row.id, contentType: row.content_type as UploadedAttachment['contentType'], size: row.size },
        name: row.name,
        owner: { kind: row.owner_kind, id: row.owner_id },
        createdAt: row.created_at,
        read: () => files.read(row.id),
      };
    },

    async ownersOf(ids, executor = db) {
      if (ids.length === 0) return new Map();
      const rows = await executor
        .selectFrom('uploads')
        .select(['id', 'owner_kind', 'owner_id'])
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return new Map(rows.map((row) => [row.id, { kind: row.owner_kind, id: row.owner_id }]));
    },
  };
}

function apiErrorOf({ status, code, message, fields }: PhotoProblem): ApiError {
  return new ApiError(status, code, message, fields);
}

function conversationNotFound(): ApiError {
  return notFound('conversation_not_found', 'We could not find that conversation.');
}
