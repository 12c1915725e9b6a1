/** What a chat attachment may be, decided by its first bytes (a renamed .exe is not a PDF). */
export type AttachmentKind = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** 10 MB: a phone photo or a receipt PDF, not a video. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((byte, index) => bytes[at + index] === byte);

export function sniffAttachment(bytes: Uint8Array): AttachmentKind | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return undefined;
}

export type AttachmentCheck =
  { readonly ok: true; readonly kind: AttachmentKind } | { readonly ok: false; readonly reason: 'type' | 'size' };

export async function checkAttachment(file: Blob, maxBytes = MAX_ATTACHMENT_BYTES): Promise<AttachmentCheck> {
  if (file.size > maxBytes) return { ok: false, reason: 'size' };
  const kind = sniffAttachment(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
  return kind ? { ok: true, kind } : { ok: false, reason: 'type' };
}
