import { createRoute, z } from '@hono/zod-openapi';
import { jsonObject, parseBody } from '../http/request.js';
import { failure, jsonBody, jsonContent } from '../routes/define.js';
import { webhookEventTypes } from '../webhooks/events.js';
import { notFound } from '../services/context.js';
import { adminRefusals, adminRoute, auditByKey, requireScope, type AdminArea } from './http.js';

const EventType = z.enum(webhookEventTypes);

/** What a store sends to add a webhook (the console's form sends the same). */
export const NewWebhookSchema = z
  .object({
    url: z
      .string()
      .min(1)
      .max(2000)
      .openapi({
        example: 'https://shop.example/hooks/kefu',
        description:
          'http or https. Loopback and private addresses are refused unless the server runs with ' +
          '`KEFU_WEBHOOKS_ALLOW_PRIVATE=1`.',
      }),
    events: z.array(EventType).min(1).max(webhookEventTypes.length),
    description: z.string().max(200).optional(),
  })
  .strict()
  .openapi('AdminNewWebhook');

const WebhookSchema = z
  .object({
    id: z.string().openapi({ example: 'wh_3f9a0c2d41b7e856' }),
    url: z.string(),
    description: z.string().optional(),
    events: z.array(EventType),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('AdminWebhook');

const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    example: 'whsec_…',
    description: 'The signing secret (docs/server.md, "Webhooks"): shown this once, keep it.',
  }),
}).openapi('AdminCreatedWebhook');

const DeliverySchema = z
  .object({
    id: z.string().openapi({ example: 'whd_51c0b2a4e9d87f36' }),
    eventId: z.string().openapi({ description: 'The `Kefu-Webhook-Id` header: the same on every attempt.' }),
    type: z.string().openapi({ example: 'return.created' }),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    nextAttemptAt: z.string().optional().openapi({ format: 'date-time', description: 'While pending.' }),
    lastStatusCode: z.number().int().optional(),
    lastError: z.string().optional(),
    completedAt: z.string().optional().openapi({ format: 'date-time' }),
    attemptLog: z.array(
      z.object({
        at: z.string().openapi({ format: 'date-time' }),
        statusCode: z.number().int().optional(),
        error: z.string().optional(),
        durationMs: z.number().int(),
      }),
    ),
  })
  .openapi('AdminWebhookDelivery');

const IdParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'id', in: 'path' }, example: 'wh_3f9a0c2d41b7e856' });
const DeliveryParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'deliveryId', in: 'path' }, example: 'whd_51c0b2a4e9d87f36' });

const scopeNote = '(scope webhooks:write)';

const createWebhook = adminRoute(
  createRoute({
    method: 'post',
    path: '/webhooks',
    summary: `Add a webhook endpoint ${scopeNote}`,
    description:
      'From now on every event of the listed types is queued for it, in the transaction of the change ' +
      'that caused it, and POSTed signed (docs/server.md, "Webhooks"), retried with backoff for about 23 hours.',
    request: { body: jsonBody(NewWebhookSchema) },
    responses: {
      201: jsonContent(CreatedWebhookSchema, 'Added; the secret is shown this once'),
      400: failure('A body that is not a JSON object (`invalid_json`)'),
      ...adminRefusals,
      409: failure('Already 20 endpoints (`too_many_webhooks`)'),
      422: failure('A URL or events that cannot be used (`validation_failed`, with `fields`)'),
    },
  }),
);

const listWebhooks = adminRoute(
  createRoute({
    method: 'get',
    path: '/webhooks',
    summary: `The webhook endpoints ${scopeNote}`,
    responses: {
      200: jsonContent(z.object({ webhooks: z.array(WebhookSchema) }), 'Oldest first; never the secrets'),
      ...adminRefusals,
    },
  }),
);

const deleteWebhook = adminRoute(
  createRoute({
    method: 'delete',
    path: '/webhooks/{id}',
    summary: `Remove a webhook endpoint ${scopeNote}`,
    description: 'With its deliveries: those still pending are not sent.',
    request: { params: z.object({ id: IdParam }) },
    responses: {
      204: { description: 'Removed' },
      ...adminRefusals,
      404: failure('No such webhook (`webhook_not_found`)'),
    },
  }),
);

const listDeliveries = adminRoute(
  createRoute({
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    summary: `An endpoint's latest deliveries, with their attempts ${scopeNote}`,
    request: { params: z.object({ id: IdParam }) },
    responses: {
      200: jsonContent(z.object({ deliveries: z.array(DeliverySchema) }), 'The latest 50, newest first'),
      ...adminRefusals,
      404: failure('No such webhook (`webhook_not_found`)'),
    },
  }),
);

const redeliver = adminRoute(
  createRoute({
    method: 'post',
    path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    summary: `Send a failed delivery's event again ${scopeNote}`,
    description:
      'A new delivery of the same event (the same `Kefu-Webhook-Id`), due now, with a fresh round of retries.',
    request: { params: z.object({ id: IdParam, deliveryId: DeliveryParam }) },
    responses: {
      202: jsonContent(DeliverySchema, 'Queued'),
      ...adminRefusals,
      404: failure('No such webhook (`webhook_not_found`) or delivery (`delivery_not_found`)'),
      409: failure('The delivery is pending or succeeded (`delivery_not_failed`)'),
    },
  }),
);

/** Webhook endpoints and their deliveries (decision 0022), behind the scope `webhooks:write`. */
export function registerWebhookRoutes({ admin, document, services }: AdminArea): void {
  const { webhooks } = services;
  for (const route of [createWebhook, listWebhooks, deleteWebhook, listDeliveries, redeliver]) document(route);

  admin.post('/webhooks', async (c) => {
    requireScope(c, 'webhooks:write');
    const input = parseBody(NewWebhookSchema, await jsonObject(c));
    const { endpoint, secret } = await webhooks.create(input);
    await auditByKey(c, services, {
      action: 'webhook.created',
      subject: { type: 'webhook', id: endpoint.id },
      summary: `${endpoint.url} (${endpoint.events.join(', ')})`,
    });
    return c.json({ ...endpoint, secret }, 201);
  });
  admin.get('/webhooks', async (c) => {
    requireScope(c, 'webhooks:write');
    return c.json({ webhooks: await webhooks.list() }, 200);
  });
  admin.delete('/webhooks/:id', async (c) => {
    requireScope(c, 'webhooks:write');
    const id = c.req.param('id');
    if (!(await webhooks.remove(id))) throw notFound('webhook_not_found', 'There is no webhook with that id.');
    await auditByKey(c, services, { action: 'webhook.removed', subject: { type: 'webhook', id }, summary: id });
    return c.body(null, 204);
  });
  admin.get('/webhooks/:id/deliveries', async (c) => {
    requireScope(c, 'webhooks:write');
    return c.json({ deliveries: await webhooks.deliveries(c.req.param('id')) }, 200);
  });
  admin.post('/webhooks/:id/deliveries/:deliveryId/redeliver', async (c) => {
    requireScope(c, 'webhooks:write');
    return c.json(await webhooks.redeliver(c.req.param('id'), c.req.param('deliveryId')), 202);
  });
}
