import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Hex SHA-256: what the database keeps instead of tokens, and the digests lookups compare. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** An unguessable bearer token: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A record id such as `ret_3f9a0c2d41b7e856`: random, so ids reveal neither order nor volume. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** Compares two hex SHA-256 digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
