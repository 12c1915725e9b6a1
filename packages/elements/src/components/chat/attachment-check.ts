import { sniffImageType } from '@kefu/core/domain';

/**
 * 10 MB: a phone photo or a receipt PDF, not a video. The server's limit (`CHAT_ATTACHMENT_MAX_BYTES`
 * in `@kefu/core/domain`), restated: importing it would bring the server's problem messages along.
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** `%PDF-`: every PDF starts with it. */
const pdfSignature = [0x25, 0x50, 0x44, 0x46, 0x2d];

/**
 * Whether a file is one the server takes — a JPEG, PNG or WebP photo or a PDF — decided by its
 * first bytes, as the server decides (a renamed .exe is not a PDF).
 */
export async function isAttachable(file: Blob): Promise<boolean> {
  if (await sniffImageType(file)) return true;
  const head = new Uint8Array(await file.slice(0, pdfSignature.length).arrayBuffer());
  return pdfSignature.every((byte, index) => head[index] === byte);
}
