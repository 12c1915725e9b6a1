import type { FieldErrors } from './fields.js';

/**
 * A signed-in shopper's chat history (GET /v1/conversations), the rules both backends share: page
 * sizes and the messages for a bad query (what a preview shows is in chat-preview.ts).
 */

/** A page holds this many conversations unless the caller asks for another number… */
export const HISTORY_PAGE_SIZE = 20;
/** …up to this many. */
export const HISTORY_PAGE_MAX = 50;

export const historyMessages = {
  limit: `Expected a whole number from 1 to ${HISTORY_PAGE_MAX}.`,
  cursor: 'This list has changed; load it again from the start.',
} as const;

/** The page size asked for: the default without one, `fields.limit` for anything but 1 to 50. */
export function checkHistoryLimit(limit: number | string | undefined): { limit: number } | { fields: FieldErrors } {
  if (limit === undefined || limit === '') return { limit: HISTORY_PAGE_SIZE };
  const value = typeof limit === 'number' ? limit : /^\d+$/.test(limit) ? Number(limit) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > HISTORY_PAGE_MAX)
    return { fields: { limit: historyMessages.limit } };
  return { limit: value };
}
