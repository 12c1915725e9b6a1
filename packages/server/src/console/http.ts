import type { Context, MiddlewareHandler } from 'hono';
import type { z } from '@hono/zod-openapi';
import { ApiError } from '../errors.js';
import { parseBody } from '../http/request.js';
import type { AgentSession, ConsoleSessions } from './sessions.js';

/** The signed-in agent of a console API request (set by `requireAgent`). */
export type ConsoleEnv = { Variables: { agent: AgentSession } };

/**
 * State-changing console calls must come from the console's own pages: the cookie is
 * SameSite=Strict already, and a foreign Origin is refused on top of it.
 */
export const sameOriginWrites: MiddlewareHandler = async (c, next) => {
  const origin = c.req.header('origin');
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && origin !== undefined) {
    const host = c.req.header('host');
    let sameHost = false;
    try {
      sameHost = new URL(origin).host === host;
    } catch {
      sameHost = false;
    }
    if (!sameHost) throw new ApiError(403, 'forbidden', 'This call must come from the agent console.');
  }
  await next();
};

export function requireAgent(sessions: ConsoleSessions): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const session = await sessions.fromCookieHeader(c.req.header('cookie'));
    if (!session) throw new ApiError(401, 'unauthorized', 'Please sign in to the agent console.');
    c.set('agent', session);
    await next();
  };
}

/**
 * After `requireAgent`: the console routes only admins may use (settings, agents, the audit log,
 * API keys, webhooks) answer 403 `forbidden` to an agent; the console hides them too.
 */
export const requireAdmin: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (c.get('agent').role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin can do this.');
  await next();
};

/** The audit log's actor for the agent of a console request. */
export function consoleActor(c: Context<ConsoleEnv>): { kind: 'agent'; id: string; name: string } {
  const agent = c.get('agent');
  return { kind: 'agent', id: agent.agentId, name: agent.name };
}

/** The body as `schema` says, or 400 for JSON that is not an object and 422 with `fields`. */
export async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body must be JSON.');
  }
  return parseBody(schema, value);
}
