import { Hono } from 'hono';
import { z } from '@hono/zod-openapi';
import type { Services } from '../compose.js';
import { agentRoles } from '../agents/agents.js';
import { ApiError } from '../errors.js';
import { consoleActor, readBody, requireAdmin, type ConsoleEnv } from './http.js';

const Invite = z.object({
  email: z.string({ error: 'Enter an e-mail address.' }).max(254),
  name: z.string({ error: 'Enter the name shoppers will see.' }).max(200),
  role: z.enum(agentRoles, { error: 'Choose admin or agent.' }).default('agent'),
});
const Change = z.object({
  role: z.enum(agentRoles, { error: 'Choose admin or agent.' }).optional(),
  name: z.string().max(200).optional(),
});

/**
 * The admin screens' routes (admins only, 403 `forbidden` for agents): the agents (invite, list,
 * change role or name, disable) and the audit log. An invite answers its link's path; the console
 * makes it absolute with its own origin.
 */
export function agentRoutes(services: Services) {
  const { agents, sessions, audit } = services;
  const routes = new Hono<ConsoleEnv>();
  routes.use('/agents/*', requireAdmin);
  routes.use('/agents', requireAdmin);
  routes.use('/audit', requireAdmin);

  routes.get('/agents', async (c) => c.json({ agents: await agents.list() }, 200));

  routes.post('/agents', async (c) => {
    const input = await readBody(c, Invite);
    const { agent, token } = await agents.invite(input, consoleActor(c));
    return c.json({ agent, invitePath: `/agent/invite#${token}` }, 201);
  });

  // A new link for an existing account: the way back in for an agent who forgot their password.
  routes.post('/agents/:id/invite', async (c) => {
    const { agent, token } = await agents.reinvite(c.req.param('id'), consoleActor(c));
    return c.json({ agent, invitePath: `/agent/invite#${token}` }, 201);
  });

  routes.put('/agents/:id', async (c) => {
    const change = await readBody(c, Change);
    return c.json(await agents.update(c.req.param('id'), change, consoleActor(c)), 200);
  });

  routes.post('/agents/:id/disable', async (c) => {
    const id = c.req.param('id');
    if (id === c.get('agent').agentId) throw new ApiError(409, 'own_account', 'You cannot disable your own account.');
    const agent = await agents.disable(id, consoleActor(c));
    await sessions.endAgentSessions(id);
    return c.json(agent, 200);
  });

  routes.get('/audit', async (c) => {
    const before = c.req.query('before');
    const limit = c.req.query('limit');
    const numeric = (value: string | undefined, field: string) => {
      if (value === undefined) return undefined;
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1) {
        throw new ApiError(422, 'validation_failed', 'Please check the highlighted fields.', {
          [field]: 'A whole number.',
        });
      }
      return number;
    };
    const agentId = c.req.query('agent') || undefined;
    const action = c.req.query('action') || undefined;
    const page = await audit.list({
      ...(agentId === undefined ? {} : { agentId }),
      ...(action === undefined ? {} : { action }),
      ...(before === undefined ? {} : { before: numeric(before, 'before') }),
      ...(limit === undefined ? {} : { limit: numeric(limit, 'limit') }),
    });
    return c.json({ ...page, actions: await audit.actions() }, 200);
  });

  return routes;
}
