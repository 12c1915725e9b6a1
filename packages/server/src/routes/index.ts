import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ServerDeps } from '../deps.js';
import { configRoutes } from './config.js';

/**
 * The shopper-facing REST contract under /v1, except chat (chat/routes.ts). Every route is
 * declared with zod schemas through @hono/zod-openapi: the same schemas validate requests and
 * make docs/api/openapi.yaml.
 */
export function registerApiRoutes(v1: OpenAPIHono, deps: ServerDeps): void {
  v1.route('/', configRoutes(deps.config));
}
