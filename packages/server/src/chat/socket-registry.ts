import type { WebSocket } from 'ws';

export type TrackedSocket =
  | { readonly socket: WebSocket; readonly kind: 'shopper'; readonly conversationId: string }
  | { readonly socket: WebSocket; readonly kind: 'agent'; readonly sessionId: string };

/** The live sockets by what they are for: signing out closes an agent's, tests cut them. */
export interface SocketRegistry {
  add(tracked: TrackedSocket): void;
  delete(tracked: TrackedSocket): void;
  /** Closes the agent sockets of a session that ended (4401 "signed out": the console signs in again). */
  closeAgentSockets(sessionId: string): void;
  /** The sessions of the agent sockets open here. */
  agentSessions(): string[];
  /**
   * Test hook: cuts live sockets without a close handshake, as a dropped network would — the
   * shopper streams of one conversation, and optionally every agent console socket. Returns how
   * many were cut.
   */
  drop(which: { conversationId?: string; agents?: boolean }): number;
}

/** One per server (the composition root's); this instance's sockets only. */
export function createSocketRegistry(): SocketRegistry {
  const sockets = new Set<TrackedSocket>();
  return {
    add: (tracked) => void sockets.add(tracked),
    delete: (tracked) => void sockets.delete(tracked),
    closeAgentSockets(sessionId) {
      for (const tracked of sockets) {
        if (tracked.kind === 'agent' && tracked.sessionId === sessionId) tracked.socket.close(4401, 'signed out');
      }
    },
    agentSessions() {
      const ids = new Set<string>();
      for (const tracked of sockets) if (tracked.kind === 'agent') ids.add(tracked.sessionId);
      return [...ids];
    },
    drop({ conversationId, agents = false }) {
      let dropped = 0;
      for (const tracked of [...sockets]) {
        const hit =
          (tracked.kind === 'shopper' && tracked.conversationId === conversationId) ||
          (tracked.kind === 'agent' && agents);
        if (!hit) continue;
        tracked.socket.terminate();
        dropped += 1;
      }
      return dropped;
    },
  };
}
