import type { ReturnPolicy } from '../model/config.js';
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

/** Why an upload is refused: too large (HTTP 413) or not an allowed image (HTTP 422). */
export interface PhotoProblem {
  readonly status: 413 | 422;
  readonly code: 'too_large' | 'unsupported_type';
  readonly message: string;
  readonly fields: { readonly file: string };
}

/** Judges an upload by its size and sniffed type against the return policy. */
export function checkPhoto(
  size: number,
  contentType: UploadedPhoto['contentType'] | undefined,
  policy: ReturnPolicy['photos'],
): { readonly contentType: UploadedPhoto['contentType'] } | { readonly problem: PhotoProblem } {
  if (size > policy.maxBytes) {
    return {
      problem: {
        status: 413,
        code: 'too_large',
        message: `Photos can be up to ${Math.floor(policy.maxBytes / 1024 / 1024)} MB.`,
        fields: { file: 'This photo is too large.' },
      },
    };
  }
  if (contentType === undefined || !policy.types.includes(contentType)) {
    return {
      problem: {
        status: 422,
        code: 'unsupported_type',
        message: 'Please choose a JPEG, PNG or WebP photo.',
        fields: { file: 'This file is not a JPEG, PNG or WebP photo.' },
      },
    };
  }
  return { contentType };
}
