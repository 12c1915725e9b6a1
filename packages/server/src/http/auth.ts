import type { Context } from 'hono';
import { verify } from 'hono/jwt';
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

/**
 * What the REST part may ask about conversations (a conversation token, or a signed-in shopper's
 * identity for their own conversations, authorizes chat attachments on POST /uploads); the chat
 * service answers, handed over by the composition root, so the REST part needs no knowledge of the
 * chat's tables.
 */
export interface ConversationAccess {
  /** The conversation a conversation token opens, if any. */
  byToken(token: string): Promise<string | undefined> | string | undefined;
  /**
   * The customer a conversation belongs to (started with their identity token), or undefined for
   * an unknown conversation and an anonymous one alike.
   */
  ownerOf(conversationId: string): Promise<string | undefined> | string | undefined;
}

/** Answers no conversation: the REST routes served without the chat. */
export const NO_CONVERSATIONS: ConversationAccess = { byToken: () => undefined, ownerOf: () => undefined };

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
  /**
   * As `identify`, and a live return grant counts as its order's token: for POST /returns alone,
   * which is all a grant may do.
   */
  identifyForReturn(c: Context): Promise<Caller>;
}

export function createCallerResolver(
  deps: Pick<ServerDeps, 'identitySecret' | 'now'>,
  orderTokens: OrderAccessTokens,
  conversations: ConversationAccess,
): CallerResolver {
  const resolver: CallerResolver = {
    async identifyForReturn(c) {
      const caller = await resolver.identify(c);
      if (caller.kind !== 'anonymous') return caller;
      const token = bearerToken(c);
      const orderId = token === undefined ? undefined : await orderTokens.returnOrderFor(token);
      return orderId === undefined ? caller : { kind: 'order', orderId };
    },
    async identify(c) {
      const token = bearerToken(c);
      if (token === undefined) return ANONYMOUS;
      const customerId = await identifiedCustomer(deps, token);
      if (customerId !== undefined) return { kind: 'customer', customerId };
      const orderId = await orderTokens.orderFor(token);
      if (orderId !== undefined) return { kind: 'order', orderId };
      const conversationId = await conversations.byToken(token);
      if (conversationId !== undefined) return { kind: 'conversation', conversationId };
      return ANONYMOUS;
    },
  };
  return resolver;
}

/** The customer a valid identity token names (`sub`); undefined for anything else, expired ones too. */
export function identifiedCustomer(
  deps: Pick<ServerDeps, 'identitySecret' | 'now'>,
  token: string | undefined,
): Promise<string | undefined> {
  return token === undefined ? Promise.resolve(undefined) : customerOf(token, deps.identitySecret, deps.now());
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
