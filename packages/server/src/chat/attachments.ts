import type { Attachment } from '@kefu/core';
import type { ServerDeps } from '../deps.js';
import { findUpload } from '../services/admin.js';

/** Where the agent console shows an attachment (it needs the console's session). */
export const attachmentUrl = (id: string) => `/agent/api/uploads/${encodeURIComponent(id)}`;

/**
 * The attachments behind a message's `attachmentIds`, or undefined when one is unknown or was not
 * uploaded with this conversation's token: a shopper cannot attach someone else's photo.
 */
export function resolveAttachments(
  deps: ServerDeps,
  conversationId: string,
  ids: readonly string[],
): Attachment[] | undefined {
  const attachments: Attachment[] = [];
  for (const id of new Set(ids)) {
    const upload = findUpload(deps, id);
    if (!upload || upload.owner.kind !== 'conversation' || upload.owner.id !== conversationId) return undefined;
    const { contentType, size } = upload.file;
    attachments.push({ id, name: upload.name, contentType, size, url: attachmentUrl(id) });
  }
  return attachments;
}
