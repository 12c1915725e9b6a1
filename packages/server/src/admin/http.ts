import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Services } from '../compose.js';
import { ApiError } from '../errors.js';
import { failure } from '../routes/define.js';
import type { AuditActor, AuditEntryInput } from '../agents/audit.js';
import type { AdminCaller, AdminScope } from './keys.js';

/** Where the admin API is mounted, beside the shopper contract's /v1. */
export const ADMIN_BASE = '/admin/v1';

/** What every admin route's context carries: the key that called, checked before the route runs. */
export type AdminEnv = { Variables: { adminCaller: AdminCaller } };
export type AdminContext = Context<AdminEnv>;

/**
 * One area of the admin API (orders, articles, returns, webhooks …): it documents its routes with
 * `document` (under the tag "Admin", at /admin/v1) and serves them on `admin`, whose middleware has
 * already checked the key and bounded the body.
 */
export interface AdminArea {
  readonly admin: OpenAPIHono<AdminEnv>;
  readonly document: (route: RouteConfig) => void;
  readonly services: Services;
}

/** The key is good but may not do this: 403 naming the scope it lacks. */
export function requireScope(c: AdminContext, scope: AdminScope): void {
  if (!c.get('adminCaller').scopes.includes(scope))
    throw new ApiError(403, 'forbidden', `This key lacks the scope ${scope}.`, undefined, { scope });
}

/**
 * Writes what the calling key just did to the audit log (decision 0023), as the console writes
 * what an agent did: the key's id stands for who (`bootstrap` for KEFU_ADMIN_KEY).
 */
export async function auditByKey(
  c: AdminContext,
  services: Services,
  entry: Omit<AuditEntryInput, 'actor'>,
): Promise<void> {
  await services.audit.record(services.deps.engine.db, { actor: keyActor(c), ...entry });
}

/** The calling key as the audit log names who did something. */
export function keyActor(c: AdminContext): AuditActor {
  return { kind: 'api_key', id: c.get('adminCaller').keyId };
}

/** The refusals every admin route can answer, for its documented responses. */
export const adminRefusals = {
  401: failure('No key, or one that is unknown or revoked (`unauthorized`; always the same body)'),
  403: failure('The key lacks the scope the route needs (`forbidden`; `scope` names it)'),
  413: failure('A body over 1 MB (`payload_too_large`)'),
};

/** A route of the admin API as the OpenAPI document shows it: tagged, behind an admin key. */
export const adminRoute = (route: RouteConfig): RouteConfig => ({
  ...route,
  tags: ['Admin'],
  security: [{ adminKey: [] }],
  // The document's server is /v1; the admin API is beside it.
  servers: [{ url: '/', description: 'The admin API is served at /admin/v1, beside /v1.' }],
});
