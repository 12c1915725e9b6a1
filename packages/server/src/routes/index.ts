import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { ServerDeps } from '../deps.js';
import type { LookupLimits } from '../http/rate-limit.js';
import { prepareStore } from '../services/index.js';
import { registerArticleRoutes } from './articles.js';
import { registerCallbackRoutes } from './callbacks.js';
import { registerConfigRoute } from './config.js';
import { jsonContent, registerSecuritySchemes } from './define.js';
import { registerOrderRoutes } from './orders.js';
import { registerReturnRoutes } from './returns.js';
import { HealthSchema } from './schemas.js';
import { registerSurveyRoutes } from './surveys.js';

export interface ApiOptions {
  /** Failed order lookups allowed per client address and per (address, order number) (DEFAULT_LOOKUP_LIMITS). */
  readonly limits?: LookupLimits;
  /**
   * Take the client address for rate limits from X-Forwarded-For (its last entry). Only behind a
   * reverse proxy that sets it; otherwise anyone could pick their own address. Default false.
   */
  readonly trustProxy?: boolean;
}

// app.ts answers GET /health itself; it is documented here so the document covers every route.
const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness',
  responses: { 200: jsonContent(HealthSchema, 'The server is up') },
});

/**
 * The shopper-facing REST contract (everything but chat) as one app to mount on /v1. Seeds the
 * database on first use. Every route is declared with createRoute and zod schemas, which make
 * docs/api/openapi.yaml.
 */
export function createApiRoutes(deps: ServerDeps, options: ApiOptions = {}): OpenAPIHono {
  const services = prepareStore(deps, options.limits ? { limits: options.limits } : {});
  const api = new OpenAPIHono();
  registerSecuritySchemes(api);
  registerConfigRoute(api, deps.config);
  registerArticleRoutes(api, services);
  registerOrderRoutes(api, services, {
    trustProxy: options.trustProxy ?? false,
    orderNumbers: deps.config.orderNumbers,
  });
  registerReturnRoutes(api, services);
  registerCallbackRoutes(api, services);
  registerSurveyRoutes(api, services);
  return api;
}

/** Registers the REST contract on the /v1 app (chat is chat/routes.ts). */
export function registerApiRoutes(v1: OpenAPIHono, deps: ServerDeps): void {
  v1.openAPIRegistry.registerPath(health);
  v1.route(
    '/',
    createApiRoutes(deps, {
      trustProxy: deps.trustProxy,
      ...(deps.lookupLimits ? { limits: deps.lookupLimits } : {}),
    }),
  );
}
