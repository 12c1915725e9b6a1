import type { Attachment, ChatEvent, ChatMessage } from '@kefu/core';
import type { Db, Migration } from '../database.js';
import { withFileLinks } from '../../chat/file-links.js';

/**
 * Chat attachments get addresses a shopper's browser can open (`/v1/files/{id}?sig=…` on the server, see
 * chat/file-links.ts). Until now a message carried the agent console's address, which needs the
 * console's session: the migration makes this database's signing key and rewrites the messages
 * and stream events already stored, so a conversation reopened after the upgrade links its files.
 */
export const fileLinksMigration: Migration = {
  id: 5,
  name: 'file-links',
  // The first link made creates the database's key (chat/file-links.ts).
  up: relink,
};

function relink(db: Db): void {
  const messages = db
    .prepare<[], { id: string; attachments: string }>(
      'SELECT id, attachments FROM chat_messages WHERE attachments IS NOT NULL',
    )
    .all();
  const updateMessage = db.prepare('UPDATE chat_messages SET attachments = ? WHERE id = ?');
  for (const row of messages) {
    const attachments = JSON.parse(row.attachments) as Attachment[];
    updateMessage.run(JSON.stringify(withFileLinks(db, attachments)), row.id);
  }
  const events = db
    .prepare<[], { rowid: number; payload: string }>("SELECT rowid, payload FROM chat_events WHERE type = 'message'")
    .all();
  const updateEvent = db.prepare('UPDATE chat_events SET payload = ? WHERE rowid = ?');
  for (const row of events) {
    const event = JSON.parse(row.payload) as Extract<ChatEvent, { type: 'message' }>;
    const attachments = event.message.attachments;
    if (!attachments?.length) continue;
    const message: ChatMessage = { ...event.message, attachments: withFileLinks(db, attachments) };
    updateEvent.run(JSON.stringify({ ...event, message }), row.rowid);
  }
}
