import type { OpenAPIHono, RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ErrorSchema } from './schemas.js';

/**
 * Registers a route: its createRoute config goes into the OpenAPI document as it is, and its
 * handler reads the request itself instead of through zod validators. The contract's order of
 * checks (Idempotency-Key, then the body, then the token, then the key's record, then the
 * values) and its field messages are the memory backend's, which validators in front of the
 * handler would change: they would answer 422 before a 400 for a missing key, 401 or 409, with
 * zod's own messages, and a malformed body would become an exception instead of `invalid_json`.
 */
export function serve(
  api: OpenAPIHono,
  route: RouteConfig,
  handler: (c: Context) => Response | Promise<Response>,
): void {
  api.openAPIRegistry.registerPath(route);
  api.on(route.method.toUpperCase(), route.path.replaceAll(/\{(\w+)\}/g, ':$1'), handler);
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const failure = (description: string) => jsonContent(ErrorSchema, description);

export const rateLimitedFailure = {
  description: 'Too many failed attempts (`rate_limited`)',
  headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } } },
  content: { 'application/json': { schema: ErrorSchema } },
};

/** Security requirements by token, for `security: [...]` (any one of the listed tokens will do). */
export const security: Record<
  'orderAccess' | 'returnGrant' | 'identity' | 'conversation' | 'callbackCancel',
  Record<string, string[]>
> = {
  orderAccess: { orderAccessToken: [] },
  returnGrant: { returnGrant: [] },
  identity: { identityToken: [] },
  conversation: { conversationToken: [] },
  callbackCancel: { callbackCancelToken: [] },
};

/** The bearer tokens of docs/api/http-contract.md, as OpenAPI security schemes. */
export function registerSecuritySchemes(api: OpenAPIHono): void {
  const bearer = (description: string) => ({ type: 'http' as const, scheme: 'bearer', description });
  api.openAPIRegistry.registerComponent(
    'securitySchemes',
    'orderAccessToken',
    bearer('The `accessToken` of POST /orders/lookup: that order, for 30 minutes.'),
  );
  api.openAPIRegistry.registerComponent(
    'securitySchemes',
    'returnGrant',
    bearer(
      'The `returnGrant` of POST /orders/lookup: creating a return for that order (POST /returns only), ' +
        'for 7 days, so a return queued offline outlives the access token (docs/decisions/0012-return-grant.md).',
    ),
  );
  api.openAPIRegistry.registerComponent(
    'securitySchemes',
    'identityToken',
    bearer('An HS256 JWT the host page signs for its signed-in shopper (`sub` = customer id, `exp` honoured).'),
  );
  api.openAPIRegistry.registerComponent(
    'securitySchemes',
    'callbackCancelToken',
    bearer('The `cancelToken` of POST /callbacks.'),
  );
  api.openAPIRegistry.registerComponent(
    'securitySchemes',
    'conversationToken',
    bearer('The `token` of POST /conversations.'),
  );
}
