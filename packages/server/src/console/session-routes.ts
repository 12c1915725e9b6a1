import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from '@hono/zod-openapi';
import { ApiError, errorBody } from '../errors.js';
import { readBody } from './http.js';
import { clientAddress } from '../http/client-address.js';
import { SESSION_COOKIE, type ConsoleSessions } from './sessions.js';

const SignIn = z.object({
  name: z
    .string({ error: 'Enter the name shoppers will see.' })
    .trim()
    .min(1, 'Enter the name shoppers will see.')
    .max(60, 'Keep the name under 60 characters.'),
  password: z.string({ error: 'Enter the console password.' }).min(1, 'Enter the console password.').max(1000),
});

/** POST /agent/api/session signs in, GET says who is signed in, DELETE signs out. */
export function sessionRoutes(sessions: ConsoleSessions, trustProxy: boolean) {
  const routes = new Hono();

  routes.post('/', async (c) => {
    const { name, password } = await readBody(c, SignIn);
    const result = await sessions.signIn(name, password, clientAddress(c, trustProxy));
    if (!result.ok && result.reason === 'rate_limited') {
      c.header('Retry-After', String(result.retryAfterSeconds));
      return c.json(errorBody('rate_limited', 'Too many attempts. Please wait a minute and try again.'), 429);
    }
    if (!result.ok) throw new ApiError(401, 'unauthorized', 'That password is not right.');
    setCookie(c, SESSION_COOKIE, result.secret, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/agent',
      // Secure only over HTTPS: browsers drop Secure cookies set over plain http on 127.0.0.1.
      secure: new URL(c.req.url).protocol === 'https:',
    });
    return c.json({ name: result.session.name }, 200);
  });

  routes.get('/', async (c) => {
    const session = await sessions.fromCookieHeader(c.req.header('cookie'));
    if (!session) throw new ApiError(401, 'unauthorized', 'Please sign in to the agent console.');
    return c.json({ name: session.name }, 200);
  });

  routes.delete('/', async (c) => {
    const session = await sessions.fromCookieHeader(c.req.header('cookie'));
    if (session) await sessions.signOut(session.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/agent' });
    return c.body(null, 204);
  });

  return routes;
}
