import { Hono, type Context } from 'hono';
import { z } from '@hono/zod-openapi';
import type { Services } from '../compose.js';
import { ApiKeyInputError, adminScopes, parseScopes } from '../admin/keys.js';
import { NewWebhookSchema } from '../admin/webhook-routes.js';
import { invalid, notFound } from '../services/context.js';
import { webhookEventTypes } from '../webhooks/events.js';
import { consoleActor, readBody, requireAdmin, type ConsoleEnv } from './http.js';

// Shapes only: the values (a name's length, a scope's name) are judged by admin/keys.ts.
const NewKey = z.object({
  name: z.string({ error: 'Give the key a name.' }),
  scopes: z.array(z.string(), { error: 'Choose one or more scopes.' }),
});

/**
 * The console's admin screens for the store's integrations (decision 0022): API keys (list with
 * last use, create — the key shown once —, revoke) and webhooks (add — the secret shown once —,
 * remove, deliveries with attempts, send a failed one again). Admins only: the same services as
 * `kefu-server keys` and /admin/v1/webhooks.
 */
export function integrationRoutes(services: Services) {
  const { keys } = services.admin;
  const { webhooks } = services;
  const routes = new Hono<ConsoleEnv>();
  /** The audit log's entry for what the signed-in admin just did (decision 0023). */
  const record = (c: Context<ConsoleEnv>, action: string, subject: { type: string; id: string }, summary: string) =>
    services.audit.record(services.deps.engine.db, { actor: consoleActor(c), action, subject, summary });
  routes.use('/keys/*', requireAdmin);
  routes.use('/keys', requireAdmin);
  routes.use('/webhooks/*', requireAdmin);
  routes.use('/webhooks', requireAdmin);

  routes.get('/keys', async (c) => c.json({ keys: await keys.list(), scopes: adminScopes }, 200));
  routes.post('/keys', async (c) => {
    const { name, scopes } = await readBody(c, NewKey);
    try {
      const created = await keys.create(name, parseScopes(scopes.join(',')));
      const { id, name: keyName, scopes: granted } = created.info;
      await record(c, 'key.created', { type: 'api_key', id }, `${keyName} (${granted.join(', ')})`);
      return c.json(created, 201);
    } catch (error) {
      if (!(error instanceof ApiKeyInputError)) throw error;
      throw invalid({ [/scope/.test(error.message) ? 'scopes' : 'name']: error.message });
    }
  });
  routes.delete('/keys/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await keys.revoke(id))) throw notFound('key_not_found', 'There is no key with that id.');
    await record(c, 'key.revoked', { type: 'api_key', id }, id);
    return c.body(null, 204);
  });

  routes.get('/webhooks', async (c) => c.json({ webhooks: await webhooks.list(), events: webhookEventTypes }, 200));
  routes.post('/webhooks', async (c) => {
    const { endpoint, secret } = await webhooks.create(await readBody(c, NewWebhookSchema));
    await record(
      c,
      'webhook.created',
      { type: 'webhook', id: endpoint.id },
      `${endpoint.url} (${endpoint.events.join(', ')})`,
    );
    return c.json({ ...endpoint, secret }, 201);
  });
  routes.delete('/webhooks/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await webhooks.remove(id))) throw notFound('webhook_not_found', 'There is no webhook with that id.');
    await record(c, 'webhook.removed', { type: 'webhook', id }, id);
    return c.body(null, 204);
  });
  routes.get('/webhooks/:id/deliveries', async (c) =>
    c.json({ deliveries: await webhooks.deliveries(c.req.param('id'), 20) }, 200),
  );
  routes.post('/webhooks/:id/deliveries/:deliveryId/redeliver', async (c) =>
    c.json(await webhooks.redeliver(c.req.param('id'), c.req.param('deliveryId')), 202),
  );
  return routes;
}
