import type { Context } from 'hono';
import type { Attachment } from '@kefu/core';
import type { StoredUpload, UploadsService } from '../services/uploads.js';
import type { FileLinks } from './file-links.js';

/**
 * The attachments behind a message's `attachmentIds`, or undefined when one is unknown or was not
 * uploaded with this conversation's token: a shopper cannot attach someone else's photo.
 */
export async function resolveAttachments(
  services: { readonly uploads: Pick<UploadsService, 'find'>; readonly fileLinks: FileLinks },
  conversationId: string,
  ids: readonly string[],
): Promise<Attachment[] | undefined> {
  const attachments: Attachment[] = [];
  for (const id of new Set(ids)) {
    const upload = await services.uploads.find(id);
    if (!upload || upload.owner.kind !== 'conversation' || upload.owner.id !== conversationId) return undefined;
    const { contentType, size } = upload.file;
    attachments.push({ id, name: upload.name, contentType, size, url: await services.fileLinks.link(id) });
  }
  return attachments;
}

/**
 * The bytes of an upload, as the shopper's link and the agent console serve them. The type was
 * judged by the bytes at upload. Photos show inline; a PDF is downloaded, never rendered under the
 * server's origin, where whatever script a shopper put in it would run beside the console's
 * session; the sandbox CSP holds even if a browser rendered it anyway.
 */
export async function sendUpload(c: Context, upload: StoredUpload): Promise<Response> {
  const bytes = await upload.read();
  // A row without its bytes: this instance does not see the store the upload went to (uploads in a
  // directory that is not shared by every instance), or the files were lost. The operator's to fix.
  if (!bytes) throw new Error(`The bytes of upload ${upload.file.id} are not in the file store.`);
  const { contentType } = upload.file;
  c.header('Content-Type', contentType);
  c.header('Content-Disposition', contentType.startsWith('image/') ? 'inline' : attachmentDisposition(upload.name));
  c.header('Content-Security-Policy', "sandbox; default-src 'none'");
  c.header('X-Content-Type-Options', 'nosniff');
  // An upload never changes under its id.
  c.header('Cache-Control', 'private, max-age=31536000, immutable');
  return c.body(bytes);
}

/** `attachment` with the shopper's file name, ASCII fallback first and the exact name in RFC 5987 form. */
function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
