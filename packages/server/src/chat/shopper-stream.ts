import type { RawData, WebSocket } from 'ws';
import type { ChatRuntime } from './runtime.js';
import { sendFrame } from './frames.js';

/** A socket that sends no auth frame within this time is refused (docs/api/http-contract.md). */
export const AUTH_TIMEOUT_MS = 10_000;
/** Close code of a refused auth frame. */
export const UNAUTHORIZED_CLOSE_CODE = 4401;

/** The customer a valid identity token names; the socket layer knows the store's secret. */
export type IdentityCheck = (token: string) => Promise<string | undefined>;

/**
 * A shopper's live stream: the first frame carries the conversation token, or the identity token
 * of the shopper the conversation belongs to (never the URL). Once it checks out the socket is
 * subscribed to the hub and told `subscribed` once the hub is sure to pass on every event
 * committed after that, in seq order.
 */
export function openShopperStream(
  socket: WebSocket,
  conversationId: string,
  { service, hub }: ChatRuntime,
  customerOf: IdentityCheck,
): void {
  let state: 'awaiting_auth' | 'checking' | 'subscribed' | 'closed' = 'awaiting_auth';
  let unsubscribe: (() => void) | undefined;

  const refuse = (code: 'unauthorized' | 'server', message: string) => {
    state = 'closed';
    sendFrame(socket, { type: 'error', code, message });
    // ws sends queued frames in order, so the error frame arrives before the close frame.
    socket.close(code === 'unauthorized' ? UNAUTHORIZED_CLOSE_CODE : 1011, code);
  };

  const timer = setTimeout(() => {
    if (state === 'awaiting_auth') refuse('unauthorized', 'No auth frame.');
  }, AUTH_TIMEOUT_MS);

  socket.on('message', (data, isBinary) => {
    // Only the first frame means anything coming from the client.
    if (state !== 'awaiting_auth') return;
    clearTimeout(timer);
    const token = authToken(data, isBinary);
    if (token === undefined) {
      refuse('unauthorized', 'The first frame must be {"type":"auth","token":"…"}.');
      return;
    }
    state = 'checking';
    void authenticate(token);
  });

  async function authenticate(token: string): Promise<void> {
    let allowed: boolean;
    try {
      allowed = await service.isOpenedBy(conversationId, { token, customerId: await customerOf(token) });
    } catch (error) {
      console.error('[kefu] chat stream auth failed:', error instanceof Error ? error.message : String(error));
      refuse('server', 'Something went wrong on our side.');
      return;
    }
    // The socket closed while the identity token was being checked: nobody to subscribe.
    if (state !== 'checking') return;
    // An unknown conversation, and another shopper's, are refused like a wrong token, so the stream
    // does not reveal which exist.
    if (!allowed) {
      refuse('unauthorized', 'The conversation refused this token.');
      return;
    }
    unsubscribe = hub.subscribe(conversationId, (event) => sendFrame(socket, event));
    try {
      // Across instances the hub first reads where the conversation stands: only then is every
      // event committed after `subscribed` sure to come here.
      await hub.subscribed?.(conversationId);
    } catch (error) {
      console.error('[kefu] chat stream subscribe failed:', error instanceof Error ? error.message : String(error));
      refuse('server', 'Something went wrong on our side.');
      return;
    }
    if (state !== 'checking') return;
    state = 'subscribed';
    sendFrame(socket, { type: 'subscribed' });
  }

  socket.once('close', () => {
    clearTimeout(timer);
    state = 'closed';
    unsubscribe?.();
  });
}

function authToken(data: RawData, isBinary: boolean): string | undefined {
  if (isBinary) return undefined;
  try {
    const frame = JSON.parse(data.toString()) as { type?: unknown; token?: unknown } | null;
    return frame?.type === 'auth' && typeof frame.token === 'string' && frame.token !== '' ? frame.token : undefined;
  } catch {
    return undefined;
  }
}
