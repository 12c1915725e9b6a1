/**
 * `kefu-server`: runs the reference backend. Environment: PORT (default 8787), HOST (127.0.0.1),
 * KEFU_ALLOWED_ORIGINS (comma-separated storefront origins allowed by CORS).
 */
import { startServer } from './server.js';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const allowedOrigins = (process.env.KEFU_ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

const server = await startServer({ port, host, allowedOrigins });
console.log(`Kefu reference server: ${server.origin}/v1`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
