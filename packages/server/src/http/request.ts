import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';

type FieldErrors = Readonly<Record<string, string>>;
import { ApiError } from '../errors.js';

/**
 * What HTTP itself must refuse, with the contract's 400s: a body that is not a JSON object, a
 * missing query parameter. Judging the values is the services' job (422 with fields).
 */

export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body must be JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_json', 'The body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** Absent is a malformed request; empty is a value like any other, for the service to judge. */
export function requiredQuery(c: Context, name: string): string {
  const value = c.req.query(name);
  if (value === undefined) {
    throw new ApiError(400, 'invalid_query', `Bad query parameter "${name}".`, { [name]: 'Required.' });
  }
  return value;
}

/**
 * Checks a request body against the route's zod schema — the same schema the OpenAPI document is
 * made from, so the document and the validation cannot drift apart. Nothing reaches a service
 * without passing it. On failure the answer is the contract's 422, one message per field keyed by
 * path (`items.0.quantity`); where the store's own rules (`explain`, the functions the memory
 * backend uses too) have a message for a field, the shopper gets that one rather than zod's.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, explain?: (body: never) => FieldErrors): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const explained = explain?.(body as never) ?? {};
  const explainedKeys = Object.keys(explained);
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    // The store's message for `subject.type` says more than zod's for the whole `subject`.
    const saidBetter = explainedKeys.length > 0 && (key === '_' || explainedKeys.some((k) => k.startsWith(`${key}.`)));
    if (!saidBetter) fields[key] ??= issue.message;
  }
  throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', { ...fields, ...explained });
}
