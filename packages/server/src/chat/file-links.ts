import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Attachment } from '@kefu/core';
import type { Kysely } from 'kysely';
import type { KefuDatabase } from '../db/schema.js';

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

// One key per database, read once: the Kysely instance stands for its engine's database.
const keys = new WeakMap<Kysely<KefuDatabase>, Promise<Buffer>>();

function keyOf(db: Kysely<KefuDatabase>): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = readOrMakeKey(db);
    keys.set(db, key);
    // A failed read (the database closing, say) is not remembered: the next link tries again.
    key.catch(() => keys.delete(db));
  }
  return key;
}

async function readOrMakeKey(db: Kysely<KefuDatabase>): Promise<Buffer> {
  // Made once per database, on first use (migration 5, which relinks stored messages with it).
  // Of two instances making it at once, the first insert wins and both read that one.
  await db
    .insertInto('store_meta')
    .values({ key: FILE_LINK_KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const stored = await db
    .selectFrom('store_meta')
    .select('value')
    .where('key', '=', FILE_LINK_KEY)
    .executeTakeFirstOrThrow();
  return Buffer.from(stored.value, 'base64url');
}

/** 128 bits of HMAC-SHA256: as unguessable as a random id, and a short URL. */
const signatureOf = (key: Buffer, id: string) => createHmac('sha256', key).update(id).digest().subarray(0, 16);

export async function fileLink(db: Kysely<KefuDatabase>, id: string): Promise<string> {
  return `/files/${encodeURIComponent(id)}?sig=${signatureOf(await keyOf(db), id).toString('base64url')}`;
}

/** Whether `sig` is the file's signature; compared in constant time. */
export async function isFileSignature(db: Kysely<KefuDatabase>, id: string, sig: string): Promise<boolean> {
  const expected = signatureOf(await keyOf(db), id);
  const given = Buffer.from(sig, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The attachments with today's addresses, whatever address they were stored with. */
export async function withFileLinks(
  db: Kysely<KefuDatabase>,
  attachments: readonly Attachment[],
): Promise<Attachment[]> {
  const linked: Attachment[] = [];
  for (const attachment of attachments) linked.push({ ...attachment, url: await fileLink(db, attachment.id) });
  return linked;
}
