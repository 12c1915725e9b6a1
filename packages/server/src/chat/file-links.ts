import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** Signs and checks chat files' addresses under the database's key (one per server, composition root). */
export interface FileLinks {
  /** `/files/{id}?sig=…`, the address the shopper's browser opens. */
  link(id: string): Promise<string>;
  /** Whether `sig` is the file's signature; compared in constant time. */
  isSignature(id: string, sig: string): Promise<boolean>;
}

export function createFileLinks(db: Kysely<KefuDatabase>): FileLinks {
  // Read once, on first use; a failed read (the database closing, say) is not remembered.
  let key: Promise<Buffer> | undefined;
  const keyOf = () => {
    if (!key) {
      const reading = readOrMakeKey(db);
      key = reading;
      reading.catch(() => {
        if (key === reading) key = undefined;
      });
    }
    return key;
  };
  return {
    link: async (id) => `/files/${encodeURIComponent(id)}?sig=${signatureOf(await keyOf(), id).toString('base64url')}`,
    async isSignature(id, sig) {
      const expected = signatureOf(await keyOf(), id);
      const given = Buffer.from(sig, 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
