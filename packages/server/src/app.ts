import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Context, MiddlewareHandler } from 'hono';
import { CHAT_ATTACHMENT_MAX_BYTES } from '@kefu/core/domain';
import { ApiError, errorBody, sendError } from './errors.js';
import type { Services } from './compose.js';
import { registerApiRoutes } from './routes/index.js';
import { registerChatRoutes } from './chat/routes.js';
import { registerConsole } from './console/index.js';
import { registerAdminApi } from './admin/routes.js';
import { registerSecuritySchemes } from './routes/define.js';
import { pendingMigrations } from './db/migrate.js';
import { migrations } from './db/migrations/index.js';

export const API_INFO = { title: 'Kefu HTTP contract', version: '1.0.0' } as const;

export interface AppOptions {
  /** True once the server has begun to shut down: `/ready` then answers 503. */
  readonly closing?: () => boolean;
}

/** How long `/ready` waits for the database before calling it unreachable. */
const READY_CHECK_MS = 2000;

/**
 * The Kefu HTTP contract (docs/api/openapi.yaml) and the agent console, as one Hono app, over the
 * server's services (`createServices`, compose.ts).
 */
export function createApp(services: Services, options: AppOptions = {}) {
  const { deps } = services;
  const app = new OpenAPIHono();

  // Same-origin resources, except a chat file: the store's page, another origin, shows it in an
  // <img> (its signed address is what authorizes it; see chat/file-links.ts).
  const ownHeaders = secureHeaders();
  const fileHeaders = secureHeaders({ crossOriginResourcePolicy: 'cross-origin' });
  app.use((c, next) => (c.req.path.startsWith('/v1/files/') ? fileHeaders : ownHeaders)(c, next));
  // No id, number, slug or query of ours holds a NUL, and PostgreSQL cannot store or compare one in
  // text: an address with one names nothing here. Answered once, for every route, before any
  // route reads it (the accounts fuzz test found a 500 on PostgreSQL for /agents/%00/disable).
  app.use(async (c, next) => {
    const url = c.req.url;
    if (url.includes('\u0000') || /%00/i.test(url))
      return c.json(errorBody('not_found', 'No such address: it holds a NUL character.'), 404);
    await next();
  });
  app.use(
    '/v1/*',
    cors({
      // Read per request: the console may change the store's origins while the server runs.
      origin: (origin) => (deps.allowedOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );
  // Files are the largest bodies: the larger of a return photo's and a chat attachment's limit,
  // plus room for the multipart envelope. Everything else keeps the photo's, as before.
  const tooLarge = (c: Context) => c.json(errorBody('payload_too_large', 'The request body is too large.'), 413);
  const envelope = 64 * 1024;
  // The photo limit is read per request (the console may change it); one middleware per size.
  const limits = new Map<number, MiddlewareHandler>();
  const limitOf = (maxSize: number) => {
    const known = limits.get(maxSize);
    if (known) return known;
    const limit = bodyLimit({ maxSize, onError: tooLarge });
    limits.set(maxSize, limit);
    return limit;
  };
  app.use('/v1/*', (c, next) => {
    const photoMaxBytes = deps.config.returnPolicy.photos.maxBytes;
    const maxSize = c.req.path === '/v1/uploads' ? Math.max(photoMaxBytes, CHAT_ATTACHMENT_MAX_BYTES) : photoMaxBytes;
    return limitOf(maxSize + envelope)(c, next);
  });

  // Every route of the contract is declared with routes/define.ts's `serve`: its handler parses
  // the request itself, in the contract's order (decision 0002), so no zod validator runs in front.
  const v1 = new OpenAPIHono();
  registerSecuritySchemes(v1);
  v1.get('/health', (c) => c.json({ status: 'ok' }));

  // For a load balancer (docs/deploy.md): /health says the process answers (restart it if not);
  // /ready says it should get traffic: its database answers and has every migration this code
  // needs, and it is not shutting down.
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (options.closing?.()) return c.json({ status: 'closing' }, 503);
    const pending = await withDeadline(pendingMigrations(deps.engine, migrations), READY_CHECK_MS).catch(
      () => undefined,
    );
    if (pending === undefined) return c.json({ status: 'database_unreachable' }, 503);
    if (pending.length > 0) return c.json({ status: 'migrations_pending', pending }, 503);
    return c.json({ status: 'ready' });
  });
  registerApiRoutes(v1, services);
  registerChatRoutes(v1, services);
  app.route('/v1', v1);
  registerConsole(app, services);
  const admin = registerAdminApi(app, v1, services);

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    // Hono's own refusals (malformed JSON, a wrong content type) keep their status, in our shape.
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('bad_request', error.message || 'The request could not be read.'), error.status);
    }
    // Never echo internals (or a shopper's data) back; the log line carries no request body.
    console.error(`[kefu] ${c.req.method} ${c.req.path} failed: ${error.name}`);
    return c.json(errorBody('internal', 'Something went wrong on our side.'), 500);
  });
  return { app, v1, admin };
}

/** `work`, or a rejection once `ms` have passed without an answer. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
