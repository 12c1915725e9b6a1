import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { ServerDeps } from '../deps.js';
import type { Services } from '../compose.js';
import type { StoreServices } from '../services/index.js';
import { registerArticleRoutes } from './articles.js';
import { registerCallbackRoutes } from './callbacks.js';
import { registerConfigRoute } from './config.js';
import { jsonContent } from './define.js';
import { registerOrderRoutes } from './orders.js';
import { registerReturnRoutes } from './returns.js';
import { HealthSchema } from './schemas.js';
import { registerSurveyRoutes } from './surveys.js';

// app.ts answers GET /health itself; it is documented here so the document covers every route.
const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness',
  responses: { 200: jsonContent(HealthSchema, 'The server is up') },
});

/**
 * The shopper-facing REST contract (everything but chat) as one app to mount on /v1, over the
 * server's services (compose.ts). Every route is declared with createRoute and zod schemas, which
 * make docs/api/openapi.yaml (with the security schemes app.ts registers once on /v1).
 */
export function createApiRoutes(services: StoreServices, deps: Pick<ServerDeps, 'config' | 'trustProxy'>): OpenAPIHono {
  const api = new OpenAPIHono();
  registerConfigRoute(api, () => deps.config);
  registerArticleRoutes(api, services);
  registerOrderRoutes(api, services, {
    trustProxy: deps.trustProxy,
    // Read when a lookup fails: the console may change the format while the server runs.
    get orderNumbers() {
      return deps.config.orderNumbers;
    },
  });
  registerReturnRoutes(api, services);
  registerCallbackRoutes(api, services);
  registerSurveyRoutes(api, services);
  return api;
}

/** Registers the REST contract on the /v1 app (chat is chat/routes.ts). */
export function registerApiRoutes(v1: OpenAPIHono, services: Services): void {
  v1.openAPIRegistry.registerPath(health);
  v1.route('/', createApiRoutes(services, services.deps));
}
