import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Services } from '../compose.js';
import { identifiedCustomer } from '../http/auth.js';
import { openAgentFeed } from './agent-feed.js';
import { openShopperStream } from './shopper-stream.js';
import type { TrackedSocket } from './socket-registry.js';

const HEARTBEAT_MS = 30_000;
/** How long a closing socket gets to answer the close frame before it is cut. */
const CLOSE_GRACE_MS = 1000;
const streamPath = /^\/v1\/conversations\/([^/]+)\/stream$/;

/** Attaches the WebSocket endpoints (the shopper's chat stream, the agent console's feed). */
export function attachSockets(server: Server, services: Services): { close(): void } {
  const { deps, chat: runtime, sessions, sockets: registry } = services;
  // Frames from clients are tiny (an auth frame); anything big is not ours.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  const alive = new WeakSet<WebSocket>();

  function track(socket: WebSocket, tracked: TrackedSocket): void {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
    // A peer that vanished mid-frame is an ordinary drop, not a server fault.
    socket.on('error', () => socket.terminate());
    registry.add(tracked);
    socket.once('close', () => registry.delete(tracked));
  }

  function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Nothing listens to the raw socket until ws takes it over (the agent's upgrade reads the
    // session first): a peer that resets it meanwhile would crash the process. Found by the kill runs.
    const dropped = () => socket.destroy();
    socket.on('error', dropped);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const stream = streamPath.exec(url.pathname);
    if (stream?.[1]) {
      const conversationId = decodeSegment(stream[1]);
      if (conversationId === undefined) return refuseUpgrade(socket, 400);
      if (!shopperOriginAllowed(request, deps.allowedOrigins)) return refuseUpgrade(socket, 403);
      socket.off('error', dropped);
      wss.handleUpgrade(request, socket, head, (ws) => {
        track(ws, { socket: ws, kind: 'shopper', conversationId });
        openShopperStream(ws, conversationId, runtime, (token) => identifiedCustomer(deps, token));
      });
      return;
    }
    if (url.pathname === '/agent/socket') {
      // The console's cookie is SameSite=Strict; checking Origin as well stops another site's page
      // from opening the feed with it (WebSockets are not subject to CORS).
      if (!sameOrigin(request)) return refuseUpgrade(socket, 403);
      // The session is in the database now: the upgrade waits for it (a failed read refuses).
      void sessions.fromCookieHeader(request.headers.cookie).then(
        (session) => {
          if (!session) return refuseUpgrade(socket, 401);
          socket.off('error', dropped);
          wss.handleUpgrade(request, socket, head, (ws) => {
            track(ws, { socket: ws, kind: 'agent', sessionId: session.id });
            // An end that committed between the cookie's check and the registration above was
            // told before this socket could hear it: ask once more before the feed opens.
            sessions.live([session.id]).then(
              (live) => {
                if (!live.has(session.id)) registry.closeAgentSockets(session.id);
                else if (ws.readyState === ws.OPEN) openAgentFeed(ws, session, runtime);
              },
              () => ws.close(1011, 'server'),
            );
          });
        },
        () => refuseUpgrade(socket, 503),
      );
      return;
    }
    refuseUpgrade(socket, 404);
  }

  // A session ended on any instance (the hub carries it) closes its sockets here.
  const stopEndWatch = sessions.onEnd((sessionId) => registry.closeAgentSockets(sessionId));
  /**
   * Closes the sockets of those sessions that no longer exist. The hub's news of an end can be
   * missed (NOTIFY has no replay while the LISTEN connection is down): the heartbeat asks too.
   */
  async function closeEndedSessions(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      const live = await sessions.live(ids);
      for (const id of ids) if (!live.has(id)) registry.closeAgentSockets(id);
    } catch {
      // A database that did not answer is asked again at the next beat.
    }
  }
  server.on('upgrade', onUpgrade);

  // A peer that stopped answering pings (a laptop lid closed) is cut, so presence stays honest.
  const heartbeat = setInterval(() => {
    // An agent who left the console open and walked away: the session expires, its feed closes.
    // A database that did not answer is asked again at the next beat.
    sessions
      .sweep()
      .catch(() => {})
      .then(() => closeEndedSessions(registry.agentSessions()));
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // This instance's consoles stay counted as online (rows older than the presence TTL are not).
  const presenceBeat = setInterval(() => {
    runtime.presence.refresh().catch(() => {});
  }, runtime.presence.refreshEveryMs);
  presenceBeat.unref();

  return {
    close() {
      clearInterval(heartbeat);
      clearInterval(presenceBeat);
      stopEndWatch();
      server.off('upgrade', onUpgrade);
      // 1001 "going away": the client reconnects and catches up once a server is back.
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      // http.Server#close waits for these sockets; one that never answers the close frame is cut.
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, CLOSE_GRACE_MS).unref();
      wss.close();
    },
  };
}

function refuseUpgrade(socket: Duplex, status: 400 | 401 | 403 | 404 | 503): void {
  const reason = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    503: 'Service Unavailable',
  }[status];
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Browsers send Origin on every WebSocket; other clients (tests, apps) may not. */
function shopperOriginAllowed(request: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  return origin === undefined || allowedOrigins.includes(origin) || sameOrigin(request);
}

function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
