import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Attachment } from '@kefu/core';
import type { Db } from '../db/database.js';

/**
 * The address of a chat attachment for the shopper's browser: `/files/{id}?sig=…`, a path below
 * the API base like every path of the contract (the HTTP adapter makes it absolute). The agent
 * console links its own route, behind the agent's session.
 *
 * An `<img>` or a download link cannot send a token in a header, and the contract keeps tokens out
 * of URLs. The signature is no token: an HMAC of the file's id under this database's own key, it
 * opens that one file, read only, and nothing else. Whoever has the message has the link, as with a
 * file in an emailed transcript. It does not expire, because the widget keeps a conversation's
 * messages and does not fetch them again; the key lives in the database, so links outlive restarts.
 */
const FILE_LINK_KEY = 'file_link_key';

const keys = new WeakMap<Db, Buffer>();

function keyOf(db: Db): Buffer {
  let key = keys.get(db);
  if (!key) {
    // Made once per database, on first use (migration 5, which relinks stored messages with it).
    db.prepare('INSERT OR IGNORE INTO store_meta (key, value) VALUES (?, ?)').run(
      FILE_LINK_KEY,
      randomBytes(32).toString('base64url'),
    );
    const stored = db
      .prepare<[string], string>('SELECT value FROM store_meta WHERE key = ?')
      .pluck()
      .get(FILE_LINK_KEY);
    key = Buffer.from(stored ?? '', 'base64url');
    keys.set(db, key);
  }
  return key;
}

/** 128 bits of HMAC-SHA256: as unguessable as a random id, and a short URL. */
const signatureOf = (key: Buffer, id: string) => createHmac('sha256', key).update(id).digest().subarray(0, 16);

export function fileLink(db: Db, id: string): string {
  return `/files/${encodeURIComponent(id)}?sig=${signatureOf(keyOf(db), id).toString('base64url')}`;
}

/** Whether `sig` is the file's signature; compared in constant time. */
export function isFileSignature(db: Db, id: string, sig: string): boolean {
  const expected = signatureOf(keyOf(db), id);
  const given = Buffer.from(sig, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The attachments with today's addresses, whatever address they were stored with. */
export function withFileLinks(db: Db, attachments: readonly Attachment[]): Attachment[] {
  return attachments.map((attachment) => ({ ...attachment, url: fileLink(db, attachment.id) }));
}
