import type { Context } from 'hono';
import { verify } from 'hono/jwt';
import type { Db } from '../db/database.js';
import type { ServerDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { OrderAccessTokens } from '../services/order-access.js';

/** Who is calling, as far as their bearer token says. */
export type Caller =
  | { readonly kind: 'anonymous' }
  /** An order access token from POST /orders/lookup. */
  | { readonly kind: 'order'; readonly orderId: string }
  /** An identity token from the host page: a signed-in shopper. */
  | { readonly kind: 'customer'; readonly customerId: string }
  /** A conversation's token from POST /conversations (chat attachments). */
  | { readonly kind: 'conversation'; readonly conversationId: string };

export const ANONYMOUS: Caller = { kind: 'anonymous' };

/** Maps a bearer token to the conversation it opens; registered by the chat. */
export type ConversationTokenCheck = (token: string) => string | undefined;

const conversationChecks = new WeakMap<Db, ConversationTokenCheck>();

/**
 * Lets conversation tokens authorize uploads (chat attachments): the chat registers how to
 * recognize its tokens, so the REST part needs no knowledge of the chat's tables.
 */
export function acceptConversationTokens(deps: ServerDeps, check: ConversationTokenCheck): void {
  conversationChecks.set(deps.db, check);
}

/** `Authorization: Bearer <token>`; tokens are never taken from a URL or a cookie. */
export function bearerToken(c: Context): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization')?.trim() ?? '');
  return match?.[1];
}

export function unauthorized(message = 'Please sign in again or look the order up once more.'): ApiError {
  return new ApiError(401, 'unauthorized', message);
}

export interface CallerResolver {
  identify(c: Context): Promise<Caller>;
}

export function createCallerResolver(deps: ServerDeps, orderTokens: OrderAccessTokens): CallerResolver {
  return {
    async identify(c) {
      const token = bearerToken(c);
      if (token === undefined) return ANONYMOUS;
      const customerId = await customerOf(token, deps.identitySecret, deps.now());
      if (customerId !== undefined) return { kind: 'customer', customerId };
      const orderId = orderTokens.orderFor(token);
      if (orderId !== undefined) return { kind: 'order', orderId };
      const conversationId = conversationChecks.get(deps.db)?.(token);
      if (conversationId !== undefined) return { kind: 'conversation', conversationId };
      return ANONYMOUS;
    },
  };
}

/**
 * The customer id (`sub`) of an identity token: an HS256 JWT signed with the store's secret.
 * `exp` and `nbf` are checked against the server's clock (tests move it), so hono's own checks,
 * which read the wall clock, are turned off.
 */
async function customerOf(token: string, secret: string, nowMs: number): Promise<string | undefined> {
  if (token.split('.').length !== 3) return undefined;
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, secret, { alg: 'HS256', exp: false, nbf: false, iat: false });
  } catch {
    return undefined;
  }
  const nowSeconds = nowMs / 1000;
  const { sub, exp, nbf } = payload;
  if (exp !== undefined && (typeof exp !== 'number' || exp <= nowSeconds)) return undefined;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) return undefined;
  return typeof sub === 'string' && sub !== '' ? sub : undefined;
}
