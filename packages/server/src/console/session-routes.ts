import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from '@hono/zod-openapi';
import { ApiError, errorBody } from '../errors.js';
import { readBody, requireAgent, type ConsoleEnv } from './http.js';
import { clientAddress } from '../http/client-address.js';
import { SESSION_COOKIE, type AgentSession, type ConsoleSessions } from './sessions.js';
import type { Agents } from '../agents/agents.js';

const SignIn = z.object({
  email: z.string({ error: 'Enter your e-mail address.' }).trim().min(1, 'Enter your e-mail address.').max(254),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1000),
});
const PasswordChange = z.object({
  currentPassword: z.string({ error: 'Enter your current password.' }).max(1000),
  newPassword: z.string({ error: 'Enter a new password.' }).max(1000),
});
const InviteToken = z.object({ token: z.string({ error: 'The link is incomplete.' }).min(1).max(200) });
const InviteAcceptance = InviteToken.extend({
  password: z.string({ error: 'Choose a password.' }).max(1000),
  email: z.string().max(254).optional(),
  name: z.string().max(200).optional(),
});

/** What the console learns about who is signed in. */
const who = (session: AgentSession) => ({ id: session.agentId, name: session.name, role: session.role });

/** The answer to every refused sign-in: the same whether the e-mail has an account or not. */
const WRONG = 'That e-mail address and password do not match an account.';

/**
 * POST /agent/api/session signs in with e-mail and password, GET says who is signed in, DELETE
 * signs out (`?everywhere=1`: every session of the agent); POST /session/password changes the
 * password and ends the agent's other sessions. /agent/api/invite: what an invite link is for, and
 * accepting it (which signs the invitee in).
 */
export function sessionRoutes(sessions: ConsoleSessions, agents: Agents, trustProxy: boolean) {
  const routes = new Hono<ConsoleEnv>();

  const startSession = (c: Context, secret: string) =>
    setCookie(c, SESSION_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/agent',
      // Secure only over HTTPS: browsers drop Secure cookies set over plain http on 127.0.0.1.
      secure: new URL(c.req.url).protocol === 'https:',
    });

  routes.post('/session', async (c) => {
    const { email, password } = await readBody(c, SignIn);
    const result = await sessions.signIn(email, password, clientAddress(c, trustProxy));
    if (!result.ok && result.reason === 'rate_limited') {
      c.header('Retry-After', String(result.retryAfterSeconds));
      return c.json(errorBody('rate_limited', 'Too many attempts. Please wait a little and try again.'), 429);
    }
    if (!result.ok) throw new ApiError(401, 'unauthorized', WRONG);
    startSession(c, result.secret);
    return c.json(who(result.session), 200);
  });

  routes.get('/session', async (c) => {
    const session = await sessions.fromCookieHeader(c.req.header('cookie'));
    if (!session) throw new ApiError(401, 'unauthorized', 'Please sign in to the agent console.');
    return c.json(who(session), 200);
  });

  routes.delete('/session', async (c) => {
    const session = await sessions.fromCookieHeader(c.req.header('cookie'));
    if (session && c.req.query('everywhere') === '1') await sessions.endAgentSessions(session.agentId);
    else if (session) await sessions.signOut(session.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/agent' });
    return c.body(null, 204);
  });

  routes.post('/session/password', requireAgent(sessions), async (c) => {
    const { currentPassword, newPassword } = await readBody(c, PasswordChange);
    const session = c.get('agent');
    await agents.changePassword(session.agentId, currentPassword, newPassword);
    // Whoever knew the old password is signed out everywhere else; this console stays.
    await sessions.endAgentSessions(session.agentId, session.id);
    return c.body(null, 204);
  });

  routes.post('/invite/check', async (c) => {
    const { token } = await readBody(c, InviteToken);
    const invite = await agents.inviteInfo(token);
    if (!invite) {
      throw new ApiError(
        410,
        'invite_invalid',
        'This invite link has been used or has expired. Ask an admin for a new one.',
      );
    }
    return c.json(invite, 200);
  });

  routes.post('/invite/accept', async (c) => {
    const input = await readBody(c, InviteAcceptance);
    const account = await agents.acceptInvite(input.token, {
      password: input.password,
      ...(input.email === undefined ? {} : { email: input.email }),
      ...(input.name === undefined ? {} : { name: input.name }),
    });
    // A new password through a new link (a forgotten one): whoever held the old one is signed out.
    await sessions.endAgentSessions(account.id);
    const session = await sessions.open(account);
    startSession(c, session.secret);
    return c.json(who(session.session), 200);
  });

  return routes;
}
