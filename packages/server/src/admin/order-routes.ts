import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { jsonObject, parseBody } from '../http/request.js';
import { failure, jsonBody, jsonContent } from '../routes/define.js';
import { OrderSchema } from '../routes/schemas.js';
import { adminRefusals, adminRoute, requireScope, type AdminArea } from './http.js';
import { OrderFactsSchema, ShipmentEventSchema } from './order-facts.js';

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
      ...adminRefusals,
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
      ...adminRefusals,
      404: failure('No such order pushed through the API (`order_not_found`) or shipment (`shipment_not_found`)'),
      422: failure('Fields that cannot be used (`validation_failed`, with `fields`)'),
    },
  }),
);

const OrderViewSchema = z
  .object({
    order: OrderSchema.openapi({ description: 'The order as the widget shows it, derived.' }),
    facts: OrderFactsSchema.optional().openapi({
      description:
        'What the store last pushed, with the events added since; absent for an order not pushed through this API.',
    }),
  })
  .openapi('AdminOrderView');

const getOrder = adminRoute(
  createRoute({
    method: 'get',
    path: '/orders/{number}',
    summary: 'An order as pushed and as derived (scope read)',
    request: { params: z.object({ number: NumberParam }) },
    responses: {
      200: jsonContent(OrderViewSchema, 'The order'),
      ...adminRefusals,
      404: failure('No order has this number (`order_not_found`)'),
      422: failure('Not an order number of this store (`validation_failed`)'),
    },
  }),
);

/** The orders the store pushes (decision 0019): an order by its number, and a shipment's events. */
export function registerOrderRoutes({ admin, document, services }: AdminArea): void {
  const { orders } = services.admin;
  document(putOrder);
  document(postEvents);
  document(getOrder);

  const answer = (c: Context, result: { result: 'created' | 'updated' | 'unchanged'; order: unknown }) =>
    c.json(
      { result: result.result, changed: result.result !== 'unchanged', order: result.order },
      result.result === 'created' ? 201 : 200,
    );

  admin.get('/orders/:number', async (c) => {
    requireScope(c, 'read');
    return c.json(await orders.get(c.req.param('number')), 200);
  });
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
}
