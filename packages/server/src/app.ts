import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import type { StoreConfig } from '@kefu/core';
import { demoStoreConfig } from '@kefu/core/seed';
import { ApiError, errorBody, sendError } from './errors.js';
import { configRoutes } from './routes/config.js';

export interface AppOptions {
  /** The store this server answers for; defaults to the demo store shared with the memory adapter. */
  readonly config?: StoreConfig;
  /** Storefront origins allowed to call the API from a browser. Others get no CORS headers. */
  readonly allowedOrigins?: readonly string[];
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
}

/** The Kefu HTTP contract (docs/api/openapi.yaml) as a Hono app, independent of how it is served. */
export function createApp(options: AppOptions = {}) {
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const app = new Hono();

  app.use(secureHeaders());
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 64 * 1024,
      onError: (c) => c.json(errorBody('payload_too_large', 'The request body is too large.'), 413),
    }),
  );

  const v1 = new Hono();
  v1.get('/health', (c) => c.json({ status: 'ok' }));
  v1.route('/', configRoutes(options.config ?? demoStoreConfig));
  app.route('/v1', v1);

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    // Never echo internals (or a shopper's data) back; the log line carries no request body.
    console.error(`[kefu] ${c.req.method} ${c.req.path} failed:`, error.message);
    return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
  });
  return app;
}
