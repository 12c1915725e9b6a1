import { KefuError } from '../../errors.js';
import type { FieldErrors } from '../../domain/fields.js';
import type { PhotoProblem } from '../../domain/photo-type.js';

export type { FieldErrors } from '../../domain/fields.js';
export { isBlank, isEmail } from '../../domain/text-fields.js';

/**
 * The errors the memory backend rejects with, shaped as an HTTP server's would be after the http
 * adapter mapped them: same code, status and server code, so stores cannot tell the two apart.
 */

export function validationError(fields: FieldErrors, message = 'Please check the highlighted fields.'): KefuError {
  return new KefuError('validation', message, { status: 422, serverCode: 'validation_failed', fields });
}

/** A refused upload (a return photo or a chat attachment), with the status and code the server gives it. */
export function uploadRefused({ status, code, message, fields }: PhotoProblem): KefuError {
  return new KefuError('validation', message, { status, serverCode: code, fields });
}

/** Throws when any field failed, with all of them, so a form can mark every mistake at once. */
export function throwIfInvalid(fields: FieldErrors): void {
  if (Object.keys(fields).length > 0) throw validationError(fields);
}

export function unauthorized(message = 'Please sign in again or look the order up once more.'): KefuError {
  return new KefuError('unauthorized', message, { status: 401, serverCode: 'unauthorized' });
}

export function notFound(message: string, serverCode: string): KefuError {
  return new KefuError('not_found', message, { status: 404, serverCode });
}

export function conflict(message: string, serverCode: string): KefuError {
  return new KefuError('conflict', message, { status: 409, serverCode });
}

export function rateLimited(retryAfterMs: number): KefuError {
  return new KefuError('rate_limited', 'Too many attempts. Please wait a little and try again.', {
    status: 429,
    serverCode: 'rate_limited',
    retryAfterMs,
  });
}

export function aborted(): KefuError {
  return new KefuError('aborted', 'The request was cancelled.');
}
