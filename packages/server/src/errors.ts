import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error the contract returns has one shape: { error: { code, message, fields? } }.
 * Throw an ApiError from a route; the app's error handler writes it.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** More the caller needs to recover, beside code and message (`slot_taken` sends the free slots). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function errorBody(
  code: string,
  message: string,
  fields?: Record<string, string>,
  details?: Record<string, unknown>,
) {
  return { error: { ...details, code, message, ...(fields ? { fields } : {}) } };
}

export function sendError(c: Context, error: ApiError) {
  return c.json(errorBody(error.code, error.message, error.fields, error.details), error.status);
}
