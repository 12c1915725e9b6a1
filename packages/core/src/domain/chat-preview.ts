import type { ChatMessage, ConversationPreview } from '../model/chat.js';

/**
 * What a list of conversations shows of the last message, the same from both backends and from
 * the chat store (which keeps the conversation open on this device current in the list).
 */

/** A preview's length: a line in a list, not the message. */
export const PREVIEW_LENGTH = 140;

/** What a list shows of a conversation's last message: its text on one line, shortened, and a count of files. */
export function previewOf(message: ChatMessage): ConversationPreview {
  const text = message.text.replace(/\s+/g, ' ').trim();
  // Cut by code point, so a shortened Chinese or emoji text never ends in half a character.
  const characters = [...text];
  return {
    author: message.author,
    ...(message.authorName === undefined ? {} : { authorName: message.authorName }),
    text: characters.length > PREVIEW_LENGTH ? `${characters.slice(0, PREVIEW_LENGTH - 1).join('')}…` : text,
    attachmentCount: message.attachments?.length ?? 0,
    createdAt: message.createdAt,
  };
}
