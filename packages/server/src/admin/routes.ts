import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Services } from '../compose.js';
import { ApiError, errorBody } from '../errors.js';
import { jsonObject, parseBody } from '../http/request.js';
import { failure, jsonBody, jsonContent } from '../routes/define.js';
import { OrderSchema } from '../routes/schemas.js';
import type { AdminCaller, AdminScope } from './keys.js';
import { OrderFactsSchema, ShipmentEventSchema } from './order-facts.js';

/** Where the admin API is mounted, beside the shopper contract's /v1. */
export const ADMIN_BASE = '/admin/v1';
/** An order with 500 lines and 100 shipments of events fits; anything larger is refused (413). */
const ADMIN_BODY_MAX_BYTES = 1024 * 1024;

const UNAUTHORIZED_MESSAGE = 'A valid admin API key is required: Authorization: Bearer <key>.';

/**
 * One answer for a missing, unknown and revoked key alike (same status, headers and bytes), so a
 * probe learns nothing about which keys exist or were revoked.
 */
function unauthorized(c: Context): Response {
  c.header('WWW-Authenticate', 'Bearer realm="kefu-admin"');
  return c.json(errorBody('unauthorized', UNAUTHORIZED_MESSAGE), 401);
}

/** The key is good but may not do this: 403 naming the scope it lacks. */
function forbidden(scope: AdminScope): ApiError {
  return new ApiError(403, 'forbidden', `This key lacks the scope ${scope}.`, undefined, { scope });
}

const PushResultSchema = z
  .object({
    result: z.enum(['created', 'updated', 'unchanged']).openapi({
      description: '`unchanged`: the same body (or events) was already applied; nothing was written.',
    }),
    changed: z.boolean(),
    order: OrderSchema.openapi({
      description: 'The order as the widget now shows it (status, returnable quantities, deadlines derived).',
    }),
  })
  .openapi('AdminPushResult');

const EventsBodySchema = z
  .object({ events: z.array(ShipmentEventSchema).min(1).max(100) })
  .strict()
  .openapi('AdminShipmentEvents');

const NumberParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'number', in: 'path' }, example: 'SH-10042' });
const ShipmentParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'shipmentId', in: 'path' }, example: 'shp_1' });

const refusals = {
  401: failure('No key, or one that is unknown or revoked (`unauthorized`; always the same body)'),
  403: failure('The key lacks the scope the route needs (`forbidden`; `scope` names it)'),
  413: failure('A body over 1 MB (`payload_too_large`)'),
};
const adminRoute = (route: RouteConfig): RouteConfig => ({
  ...route,
  tags: ['Admin'],
  security: [{ adminKey: [] }],
  // The document's server is /v1; the admin API is beside it.
  servers: [{ url: '/', description: 'The admin API is served at /admin/v1, beside /v1.' }],
});

const putOrder = adminRoute(
  createRoute({
    method: 'put',
    path: '/orders/{number}',
    summary: 'Create or replace an order (scope orders:write)',
    description:
      'The order as the store knows it now, facts only; the server derives the rest. Idempotent: the ' +
      'same body again answers `unchanged`. Versioned by `updatedAt`: a body whose `updatedAt` is not ' +
      'newer than the kept one (and is not the same body) is refused with 409 `stale_order`. Events ' +
      'appended through the events route are replaced by a newer push, which carries the events the store knows.',
    request: { params: z.object({ number: NumberParam }), body: jsonBody(OrderFactsSchema) },
    responses: {
      200: jsonContent(PushResultSchema, 'Updated, or unchanged'),
      201: jsonContent(PushResultSchema, 'Created'),
      400: failure('A body that is not a JSON object (`invalid_json`)'),
      ...refusals,
      409: failure('An older or equal `updatedAt` with another body (`stale_order`; `currentUpdatedAt` is kept)'),
      422: failure('Fields that cannot be used (`validation_failed`, with `fields`)'),
    },
  }),
);

const postEvents = adminRoute(
  createRoute({
    method: 'post',
    path: '/orders/{number}/shipments/{shipmentId}/events',
    summary: 'Add tracking events to a shipment (scope orders:write)',
    description:
      'Without resending the order. Events already on the shipment (same fields) are skipped; only ' +
      'orders pushed through this API can be added to. The order keeps its `updatedAt`.',
    request: {
      params: z.object({ number: NumberParam, shipmentId: ShipmentParam }),
      body: jsonBody(EventsBodySchema),
    },
    responses: {
      200: jsonContent(PushResultSchema, 'Added, or unchanged'),
      400: failure('A body that is not a JSON object (`invalid_json`)'),
      ...refusals,
      404: failure('No such order pushed through the API (`order_not_found`) or shipment (`shipment_not_found`)'),
      422: failure('Fields that cannot be used (`validation_failed`, with `fields`)'),
    },
  }),
);

/**
 * The admin API (issue 22, decision 0019) on `app` at /admin/v1, documented in `v1`'s OpenAPI
 * document under the tag "Admin". Every route checks the key before it reads the body. Answers the
 * admin app (its routes are checked against the document, test/node/openapi.test.ts).
 */
export function registerAdminApi(app: OpenAPIHono, v1: OpenAPIHono, services: Services): OpenAPIHono {
  const { keys, orders } = services.admin;

  v1.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An admin API key (`kfk_…`, `kefu-server keys create`), or the bootstrap key `KEFU_ADMIN_KEY`. Admin routes only.',
  });
  for (const route of [putOrder, postEvents])
    v1.openAPIRegistry.registerPath({ ...route, path: `${ADMIN_BASE}${route.path}` });

  const admin = new OpenAPIHono<{ Variables: { adminCaller: AdminCaller } }>();
  const authenticate: MiddlewareHandler<{ Variables: { adminCaller: AdminCaller } }> = async (c, next) => {
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
  const requireScope = (c: Context<{ Variables: { adminCaller: AdminCaller } }>, scope: AdminScope) => {
    if (!c.get('adminCaller').scopes.includes(scope)) throw forbidden(scope);
  };
  const answer = (c: Context, result: { result: 'created' | 'updated' | 'unchanged'; order: unknown }) =>
    c.json(
      { result: result.result, changed: result.result !== 'unchanged', order: result.order },
      result.result === 'created' ? 201 : 200,
    );

  admin.put('/orders/:number', async (c) => {
    requireScope(c, 'orders:write');
    const facts = parseBody(OrderFactsSchema, await jsonObject(c));
    return answer(c, await orders.upsert(c.req.param('number'), facts));
  });
  admin.post('/orders/:number/shipments/:shipmentId/events', async (c) => {
    requireScope(c, 'orders:write');
    const { events } = parseBody(EventsBodySchema, await jsonObject(c));
    return answer(c, await orders.appendEvents(c.req.param('number'), c.req.param('shipmentId'), events));
  });
  app.route(ADMIN_BASE, admin);
  return admin as unknown as OpenAPIHono;
}
