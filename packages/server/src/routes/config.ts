import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { StoreConfig } from '@kefu/core';

const getConfig = createRoute({
  method: 'get',
  path: '/config',
  summary: 'The store: brand, locales, business hours, channels, return policy, callbacks, surveys',
  responses: {
    // The config's full schema is documented in docs/api/http-contract.md; here it is passed through.
    200: {
      description: 'The store configuration',
      content: { 'application/json': { schema: z.object({}).passthrough() } },
    },
  },
});

export function configRoutes(config: StoreConfig) {
  return new OpenAPIHono().openapi(getConfig, (c) => {
    // Config changes rarely; let the widget's cache and any CDN reuse it for a minute.
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(config as unknown as Record<string, unknown>, 200);
  });
}
