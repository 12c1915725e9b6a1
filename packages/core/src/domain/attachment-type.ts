import type { AttachmentContentType } from '../model/chat.js';
import { sniffImageType, type PhotoProblem } from './photo-type.js';

/**
 * Chat attachments: photos and PDFs up to 10 MB. One limit for the chat element's check before
 * uploading, the memory backend and the reference server, so all three refuse the same file.
 */
export const CHAT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** `%PDF-`: every PDF starts with it (ISO 32000-1, 7.5.2). */
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;

/**
 * The type of a chat attachment by its first bytes, never by its name or declared type: an HTML
 * page renamed to .pdf is still HTML, and a PNG renamed to .pdf is a PNG.
 */
export async function sniffAttachmentType(file: Blob): Promise<AttachmentContentType | undefined> {
  const image = await sniffImageType(file);
  if (image) return image;
  const head = new Uint8Array(await file.slice(0, PDF_SIGNATURE.length).arrayBuffer());
  return PDF_SIGNATURE.every((byte, index) => head[index] === byte) ? 'application/pdf' : undefined;
}

/** Judges a chat attachment by its size and sniffed type; the problems read like a photo's. */
export function checkAttachment(
  size: number,
  contentType: AttachmentContentType | undefined,
): { readonly contentType: AttachmentContentType } | { readonly problem: PhotoProblem } {
  if (size > CHAT_ATTACHMENT_MAX_BYTES) {
    return {
      problem: {
        status: 413,
        code: 'too_large',
        message: `Attachments can be up to ${CHAT_ATTACHMENT_MAX_BYTES / 1024 / 1024} MB.`,
        fields: { file: 'This file is too large.' },
      },
    };
  }
  if (contentType === undefined) {
    return {
      problem: {
        status: 422,
        code: 'unsupported_type',
        message: 'Please choose a JPEG, PNG or WebP photo, or a PDF.',
        fields: { file: 'This file is not a JPEG, PNG or WebP photo, or a PDF.' },
      },
    };
  }
  return { contentType };
}
