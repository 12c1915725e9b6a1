import type { ChatEvent, ChatStream, ChatStreamHandlers } from '../../model/chat.js';

/** Frames the server sends besides ChatEvents: the answer to the auth frame, or why it refused. */
export type StreamControlFrame =
  { readonly type: 'subscribed' } | { readonly type: 'error'; readonly code: string; readonly message?: string };

/** The one frame the client sends: the token, first, so it never appears in a URL or a log line. */
export interface StreamAuthFrame {
  readonly type: 'auth';
  readonly token: string;
}

/** Close code of a refused auth frame (4000–4999 is for applications, RFC 6455 §7.4.2). */
export const STREAM_UNAUTHORIZED_CLOSE_CODE = 4401;

const chatEventTypes: ReadonlySet<string> = new Set(['message', 'typing', 'read', 'queue', 'agent_joined', 'status']);

/**
 * Opens a conversation's live stream. `onConnection('open')` waits for the server's `subscribed`
 * frame rather than the socket's open event: only then is the server forwarding events, so a
 * catch-up fetch made after it cannot miss one. Reconnecting is the chat store's job.
 */
export function openWebSocketChatStream(
  url: string,
  token: string,
  handlers: ChatStreamHandlers,
  WebSocketImpl: typeof WebSocket,
): ChatStream {
  let subscribed = false;
  let finished = false;
  const socket = new WebSocketImpl(url);

  const finish = (reason: 'refused' | 'dropped'): void => {
    if (finished) return;
    finished = true;
    handlers.onConnection('closed', reason);
  };

  socket.addEventListener('open', () => {
    const auth: StreamAuthFrame = { type: 'auth', token };
    socket.send(JSON.stringify(auth));
  });
  socket.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (finished) return;
    const frame = parseFrame(message.data);
    if (frame === undefined) return; // Unknown or malformed frames are skipped, not fatal: servers grow.
    if (frame.type === 'subscribed') {
      if (subscribed) return;
      subscribed = true;
      handlers.onConnection('open');
    } else if (frame.type === 'error') {
      // The server closes right after (4401 for a bad token); closing here too spares a hung socket.
      socket.close();
      finish('refused');
    } else if (subscribed) {
      handlers.onEvent(frame);
    }
  });
  // An error event is always followed by close; finish() runs once for both.
  socket.addEventListener('error', () => finish('dropped'));
  // 4401 is the server refusing the token (see docs/api/http-contract.md).
  socket.addEventListener('close', (event: CloseEvent) => finish(event.code === 4401 ? 'refused' : 'dropped'));

  return {
    close() {
      // The caller asked for it, so it hears nothing more: no 'closed', no late events.
      finished = true;
      if (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN) socket.close(1000);
    },
  };
}

/** A frame this client understands, or undefined for anything else (malformed, binary, unknown). */
function parseFrame(data: unknown): StreamControlFrame | ChatEvent | undefined {
  try {
    // Anything but a JSON object fails here or below: a binary frame is not JSON, null has no type.
    const frame = JSON.parse(data as string) as { type?: unknown; seq?: unknown };
    const known =
      frame.type === 'subscribed' ||
      frame.type === 'error' ||
      (chatEventTypes.has(frame.type as string) && typeof frame.seq === 'number');
    return known ? (frame as StreamControlFrame | ChatEvent) : undefined;
  } catch {
    return undefined;
  }
}
