import type { UploadedPhoto } from '../model/returns.js';

/**
 * The image type of a file by its first bytes, never by its name or declared type: a text file
 * renamed to .png is still text.
 */
export async function sniffImageType(file: Blob): Promise<UploadedPhoto['contentType'] | undefined> {
  const bytes = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const startsWith = (signature: readonly number[], at = 0) =>
    signature.every((byte, index) => bytes[at + index] === byte);
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  // "RIFF", four bytes of length, then "WEBP".
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}
