import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';

/**
 * The address a request came from, for per-client rate limits. The socket's peer by default.
 * With `trustProxy` (only behind a reverse proxy that appends the client's address to
 * X-Forwarded-For) the last entry of that header, the one the proxy wrote: earlier entries are
 * whatever the client sent and prove nothing.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const bindings = c.env as Partial<HttpBindings> | undefined;
  return bindings?.incoming?.socket.remoteAddress ?? 'unknown';
}
