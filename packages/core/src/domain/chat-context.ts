import type { ConversationContext } from '../model/chat.js';
import type { FieldErrors } from './fields.js';

/**
 * The article a conversation starts from (`context` on POST /v1/conversations), checked alike by
 * both backends: an id and a title of sensible length, nothing else. It is a label for the agent,
 * so it is kept as sent and never mixed into the shopper's words.
 */
export const MAX_CONTEXT_ID_LENGTH = 200;
export const MAX_CONTEXT_TITLE_LENGTH = 300;

export const contextMessage = 'Expected the article as { articleId, articleTitle }.';

/**
 * Why `context` is refused, by field as the server's validator names them (`context`,
 * `context.articleId`, `context.articleTitle`); empty when it is absent or fine.
 */
export function checkConversationContext(context: unknown): FieldErrors {
  if (context === undefined) return {};
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return { context: contextMessage };
  const { articleId, articleTitle } = context as Partial<Record<keyof ConversationContext, unknown>>;
  const fits = (value: unknown, max: number) => typeof value === 'string' && value.trim() !== '' && value.length <= max;
  return {
    ...(fits(articleId, MAX_CONTEXT_ID_LENGTH) ? {} : { 'context.articleId': contextMessage }),
    ...(fits(articleTitle, MAX_CONTEXT_TITLE_LENGTH) ? {} : { 'context.articleTitle': contextMessage }),
  };
}
