import type { OpenAPIHono } from '@hono/zod-openapi';
import { OpenAPIHono as AdminApp } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Services } from '../compose.js';
import { errorBody } from '../errors.js';
import { ADMIN_BASE, type AdminArea, type AdminEnv } from './http.js';
import { registerArticleRoutes } from './article-routes.js';
import { registerOrderRoutes } from './order-routes.js';
import { registerReturnRoutes } from './return-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';

/** An order with 500 lines and 100 shipments of events fits; anything larger is refused (413). */
const ADMIN_BODY_MAX_BYTES = 1024 * 1024;

const UNAUTHORIZED_MESSAGE = 'A valid admin API key is required: Authorization: Bearer <key>.';

/**
 * The admin API's areas, each in its own module (one line each): they share the key check, the
 * body limit and the document's tag, set up here once.
 */
const areas: readonly ((area: AdminArea) => void)[] = [
  registerOrderRoutes,
  registerArticleRoutes,
  registerReturnRoutes,
  registerWebhookRoutes,
];

/**
 * One answer for a missing, unknown and revoked key alike (same status, headers and bytes), so a
 * probe learns nothing about which keys exist or were revoked.
 */
function unauthorized(c: Context): Response {
  c.header('WWW-Authenticate', 'Bearer realm="kefu-admin"');
  return c.json(errorBody('unauthorized', UNAUTHORIZED_MESSAGE), 401);
}

/**
 * The admin API (issue 22, decision 0019) on `app` at /admin/v1, documented in `v1`'s OpenAPI
 * document under the tag "Admin". Every route checks the key before it reads the body. Answers the
 * admin app (its routes are checked against the document, test/node/openapi.test.ts).
 */
export function registerAdminApi(app: OpenAPIHono, v1: OpenAPIHono, services: Services): OpenAPIHono {
  const { keys } = services.admin;

  v1.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An admin API key (`kfk_…`, `kefu-server keys create`), or the bootstrap key `KEFU_ADMIN_KEY`. Admin routes only.',
  });

  const admin = new AdminApp<AdminEnv>();
  const authenticate: MiddlewareHandler<AdminEnv> = async (c, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '');
    const caller = await keys.verify(match?.[1]);
    if (!caller) return unauthorized(c);
    c.set('adminCaller', caller);
    await next();
  };
  admin.use('*', authenticate);
  admin.use(
    '*',
    bodyLimit({
      maxSize: ADMIN_BODY_MAX_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', 'The request body is too large.'), 413),
    }),
  );
  const document: AdminArea['document'] = (route) =>
    v1.openAPIRegistry.registerPath({ ...route, path: `${ADMIN_BASE}${route.path}` });
  for (const register of areas) register({ admin, document, services });
  app.route(ADMIN_BASE, admin);
  return admin as unknown as OpenAPIHono;
}
