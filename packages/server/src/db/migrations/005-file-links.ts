import { createHmac, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Attachment, ChatEvent, ChatMessage } from '@kefu/core';
import type { Migration } from '../migrate.js';
import type { KefuDatabase } from '../schema.js';

/**
 * Chat attachments get addresses a shopper's browser can open (`/v1/files/{id}?sig=…` on the server, see
 * chat/file-links.ts). Until now a message carried the agent console's address, which needs the
 * console's session: the migration makes this database's signing key and rewrites the messages
 * and stream events already stored, so a conversation reopened after the upgrade links its files.
 *
 * The same Kysely function on both engines. A database with no attachments yet (every new one)
 * gets no key here: chat/file-links.ts makes it on first use, as it always has.
 */
export const fileLinksMigration: Migration = {
  id: 5,
  name: 'file-links',
  sqlite: relink,
  postgres: relink,
};

/**
 * The signing as chat/file-links.ts does it on the day of this migration (its key row, an HMAC-SHA256
 * of the id cut to 128 bits), copied: a migration must keep doing what it did when it shipped,
 * whatever that module becomes later.
 */
const FILE_LINK_KEY = 'file_link_key';

async function relink(trx: Transaction<KefuDatabase>): Promise<void> {
  let key: Buffer | undefined;
  const link = async (attachments: readonly Attachment[]): Promise<Attachment[]> => {
    key ??= await keyOf(trx);
    const signed = key;
    return attachments.map((attachment) => {
      const sig = createHmac('sha256', signed).update(attachment.id).digest().subarray(0, 16).toString('base64url');
      return { ...attachment, url: `/files/${encodeURIComponent(attachment.id)}?sig=${sig}` };
    });
  };

  const messages = await trx
    .selectFrom('chat_messages')
    .select(['id', 'attachments'])
    .where('attachments', 'is not', null)
    .execute();
  for (const row of messages) {
    const attachments = JSON.parse(row.attachments ?? '[]') as Attachment[];
    await trx
      .updateTable('chat_messages')
      .set({ attachments: JSON.stringify(await link(attachments)) })
      .where('id', '=', row.id)
      .execute();
  }

  // (conversation_id, seq) is unique: it names an event on both engines (SQLite's rowid did before).
  const events = await trx
    .selectFrom('chat_events')
    .select(['conversation_id', 'seq', 'payload'])
    .where('type', '=', 'message')
    .execute();
  for (const row of events) {
    const event = JSON.parse(row.payload) as Extract<ChatEvent, { type: 'message' }>;
    const attachments = event.message.attachments;
    if (!attachments?.length) continue;
    const message: ChatMessage = { ...event.message, attachments: await link(attachments) };
    await trx
      .updateTable('chat_events')
      .set({ payload: JSON.stringify({ ...event, message }) })
      .where('conversation_id', '=', row.conversation_id)
      .where('seq', '=', row.seq)
      .execute();
  }
}

async function keyOf(trx: Transaction<KefuDatabase>): Promise<Buffer> {
  await trx
    .insertInto('store_meta')
    .values({ key: FILE_LINK_KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const { value } = await trx
    .selectFrom('store_meta')
    .select('value')
    .where('key', '=', FILE_LINK_KEY)
    .executeTakeFirstOrThrow();
  return Buffer.from(value, 'base64url');
}
