import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Services } from '../compose.js';
import { errorBody } from '../errors.js';
import { consoleScript } from './assets.js';
import { chatRoutes } from './chat-routes.js';
import { requireAgent, sameOriginWrites, type ConsoleEnv } from './http.js';
import { storeOrderLookup } from './orders.js';
import { adminRoutes } from './admin-routes.js';
import { integrationRoutes } from './integration-routes.js';
import { consolePage, consoleStyles, CONTENT_SECURITY_POLICY } from './page.js';
import { sessionRoutes } from './session-routes.js';
import { agentRoutes } from './agent-routes.js';

/** The agent console at /agent and its API at /agent/api (not part of the shopper contract). */
export function registerConsole(app: OpenAPIHono, services: Services): void {
  const { chat: runtime, sessions, deps } = services;

  const api = new Hono<ConsoleEnv>();
  api.use(
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.json(errorBody('payload_too_large', 'The request body is too large.'), 413),
    }),
  );
  api.use(sameOriginWrites);
  api.use(async (c, next) => {
    // Agent data is never cached, by the browser or anything between.
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.route('/', sessionRoutes(sessions, services.agents, deps.trustProxy));
  api.use(requireAgent(sessions));
  api.route('/', agentRoutes(services));
  api.route(
    '/conversations',
    chatRoutes(runtime, storeOrderLookup(services), { log: services.audit, db: deps.engine.db }),
  );
  api.route('/', adminRoutes(services));
  api.route('/', integrationRoutes(services));
  app.route('/agent/api', api);

  const page = (c: { header(name: string, value: string): void }) => {
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('Cache-Control', 'no-store');
  };
  app.get('/agent', (c) => {
    page(c);
    return c.html(consolePage);
  });
  app.get('/agent/', (c) => c.redirect('/agent', 301));
  // An invite link, /agent/invite#<token>: the console's page, which reads the token from the
  // fragment (never sent to the server, so never in its logs) and asks for a password.
  app.get('/agent/invite', (c) => {
    page(c);
    return c.html(consolePage);
  });
  app.get('/agent/console.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(consoleStyles);
  });
  app.get('/agent/console.js', async (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(await consoleScript());
  });
  // Bundle while the server starts, so the first visit does not wait for it.
  consoleScript().catch((error: unknown) => {
    console.error('[kefu] agent console bundle failed:', error instanceof Error ? error.message : String(error));
  });
}
